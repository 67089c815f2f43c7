package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkReturnedChannels reports the producer shape
//
//	ch := make(chan T)
//	go func() { for ... { ch <- v }; close(ch) }()
//	return ch
//
// in a function given a context: the goroutine's plain send waits for a
// caller that may stop receiving early, and cancelling the context, the
// caller's way to say so, does not reach it. A goroutine that hands the
// context to its work (fetch(ctx)) is left alone; one that selects on
// ctx.Done() elsewhere is not: that select does not wake a blocked send.
func (c *checker) checkReturnedChannels() {
	if !typematch.Imports(c.pass.Pkg, "context") {
		return
	}
	reported := make(map[*ast.SendStmt]bool) // a channel returned twice
	for cur := range c.in.Root().Preorder((*ast.ReturnStmt)(nil)) {
		ret := cur.Node().(*ast.ReturnStmt)
		fn, fcur, ok := enclosingFunc(cur)
		if !ok {
			continue
		}
		// An unexported function's callers are all in view, and
		// usually drain what it returns (one receive per item asked
		// for); an exported one's callers may stop at any time.
		fd, ok := fn.(*ast.FuncDecl)
		if !ok || !fd.Name.IsExported() {
			continue
		}
		ctx := c.contextParam(fn)
		if ctx == nil {
			continue
		}
		for _, r := range ret.Results {
			id, ok := ast.Unparen(r).(*ast.Ident)
			if !ok {
				continue
			}
			ch, ok := c.info.Uses[id].(*types.Var)
			if !ok || !isChan(ch.Type()) || !code.Contains(funcs.Body(fn), ch.Pos()) {
				continue
			}
			c.checkReturnedChannel(fn, fcur, ret, ch, ctx, reported)
		}
	}
}

// checkReturnedChannel reports the plain sends on ch, made unbuffered in
// fn and returned by ret, in goroutines that fn starts and that never
// refer to ctx.
func (c *checker) checkReturnedChannel(fn ast.Node, fcur inspector.Cursor, ret *ast.ReturnStmt, ch *types.Var, ctx *types.Var, reported map[*ast.SendStmt]bool) {
	mk, _, ok := c.unbufferedMake(fcur, ch)
	if !ok {
		return
	}
	for _, l := range launchesIn(c.info, fcur) {
		if l.lit == nil || l.joined {
			continue
		}
		lcur, ok := fcur.FindNode(l.lit)
		if !ok || c.refersTo(lcur, ctx) && !c.selectsOnDone(lcur, ctx) {
			continue // it hands ctx to its work (fetch(ctx)), which ends the stream
		}
		for sc := range lcur.Preorder((*ast.SendStmt)(nil)) {
			send := sc.Node().(*ast.SendStmt)
			id, ok := ast.Unparen(send.Chan).(*ast.Ident)
			if !ok || c.info.Uses[id] != ch || !isPlainSend(sc) || !c.sendsRepeatedly(sc, l.lit) || reported[send] {
				continue
			}
			reported[send] = true
			c.r.Report(analysis.Diagnostic{
				Pos: send.Pos(), End: send.End(),
				Message: fmt.Sprintf("the goroutine started in %s sends on unbuffered %s, which %s returns, without a select on %s.Done(): it blocks forever once the caller stops receiving",
					funcs.Name(fn), ch.Name(), funcs.Name(fn), ctx.Name()),
				Related: append(report.Related(ret, "%s is returned here", ch.Name()),
					report.Related(mk, "%s is made unbuffered here", ch.Name())...),
			})
		}
	}
}

// sendsRepeatedly reports whether the send at sc runs in a loop of the
// goroutine lit: inside one, or in a function literal kept in a local
// variable (flush := func() { ... out <- batch }) that lit calls in one.
func (c *checker) sendsRepeatedly(sc inspector.Cursor, lit *ast.FuncLit) bool {
	if len(loopsBetween(sc, lit)) > 0 {
		return true
	}
	inner := outermostLit(sc, lit)
	if inner == nil {
		return false
	}
	icur, ok := c.in.Root().FindNode(inner)
	if !ok {
		return false
	}
	as, ok := icur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Rhs[0] != inner {
		return false
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return false
	}
	v := c.info.ObjectOf(id) // flush := func() {...} defines it; flush = func() {...} uses it
	if v == nil {
		return false
	}
	lcur, ok := c.in.Root().FindNode(lit)
	if !ok {
		return false
	}
	for cc := range lcur.Preorder((*ast.CallExpr)(nil)) {
		call := cc.Node().(*ast.CallExpr)
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && c.info.Uses[id] == v && len(loopsBetween(cc, lit)) > 0 {
			return true
		}
	}
	return false
}

// selectsOnDone reports whether the code at cur has a select case
// receiving from ctx.Done().
func (c *checker) selectsOnDone(cur inspector.Cursor, ctx *types.Var) bool {
	for cc := range cur.Preorder((*ast.CommClause)(nil)) {
		x := code.RecvOperand(cc.Node().(*ast.CommClause).Comm)
		if d := c.contextOfDone(x); d != nil && c.exprVar(d) == ctx {
			return true
		}
	}
	return false
}

// refersTo reports whether the code at cur mentions v.
func (c *checker) refersTo(cur inspector.Cursor, v *types.Var) bool {
	for ic := range cur.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[ic.Node().(*ast.Ident)] == v {
			return true
		}
	}
	return false
}
