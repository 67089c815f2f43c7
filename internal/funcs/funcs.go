// Package funcs answers the questions analyzers ask of "the function" a
// node is in, whether it is declared (*ast.FuncDecl) or a literal
// (*ast.FuncLit): its body, its signature, its control-flow graph.
package funcs

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// Body returns the body of a *ast.FuncDecl or *ast.FuncLit (nil for a
// declaration without one, or another node).
func Body(fn ast.Node) *ast.BlockStmt {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body
	case *ast.FuncLit:
		return fn.Body
	}
	return nil
}

// Receiver returns the receiver variable of a method declaration, or nil
// for a function or a method whose receiver has no name.
func Receiver(info *types.Info, fd *ast.FuncDecl) *types.Var {
	if fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
		return nil
	}
	v, _ := info.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
	return v
}

// Name returns the name a message uses for fn: a declared function's name,
// or "the function literal".
func Name(fn ast.Node) string {
	if d, ok := fn.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "the function literal"
}

// Type returns the signature of a *ast.FuncDecl or *ast.FuncLit.
func Type(fn ast.Node) *ast.FuncType {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Type
	case *ast.FuncLit:
		return fn.Type
	}
	return nil
}

// CFG returns the control-flow graph ctrlflow built for fn, or nil.
func CFG(cfgs *ctrlflow.CFGs, fn ast.Node) *cfg.CFG {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return cfgs.FuncDecl(fn)
	case *ast.FuncLit:
		return cfgs.FuncLit(fn)
	}
	return nil
}

// Enclosing returns the cursor of the innermost function declaration or
// literal that contains cur (cur itself if it is one).
func Enclosing(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c, true
	}
	return inspector.Cursor{}, false
}

// InLoop reports whether a for or range loop of cur's function encloses
// cur (or cur is one): a statement there may run more than once (a retry
// loop, a loop that takes a lock per pass).
func InLoop(cur inspector.Cursor) bool {
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
		return false
	}
	return false
}

// StmtList returns the statement list that n holds, for the nodes that
// hold one (a block, a switch or type switch case, a select case), and
// false for any other node.
func StmtList(n ast.Node) ([]ast.Stmt, bool) {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List, true
	case *ast.CaseClause:
		return n.Body, true
	case *ast.CommClause:
		return n.Body, true
	}
	return nil, false
}

// SearchBlocks visits, depth first and each once, the blocks reachable
// from roots through the successors that visit returns for each block
// (b.Succs, a part of them, or none to stop that path). It stops, and
// reports true, as soon as visit says stop.
func SearchBlocks(roots []*cfg.Block, visit func(b *cfg.Block) (stop bool, next []*cfg.Block)) bool {
	seen := make(map[*cfg.Block]bool)
	stack := append([]*cfg.Block(nil), roots...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		stop, next := visit(b)
		if stop {
			return true
		}
		stack = append(stack, next...)
	}
	return false
}

// Has reports whether some node of n matches, in the function n is part
// of: nodes inside function literals, which run when and if the literal
// is called, do not count.
func Has(n ast.Node, match func(n ast.Node) bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		found = match(n)
		return !found
	})
	return found
}

// HasCall reports whether n makes a call for which match is true, in the
// function n is part of (see Has).
func HasCall(n ast.Node, match func(call *ast.CallExpr) bool) bool {
	return Has(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		return ok && match(call)
	})
}

// EndingCall returns the call that ends the block, when its last node is
// a call statement: for a block without successors, the call that does
// not return (panic, os.Exit, t.FailNow, ...).
func EndingCall(b *cfg.Block) (*ast.CallExpr, bool) {
	if len(b.Nodes) == 0 {
		return nil, false
	}
	es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt)
	if !ok {
		return nil, false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	return call, ok
}

// LeavesList reports whether the block's last statement leaves the
// statement list it is in: a return, or a break, continue or goto (if
// !ok { continue }).
func LeavesList(b *ast.BlockStmt) bool {
	if b == nil || len(b.List) == 0 {
		return false
	}
	switch b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	}
	return false
}
