package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/scope"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A doneLoop is a for loop without condition whose only ways out are
// receives from the Done channel of some contexts: the bodies of the
// select cases <-ctx.Done() hold every return, break and goto that
// leaves it.
type doneLoop struct {
	loop *ast.ForStmt
	ctxs []*types.Var // the contexts whose Done the loop waits for
}

// doneOnlyLoop returns a for loop without condition in fn (outside nested
// function literals) that only the Done of context variables may leave,
// with those variables, or false. A loop that nothing at all leaves is
// the endless-loop rule's.
func (c *checker) doneOnlyLoop(fcur inspector.Cursor, fn ast.Node) (doneLoop, bool) {
	for lc := range fcur.Preorder((*ast.ForStmt)(nil)) {
		loop := lc.Node().(*ast.ForStmt)
		if loop.Cond != nil || inNestedLit(lc, fn) {
			continue
		}
		var ctxs []*types.Var
		doneCase := func(cc *ast.CommClause) bool {
			v := c.doneReceive(cc.Comm)
			if v == nil {
				return false
			}
			if !containsVar(ctxs, v) {
				ctxs = append(ctxs, v)
			}
			return true
		}
		if firstExitOutside(loop.Body, c.endsGoroutine, doneCase) != nil || len(ctxs) == 0 {
			continue
		}
		// The loop is left only in those cases: it waits for them.
		if firstExit(loop.Body, c.endsGoroutine) == nil {
			continue // no way out at all: the endless-loop rule's
		}
		return doneLoop{loop: loop, ctxs: ctxs}, true
	}
	return doneLoop{}, false
}

// firstExitOutside is firstExit, skipping the bodies of the select cases
// for which skip reports true.
func firstExitOutside(body *ast.BlockStmt, ends func(*ast.CallExpr) bool, skip func(*ast.CommClause) bool) ast.Node {
	pruned := &ast.BlockStmt{List: pruneCases(body.List, skip)}
	return firstExit(pruned, ends)
}

// pruneCases returns a copy of list in which the select statements (at
// any depth outside function literals) lose the cases skip picks; the
// statements themselves are shared.
func pruneCases(list []ast.Stmt, skip func(*ast.CommClause) bool) []ast.Stmt {
	out := make([]ast.Stmt, len(list))
	for i, st := range list {
		out[i] = pruneStmt(st, skip)
	}
	return out
}

func pruneStmt(st ast.Stmt, skip func(*ast.CommClause) bool) ast.Stmt {
	switch s := st.(type) {
	case *ast.SelectStmt:
		var kept []ast.Stmt
		for _, cc := range s.Body.List {
			cc := cc.(*ast.CommClause)
			if skip(cc) {
				continue
			}
			kept = append(kept, &ast.CommClause{Case: cc.Case, Comm: cc.Comm, Colon: cc.Colon, Body: pruneCases(cc.Body, skip)})
		}
		return &ast.SelectStmt{Select: s.Select, Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: kept, Rbrace: s.Body.Rbrace}}
	case *ast.BlockStmt:
		return &ast.BlockStmt{Lbrace: s.Lbrace, List: pruneCases(s.List, skip), Rbrace: s.Rbrace}
	case *ast.IfStmt:
		n := *s
		n.Body = pruneStmt(s.Body, skip).(*ast.BlockStmt)
		if s.Else != nil {
			n.Else = pruneStmt(s.Else, skip)
		}
		return &n
	case *ast.LabeledStmt:
		n := *s
		n.Stmt = pruneStmt(s.Stmt, skip)
		return &n
	case *ast.CaseClause:
		n := *s
		n.Body = pruneCases(s.Body, skip)
		return &n
	case *ast.SwitchStmt:
		n := *s
		n.Body = pruneStmt(s.Body, skip).(*ast.BlockStmt)
		return &n
	case *ast.TypeSwitchStmt:
		n := *s
		n.Body = pruneStmt(s.Body, skip).(*ast.BlockStmt)
		return &n
	case *ast.ForStmt:
		n := *s
		n.Body = pruneStmt(s.Body, skip).(*ast.BlockStmt)
		return &n
	case *ast.RangeStmt:
		n := *s
		n.Body = pruneStmt(s.Body, skip).(*ast.BlockStmt)
		return &n
	}
	return st
}

// doneReceive returns the context variable v of a select case's
// communication <-v.Done() (or x := <-v.Done(), x, ok := <-v.Done()), or nil.
func (c *checker) doneReceive(comm ast.Stmt) *types.Var {
	call, ok := ast.Unparen(code.RecvOperand(comm)).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" {
		return nil
	}
	v := c.exprVar(sel.X)
	if v == nil || !isContext(v.Type()) {
		return nil
	}
	return v
}

func containsVar(vs []*types.Var, v *types.Var) bool {
	for _, w := range vs {
		if w == v {
			return true
		}
	}
	return false
}

// neverDone describes the context expression e when its Done channel can
// never be closed: context.Background() or context.TODO(), a
// context.WithValue of such a context, any context.WithoutCancel, or a
// variable declared in the body of decl (the function declaration
// around e) that is only ever given such contexts, and never through its
// address. It returns "" otherwise.
func (c *checker) neverDone(e ast.Expr, decl *ast.FuncDecl, depth int) string {
	if depth > 4 {
		return ""
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		callee := typematch.Callee(c.info, e)
		switch {
		case callee == nil:
		case typematch.IsFunc(callee, "context", "Background", "TODO"):
			return "context." + callee.Name() + "()"
		case typematch.IsFunc(callee, "context", "WithoutCancel"):
			return "context.WithoutCancel"
		case typematch.IsFunc(callee, "context", "WithValue"):
			if len(e.Args) > 0 {
				return c.neverDone(e.Args[0], decl, depth+1)
			}
		}
	case *ast.Ident:
		return c.localNeverDone(varOf(c.info, e), decl, depth)
	}
	return ""
}

// localNeverDone is neverDone for a variable v declared in the body of
// decl: every value it is given is never done (a variable with none
// given is not), and its address is never taken.
func (c *checker) localNeverDone(v *types.Var, decl *ast.FuncDecl, depth int) string {
	if v == nil || decl == nil || decl.Body == nil || !code.Contains(decl.Body, v.Pos()) {
		return ""
	}
	desc, ok := "", true
	give := func(rhs ast.Expr) {
		d := c.neverDone(rhs, decl, depth+1)
		if d == "" {
			ok = false
		} else if desc == "" {
			desc = d
		}
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, isID := ast.Unparen(lhs).(*ast.Ident)
				if !isID || c.info.ObjectOf(id) != v {
					continue
				}
				if len(n.Lhs) != len(n.Rhs) {
					ok = false // from a multi-value call
					continue
				}
				give(n.Rhs[i])
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if c.info.Defs[name] != v {
					continue
				}
				if len(n.Values) != len(n.Names) {
					ok = false // zero value (nil) or a multi-value call
					continue
				}
				give(n.Values[i])
			}
		case *ast.UnaryExpr:
			if id, isID := ast.Unparen(n.X).(*ast.Ident); isID && n.Op == token.AND && c.info.Uses[id] == v {
				ok = false
			}
		}
		return true
	})
	if !ok {
		return ""
	}
	return desc
}

// checkNeverDoneLoops reports goroutines whose loop waits only for the
// Done of contexts that nothing can cancel: context.Background() has no
// Done channel, so such a loop never ends.
func (c *checker) checkNeverDoneLoops() {
	for cur := range c.in.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		l, ok := launchAt(c.info, cur.Node())
		if !ok {
			continue
		}
		fn, _, _ := enclosingFunc(cur)
		decl := enclosingFuncDecl(cur)
		switch {
		case l.lit != nil:
			lcur, ok := cur.FindNode(l.lit)
			if !ok {
				continue
			}
			dl, ok := c.doneOnlyLoop(lcur, l.lit)
			if !ok {
				continue
			}
			var desc string
			for _, v := range dl.ctxs {
				if desc = c.launchedNeverDone(v, l, decl); desc == "" {
					break
				}
			}
			if desc == "" || c.livesAsLongAsTheProcess(cur) {
				continue
			}
			c.r.ReportRule(c.neverDoneRule(dl.loop, l.lit), analysis.Diagnostic{
				Pos: dl.loop.For, End: dl.loop.Body.Lbrace,
				Message: fmt.Sprintf("the goroutine started in %s leaves its loop only on %s.Done(), but %s is %s, never cancelled, so it can never stop",
					funcs.Name(fn), dl.ctxs[0].Name(), dl.ctxs[0].Name(), desc),
				Related: []analysis.RelatedInformation{{Pos: l.node.Pos(), End: launchEnd(l), Message: "the goroutine starts here"}},
			})
		case l.call != nil && l.callee != nil:
			f := c.factOf(l.callee)
			if f == nil || len(f.DoneOnly) == 0 {
				continue
			}
			var desc string
			for _, i := range f.DoneOnly {
				if i >= len(l.call.Args) || l.call.Ellipsis.IsValid() {
					desc = ""
					break
				}
				if desc = c.neverDone(l.call.Args[i], decl, 0); desc == "" {
					break
				}
			}
			if desc == "" || c.livesAsLongAsTheProcess(cur) {
				continue
			}
			rule := scope.RuleEndless
			if f.Idles {
				rule = ""
			}
			c.r.ReportRule(rule, analysis.Diagnostic{
				Pos: l.call.Pos(), End: l.call.End(),
				Message: fmt.Sprintf("goroutine %s leaves its loop only when its context is done, but is given %s, never cancelled, so it can never stop",
					l.callee.Name(), desc),
			})
		}
	}
}

// launchedNeverDone describes the context v that a launched literal
// waits for when it can never be done: a variable of the function
// declaration decl around the launch, or a parameter of the literal
// given such a context as its argument.
func (c *checker) launchedNeverDone(v *types.Var, l launch, decl *ast.FuncDecl) string {
	if params := l.lit.Type.Params; params != nil && l.call != nil && code.Contains(params, v.Pos()) {
		i := 0
		for _, field := range params.List {
			for _, name := range field.Names {
				if c.info.Defs[name] == v && i < len(l.call.Args) {
					return c.neverDone(l.call.Args[i], decl, 0)
				}
				i++
			}
			if len(field.Names) == 0 {
				i++
			}
		}
		return ""
	}
	return c.localNeverDone(v, decl, 0)
}

// enclosingFuncDecl returns the function declaration around cur, or nil.
func enclosingFuncDecl(cur inspector.Cursor) *ast.FuncDecl {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return c.Node().(*ast.FuncDecl)
	}
	return nil
}

// neverDoneRule is the scope row of a never-done loop: like an endless
// loop, one that idles each round is reported in production code only.
func (c *checker) neverDoneRule(loop *ast.ForStmt, fn ast.Node) string {
	if c.idlesEachIteration(loop, fn) {
		return ""
	}
	return scope.RuleEndless
}

// doneOnlyParams returns the indices of fd's context parameters when a
// for loop of its body can be left only by their Done (doneOnlyLoop),
// and whether that loop idles each round.
func (c *checker) doneOnlyParams(cur inspector.Cursor, fd *ast.FuncDecl, params *types.Tuple) ([]int, bool) {
	dl, ok := c.doneOnlyLoop(cur, fd)
	if !ok {
		return nil, false
	}
	var idx []int
	for _, v := range dl.ctxs {
		i := paramIndexOf(params, v)
		if i < 0 {
			return nil, false
		}
		idx = append(idx, i)
	}
	return idx, c.idlesEachIteration(dl.loop, fd)
}
