package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkWaitBeforeDrain reports the deadlock of a fan-out that waits for
// its workers before it receives their results:
//
//	errCh := make(chan error)
//	for ... { wg.Go(func() { if err := work(); err != nil { errCh <- err } }) }
//	wg.Wait()
//	close(errCh)
//	for err := range errCh { ... }
//
// The first worker to send blocks on the unbuffered channel, since the
// function receives only after Wait, and Wait waits for that worker: both
// block forever. The rule: the channel is made unbuffered in the
// function; every goroutine using it is a function literal the function
// starts before a Wait on a sync.WaitGroup or errgroup.Group and counted
// by that group (started with its Go, or calling its Done), and only sends
// on it outside a select; the function's own uses are receives and a
// close after that Wait.
func (c *checker) checkWaitBeforeDrain() {
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		wait := cur.Node().(*ast.CallExpr)
		group, ok := c.waitGroup(wait)
		if !ok {
			continue
		}
		fn, fcur, ok := enclosingFunc(cur)
		if !ok {
			continue
		}
		for _, ch := range c.unbufferedLocals(fcur) {
			c.checkDrainAfter(fn, fcur, wait, group, ch)
		}
	}
}

// waitGroup returns the group whose Wait the call is (wg.Wait() on a
// sync.WaitGroup, g.Wait() on an errgroup.Group: a join), by the variable
// or field it names.
func (c *checker) waitGroup(call *ast.CallExpr) (types.Object, bool) {
	if !knowledge.CallsJoin(c.info, call) {
		return nil, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, false
	}
	obj := groupObj(c.info, sel.X)
	return obj, obj != nil
}

// groupObj returns the variable or field a group expression names (wg,
// &wg, s.wg).
func groupObj(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.Uses[e]
	case *ast.SelectorExpr:
		return info.Uses[e.Sel]
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return groupObj(info, e.X)
		}
	}
	return nil
}

// unbufferedLocals returns the local channels the function at fcur
// makes unbuffered (make(chan T)), once each.
func (c *checker) unbufferedLocals(fcur inspector.Cursor) []*types.Var {
	var out []*types.Var
	for cur := range fcur.Preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		if as.Tok != token.DEFINE || len(as.Lhs) != len(as.Rhs) || inNestedLit(cur, fcur.Node()) {
			continue
		}
		for i, rhs := range as.Rhs {
			call, ok := ast.Unparen(rhs).(*ast.CallExpr)
			if !ok || !c.isBuiltin(call, "make") || len(call.Args) != 1 || !isChan(c.info.TypeOf(call)) {
				continue
			}
			if id, ok := as.Lhs[i].(*ast.Ident); ok {
				if v, ok := c.info.Defs[id].(*types.Var); ok {
					if _, _, ok := c.unbufferedMake(fcur, v); ok {
						out = append(out, v)
					}
				}
			}
		}
	}
	return out
}

// checkDrainAfter reports ch when its senders are goroutines counted by
// group and started before wait, and fn receives from it only after wait.
func (c *checker) checkDrainAfter(fn ast.Node, fcur inspector.Cursor, wait *ast.CallExpr, group types.Object, ch *types.Var) {
	var send *ast.SendStmt
	received := false
	for u := range fcur.Preorder((*ast.Ident)(nil)) {
		id := u.Node().(*ast.Ident)
		if c.info.Uses[id] != ch {
			continue
		}
		if lit := outermostLit(u, fn); lit != nil {
			s, ok := u.Parent().Node().(*ast.SendStmt)
			if !ok || s.Chan != id || !isPlainSend(u.Parent()) || lit.End() > wait.Pos() || !c.countedBy(fcur, lit, group) {
				return // another use, or a goroutine the Wait does not count
			}
			if send == nil {
				send = s
			}
			continue
		}
		if id.Pos() < wait.End() {
			return // the function receives or passes ch before it waits
		}
		switch p := u.Parent().Node().(type) {
		case *ast.UnaryExpr:
			if p.Op != token.ARROW {
				return
			}
			received = true
		case *ast.RangeStmt:
			if p.X != id {
				return
			}
			received = true
		case *ast.CallExpr:
			if !c.isBuiltin(p, "close") {
				return
			}
		default:
			return
		}
	}
	if send == nil || !received {
		return
	}
	starter := funcs.Name(fn)
	c.r.Report(analysis.Diagnostic{
		Pos: send.Pos(), End: send.End(),
		Message: fmt.Sprintf("the goroutine sends on unbuffered %s, which %s receives from only after waiting for it: the first send deadlocks both",
			ch.Name(), starter),
		Related: report.Related(wait, "%s waits here before any receive from %s", starter, ch.Name()),
	})
}

// countedBy reports whether the goroutine literal lit is counted by
// group: started with its joined launcher (wg.Go, g.Go), or calling its
// Done.
func (c *checker) countedBy(fcur inspector.Cursor, lit *ast.FuncLit, group types.Object) bool {
	lcur, ok := fcur.FindNode(lit)
	if !ok {
		return false
	}
	if call, ok := lcur.Parent().Node().(*ast.CallExpr); ok {
		if w, ok := knowledge.LauncherOf(c.info, call); ok && w.Joined {
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			return ok && groupObj(c.info, sel.X) == group
		}
		if _, ok := lcur.Parent().Parent().Node().(*ast.GoStmt); !ok {
			return false // not started as a goroutine
		}
	}
	// wg.Done(), deferred or not.
	return funcs.HasCall(lit.Body, func(call *ast.CallExpr) bool {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && groupObj(c.info, sel.X) == group && typematch.IsMethod(typematch.Callee(c.info, call), "sync", "WaitGroup", "Done")
	})
}
