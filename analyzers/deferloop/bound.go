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
	if !ok {
		return false
	}
	found := false
	ast.Inspect(code.LoopBody(loop), func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) != 2 {
			return !found
		}
		lhs, ok := as.Lhs[1].(*ast.Ident)
		if !ok || info.ObjectOf(lhs) != v {
			return !found
		}
		if rhs, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok {
			found = typematch.IsFunc(typematch.Callee(info, rhs), "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause")
		}
		return !found
	})
	return found
}
