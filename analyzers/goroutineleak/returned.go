package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
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
// caller's way to say so, does not reach it: not through a select on
// ctx.Done() elsewhere in the goroutine, nor through the work it hands
// the context to (fetch(ctx)), which it never reaches again while the
// send blocks. The channel may also reach the caller as a field of a
// returned struct (res := &lister{names: make(chan string)}; ...; return
// res), read through its methods.
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
			v, ok := c.info.Uses[id].(*types.Var)
			if !ok || !code.Contains(funcs.Body(fn), v.Pos()) {
				continue
			}
			if isChan(v.Type()) {
				c.checkReturnedChannel(fn, fcur, ret, v, ctx, reported)
			} else {
				c.checkReturnedHolder(fn, fcur, ret, v, ctx, reported)
			}
		}
	}
}

// checkReturnedChannel reports the plain sends on ch, made unbuffered in
// fn and returned by ret, in goroutines that fn starts.
func (c *checker) checkReturnedChannel(fn ast.Node, fcur inspector.Cursor, ret *ast.ReturnStmt, ch *types.Var, ctx *types.Var, reported map[*ast.SendStmt]bool) {
	mk, buffered, ok := c.returnedMake(fcur, ch)
	if !ok {
		return
	}
	c.reportReturnedSends(fn, fcur, ret, ctx, reported, mk, buffered, ch.Name(), ch.Name(), func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.info.Uses[id] == ch
	})
}

// returnedMake returns the one make(chan T[, n]) assigned to ch in the
// function, and whether it has a buffer. A buffer sized to the values
// (len(xs), cap(xs), or a variable set from them) is no make this rule
// follows: it never fills.
func (c *checker) returnedMake(fcur inspector.Cursor, ch *types.Var) (*ast.CallExpr, bool, bool) {
	call, _, ok := c.soleMake(fcur, ch)
	if !ok {
		return nil, false, false
	}
	buffered, ok := c.followedBuffer(fcur, call)
	return call, buffered, ok
}

// followedBuffer says whether the channel make mk has a buffer, and
// whether the rule follows it at all: not when the buffer is sized to
// the values it will hold.
func (c *checker) followedBuffer(fcur inspector.Cursor, mk *ast.CallExpr) (buffered, ok bool) {
	switch {
	case len(mk.Args) > 2:
		return false, false
	case c.unbuffered(mk):
		return false, true
	case c.sizedToValues(fcur, mk.Args[1]):
		return true, false
	}
	return true, true
}

// sizedToValues reports whether the buffer size e is computed from a
// length (len(xs), cap(xs), len(xs)+1), directly or through a local set
// once from one.
func (c *checker) sizedToValues(fcur inspector.Cursor, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if c.isBuiltin(n, "len") || c.isBuiltin(n, "cap") {
				found = true
			}
		case *ast.Ident:
			// A local of the body; a parameter is the caller's choice.
			if v, ok := c.info.Uses[n].(*types.Var); ok && code.Contains(funcs.Body(fcur.Node()), v.Pos()) {
				if _, val, tuple, ok := c.soleAssignment(fcur, v); !ok || tuple >= 0 || c.sizedToValues(fcur, val) {
					found = true // a local set from a length, or set more than once
				}
			}
		}
		return !found
	})
	return found
}

// unboundedLoop reports whether the innermost loop around the send at sc,
// inside the goroutine's function fn, runs without a bound the code states: for {}, for cond {},
// or a range over a channel or a function; a range over a slice, an
// array, a map, a string or an integer, or a for with a post statement,
// sends a known number of values.
func (c *checker) unboundedLoop(sc inspector.Cursor, fn ast.Node) bool {
	loops := loopsBetween(sc, fn)
	if len(loops) == 0 {
		return false
	}
	switch l := loops[0].(type) {
	case *ast.ForStmt:
		return l.Post == nil
	case *ast.RangeStmt:
		t := c.info.TypeOf(l.X)
		if t == nil {
			return false
		}
		switch t.Underlying().(type) {
		case *types.Chan, *types.Signature:
			return true
		}
	}
	return false
}

// checkReturnedHolder reports the plain sends on res.f in goroutines that
// fn starts, where res, returned by ret, is assigned once, from a
// &T{...} literal whose unexported channel field f it fills with a make
// (unbuffered, or with a fixed buffer, as returnedMake): the caller
// receives from it through res's methods.
func (c *checker) checkReturnedHolder(fn ast.Node, fcur inspector.Cursor, ret *ast.ReturnStmt, res *types.Var, ctx *types.Var, reported map[*ast.SendStmt]bool) {
	_, v, tuple, ok := c.soleAssignment(fcur, res)
	if !ok || tuple >= 0 {
		return
	}
	u, ok := ast.Unparen(v).(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return
	}
	lit, ok := ast.Unparen(u.X).(*ast.CompositeLit)
	if !ok {
		return
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		f, _ := c.info.Uses[key].(*types.Var)
		mk, ok := ast.Unparen(kv.Value).(*ast.CallExpr)
		if !c.isChanField(f) || !ok || !c.isBuiltin(mk, "make") {
			continue
		}
		buffered, ok := c.followedBuffer(fcur, mk)
		if !ok {
			continue
		}
		c.reportReturnedSends(fn, fcur, ret, ctx, reported, mk, buffered, res.Name()+"."+f.Name(), res.Name(), func(e ast.Expr) bool {
			sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
			if !ok {
				return false
			}
			id, ok := ast.Unparen(sel.X).(*ast.Ident)
			return ok && c.info.Uses[id] == res && c.info.Uses[sel.Sel] == f
		})
	}
}

// reportReturnedSends reports the plain sends, repeated in a loop, on the
// channel that isCh recognises, in goroutines fn starts as function
// literals and does not wait for.
func (c *checker) reportReturnedSends(fn ast.Node, fcur inspector.Cursor, ret *ast.ReturnStmt, ctx *types.Var, reported map[*ast.SendStmt]bool, mk *ast.CallExpr, buffered bool, chName, retName string, isCh func(ast.Expr) bool) {
	for _, l := range launchesIn(c.info, fcur) {
		if l.joined {
			continue
		}
		var body ast.Node // the goroutine's function
		var lcur inspector.Cursor
		isSent := isCh
		switch {
		case l.lit != nil:
			cur, ok := fcur.FindNode(l.lit)
			if !ok {
				continue
			}
			body, lcur = l.lit, cur
		case l.callee != nil && l.call != nil:
			// go s.watch(ctx, ch): the callee of this package sends on
			// the parameter that the channel is passed as.
			fd, param := c.channelParam(l, isCh)
			if fd == nil {
				continue
			}
			cur, ok := c.in.Root().FindNode(fd)
			if !ok {
				continue
			}
			body, lcur = fd, cur
			isSent = func(e ast.Expr) bool {
				id, ok := ast.Unparen(e).(*ast.Ident)
				return ok && c.info.Uses[id] == param
			}
		default:
			continue
		}
		for sc := range lcur.Preorder((*ast.SendStmt)(nil)) {
			send := sc.Node().(*ast.SendStmt)
			if !isSent(send.Chan) || !isPlainSend(sc) || !c.sendsRepeatedly(sc, body) || reported[send] {
				continue
			}
			if buffered && (!c.unboundedLoop(sc, body) || lastAct(sc)) {
				// A known number of values, which the buffer may hold;
				// or a last send before the goroutine returns (errc <-
				// err; return), which the buffer holds unless the loop's
				// other sends filled it, and those are reported.
				continue
			}
			reported[send] = true
			if buffered {
				c.r.Report(analysis.Diagnostic{
					Pos: send.Pos(), End: send.End(),
					Message: fmt.Sprintf("%s's goroutine sends on %s, which %s returns, in an endless loop with no select on %s.Done(): it blocks once the buffer fills",
						funcs.Name(fn), chName, funcs.Name(fn), ctx.Name()),
					Related: append(report.Related(ret, "%s is returned here", retName),
						report.Related(mk, "%s is made with a fixed buffer here", chName)...),
				})
				continue
			}
			msg := fmt.Sprintf("the goroutine started in %s sends on unbuffered %s, which %s returns, without a select on %s.Done(): it blocks forever once the caller stops receiving",
				funcs.Name(fn), chName, funcs.Name(fn), ctx.Name())
			if chName != retName {
				msg = fmt.Sprintf("%s's goroutine sends on unbuffered %s, which %s returns, with no select on %s.Done(): it blocks forever once the caller stops receiving",
					funcs.Name(fn), chName, funcs.Name(fn), ctx.Name())
			}
			c.r.Report(analysis.Diagnostic{
				Pos: send.Pos(), End: send.End(),
				Message: msg,
				Related: append(report.Related(ret, "%s is returned here", retName),
					report.Related(mk, "%s is made unbuffered here", chName)...),
			})
		}
	}
}

// channelParam returns the declaration of the goroutine's named function
// l.callee, of this package, and its parameter that receives the channel
// isCh recognises among the call's arguments; nil when there is none.
func (c *checker) channelParam(l launch, isCh func(ast.Expr) bool) (*ast.FuncDecl, *types.Var) {
	fd := c.decls[l.callee.Origin()]
	if fd == nil || fd.Body == nil {
		return nil, nil
	}
	sig := l.callee.Signature()
	for i, a := range l.call.Args {
		if !isCh(a) || i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
			continue
		}
		obj := sig.Params().At(i)
		// The declaration's own parameter object (the callee may be an
		// instance of a generic function).
		for _, f := range fd.Type.Params.List {
			for _, name := range f.Names {
				if name.Name == obj.Name() {
					v, _ := c.info.Defs[name].(*types.Var)
					return fd, v
				}
			}
		}
	}
	return nil, nil
}

// sendsRepeatedly reports whether the send at sc runs in a loop of the
// goroutine's function fn: inside one, or in a function literal kept in a
// local variable (flush := func() { ... out <- batch }) that fn calls in
// one.
func (c *checker) sendsRepeatedly(sc inspector.Cursor, fn ast.Node) bool {
	if len(loopsBetween(sc, fn)) > 0 {
		return true
	}
	lit, ok := fn.(*ast.FuncLit)
	if !ok {
		return false
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
