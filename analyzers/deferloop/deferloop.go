package deferloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

// Analyzer reports defer statements that accumulate in a loop.
var Analyzer = &analysis.Analyzer{
	Name:     "deferloop",
	Doc:      docs.Extract(doc, "deferloop"),
	URL:      "https://github.com/trapvet/trapvet/blob/main/docs/deferloop.md",
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	r := report.New(pass)

	for cur := range in.Root().Preorder((*ast.DeferStmt)(nil)) {
		def := cur.Node().(*ast.DeferStmt)
		loops, fn := enclosingLoops(cur)
		if len(loops) == 0 {
			continue
		}
		g := funcCFG(cfgs, fn)
		if g == nil {
			continue
		}
		if !repeats(g, def, loops) {
			continue
		}
		inner := loops[0]
		if releasesValueKeptAfterIteration(pass.TypesInfo, def.Call, loopBody(inner)) {
			continue
		}
		d := analysis.Diagnostic{
			Pos:     def.Pos(),
			End:     def.End(),
			Message: fmt.Sprintf("defer %s in loop: %s", callString(def.Call), consequence(pass.TypesInfo, def.Call, funcName(fn))),
			Related: report.Related(inner, "the loop"),
		}
		if bodyIsSelfContained(loopBody(inner)) {
			d.SuggestedFixes = []analysis.SuggestedFix{wrapBody(loopBody(inner))}
		}
		r.Report(d)
	}
	return nil, nil
}

// enclosingLoops returns the for and range loops whose bodies contain the
// statement at cur, innermost first, up to the nearest enclosing function,
// which it also returns.
func enclosingLoops(cur inspector.Cursor) (loops []ast.Stmt, fn ast.Node) {
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return loops, n
		case *ast.ForStmt, *ast.RangeStmt:
			if n.(ast.Stmt) != cur.Node() {
				loops = append(loops, n.(ast.Stmt))
			}
		}
	}
	return nil, nil
}

func funcCFG(cfgs *ctrlflow.CFGs, fn ast.Node) *cfg.CFG {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return cfgs.FuncDecl(fn)
	case *ast.FuncLit:
		return cfgs.FuncLit(fn)
	}
	return nil
}

// repeats reports whether control can flow from def back to the head of
// one of the loops, so that def can execute more than once before the
// function returns.
func repeats(g *cfg.CFG, def *ast.DeferStmt, loops []ast.Stmt) bool {
	heads := make(map[*cfg.Block]bool)
	var start *cfg.Block
	for _, b := range g.Blocks {
		if isLoopHead(b) && isOneOf(b.Stmt, loops) {
			heads[b] = true
		}
		for _, n := range b.Nodes {
			if n == def {
				start = b
			}
		}
	}
	if start == nil || !start.Live {
		return false
	}
	seen := make(map[*cfg.Block]bool)
	stack := append([]*cfg.Block(nil), start.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if heads[b] {
			return true
		}
		stack = append(stack, b.Succs...)
	}
	return false
}

// isLoopHead reports whether b is the target of its loop's back edge: the
// condition block, or for a loop without condition, the body itself.
func isLoopHead(b *cfg.Block) bool {
	switch b.Kind {
	case cfg.KindForLoop, cfg.KindRangeLoop:
		return true
	case cfg.KindForBody:
		return b.Stmt.(*ast.ForStmt).Cond == nil
	}
	return false
}

func isOneOf(s ast.Stmt, loops []ast.Stmt) bool {
	for _, l := range loops {
		if s == l {
			return true
		}
	}
	return false
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

func funcName(fn ast.Node) string {
	if d, ok := fn.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "the function literal"
}

// callString renders the deferred call for a message, abbreviating a
// function literal's body.
func callString(call *ast.CallExpr) string {
	s := types.ExprString(call)
	if _, ok := call.Fun.(*ast.FuncLit); ok {
		s = "func() {...}()"
	}
	return s
}

// consequence says what stays held, as precisely as the deferred call
// tells.
func consequence(info *types.Info, call *ast.CallExpr, fn string) string {
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		recv := types.ExprString(sel.X)
		callee := typematch.Callee(info, call)
		switch {
		case typematch.IsMethod(callee, "sync", "Mutex", "Unlock"),
			typematch.IsMethod(callee, "sync", "RWMutex", "Unlock", "RUnlock"),
			typematch.IsMethod(callee, "sync", "Locker", "Unlock"):
			return fmt.Sprintf("%s stays locked until %s returns (a Lock in the next iteration deadlocks)", recv, fn)
		case sel.Sel.Name == "Close":
			return fmt.Sprintf("every %s stays open until %s returns", recv, fn)
		case typematch.IsMethod(callee, "database/sql", "Tx", "Rollback"):
			return fmt.Sprintf("every transaction %s stays open until %s returns", recv, fn)
		}
	}
	if tv, ok := info.Types[call.Fun]; ok && typematch.IsNamed(tv.Type, "context", "CancelFunc") {
		return fmt.Sprintf("every context made in the loop, and its timer, lives until %s returns", fn)
	}
	return fmt.Sprintf("it runs only when %s returns, once for every iteration, not at the end of each", fn)
}

// releasesValueKeptAfterIteration reports whether the deferred call
// refers to a variable declared in the loop body that the body also stores
// where it outlives the iteration. Then the function goes on using the
// value after the loop, and releasing it on return is the intent.
func releasesValueKeptAfterIteration(info *types.Info, call *ast.CallExpr, body *ast.BlockStmt) bool {
	released := make(map[*types.Var]bool)
	ast.Inspect(call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && within(v.Pos(), body) {
				released[v] = true
			}
		}
		return true
	})
	if len(released) == 0 {
		return false
	}
	refersToReleased := func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && released[v] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	kept := false
	ast.Inspect(body, func(n ast.Node) bool {
		if kept {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if i < len(n.Rhs) && len(n.Lhs) == len(n.Rhs) && outlivesIteration(info, lhs, body) && refersToReleased(n.Rhs[i]) {
					kept = true
				}
			}
		case *ast.SendStmt:
			kept = refersToReleased(n.Value)
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "append" && len(n.Args) > 1 {
				if _, builtin := info.Uses[id].(*types.Builtin); builtin {
					for _, a := range n.Args[1:] {
						kept = kept || refersToReleased(a)
					}
				}
			}
		}
		return true
	})
	return kept
}

// outlivesIteration reports whether storing into lhs keeps the value past
// the current iteration: lhs is a field, element or dereference, or a
// variable declared outside the loop body.
func outlivesIteration(info *types.Info, lhs ast.Expr, body *ast.BlockStmt) bool {
	switch e := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if e.Name == "_" {
			return false
		}
		obj := info.ObjectOf(e)
		return obj != nil && !within(obj.Pos(), body)
	case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
		return true
	}
	return false
}

func within(pos token.Pos, n ast.Node) bool { return n.Pos() <= pos && pos < n.End() }

// bodyIsSelfContained reports whether wrapping body in func() { ... }()
// keeps its meaning: no return, goto or label anywhere in it (outside
// function literals), and no break or continue that would leave it.
func bodyIsSelfContained(body *ast.BlockStmt) bool {
	ok := true
	var visit func(n ast.Node, breakable, continuable bool) bool
	visit = func(n ast.Node, breakable, continuable bool) bool {
		ast.Inspect(n, func(m ast.Node) bool {
			if !ok || m == nil {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt, *ast.LabeledStmt:
				ok = false
			case *ast.BranchStmt:
				switch {
				case m.Label != nil, m.Tok == token.GOTO:
					ok = false
				case m.Tok == token.BREAK && !breakable, m.Tok == token.CONTINUE && !continuable:
					ok = false
				}
			case *ast.ForStmt:
				visit(m.Body, true, true)
				return false
			case *ast.RangeStmt:
				visit(m.Body, true, true)
				return false
			case *ast.SwitchStmt:
				visit(m.Body, true, continuable)
				return false
			case *ast.TypeSwitchStmt:
				visit(m.Body, true, continuable)
				return false
			case *ast.SelectStmt:
				visit(m.Body, true, continuable)
				return false
			}
			return true
		})
		return ok
	}
	return visit(body, false, false)
}

// wrapBody rewrites the loop body { S } as { func() { S }() }.
func wrapBody(body *ast.BlockStmt) analysis.SuggestedFix {
	return analysis.SuggestedFix{
		Message: "Run each iteration in a function literal, so the defer runs per iteration",
		TextEdits: []analysis.TextEdit{
			{Pos: body.Lbrace + 1, End: body.Lbrace + 1, NewText: []byte("\nfunc() {")},
			{Pos: body.Rbrace, End: body.Rbrace, NewText: []byte("}()\n")},
		},
	}
}
