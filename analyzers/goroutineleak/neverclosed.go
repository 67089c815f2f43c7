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
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkNeverClosedRanges reports goroutines (function literals) whose
// body ranges over a channel that nothing can close: a range over a
// channel ends only when the channel is closed, and this one is made by
// the package, kept where only the package reaches it, and closed
// nowhere in it.
func (c *checker) checkNeverClosedRanges() {
	for cur := range c.in.Root().Preorder((*ast.GoStmt)(nil)) {
		l, ok := launchAt(c.info, cur.Node())
		if !ok || l.lit == nil || len(l.call.Args) > 0 {
			continue
		}
		declCur, inDecl := inspector.Cursor{}, false
		for d := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			declCur, inDecl = d, true
		}
		if !inDecl {
			continue
		}
		for _, st := range l.lit.Body.List {
			r, ok := st.(*ast.RangeStmt)
			if !ok || c.bodyExits(r.Body) {
				continue
			}
			v := c.exprVar(r.X)
			ch, ok := c.typeOfChan(r.X)
			if v == nil || !ok || !c.packageOnlyChannel(v, declCur, r) || !c.unclosable(ch.Elem()) || c.livesAsLongAsTheProcess(cur) {
				continue
			}
			fn, _, _ := enclosingFunc(cur)
			c.r.ReportRule("", analysis.Diagnostic{
				Pos: r.For, End: r.X.End(),
				Message: fmt.Sprintf("the goroutine started in %s ranges over %s, which nothing in the package closes, so it can never stop",
					funcs.Name(fn), v.Name()),
				Related: []analysis.RelatedInformation{{Pos: l.node.Pos(), End: launchEnd(l), Message: "the goroutine starts here"}},
			})
			break
		}
	}
}

// typeOfChan returns the channel type of e.
func (c *checker) typeOfChan(e ast.Expr) (*types.Chan, bool) {
	ch, ok := types.Unalias(c.info.TypeOf(e)).Underlying().(*types.Chan)
	return ch, ok
}

// packageOnlyChannel reports whether v, a variable of the function
// declaration at declCur ranged over by r, holds a channel that only this
// package can reach: every value given to it is made here (make(chan T),
// or a receive-only channel returned by a function of the package whose
// every return gives back such a make), and besides the range it is only
// sent on, measured (len, cap), stored into an unexported field (f =
// v, f = append(f, v), f[k] = v), or returned receive-only. Handed to
// any other call, copied or with its address taken, someone else may
// close it.
func (c *checker) packageOnlyChannel(v *types.Var, declCur inspector.Cursor, r *ast.RangeStmt) bool {
	decl := declCur.Node().(*ast.FuncDecl)
	if decl.Body == nil || !code.Contains(decl.Body, v.Pos()) || !c.givenOnly(v, decl.Body, c.madeByPackage) {
		return false
	}
	for idCur := range declCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if c.info.Uses[id] == v && id != r.X && !c.privateUse(idCur) {
			return false
		}
	}
	return true
}

// givenOnly reports whether the variable v is given at least one value
// in body and accept takes every one: not a value of a multi-value call
// (a, b := f()), nor the zero value of a declaration, nor a store
// through its address (&v).
func (c *checker) givenOnly(v *types.Var, body ast.Node, accept func(ast.Expr) bool) bool {
	given, ok := false, true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if id, isID := ast.Unparen(lhs).(*ast.Ident); isID && c.info.ObjectOf(id) == v {
					ok = len(n.Rhs) == len(n.Lhs) && accept(n.Rhs[i])
					given = true
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if c.info.Defs[name] == v {
					ok = len(n.Values) == len(n.Names) && accept(n.Values[i])
					given = true
				}
			}
		case *ast.UnaryExpr:
			ok = n.Op != token.AND || c.exprVar(n.X) != v
		}
		return ok
	})
	return ok && given
}

// madeByPackage reports whether e makes a channel here: make(chan T), or
// a call of a function of this package returning a receive-only channel
// that every return of it makes (receiveOnlyMaker).
func (c *checker) madeByPackage(e ast.Expr) bool {
	if isMakeCall(c.info, e) {
		return true
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := typematch.Callee(c.info, call)
	return fn != nil && fn.Pkg() == c.pass.Pkg && c.receiveOnlyMaker(fn)
}

// receiveOnlyMaker reports whether fn returns one receive-only channel,
// and each of its returns gives back a local variable of it that only
// make gives values to: a subscription's output, which its callers
// cannot close.
func (c *checker) receiveOnlyMaker(fn *types.Func) bool {
	res := fn.Signature().Results()
	if res.Len() != 1 || !isRecvOnlyChan(res.At(0).Type()) {
		return false
	}
	fd := c.decls[fn]
	if fd == nil || fd.Body == nil {
		return false
	}
	ok := true
	returns := 0
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) != 1 {
				ok = false
				return false
			}
			v := c.exprVar(n.Results[0])
			ok = ok && v != nil && c.givenOnly(v, fd.Body, func(e ast.Expr) bool { return isMakeCall(c.info, e) })
		}
		return ok
	})
	return ok && returns > 0
}

// isMakeCall reports whether e is a call of the builtin make.
func isMakeCall(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && code.CallsBuiltin(info, call, "make")
}

// privateUse reports whether the use id of a channel variable keeps the
// channel where only the package reaches it: a send on it, len or cap of
// it, a store into an unexported field (directly, through append, or
// into an element), or a return from a function whose result is
// receive-only.
func (c *checker) privateUse(cur inspector.Cursor) bool {
	id := cur.Node()
	p := cur.Parent()
	for {
		if _, paren := p.Node().(*ast.ParenExpr); !paren {
			break
		}
		p = p.Parent()
	}
	switch n := p.Node().(type) {
	case *ast.SendStmt:
		return ast.Unparen(n.Chan) == id
	case *ast.CallExpr:
		if code.CallsBuiltin(c.info, n, "len", "cap") {
			return true
		}
		if code.CallsBuiltin(c.info, n, "append") {
			// f = append(f, v): the append's own store decides.
			as, ok := p.Parent().Node().(*ast.AssignStmt)
			return ok && len(as.Lhs) == 1 && len(n.Args) > 0 && c.unexportedField(as.Lhs[0]) && c.sameField(as.Lhs[0], n.Args[0])
		}
		return false
	case *ast.AssignStmt:
		for i, rhs := range n.Rhs {
			if ast.Unparen(rhs) == id && i < len(n.Lhs) {
				return len(n.Lhs) == len(n.Rhs) && c.unexportedField(n.Lhs[i])
			}
		}
		return false
	case *ast.ReturnStmt:
		res := c.funcResults(cur)
		return res != nil && res.Len() == 1 && isRecvOnlyChan(res.At(0).Type())
	}
	return false
}

// isRecvOnlyChan reports whether t is a receive-only channel type, which
// its holder cannot close.
func isRecvOnlyChan(t types.Type) bool {
	ch, ok := types.Unalias(t).Underlying().(*types.Chan)
	return ok && ch.Dir() == types.RecvOnly
}

// funcResults returns the results of the function around cur.
func (c *checker) funcResults(cur inspector.Cursor) *types.Tuple {
	fn, ok := funcs.Enclosing(cur)
	if !ok {
		return nil
	}
	switch n := fn.Node().(type) {
	case *ast.FuncDecl:
		if f, ok := c.info.Defs[n.Name].(*types.Func); ok {
			return f.Signature().Results()
		}
	case *ast.FuncLit:
		if sig, ok := c.info.TypeOf(n).(*types.Signature); ok {
			return sig.Results()
		}
	}
	return nil
}

// unexportedField reports whether e stores into an unexported struct
// field, or into an element of one (x.f, x.f[k]).
func (c *checker) unexportedField(e ast.Expr) bool {
	e = ast.Unparen(e)
	if ix, ok := e.(*ast.IndexExpr); ok {
		e = ast.Unparen(ix.X)
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := c.info.Selections[sel]
	return ok && s.Kind() == types.FieldVal && !s.Obj().Exported()
}

// sameField reports whether a and b name the same field (x.f and x.f).
func (c *checker) sameField(a, b ast.Expr) bool {
	sa, ok1 := ast.Unparen(a).(*ast.SelectorExpr)
	sb, ok2 := ast.Unparen(b).(*ast.SelectorExpr)
	return ok1 && ok2 && c.info.Uses[sa.Sel] == c.info.Uses[sb.Sel]
}

// unclosable reports whether the package can close no channel of
// element type elem, and hands none out where another package could:
// no close of such a channel, no call of another package given one (or
// a slice, map or pointer holding them), and no exported field or
// function of the package whose type holds one that can be closed
// (bidirectional or send-only).
func (c *checker) unclosable(elem types.Type) bool {
	if c.closableElems == nil {
		c.closableElems = c.indexClosableChans()
	}
	for _, t := range c.closableElems {
		if types.Identical(t, elem) {
			return false
		}
	}
	return true
}

// indexClosableChans returns the element types of the channels the
// package closes or hands to code that might close them (unclosable).
func (c *checker) indexClosableChans() []types.Type {
	elems := []types.Type{} // not nil: computed
	add := func(t types.Type) { elems = append(elems, closableChans(t, 0)...) }
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if code.CallsBuiltin(c.info, call, "close") && len(call.Args) == 1 {
			if ch, ok := c.typeOfChan(call.Args[0]); ok {
				elems = append(elems, ch.Elem())
			}
			continue
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if _, builtin := c.info.Uses[id].(*types.Builtin); builtin {
				continue // append, len, ...: the channel stays here
			}
		}
		fn := typematch.Callee(c.info, call)
		if fn != nil && fn.Pkg() == c.pass.Pkg {
			continue // judged by its own closes
		}
		for _, a := range call.Args {
			add(c.info.TypeOf(a))
		}
	}
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			if tn, ok := obj.(*types.TypeName); ok {
				elems = append(elems, exportedMethodChans(tn)...)
			}
			continue
		}
		add(obj.Type())
		if tn, ok := obj.(*types.TypeName); ok {
			elems = append(elems, exportedMethodChans(tn)...)
			if st, ok := tn.Type().Underlying().(*types.Struct); ok {
				for i := range st.NumFields() {
					if f := st.Field(i); f.Exported() {
						add(f.Type())
					}
				}
			}
		}
	}
	return elems
}

// exportedMethodChans returns the closable channel element types in the
// signatures of tn's exported methods.
func exportedMethodChans(tn *types.TypeName) []types.Type {
	named, ok := types.Unalias(tn.Type()).(*types.Named)
	if !ok {
		return nil
	}
	var elems []types.Type
	for i := range named.NumMethods() {
		if m := named.Method(i); m.Exported() {
			elems = append(elems, closableChans(m.Type(), 0)...)
		}
	}
	return elems
}

// closableChans returns the element types of the channels in t that its
// holder could close: bidirectional or send-only channels, in t itself or
// in its slices, arrays, maps, pointers and signatures.
func closableChans(t types.Type, depth int) []types.Type {
	if t == nil || depth > 4 {
		return nil
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Chan:
		if u.Dir() != types.RecvOnly {
			return []types.Type{u.Elem()}
		}
	case *types.Slice:
		return closableChans(u.Elem(), depth+1)
	case *types.Array:
		return closableChans(u.Elem(), depth+1)
	case *types.Pointer:
		return closableChans(u.Elem(), depth+1)
	case *types.Map:
		return append(closableChans(u.Key(), depth+1), closableChans(u.Elem(), depth+1)...)
	case *types.Signature:
		var out []types.Type
		for _, tup := range []*types.Tuple{u.Params(), u.Results()} {
			for i := range tup.Len() {
				out = append(out, closableChans(tup.At(i).Type(), depth+1)...)
			}
		}
		return out
	}
	return nil
}
