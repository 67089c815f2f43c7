package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkIgnoredContexts reports goroutines started where a context
// parameter is in scope that sleep in a loop without ever observing a
// context or a channel: cancelling the context does not stop them.
func (c *checker) checkIgnoredContexts() {
	if !typematch.Imports(c.pass.Pkg, "context") {
		return
	}
	for cur := range c.in.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		l, ok := launchAt(c.info, cur.Node())
		if !ok || l.joined {
			continue
		}
		if l.lit == nil {
			if l.call != nil && l.callee != nil {
				c.checkBlindCallee(cur, l)
			}
			continue
		}
		fn, _, ok := enclosingFunc(cur)
		if !ok {
			continue
		}
		ctx := c.contextParam(fn)
		if ctx == nil || c.handlerOf(fn) != nil {
			// A handler's goroutine that ignores the request's context
			// is detached on purpose: outliving the request is the point.
			continue
		}
		lcur, ok := cur.FindNode(l.lit)
		if !ok {
			continue
		}
		sleep := c.sleepInLoop(lcur, l.lit)
		if sleep == nil {
			c.checkBlindCallInLit(cur, lcur, l, fn, ctx)
			continue
		}
		if c.endlessLoop(lcur, l.lit) != nil || c.observesAnything(lcur) || c.livesAsLongAsTheProcess(cur) {
			continue
		}
		c.r.Report(analysis.Diagnostic{
			Pos: l.node.Pos(), End: launchEnd(l),
			Message: fmt.Sprintf("the goroutine started in %s sleeps in a loop and never observes %s: cancelling %s does not stop it",
				funcs.Name(fn), ctx.Name(), ctx.Name()),
			Related: []analysis.RelatedInformation{{Pos: sleep.Pos(), End: sleep.End(), Message: "it sleeps here"}},
		})
	}
}

// contextParam returns fn's context.Context parameter, if it has one.
func (c *checker) contextParam(fn ast.Node) *types.Var {
	ft := funcs.Type(fn)
	if ft == nil || ft.Params == nil {
		return nil
	}
	for _, f := range ft.Params.List {
		for _, name := range f.Names {
			if v, ok := c.info.Defs[name].(*types.Var); ok && v != nil && isContext(v.Type()) && v.Name() != "_" {
				return v
			}
		}
	}
	return nil
}

// sleepInLoop returns a time.Sleep call in a loop of lit (outside nested
// function literals), or nil.
func (c *checker) sleepInLoop(lcur inspector.Cursor, lit ast.Node) *ast.CallExpr {
	for cc := range lcur.Preorder((*ast.CallExpr)(nil)) {
		call := cc.Node().(*ast.CallExpr)
		if typematch.CallsFunc(c.info, call, "time", "Sleep") && !inNestedLit(cc, lit) && len(loopsBetween(cc, lit)) > 0 {
			return call
		}
	}
	return nil
}

// observesAnything reports whether the goroutine's body refers to any
// context or channel, selects, uses package sync or sync/atomic (a stop
// flag), or names one of package context's errors (context.Canceled,
// DeadlineExceeded: a loop that returns once a watcher's Next fails with
// context.Canceled stops when whoever owns that context cancels it): it
// may be told to stop in a way this rule does not follow.
func (c *checker) observesAnything(lcur inspector.Cursor) bool {
	for nc := range lcur.Preorder((*ast.Ident)(nil), (*ast.SelectStmt)(nil), (*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.CallExpr)(nil)) {
		switch n := nc.Node().(type) {
		case *ast.SelectStmt, *ast.SendStmt:
			return true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				return true
			}
		case *ast.Ident:
			if obj := c.info.Uses[n]; obj != nil && obj.Pkg() != nil && (obj.Pkg().Path() == "sync" || obj.Pkg().Path() == "sync/atomic" || obj.Pkg().Path() == "context") {
				return true
			}
			if obj := c.info.Uses[n]; obj != nil {
				if _, ok := obj.(*types.Var); ok && (isContext(obj.Type()) || isChan(obj.Type())) {
					return true
				}
			}
		case *ast.CallExpr:
			if tv, ok := c.info.Types[n]; ok && tv.Type != nil && (isContext(tv.Type) || isChan(tv.Type)) {
				return true
			}
		}
	}
	return false
}

// checkBlindCallee reports go f(x) started where a context parameter is
// in scope, when f (in this package or known through a fact) sleeps in a
// loop and never looks at a context, a channel or package sync: retrying
// until success, it outlives the context it was started under.
func (c *checker) checkBlindCallee(cur inspector.Cursor, l launch) {
	if f := c.factOf(l.callee); f == nil || !f.SleepsBlind {
		return
	}
	fn, _, ok := enclosingFunc(cur)
	if !ok {
		return
	}
	ctx := c.contextParam(fn)
	if ctx == nil || c.handlerOf(fn) != nil || c.livesAsLongAsTheProcess(cur) {
		return
	}
	d := analysis.Diagnostic{
		Pos: l.call.Pos(), End: l.call.End(),
		Message: fmt.Sprintf("goroutine %s sleeps in a loop and never observes %s or any context: cancelling %s does not stop it",
			l.callee.Name(), ctx.Name(), ctx.Name()),
	}
	if fd := c.decls[l.callee.Origin()]; fd != nil {
		if dcur, ok := c.in.Root().FindNode(fd); ok {
			if sleep := c.sleepInLoop(dcur, fd); sleep != nil {
				d.Related = []analysis.RelatedInformation{{Pos: sleep.Pos(), End: sleep.End(), Message: l.callee.Name() + " sleeps here"}}
			}
		}
	}
	c.r.Report(d)
}

// checkBlindCallInLit reports go func() { ... s.deliver(ev) ... }() where
// the literal observes nothing and calls a function that sleeps in a
// loop blind (see checkBlindCallee).
func (c *checker) checkBlindCallInLit(cur, lcur inspector.Cursor, l launch, fn ast.Node, ctx *types.Var) {
	var blind *ast.CallExpr
	var callee *types.Func
	for cc := range lcur.Preorder((*ast.CallExpr)(nil)) {
		call := cc.Node().(*ast.CallExpr)
		if inNestedLit(cc, l.lit) {
			continue
		}
		if f := typematch.Callee(c.info, call); f != nil {
			if fact := c.factOf(f); fact != nil && fact.SleepsBlind {
				blind, callee = call, f
				break
			}
		}
	}
	if blind == nil || c.endlessLoop(lcur, l.lit) != nil || c.observesAnything(lcur) || c.livesAsLongAsTheProcess(cur) {
		return
	}
	c.r.Report(analysis.Diagnostic{
		Pos: l.node.Pos(), End: launchEnd(l),
		Message: fmt.Sprintf("the goroutine started in %s calls %s, which sleeps in a loop and never observes %s or any context: cancelling %s does not stop it",
			funcs.Name(fn), callee.Name(), ctx.Name(), ctx.Name()),
		Related: []analysis.RelatedInformation{{Pos: blind.Pos(), End: blind.End(), Message: "it calls " + callee.Name() + " here"}},
	})
}
