package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/report"
)

// checkHelperSenders handles a select's channel that fn did not make but
// got from a helper of the package:
//
//	func (c *client) start() (chan int, chan error) {
//		out, errc := make(chan int), make(chan error)
//		go c.loop(out, errc) // sends on both
//		return out, errc
//	}
//
//	out, errc := c.start()
//	for { select { case <-c.stop: return nil; case err := <-errc: ...; case v := <-out: ... } }
//
// The helper made the channel unbuffered, gave it to goroutines that
// send on it, and returned it; fn only receives from it in this select.
// Once the select gives up, those senders block forever, as if fn had
// made the channel itself. The helper must be an unexported function of
// the package (its callers all in view), and fn must get the channel from
// one call of it, and use it nowhere but in receives of this select.
func (c *checker) checkHelperSenders(fcur inspector.Cursor, sel *ast.SelectStmt, ch *types.Var, a abandonment) {
	call, i, ok := c.onlyFromCall(fcur, ch)
	if !ok || !c.onlyReceivedIn(fcur, sel, ch) {
		return
	}
	callee := typeutil.StaticCallee(c.info, call)
	if callee == nil || callee.Exported() || callee.Pkg() != c.pass.Pkg {
		return
	}
	fd := c.decls[callee.Origin()]
	if fd == nil {
		return
	}
	hcur, ok := c.in.Root().FindNode(fd)
	if !ok {
		return
	}
	v, rets, ok := c.returnedVar(hcur, fd, i)
	if !ok {
		return
	}
	ss, ok := c.sendersOf(fd, hcur, rets, v)
	if !ok || ss.closer != nil {
		return
	}
	for _, s := range ss.order {
		if c.senderSignals(s.l, a.stop) {
			return
		}
	}
	s := ss.order[0]
	where := "%s sends here"
	if _, named := s.send.(*ast.CallExpr); named {
		where = "%s is started here" // a named sender: its launch
	}
	c.r.Report(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s started in %s blocks forever sending on unbuffered %s when %s",
			s.name, callee.Name(), ch.Name(), a.when),
		Related: append(append(report.Related(a.at, "%s", a.atMsg),
			report.Related(s.send, where, s.name)...),
			report.Related(ss.mk, "%s makes it unbuffered here", callee.Name())...),
	})
}

// onlyFromCall returns the call whose i-th result is the only value ever
// assigned to ch in the function (out, errc := c.start()).
func (c *checker) onlyFromCall(fcur inspector.Cursor, ch *types.Var) (*ast.CallExpr, int, bool) {
	_, v, tuple, ok := c.soleAssignment(fcur, ch)
	if !ok {
		return nil, 0, false
	}
	call, ok := ast.Unparen(v).(*ast.CallExpr)
	return call, max(tuple, 0), ok
}

// onlyReceivedIn reports whether every use of ch in the function, but its
// assignment, is the received operand of a case of sel.
func (c *checker) onlyReceivedIn(fcur inspector.Cursor, sel *ast.SelectStmt, ch *types.Var) bool {
	ops := make(map[ast.Expr]bool)
	for _, s := range sel.Body.List {
		if x := code.RecvOperand(s.(*ast.CommClause).Comm); x != nil {
			ops[ast.Unparen(x)] = true
		}
	}
	for u := range fcur.Preorder((*ast.Ident)(nil)) {
		id := u.Node().(*ast.Ident)
		if c.info.Uses[id] != ch || ops[id] {
			continue
		}
		if c.info.Defs[id] == nil && !isAssigned(u) {
			return false
		}
	}
	return true
}

// isAssigned reports whether the identifier at u is assigned to.
func isAssigned(u inspector.Cursor) bool {
	as, ok := u.Parent().Node().(*ast.AssignStmt)
	return ok && stored(as, u.Node().(*ast.Ident))
}

// returnedVar returns the local variable that every return statement of
// the function declaration fd returns as its i-th result, and the
// identifiers naming it there.
func (c *checker) returnedVar(hcur inspector.Cursor, fd *ast.FuncDecl, i int) (*types.Var, []*ast.Ident, bool) {
	var v *types.Var
	var ids []*ast.Ident
	for rc := range hcur.Preorder((*ast.ReturnStmt)(nil)) {
		if inNestedLit(rc, fd) {
			continue
		}
		ret := rc.Node().(*ast.ReturnStmt)
		if i >= len(ret.Results) {
			return nil, nil, false
		}
		id, ok := ast.Unparen(ret.Results[i]).(*ast.Ident)
		if !ok {
			return nil, nil, false
		}
		w := varOf(c.info, id)
		if w == nil || v != nil && w != v || !code.Contains(fd.Body, w.Pos()) {
			return nil, nil, false
		}
		v = w
		ids = append(ids, id)
	}
	return v, ids, v != nil
}
