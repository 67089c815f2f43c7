package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/goversion"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A handler is a function whose context is cancelled when it returns: an
// HTTP handler (net/http, gin, echo), a gRPC server method, or a go-zero
// logic method.
type handler struct {
	fn   ast.Node
	name string
	// reqParams are parameters holding the request (*http.Request,
	// *gin.Context, echo.Context): their r.Context() is the request's.
	reqParams map[*types.Var]bool
	// ctxVars are context variables that are, or derive from, the
	// request's context: a gRPC method's ctx parameter, locals.
	ctxVars map[*types.Var]bool
	// recv and ctxField identify l.ctx in a go-zero logic method.
	recv     *types.Var
	ctxField *types.Var
}

// checkRequestContexts reports goroutines started by a handler that use
// the request's context although nothing waits for them.
func (c *checker) checkRequestContexts() {
	if !typematch.Imports(c.pass.Pkg, "net/http", "context") {
		return
	}
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		h := c.handlerOf(cur.Node())
		if h == nil {
			continue
		}
		var launches []launch
		for _, l := range launchesIn(c.info, cur) {
			lcur, ok := cur.FindNode(l.node)
			if !ok {
				continue
			}
			if fn, _, ok := enclosingFunc(lcur); ok && fn == h.fn {
				launches = append(launches, l)
			}
		}
		if len(launches) == 0 {
			continue
		}
		c.deriveContexts(cur, h)
		if c.waits(cur, launches) {
			continue
		}
		for _, l := range launches {
			c.checkLaunchInHandler(cur, h, l)
		}
	}
}

// handlerOf returns the handler that fn is, or nil.
func (c *checker) handlerOf(fn ast.Node) *handler {
	var sig *types.Signature
	var name string
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		obj, ok := c.info.Defs[fn.Name].(*types.Func)
		if !ok || obj == nil || fn.Body == nil {
			return nil
		}
		sig = obj.Signature()
		name = fn.Name.Name
	case *ast.FuncLit:
		tv, ok := c.info.Types[fn]
		if !ok {
			return nil
		}
		sig, _ = tv.Type.(*types.Signature)
		name = "the handler"
	}
	if sig == nil {
		return nil
	}
	h := &handler{fn: fn, name: name, reqParams: map[*types.Var]bool{}, ctxVars: map[*types.Var]bool{}}
	params := sig.Params()
	req := knowledge.HandlerRequest(sig)
	switch {
	case req != nil:
		h.reqParams[req] = true
	case sig.Recv() != nil && knowledge.IsGRPCServer(sig.Recv().Type()) && knowledge.IsUnaryRPC(sig):
		h.ctxVars[params.At(0)] = true
	case sig.Recv() != nil:
		field := logicCtxField(sig.Recv().Type())
		if field == nil || !isLogicEntry(fn, sig) {
			return nil
		}
		h.recv, h.ctxField = sig.Recv(), field
	default:
		return nil
	}
	return h
}

// isLogicEntry reports whether a method of a logic type has the shape of
// the entry point that goctl generates for a request: exported, returning
// an error last, with no context parameter of its own. A method given its
// own context (a message queue consumer's Consume(ctx, key, value)) belongs
// to a logic whose l.ctx need not be a request's.
func isLogicEntry(fn ast.Node, sig *types.Signature) bool {
	fd, ok := fn.(*ast.FuncDecl)
	if !ok || !fd.Name.IsExported() {
		return false
	}
	res := sig.Results()
	if res.Len() == 0 || !typematch.IsError(res.At(res.Len()-1).Type()) {
		return false
	}
	for p := range sig.Params().Variables() {
		if isContext(p.Type()) {
			return false
		}
	}
	return true
}

// logicCtxField returns the ctx field of a go-zero logic type: a struct
// embedding logx.Logger with a field ctx context.Context.
func logicCtxField(t types.Type) *types.Var {
	st := structOf(t)
	if st == nil {
		return nil
	}
	var ctx *types.Var
	logger := false
	for f := range st.Fields() {
		if f.Embedded() && typematch.IsNamed(f.Type(), "github.com/zeromicro/go-zero/core/logx", "Logger") {
			logger = true
		}
		if f.Name() == "ctx" && isContext(f.Type()) { // by name: goctl generates it so
			ctx = f
		}
	}
	if !logger {
		return nil
	}
	return ctx
}

func structOf(t types.Type) *types.Struct {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

// isRequestCtx reports whether e is the request's context in h: r.Context()
// of a request parameter, l.ctx, or a context variable derived from them.
func (c *checker) isRequestCtx(h *handler, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v := varOf(c.info, e)
		return v != nil && h.ctxVars[v]
	case *ast.SelectorExpr:
		if h.ctxField == nil {
			return false
		}
		sel, ok := c.info.Selections[e]
		if !ok || sel.Obj() != h.ctxField {
			return false
		}
		id, ok := ast.Unparen(e.X).(*ast.Ident)
		return ok && varOf(c.info, id) == h.recv
	case *ast.CallExpr:
		if !typematch.CallsMethod(c.info, e, "net/http", "Request", "Context") {
			return false
		}
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		root := rootIdent(sel.X)
		return root != nil && h.reqParams[varOf(c.info, root)]
	}
	return false
}

// rootIdent returns x in x.f, x.m(), x.f.g().
func rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			e = x.X
		case *ast.CallExpr:
			e = x.Fun
		default:
			return nil
		}
	}
}

// deriveContexts adds to h.ctxVars the context variables of the handler
// assigned from the request's context (ctx := r.Context(),
// ctx, cancel := context.WithTimeout(ctx, d)), but not through
// context.WithoutCancel.
func (c *checker) deriveContexts(cur inspector.Cursor, h *handler) {
	for range 2 {
		for ac := range cur.Preorder((*ast.AssignStmt)(nil)) {
			as := ac.Node().(*ast.AssignStmt)
			if inNestedLit(ac, h.fn) || !c.mentionsRequestCtx(h, as.Rhs) {
				continue
			}
			for _, l := range as.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				if v, ok := c.info.ObjectOf(id).(*types.Var); ok && isContext(v.Type()) {
					h.ctxVars[v] = true
				}
			}
		}
	}
}

// mentionsRequestCtx reports whether one of exprs holds the request's
// context, other than as the argument of context.WithoutCancel or of a
// function that detaches its context the same way (its fact says so).
func (c *checker) mentionsRequestCtx(h *handler, exprs []ast.Expr) bool {
	found := false
	for _, e := range exprs {
		ast.Inspect(e, func(n ast.Node) bool {
			if found {
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok {
				if typematch.CallsFunc(c.info, call, "context", "WithoutCancel") {
					return false
				}
				if f := c.factOf(typematch.Callee(c.info, call)); f != nil && len(f.Detaches) > 0 {
					// Only the arguments that are not detached.
					for i, a := range call.Args {
						if !slices.Contains(f.Detaches, i) && c.mentionsRequestCtx(h, []ast.Expr{a}) {
							found = true
						}
					}
					return false
				}
			}
			if e, ok := n.(ast.Expr); ok && c.isRequestCtx(h, e) {
				found = true
			}
			return !found
		})
	}
	return found
}

// waits reports whether the handler may wait for its goroutines: it calls
// a Wait method, receives from a channel, selects, ranges over a channel
// or hands a channel to another function (outside the goroutines), or
// starts them through a group that has a Wait.
func (c *checker) waits(cur inspector.Cursor, launches []launch) bool {
	inLaunched := func(n ast.Node) bool {
		for _, l := range launches {
			if l.lit != nil && code.Encloses(l.lit, n) {
				return true
			}
		}
		return false
	}
	for _, l := range launches {
		if l.joined {
			return true
		}
	}
	for nc := range cur.Preorder((*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil), (*ast.SelectStmt)(nil), (*ast.RangeStmt)(nil)) {
		n := nc.Node()
		if inLaunched(n) {
			continue
		}
		switch n := n.(type) {
		case *ast.SelectStmt:
			return true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				return true
			}
		case *ast.RangeStmt:
			if tv, ok := c.info.Types[n.X]; ok && isChan(tv.Type) {
				return true
			}
		case *ast.CallExpr:
			// Any method called Wait counts, by name: beyond
			// knowledge.CallsJoin's groups, a handler may wait on a
			// pool, a future or a sync.Cond, and silence is the safe
			// answer.
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" {
				return true
			}
			for _, a := range n.Args {
				if tv, ok := c.info.Types[a]; ok && isChan(tv.Type) {
					return true
				}
			}
		}
	}
	return false
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// checkLaunchInHandler reports l when its goroutine uses h's request
// context for work.
func (c *checker) checkLaunchInHandler(hcur inspector.Cursor, h *handler, l launch) {
	var uses []ast.Expr   // request contexts used for work, which a fix can wrap
	var indirect ast.Node // a call of a logic method that uses l.ctx
	var who string
	switch {
	case l.lit != nil:
		who = "the goroutine started in " + h.name
		lcur, ok := hcur.FindNode(l.lit)
		if !ok {
			return
		}
		for ec := range lcur.Preorder((*ast.Ident)(nil), (*ast.SelectorExpr)(nil), (*ast.CallExpr)(nil)) {
			e := ec.Node().(ast.Expr)
			if c.isRequestCtx(h, e) {
				if c.ctxUseIsWork(ec, false) {
					uses = append(uses, e)
				}
				continue
			}
			if call, ok := e.(*ast.CallExpr); ok && indirect == nil && c.callsLogicMethodUsingCtx(h, call) {
				indirect = call
			}
		}
	case l.call != nil && l.callee != nil:
		who = "goroutine " + l.callee.Name()
		fact := c.factOf(l.callee)
		iface := typematch.IsInterfaceMethod(l.callee)
		for i, a := range l.call.Args {
			if c.isRequestCtx(h, a) && (iface || fact.ctxWork(i)) {
				uses = append(uses, a)
			}
		}
		if len(uses) == 0 && c.callsLogicMethodUsingCtx(h, l.call) {
			indirect = l.call
		}
	default:
		return
	}
	if len(uses) == 0 && indirect == nil {
		return
	}
	related := []analysis.RelatedInformation{{Pos: l.node.Pos(), End: launchEnd(l), Message: "the goroutine starts here"}}
	if ret := returnAfter(hcur, h.fn, l.node); ret != nil {
		related = append(related, analysis.RelatedInformation{Pos: ret.Pos(), End: ret.End(), Message: fmt.Sprintf("%s returns here without waiting for it", h.name)})
	} else if body := funcs.Body(h.fn); body != nil {
		related = append(related, analysis.RelatedInformation{Pos: body.Rbrace, End: body.Rbrace + 1, Message: fmt.Sprintf("%s returns here without waiting for it", h.name)})
	}
	if len(uses) == 0 {
		c.r.Report(analysis.Diagnostic{
			Pos: indirect.Pos(), End: indirect.End(),
			Message: fmt.Sprintf("%s calls %s, which uses %s; the context is cancelled when the request ends, so its work is cut short",
				who, exprString(indirect.(*ast.CallExpr).Fun), c.ctxName(h)),
			Related: related,
		})
		return
	}
	e := uses[0]
	d := analysis.Diagnostic{
		Pos: e.Pos(), End: e.End(),
		Message: fmt.Sprintf("%s uses the request context %s, which is cancelled when %s returns: its work is cut short",
			who, exprString(e), h.name),
		Related: related,
	}
	if c.canWrapWithoutCancel(e) {
		fix := analysis.SuggestedFix{Message: "Detach the goroutine's context with context.WithoutCancel"}
		for _, u := range uses {
			fix.TextEdits = append(fix.TextEdits,
				analysis.TextEdit{Pos: u.Pos(), End: u.Pos(), NewText: []byte("context.WithoutCancel(")},
				analysis.TextEdit{Pos: u.End(), End: u.End(), NewText: []byte(")")})
		}
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.r.Report(d)
}

func (c *checker) ctxName(h *handler) string {
	if h.recv != nil {
		return h.recv.Name() + ".ctx"
	}
	return "the request context"
}

// canWrapWithoutCancel reports whether context.WithoutCancel can be
// written at e: the file is at Go 1.21 or later and refers to package
// context by that name.
func (c *checker) canWrapWithoutCancel(e ast.Expr) bool {
	f := goversion.FileOf(c.pass, e.Pos())
	if f == nil || !goversion.LangAtLeast(c.pass, f, goversion.Go1_21) {
		return false
	}
	scope := c.pass.Pkg.Scope().Innermost(e.Pos())
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent("context", e.Pos())
	pkg, ok := obj.(*types.PkgName)
	return ok && pkg.Imported().Path() == "context"
}

// returnAfter returns the first return statement of fn after n, outside
// function literals, or nil.
func returnAfter(cur inspector.Cursor, fn, n ast.Node) ast.Node {
	for rc := range cur.Preorder((*ast.ReturnStmt)(nil)) {
		if rc.Node().Pos() > n.End() && !inNestedLit(rc, fn) {
			return rc.Node()
		}
	}
	return nil
}

// callsLogicMethodUsingCtx reports whether call is l.m(...) on the logic
// receiver, where m (or a method it calls on its receiver) uses l.ctx.
func (c *checker) callsLogicMethodUsingCtx(h *handler, call *ast.CallExpr) bool {
	if h.recv == nil {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || varOf(c.info, id) != h.recv {
		return false
	}
	fn := typematch.Callee(c.info, call)
	return fn != nil && c.methodUsesCtx(fn, h.ctxField, map[*types.Func]bool{})
}

// methodUsesCtx reports whether method fn uses its receiver's ctx field
// for anything but logging and values, directly or through other methods
// called on the receiver.
func (c *checker) methodUsesCtx(fn *types.Func, field *types.Var, seen map[*types.Func]bool) bool {
	fn = fn.Origin()
	if seen[fn] {
		return false
	}
	seen[fn] = true
	fd := c.decls[fn]
	if fd == nil {
		return false
	}
	recv := funcs.Receiver(c.info, fd)
	if recv == nil {
		return false
	}
	fcur, ok := c.in.Root().FindNode(fd)
	if !ok {
		return false
	}
	for sc := range fcur.Preorder((*ast.SelectorExpr)(nil)) {
		s := sc.Node().(*ast.SelectorExpr)
		id, ok := ast.Unparen(s.X).(*ast.Ident)
		if !ok || varOf(c.info, id) != recv {
			continue
		}
		sel, ok := c.info.Selections[s]
		if !ok {
			continue
		}
		switch obj := sel.Obj().(type) {
		case *types.Var:
			if obj == field && c.ctxUseIsWork(sc, true) {
				return true
			}
		case *types.Func:
			if c.methodUsesCtx(obj, field, seen) {
				return true
			}
		}
	}
	return false
}
