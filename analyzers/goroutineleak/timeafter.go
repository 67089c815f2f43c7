package goroutineleak

import (
	"go/ast"
	"go/token"
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
		if !typematch.CallsFunc(c.info, call, "time", "After") {
			continue
		}
		u, ok := cur.Parent().Node().(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			continue
		}
		cc, ok := commClauseOf(cur.Parent())
		if !ok || recvOperand(cc.Comm) == nil {
			continue
		}
		fn, _, ok := enclosingFunc(cur)
		if !ok {
			continue
		}
		if len(loopsBetween(cur, fn)) == 0 || !c.otherCaseLoops(cc) {
			continue
		}
		c.r.Reportf(call, "%s in a loop makes a new timer on every iteration, and before Go 1.23 (this module's go line is %s) none is freed until it fires: in %s they pile up while other cases win; create one time.NewTimer before the loop and Reset it, or raise the go line to 1.23",
			exprString(call), strings.TrimPrefix(c.pass.Module.GoVersion, "go"), funcs.Name(fn)) // go vet says "go1.21", go/packages "1.21"
	}
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
