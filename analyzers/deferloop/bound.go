package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// unbounded reports whether one of the loops runs a number of times the
// code does not bound: a loop with no condition, or with a condition other
// than a counter below a limit; a counter whose limit is read at run time
// (a configured iteration count), not the length of data at hand; a range
// over a channel, an iterator function or an integer read at run time.
// Such a loop runs as long as its input lasts: in a soak or stress harness
// as long as the run, so a defer in it holds a resource per iteration for
// the whole run (docs/scope.md's deferloop.unbounded row). A range over a
// slice, map, array or string, or a counter up to a len, is bounded by
// data the program already holds.
func unbounded(info *types.Info, loops []ast.Stmt) bool {
	for _, loop := range loops {
		switch l := loop.(type) {
		case *ast.ForStmt:
			if l.Cond == nil {
				return true
			}
			limit, ok := counterLimit(l)
			if !ok || !boundedLimit(info, limit) {
				return true
			}
		case *ast.RangeStmt:
			t := info.TypeOf(l.X)
			if t == nil {
				continue
			}
			switch u := typematch.UnderPointer(t).(type) {
			case *types.Chan, *types.Signature:
				return true
			case *types.Basic:
				if u.Info()&types.IsInteger != 0 && !boundedLimit(info, l.X) {
					return true
				}
			}
		}
	}
	return false
}

// counterLimit returns N of a loop whose condition is i < N or i <= N
// (or N > i, N >= i) for a counter i it increments.
func counterLimit(l *ast.ForStmt) (ast.Expr, bool) {
	cond, ok := ast.Unparen(l.Cond).(*ast.BinaryExpr)
	post, ok2 := l.Post.(*ast.IncDecStmt)
	if !ok || !ok2 || post.Tok != token.INC {
		return nil, false
	}
	counter, ok := ast.Unparen(post.X).(*ast.Ident)
	if !ok {
		return nil, false
	}
	isCounter := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && id.Name == counter.Name
	}
	switch cond.Op {
	case token.LSS, token.LEQ:
		if isCounter(cond.X) {
			return cond.Y, true
		}
	case token.GTR, token.GEQ:
		if isCounter(cond.Y) {
			return cond.X, true
		}
	}
	return nil, false
}

// boundedLimit reports whether a loop's limit is fixed in the code (a
// constant) or is the length or capacity of data at hand.
func boundedLimit(info *types.Info, e ast.Expr) bool {
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return true
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && (b.Name() == "len" || b.Name() == "cap")
}

// cancelsDeadlineContext reports whether call is a cancel function that
// the loop body assigns from context.WithTimeout or WithDeadline (or
// their ...Cause forms). Such a context frees its timer and leaves its
// parent when the deadline passes, cancelled or not: in a loop over data
// at hand (one context per address, per network) the contexts kept until
// the function returns cost nothing past their deadlines.
func cancelsDeadlineContext(info *types.Info, call *ast.CallExpr, loop ast.Stmt) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 0 {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	return ok && cancelOrigins(info, v, code.LoopBody(loop)).deadline
}

// contextMakers are the context functions whose second result cancels the
// context they make, and does nothing else.
var contextMakers = []string{"WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause"}

// cancelsContextOnly reports whether the deferred call's only effect is
// cancelling contexts: a call of a cancel function (cancelFunc), whatever
// its arguments (defer cancel(err) evaluates err at the defer), or a
// function literal called without arguments whose body only calls cancel
// functions with arguments that call nothing else (defer func() {
// cancel(); stop(errDone) }()). What such a defer holds per iteration is a
// context and at most its timer: no descriptor, connection or lock.
func cancelsContextOnly(info *types.Info, call *ast.CallExpr, fn ast.Node) bool {
	lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
	if !ok {
		return cancelFunc(info, call.Fun, fn)
	}
	if len(call.Args) != 0 || len(lit.Body.List) == 0 {
		return false
	}
	for _, s := range lit.Body.List {
		es, ok := s.(*ast.ExprStmt)
		if !ok {
			return false
		}
		c, ok := ast.Unparen(es.X).(*ast.CallExpr)
		if !ok || !cancelFunc(info, c.Fun, fn) {
			return false
		}
		for _, arg := range c.Args {
			if !callsNothing(info, arg) {
				return false
			}
		}
	}
	return true
}

// cancelFunc reports whether e is a variable of the function fn that fn
// only ever assigns the cancel result of a context maker (ctx, cancel :=
// context.WithTimeout(parent, d)), at least once, and whose address it
// never takes.
func cancelFunc(info *types.Info, e ast.Expr, fn ast.Node) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Parent() == nil || !code.Contains(fn, v.Pos()) {
		return false
	}
	o := cancelOrigins(info, v, fn)
	return o.made && !o.other
}

// A cancelOrigin is what the assignments to a variable in a node give it
// (cancelOrigins): made, the cancel result of a context maker (ctx,
// cancel := context.WithTimeout(parent, d)); deadline, that of one that
// sets a deadline (WithTimeout, WithDeadline or their ...Cause forms);
// other, anything else, or its address is taken.
type cancelOrigin struct{ made, deadline, other bool }

// cancelOrigins returns what n's assignments give v.
func cancelOrigins(info *types.Info, v *types.Var, n ast.Node) cancelOrigin {
	var o cancelOrigin
	ast.Inspect(n, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && isIdentOf(info, ast.Unparen(u.X), v) {
			o.other = true
		}
		lhs, rhs, ok := code.Sides(n)
		if !ok {
			return true
		}
		for i, l := range lhs {
			if !isIdentOf(info, ast.Unparen(l), v) || len(rhs) == 0 {
				continue // var cancel context.CancelFunc
			}
			c, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
			switch {
			case i != 1 || len(lhs) != 2 || len(rhs) != 1 || !ok || !typematch.CallsFunc(info, c, "context", contextMakers...):
				o.other = true
			case typematch.CallsFunc(info, c, "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"):
				o.made, o.deadline = true, true
			default:
				o.made = true
			}
		}
		return true
	})
	return o
}

// callsNothing reports whether evaluating e calls no function and receives
// from no channel, but for conversions and the making of an error value
// (errors.New, fmt.Errorf) from such arguments.
func callsNothing(info *types.Info, e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // not called here
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.ARROW
		case *ast.CallExpr:
			if tv, isType := info.Types[n.Fun]; isType && tv.IsType() {
				break
			}
			ok = ok && (typematch.CallsFunc(info, n, "errors", "New") || typematch.CallsFunc(info, n, "fmt", "Errorf"))
		}
		return ok
	})
	return ok
}

// unboundedInTime reports whether one of the loops runs a number of times
// the code bounds neither by data nor by time: unbounded (above), unless
// the loop is a retry loop under a deadline of its own function
// (deadlineBounded).
func unboundedInTime(info *types.Info, fn ast.Node, loops []ast.Stmt) bool {
	for _, loop := range loops {
		if unbounded(info, []ast.Stmt{loop}) && !deadlineBounded(info, fn, loop) {
			return true
		}
	}
	return false
}

// deadlineBounded reports whether a loop ends by a deadline its function
// set and waits in every pass: a statement of its body leaves the loop
// once ctx.Err() != nil (or <-ctx.Done() is ready), where ctx is a local
// variable the function assigns from context.WithTimeout or WithDeadline
// outside the loop, and another statement of its body sleeps or waits on
// a channel (time.Sleep(bo.Pause()), <-timer.C, a select without a
// default). Its passes are then at most the deadline over the pause: a
// retry loop of a few dozen attempts, whose per-attempt deadline contexts
// free themselves at their own deadlines. A loop under a context the
// function was given or holds in a field runs as long as that context,
// for the life of a worker; one that never waits may run millions of
// passes before its deadline.
func deadlineBounded(info *types.Info, fn ast.Node, loop ast.Stmt) bool {
	body := code.LoopBody(loop)
	if body == nil {
		return false
	}
	var ctx *types.Var
	waits := false
	for _, st := range body.List {
		switch s := st.(type) {
		case *ast.IfStmt:
			if v := errCheckedContext(info, s.Cond); v != nil && s.Else == nil && funcs.LeavesList(s.Body) {
				ctx = v
			}
		case *ast.ExprStmt:
			x := ast.Unparen(s.X)
			if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				waits = true
			} else if call, ok := x.(*ast.CallExpr); ok && typematch.CallsFunc(info, call, "time", "Sleep") {
				waits = true
			}
		case *ast.SelectStmt:
			hasDefault := false
			for _, cc := range s.Body.List {
				c := cc.(*ast.CommClause)
				if c.Comm == nil {
					hasDefault = true
				} else if v := doneReceived(info, c.Comm); v != nil && funcs.LeavesList(&ast.BlockStmt{List: c.Body}) {
					ctx = v
				}
			}
			waits = waits || !hasDefault
		}
	}
	if ctx == nil || !waits || assignedIn(info, loop, ctx) {
		return false
	}
	fbody := funcs.Body(fn)
	if fbody == nil || !code.Contains(fbody, ctx.Pos()) {
		return false // a parameter, a field or a package variable
	}
	deadline := false
	ast.Inspect(fbody, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 || code.Contains(loop, as.Pos()) {
			return !deadline
		}
		id, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident)
		call, isCall := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if ok && isCall && info.ObjectOf(id) == ctx {
			deadline = typematch.CallsFunc(info, call, "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause")
			if !deadline {
				return false
			}
		}
		return !deadline
	})
	return deadline
}

// errCheckedContext returns ctx of a condition ctx.Err() != nil.
func errCheckedContext(info *types.Info, cond ast.Expr) *types.Var {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return nil
	}
	return contextCalled(info, b.X, "Err")
}

// doneReceived returns ctx of a select case <-ctx.Done().
func doneReceived(info *types.Info, comm ast.Stmt) *types.Var {
	es, ok := comm.(*ast.ExprStmt)
	if !ok {
		return nil
	}
	u, ok := ast.Unparen(es.X).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	return contextCalled(info, u.X, "Done")
}

// contextCalled returns ctx of a call ctx.method() on a local
// context.Context variable.
func contextCalled(info *types.Info, e ast.Expr, method string) *types.Var {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != method {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || !typematch.IsNamed(v.Type(), "context", "Context") {
		return nil
	}
	return v
}
