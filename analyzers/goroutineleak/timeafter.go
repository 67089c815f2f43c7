package goroutineleak

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
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
	if !typematch.Imports(c.pass.Pkg, "time") || !c.mainModuleBefore(goversion.Go1_23) {
		return
	}
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !typematch.CallsFunc(c.info, call, "time", "After") || firesAtOnce(c.info, call) {
			continue
		}
		fn, _, ok := enclosingFunc(cur)
		if !ok || len(loopsBetween(cur, fn)) == 0 {
			continue
		}
		if !c.selectedInLoop(cur) && !c.assignedAndSelectedInLoop(cur, fn) {
			continue
		}
		c.r.Reportf(call, "%s in a loop makes a new timer on every iteration, and before Go 1.23 (this module's go line is %s) none is freed until it fires: in %s they pile up while other cases win; create one time.NewTimer before the loop and Reset it, or raise the go line to 1.23",
			exprString(call), strings.TrimPrefix(c.pass.Module.GoVersion, "go"), funcs.Name(fn)) // go vet says "go1.21", go/packages "1.21"
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
	m := c.pass.Module
	if m == nil || !(m.Main || (m.Version == "" && m.Path != "")) {
		return false
	}
	atLeast, known := goversion.ModuleAtLeast(c.pass, v)
	return known && !atLeast
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
	return ok && recvOperand(cc.Comm) != nil && c.otherCaseLoops(cc)
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
		if !ok || recvOperand(cc.Comm) == nil {
			continue
		}
		if inner := loopsBetween(ic, fn); len(inner) == 0 || inner[0] != loop {
			continue
		}
		if within(as, cc) {
			// tick = time.After(d) once the old timer fired: one
			// timer at a time.
			return false
		}
		if c.otherCaseLoops(cc) {
			return true
		}
	}
	return false
}
