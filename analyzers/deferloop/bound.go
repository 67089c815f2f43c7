package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
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
			switch u := underPointer(t).(type) {
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
