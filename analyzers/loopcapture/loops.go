package loopcapture

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
)

// enclosingLoops returns the for and range loops whose bodies contain n,
// innermost first, up to the nearest enclosing function, which it also
// returns.
func enclosingLoops(cur inspector.Cursor, n ast.Node) (loops []ast.Stmt, fn ast.Node) {
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch l := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return loops, l
		case *ast.ForStmt:
			if code.Contains(l.Body, n.Pos()) {
				loops = append(loops, l)
			}
		case *ast.RangeStmt:
			if code.Contains(l.Body, n.Pos()) {
				loops = append(loops, l)
			}
		}
	}
	return nil, nil
}

// locate returns the live block and index of the CFG node that contains n.
func locate(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for i, m := range b.Nodes {
			if m.Pos() <= n.Pos() && n.End() <= m.End() {
				return b, i
			}
		}
	}
	return nil, 0
}

// headerVar reports whether v is declared by the header of loop (a range
// key or value, or the init statement of a three-clause loop, with :=).
func headerVar(info *types.Info, v *types.Var, loop ast.Stmt) bool {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if l.Tok != token.DEFINE {
			return false
		}
		for _, e := range []ast.Expr{l.Key, l.Value} {
			if id, ok := e.(*ast.Ident); ok && info.Defs[id] == v {
				return true
			}
		}
	case *ast.ForStmt:
		if as, ok := l.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			for _, e := range as.Lhs {
				if id, ok := e.(*ast.Ident); ok && info.Defs[id] == v {
					return true
				}
			}
		}
	}
	return false
}

// regionOf returns the outermost of loops (innermost first) across whose
// iterations v is one shared variable, or nil when v is per-iteration in
// the innermost loop. A variable declared in a loop body is per-iteration;
// so is one declared by the loop header with :=, from Go 1.22 on.
func regionOf(v *types.Var, loops []ast.Stmt, old bool) ast.Stmt {
	var region ast.Stmt
	for _, l := range loops {
		body := code.LoopBody(l)
		if code.Contains(body, v.Pos()) {
			break
		}
		if code.Contains(l, v.Pos()) { // declared in the header
			if !old {
				break
			}
			return l
		}
		region = l
	}
	return region
}

// isLoopVar reports whether v is set by the header of one of loops: a
// range key or value, or a variable of a three-clause loop's init or post
// statement.
func isLoopVar(info *types.Info, v *types.Var, loops []ast.Stmt) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.ObjectOf(id) == v
	}
	for _, l := range loops {
		switch l := l.(type) {
		case *ast.RangeStmt:
			if (l.Key != nil && is(l.Key)) || (l.Value != nil && is(l.Value)) {
				return true
			}
		case *ast.ForStmt:
			for _, s := range []ast.Stmt{l.Init, l.Post} {
				switch s := s.(type) {
				case *ast.AssignStmt:
					for _, e := range s.Lhs {
						if is(e) {
							return true
						}
					}
				case *ast.IncDecStmt:
					if is(s.X) {
						return true
					}
				}
			}
		}
	}
	return false
}

func isNamedResult(v *types.Var, fn ast.Node) bool {
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	}
	if ft == nil || ft.Results == nil {
		return false
	}
	return code.Contains(ft.Results, v.Pos())
}

// changes are the places in a region where the loop changes a variable
// on every pass through them: assignments not under a condition, and range
// headers that assign it.
type changes struct {
	stmts  map[ast.Node]ast.Node       // assignment or inc/dec statement -> the assigned identifier
	ranges map[*ast.RangeStmt]ast.Node // range loop -> its key or value identifier
}

func (c *checker) newChanges(v *types.Var, region ast.Stmt) *changes {
	info := c.pass.TypesInfo
	ch := &changes{stmts: make(map[ast.Node]ast.Node), ranges: make(map[*ast.RangeStmt]ast.Node)}
	is := func(e ast.Expr) (*ast.Ident, bool) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return id, ok && info.ObjectOf(id) == v
	}
	var walk func(s ast.Stmt, cond bool)
	walkList := func(list []ast.Stmt, cond bool) {
		for _, s := range list {
			walk(s, cond)
		}
	}
	walk = func(s ast.Stmt, cond bool) {
		switch s := s.(type) {
		case *ast.BlockStmt:
			walkList(s.List, cond)
		case *ast.LabeledStmt:
			walk(s.Stmt, cond)
		case *ast.ForStmt:
			if s != region {
				walk(s.Init, cond)
			}
			walk(s.Post, cond)
			walk(s.Body, cond)
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{s.Key, s.Value} {
				if e == nil {
					continue
				}
				if id, ok := is(e); ok {
					ch.ranges[s] = id
				}
			}
			walk(s.Body, cond)
		case *ast.IfStmt:
			walk(s.Init, cond)
			walk(s.Body, true)
			walk(s.Else, true)
		case *ast.SwitchStmt:
			walk(s.Init, cond)
			for _, cc := range s.Body.List {
				walkList(cc.(*ast.CaseClause).Body, true)
			}
		case *ast.TypeSwitchStmt:
			walk(s.Init, cond)
			for _, cc := range s.Body.List {
				walkList(cc.(*ast.CaseClause).Body, true)
			}
		case *ast.SelectStmt:
			for _, cc := range s.Body.List {
				walkList(cc.(*ast.CommClause).Body, true)
			}
		case *ast.AssignStmt:
			if cond {
				return
			}
			for _, lhs := range s.Lhs {
				id, ok := is(lhs)
				if !ok {
					continue
				}
				if s.Tok == token.DEFINE && info.Defs[id] != nil {
					continue // a new variable, not an assignment
				}
				ch.stmts[s] = id
			}
		case *ast.IncDecStmt:
			if cond {
				return
			}
			if id, ok := is(s.X); ok {
				ch.stmts[s] = id
			}
		}
	}
	walk(region, false)
	return ch
}
