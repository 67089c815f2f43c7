package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/goversion"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkTimeAfterInLoops reports time.After as a select case in a loop,
// when the main module's go line is below 1.23: before Go 1.23 a timer is
// not collected until it fires, so every iteration that another case wins
// leaves one behind. Since Go 1.23 unreferenced timers are collected, and
// that runtime behaviour follows the main module's go line (GODEBUG
// asynctimerchan), not the file's, so the rule asks pass.Module and stays
// silent when the driver does not say, or when the package is not in the
// main module.
func (c *checker) checkTimeAfterInLoops() {
	// No early leave on packages that do not import time: a helper of
	// another package may make the timer.
	if !c.mainModuleBefore(goversion.Go1_23) {
		return
	}
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		helper, ok := c.makesTimer(call)
		if !ok {
			continue
		}
		fn, _, ok := enclosingFunc(cur)
		if !ok || len(loopsBetween(cur, fn)) == 0 {
			continue
		}
		if !c.selectedInLoop(cur) && !c.assignedAndSelectedInLoop(cur, fn) {
			continue
		}
		goLine := strings.TrimPrefix(c.pass.Module.GoVersion, "go") // go vet says "go1.21", go/packages "1.21"
		if helper == nil {
			c.r.Reportf(call, "%s in a loop makes a new timer on every iteration, and before Go 1.23 (this module's go line is %s) none is freed until it fires",
				exprString(call), goLine)
			continue
		}
		c.r.Report(analysis.Diagnostic{
			Pos: call.Pos(),
			End: call.End(),
			Message: fmt.Sprintf("%s in a loop makes a new timer on every iteration, and before Go 1.23 (this module's go line is %s) none is freed until it fires",
				exprString(call), goLine),
			Related: []analysis.RelatedInformation{{
				Pos:     helper.Pos(),
				End:     helper.Pos() + token.Pos(len(helper.Name())),
				Message: fmt.Sprintf("%s returns a new time.After channel on each call", helper.Name()),
			}},
		})
	}
}

// firesAtOnce reports whether time.After's duration is a constant of zero
// or less: such a timer fires at once and is freed, and never piles up.
func firesAtOnce(info *types.Info, call *ast.CallExpr) bool {
	if len(call.Args) != 1 {
		return false
	}
	tv, ok := info.Types[call.Args[0]]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) <= 0
}

// makesTimer reports whether call makes a fresh timer channel: a call of
// time.After (helper nil), or of a function whose every return is one
// (the helper, known from this package's summary or a fact).
func (c *checker) makesTimer(call *ast.CallExpr) (helper *types.Func, ok bool) {
	if typematch.CallsFunc(c.info, call, "time", "After") {
		return nil, !firesAtOnce(c.info, call)
	}
	fn := typematch.Callee(c.info, call)
	if f := c.factOf(fn); f != nil && f.ReturnsTimer {
		return fn, true
	}
	return nil, false
}

// returnsFreshTimer reports whether fd returns a single channel of
// time.Time, and each of its returns hands back time.After's channel or
// nil, at least one of them time.After's: every call then starts a timer
// that only firing frees before Go 1.23.
func (c *checker) returnsFreshTimer(cur inspector.Cursor, fd *ast.FuncDecl) bool {
	res := fd.Type.Results
	if res == nil || res.NumFields() != 1 {
		return false
	}
	ch, ok := c.info.TypeOf(res.List[0].Type).Underlying().(*types.Chan)
	if !ok || !typematch.IsNamed(ch.Elem(), "time", "Time") {
		return false
	}
	timers := 0
	for rc := range cur.Preorder((*ast.ReturnStmt)(nil)) {
		if inNestedLit(rc, fd) {
			continue
		}
		ret := rc.Node().(*ast.ReturnStmt)
		if len(ret.Results) != 1 {
			return false // a bare return of a named result
		}
		switch r := ast.Unparen(ret.Results[0]).(type) {
		case *ast.CallExpr:
			if !typematch.CallsFunc(c.info, r, "time", "After") {
				return false
			}
			timers++
		case *ast.Ident:
			if !c.info.Types[r].IsNil() {
				return false
			}
		default:
			return false
		}
	}
	return timers > 0
}

// commClauseOf returns the select case whose communication is the
// statement holding the receive at cur.
func commClauseOf(cur inspector.Cursor) (*ast.CommClause, bool) {
	stmt := cur.Parent()
	cc, ok := stmt.Parent().Node().(*ast.CommClause)
	if !ok || cc.Comm != stmt.Node() {
		return nil, false
	}
	return cc, true
}

// mainModuleBefore reports whether the package belongs to the main module
// and that module's go line is known and below v.
func (c *checker) mainModuleBefore(v string) bool {
	if m := c.pass.Module; m == nil || !isMainModule(m) {
		return false
	}
	atLeast, known := goversion.ModuleAtLeast(c.pass, v)
	return known && !atLeast
}

// isMainModule reports whether m is the main module, as the driver says
// (Module.Main). go vet before Go 1.27 says only the module's path,
// version and go line (no Dir, no GoMod): a module without a version is
// then taken as the main one, since a dependency has one.
func isMainModule(m *analysis.Module) bool {
	if m.Main || m.Dir != "" || m.GoMod != "" {
		return m.Main
	}
	return m.Version == "" && m.Path != ""
}

// otherCaseLoops reports whether a case of the select other than cc goes
// round the loop again: only then can timers pile up. When every other
// case leaves the loop, at most one timer outlives it.
func (c *checker) otherCaseLoops(cc *ast.CommClause) bool {
	sel, ok := c.selectOf(cc)
	if !ok {
		return false
	}
	for _, s := range sel.Body.List {
		if other := s.(*ast.CommClause); other != cc && !c.caseLeaves(other) {
			return true
		}
	}
	return false
}

func (c *checker) selectOf(cc *ast.CommClause) (*ast.SelectStmt, bool) {
	cur, ok := c.in.Root().FindNode(cc)
	if !ok {
		return nil, false
	}
	sel, ok := cur.Parent().Parent().Node().(*ast.SelectStmt)
	return sel, ok
}

// selectedInLoop reports whether the time.After call at cur is the
// operand of a select case in a loop, and another case goes round again.
func (c *checker) selectedInLoop(cur inspector.Cursor) bool {
	u, ok := cur.Parent().Node().(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	cc, ok := commClauseOf(cur.Parent())
	return ok && code.RecvOperand(cc.Comm) != nil && c.otherCaseLoops(cc)
}

// assignedAndSelectedInLoop reports whether the time.After call at cur
// is assigned to a local variable (idle := time.After(d)) in a loop of
// fn, and a select in that same loop receives from the variable while
// another of its cases goes round again: each iteration then makes a
// timer that nothing frees until it fires.
func (c *checker) assignedAndSelectedInLoop(cur inspector.Cursor, fn ast.Node) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	var v *types.Var
	for i, r := range as.Rhs {
		if r == cur.Node() {
			if id, ok := ast.Unparen(as.Lhs[i]).(*ast.Ident); ok {
				v, _ = c.info.ObjectOf(id).(*types.Var)
			}
		}
	}
	if v == nil {
		return false
	}
	loop := loopsBetween(cur, fn)[0] // the innermost loop
	lcur, ok := cur.Inspector().Root().FindNode(loop)
	if !ok {
		return false
	}
	for ic := range lcur.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[ic.Node().(*ast.Ident)] != v {
			continue
		}
		// <-idle as a case of a select, with no loop between it and
		// the assignment's loop.
		u, ok := ic.Parent().Node().(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			continue
		}
		cc, ok := commClauseOf(ic.Parent())
		if !ok || code.RecvOperand(cc.Comm) == nil {
			continue
		}
		if code.Encloses(cc, as) {
			// tick = time.After(d) once the old timer fired: one
			// timer at a time.
			return false
		}
		if sel, ok := c.selectOf(cc); ok && code.Encloses(sel, as) {
			if _, direct := cur.Parent().Parent().Node().(*ast.CommClause); !direct {
				// Re-armed in another case under a condition (a
				// won vote, a changed setting): on an event, not
				// on every iteration that case wins.
				return false
			}
		}
		inner := loopsBetween(ic, fn)
		switch {
		case len(inner) > 0 && inner[0] == loop:
			if c.otherCaseLoops(cc) {
				return true
			}
		case slices.Contains(inner, loop):
			// The select sits in a loop nested in the timer's: going
			// round the inner loop keeps the timer, but a case that
			// continues the timer's loop makes the next one.
			if c.otherCaseContinues(cc, lcur) {
				return true
			}
		}
	}
	return false
}

// otherCaseContinues reports whether a case of cc's select other than cc
// continues the labelled loop at loop, leaving its timer pending.
func (c *checker) otherCaseContinues(cc *ast.CommClause, loop inspector.Cursor) bool {
	ls, ok := loop.Parent().Node().(*ast.LabeledStmt)
	if !ok {
		return false // only a labelled continue reaches an outer loop
	}
	sel, ok := c.selectOf(cc)
	if !ok {
		return false
	}
	for _, s := range sel.Body.List {
		other := s.(*ast.CommClause)
		if other == cc {
			continue
		}
		continues := false
		ast.Inspect(other, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			if br, ok := n.(*ast.BranchStmt); ok && br.Tok == token.CONTINUE && br.Label != nil && br.Label.Name == ls.Label.Name {
				continues = true
			}
			return !continues
		})
		if continues {
			return true
		}
	}
	return false
}
