package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
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
			if !slices.Contains(ctxs, v) {
				ctxs = append(ctxs, v)
			}
			return true
		}
		if firstExitSkipping(loop.Body, c.endsGoroutine, doneCase) != nil || len(ctxs) == 0 {
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
// decl: every value it is given is never done (givenOnly).
func (c *checker) localNeverDone(v *types.Var, decl *ast.FuncDecl, depth int) string {
	if v == nil || decl == nil || decl.Body == nil || !code.Contains(decl.Body, v.Pos()) {
		return ""
	}
	desc := ""
	ok := c.givenOnly(v, decl.Body, func(rhs ast.Expr) bool {
		d := c.neverDone(rhs, decl, depth+1)
		if desc == "" {
			desc = d
		}
		return d != ""
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
		decl := c.decls[enclosingDecl(c.info, cur)]
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
			c.r.ReportRule(endlessRule(c.idlesEachIteration(dl.loop, l.lit)), analysis.Diagnostic{
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
			c.r.ReportRule(endlessRule(f.Idles), analysis.Diagnostic{
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
