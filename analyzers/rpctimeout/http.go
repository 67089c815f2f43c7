package rpctimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkHTTPFunc reports http.Get and its kin: they use http.DefaultClient,
// which has no timeout.
func (c *checker) checkHTTPFunc(call *ast.CallExpr, fn *types.Func) {
	if c.defaultTimed {
		return
	}
	c.report(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("http.%s uses http.DefaultClient, which has no timeout: a slow server blocks this goroutine forever", fn.Name()),
	})
}

// checkHTTPClient reports requests sent through a client without timeout
// when nothing else bounds them.
func (c *checker) checkHTTPClient(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	// The message names the client; why it has no timeout (a literal
	// without Timeout, the zero client) is at the related position where
	// it was made.
	name := types.ExprString(sel.X)
	var cl origin
	if f := c.promotedClient(sel); f != nil {
		// t.Do(req) on a struct that embeds the client: t.Client.Do.
		cl = c.fieldClient(f, 0, c.httpClient)
		name += "." + f.Name()
	} else {
		cl = c.httpClient(sel.X, 0)
	}
	if cl.kind != none {
		return
	}
	var related []analysis.RelatedInformation
	if cl.node != nil {
		related = append(related, analysis.RelatedInformation{Pos: cl.node.Pos(), End: cl.node.End(), Message: cl.desc})
	}
	if fn.Name() != "Do" {
		c.report(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(),
			Message: fmt.Sprintf("%s.%s sends a request through a client with no timeout: a slow server blocks this goroutine forever", name, fn.Name()),
			Related: related,
		})
		return
	}
	if len(call.Args) != 1 {
		return
	}
	req := c.request(call.Args[0], 0)
	if req.kind == none && c.consumesStream(cur) {
		return // an event stream, meant to stay open: a deadline would cut it
	}
	switch req.kind {
	case none:
	case caller:
		if ctx, ok := req.node.(ast.Expr); ok && c.reportIgnoredContext(cur, ctx, req.ctx, name+".Do") {
			return
		}
		if c.isSink(req.ctx) {
			c.addSink(req.ctx.param, call, sink{name: name + ".Do"})
		}
		return
	default:
		return
	}
	if req.noCtx {
		n := req.node.(*ast.CallExpr)
		if c.reported[n.Pos()] {
			return
		}
		c.reported[n.Pos()] = true
		d := analysis.Diagnostic{
			Pos: n.Pos(), End: n.End(),
			Message: fmt.Sprintf("this request has no context, and %s, which sends it, has no timeout: a slow server blocks this goroutine forever", name),
			Related: append(report0(call, "the request is sent here"), related...),
		}
		if ctx := c.ctxParamInScope(cur, n.Pos()); ctx != "" {
			d.SuggestedFixes = withContextFix(n, ctx)
		}
		c.report(d)
		return
	}
	// The context argument of NewRequestWithContext or WithContext.
	if n, ok := req.node.(ast.Expr); ok {
		if c.reported[n.Pos()] {
			return
		}
		c.reported[n.Pos()] = true
		ctx, ok := ctxName(n, req.ctx)
		if !ok {
			ctx = "the request's context"
		}
		d := c.diag(cur, n, req.ctx, fmt.Sprintf("%s has no deadline, and %s, which sends the request, has no timeout: a slow server blocks this goroutine forever", ctx, name))
		d.Related = append(d.Related, report0(call, "the request is sent here")...)
		d.Related = append(d.Related, related...)
		c.report(d)
	}
}

func report0(n ast.Node, msg string) []analysis.RelatedInformation {
	return []analysis.RelatedInformation{{Pos: n.Pos(), End: n.End(), Message: msg}}
}

// httpClient classifies an *http.Client: deadline when Timeout or the
// transport's ResponseHeaderTimeout is set, none when the client surely
// has neither, unknown otherwise.
func (c *checker) httpClient(e ast.Expr, depth int) origin {
	if depth > maxDepth {
		return origin{kind: unknown}
	}
	e = ast.Unparen(e)
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if v, ok := c.info.Uses[sel.Sel].(*types.Var); ok && isDefaultClient(v) {
			if c.defaultTimed {
				return origin{kind: unknown}
			}
			return origin{kind: none, desc: "http.DefaultClient"}
		}
	}
	if lit := compositeLit(e); lit != nil {
		return c.httpClientLit(lit)
	}
	switch e := e.(type) {
	case *ast.StarExpr:
		// cl := *http.DefaultClient copies its zero Timeout.
		if o := c.httpClient(e.X, depth+1); o.kind == none && o.node == nil {
			return origin{kind: none, node: e, desc: "this copy of " + o.desc + " has no timeout"}
		} else if o.kind == none {
			return o
		}
		return origin{kind: unknown}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return origin{kind: unknown}
		}
		return c.clientVar(v, depth, c.httpClient)
	case *ast.SelectorExpr:
		return c.clientField(e, depth, c.httpClient)
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && id.Name == "new" && len(e.Args) == 1 {
			if _, builtin := c.info.Uses[id].(*types.Builtin); builtin && typematch.IsNamed(c.info.TypeOf(e.Args[0]), "net/http", "Client") {
				return origin{kind: none, node: e, desc: "new(http.Client) has no timeout"}
			}
		}
		return c.clientFromCall(e, depth)
	}
	return origin{kind: unknown}
}

// clientFromCall classifies the *http.Client a function of this package
// returns (client, err := newTLSClient(cert)): none when every return of
// a client that is not nil returns one without a timeout, deadline when
// every one has one, unknown otherwise.
func (c *checker) clientFromCall(call *ast.CallExpr, depth int) origin {
	fn := typematch.Callee(c.info, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg || c.busy[fn] {
		return origin{kind: unknown}
	}
	fd := c.declOf(fn)
	if fd == nil || fd.Body == nil {
		return origin{kind: unknown}
	}
	res := fn.Signature().Results()
	idx := -1
	for i := range res.Len() {
		t := types.Unalias(res.At(i).Type())
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if typematch.IsNamed(t, "net/http", "Client") {
			if idx >= 0 {
				return origin{kind: unknown}
			}
			idx = i
		}
	}
	if idx < 0 {
		return origin{kind: unknown}
	}
	c.busy[fn] = true
	defer delete(c.busy, fn)
	var os []origin
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != res.Len() {
				ok = false // a bare return, or a call's results
				return false
			}
			r := n.Results[idx]
			if tv, isNil := c.info.Types[r]; isNil && tv.IsNil() {
				return false // the failure path
			}
			os = append(os, c.httpClient(r, depth+1))
		}
		return true
	})
	if !ok || len(os) == 0 {
		return origin{kind: unknown}
	}
	return merge(os)
}

// declOf returns the declaration of a function of this package.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = funcs.DeclsOf(c.info, c.pass.Files)
	}
	return c.decls[fn]
}

func (c *checker) httpClientLit(lit *ast.CompositeLit) origin {
	if !typematch.IsNamed(c.info.TypeOf(lit), "net/http", "Client") {
		return origin{kind: unknown}
	}
	fields, ok := keyedFields(lit)
	if !ok {
		return origin{kind: unknown}
	}
	if t := fields["Timeout"]; t != nil && !isZero(c.info, t) {
		return origin{kind: deadline}
	}
	if transport := fields["Transport"]; transport != nil && !c.transportUnbounded(transport) {
		return origin{kind: unknown}
	}
	return origin{kind: none, node: lit, desc: "this http.Client literal sets no Timeout"}
}

// transportUnbounded reports whether the transport surely sets no
// response header timeout: nil, http.DefaultTransport, or an
// *http.Transport literal without ResponseHeaderTimeout.
func (c *checker) transportUnbounded(e ast.Expr) bool {
	e = ast.Unparen(e)
	if tv, ok := c.info.Types[e]; ok && tv.IsNil() {
		return true
	}
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if v, ok := c.info.Uses[sel.Sel].(*types.Var); ok && v.Name() == "DefaultTransport" && v.Pkg() != nil && typematch.PathIs(v.Pkg().Path(), "net/http") {
			return true
		}
	}
	switch x := e.(type) {
	case *ast.CallExpr:
		// t.Clone() copies t's ResponseHeaderTimeout: unbounded when t
		// is (http.DefaultTransport.(*http.Transport).Clone()).
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if !ok || len(x.Args) != 0 || !typematch.IsMethod(typematch.Callee(c.info, x), "net/http", "Transport", "Clone") {
			return false
		}
		recv := ast.Unparen(sel.X)
		if ta, ok := recv.(*ast.TypeAssertExpr); ok {
			recv = ta.X
		}
		return c.transportUnbounded(recv)
	case *ast.Ident:
		// A local transport every assignment of which is unbounded, and
		// whose ResponseHeaderTimeout nothing sets.
		v, ok := c.info.Uses[x].(*types.Var)
		if !ok || typematch.IsPackageLevel(v) || c.escapes[v] || c.busy[v] || len(c.assigns[v]) == 0 {
			return false
		}
		if _, isParam := c.params[v]; isParam {
			return false
		}
		for k := range c.fieldAssigns {
			if k.base == v && k.field.Name() == "ResponseHeaderTimeout" {
				return false
			}
		}
		c.busy[v] = true
		defer delete(c.busy, v)
		for _, val := range c.assigns[v] {
			if val.index > 0 || (val.expr != nil && !c.transportUnbounded(val.expr)) {
				return false
			}
		}
		return true
	}
	lit := compositeLit(e)
	if lit == nil || !typematch.IsNamed(c.info.TypeOf(lit), "net/http", "Transport") {
		return false
	}
	fields, ok := keyedFields(lit)
	if !ok {
		return false
	}
	t := fields["ResponseHeaderTimeout"]
	return t == nil || isZero(c.info, t)
}

// reqOrigin is what bounds a request: node is the http.NewRequest call
// (no context), or the context argument whose origin ctx has no deadline.
type reqOrigin struct {
	kind  kind
	node  ast.Node
	noCtx bool // node is an http.NewRequest call
	ctx   origin
}

// request classifies the *http.Request argument of Client.Do.
func (c *checker) request(e ast.Expr, depth int) reqOrigin {
	if depth > maxDepth {
		return reqOrigin{kind: unknown}
	}
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok || c.escapes[v] || c.boundsRequest(v) || c.busy[v] {
			return reqOrigin{kind: unknown}
		}
		if _, isParam := c.params[v]; isParam || len(c.assigns[v]) == 0 {
			return reqOrigin{kind: unknown}
		}
		c.busy[v] = true
		defer delete(c.busy, v)
		var out reqOrigin
		for i, val := range c.assigns[v] {
			if val.index > 0 {
				return reqOrigin{kind: unknown}
			}
			r := c.request(val.expr, depth+1)
			if r.kind != none && r.kind != caller || i > 0 && (r.kind != out.kind || r.ctx.param != out.ctx.param) {
				return reqOrigin{kind: unknown}
			}
			if i == 0 {
				out = r
			}
		}
		return out
	case *ast.CallExpr:
		fn := typematch.Callee(c.info, e)
		switch {
		case typematch.IsFunc(fn, "net/http", "NewRequest"):
			return reqOrigin{kind: none, node: e, noCtx: true}
		case typematch.IsFunc(fn, "net/http", "NewRequestWithContext"),
			typematch.IsMethod(fn, "net/http", "Request", "WithContext", "Clone"):
			var ctx ast.Expr
			if fn.Signature().Recv() != nil {
				if len(e.Args) == 1 {
					ctx = e.Args[0]
				}
			} else if len(e.Args) > 0 {
				ctx = e.Args[0]
			}
			if ctx == nil {
				return reqOrigin{kind: unknown}
			}
			switch o := c.context(ctx, depth+1); o.kind {
			case none, caller:
				return reqOrigin{kind: o.kind, node: ctx, ctx: o}
			}
		}
	}
	return reqOrigin{kind: unknown}
}

// checkNewRequest reports http.NewRequest in a function that has a
// context parameter: the request it makes carries context.Background(),
// so the caller's deadline and cancellation never reach the exchange,
// whichever client sends it.
func (c *checker) checkNewRequest(cur inspector.Cursor, call *ast.CallExpr) {
	ctx := c.ownCtxParam(cur, call.Pos())
	if ctx == "" || c.reported[call.Pos()] {
		return
	}
	send, ok := c.sentWithoutContext(cur)
	if !ok {
		return
	}
	c.reported[call.Pos()] = true
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message:        fmt.Sprintf("http.NewRequest makes a request without %s, so the caller's deadline and cancellation never reach it", ctx),
		SuggestedFixes: withContextFix(call, ctx),
	}
	if !typematch.CallsMethod(c.info, send, "net/http", "Client", "Do") {
		// Sent through a wrapper: say which.
		d.Related = report0(send, types.ExprString(ast.Unparen(send.Fun))+" sends the request")
	}
	c.r.Report(d)
}

// sentWithoutContext reports whether the request made by the
// http.NewRequest call at cur is assigned to a variable that only ever
// reaches (*http.Client).Do as it is: its fields and methods are used
// (req.Header.Set), but it is never given a context (req.WithContext,
// req.Clone), handed to another function (which may attach one, as an
// API client's Do(ctx, req) does), returned or copied. A wrapper that
// sends its request parameter as it is (a sendsRequest fact: c.do(req))
// counts as Do; the call that sends is returned.
func (c *checker) sentWithoutContext(cur inspector.Cursor) (*ast.CallExpr, bool) {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 || as.Rhs[0] != cur.Node() {
		return nil, false
	}
	v := c.varOf(as.Lhs[0])
	if v == nil || v.Name() == "_" || c.escapes[v] {
		return nil, false
	}
	var fn inspector.Cursor
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = fc // the outermost: closures may use the request too
	}
	sent := c.sentAsIs(fn, v)
	return sent, sent != nil
}

// withContextFix rewrites http.NewRequest(m, url, body) into
// http.NewRequestWithContext(ctx, m, url, body).
func withContextFix(call *ast.CallExpr, ctx string) []analysis.SuggestedFix {
	fsel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message: fmt.Sprintf("Use http.NewRequestWithContext with %s", ctx),
		TextEdits: []analysis.TextEdit{
			{Pos: fsel.Sel.Pos(), End: fsel.Sel.End(), NewText: []byte("NewRequestWithContext")},
			{Pos: call.Args[0].Pos(), End: call.Args[0].Pos(), NewText: []byte(ctx + ", ")},
		},
	}}
}

// ownCtxParam returns the name of a context parameter that the code at
// pos runs under: one of its enclosing functions', not looking past a
// function literal started by a go statement (a detached goroutine need
// not share the caller's context).
func (c *checker) ownCtxParam(cur inspector.Cursor, pos token.Pos) string {
	return c.enclosingCtxParam(cur, pos, true)
}

// ctxParamOf returns the name of ft's context parameter if that name
// still refers to it at pos.
func (c *checker) ctxParamOf(ft *ast.FuncType, pos token.Pos) string {
	for _, f := range ft.Params.List {
		for _, name := range f.Names {
			v, ok := c.info.Defs[name].(*types.Var)
			if !ok || name.Name == "_" || !isContext(v.Type()) {
				continue
			}
			scope := c.pass.Pkg.Scope().Innermost(pos)
			if scope == nil {
				continue
			}
			if _, obj := scope.LookupParent(name.Name, pos); obj == v {
				return name.Name
			}
		}
	}
	return ""
}

// consumesStream reports whether the response of the Do call at cur is an
// event stream the function consumes as it comes: its body is read by a
// json.Decoder or a bufio.Scanner or Reader in a for loop without a
// condition (until the server ends it) that hands each item on, by a send
// on a channel or a call of a function value. Such a request is meant to
// stay open as long as the server streams.
func (c *checker) consumesStream(cur inspector.Cursor) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != cur.Node() || len(as.Lhs) == 0 {
		return false
	}
	resp := c.varOf(as.Lhs[0])
	if resp == nil {
		return false
	}
	fcur, ok := funcs.Enclosing(cur)
	if !ok {
		return false
	}
	readers := make(map[*types.Var]bool)
	for n := range fcur.Preorder((*ast.AssignStmt)(nil)) {
		a := n.Node().(*ast.AssignStmt)
		if len(a.Rhs) != 1 || len(a.Lhs) != 1 {
			continue
		}
		mk, ok := ast.Unparen(a.Rhs[0]).(*ast.CallExpr)
		if !ok || len(mk.Args) != 1 || !(typematch.CallsFunc(c.info, mk, "encoding/json", "NewDecoder") || typematch.CallsFunc(c.info, mk, "bufio", "NewScanner", "NewReader")) {
			continue
		}
		body, ok := ast.Unparen(mk.Args[0]).(*ast.SelectorExpr)
		if !ok || body.Sel.Name != "Body" || c.varOf(body.X) != resp {
			continue
		}
		if v := c.varOf(a.Lhs[0]); v != nil {
			readers[v] = true
		}
	}
	if len(readers) == 0 {
		return false
	}
	for n := range fcur.Preorder((*ast.ForStmt)(nil)) {
		loop := n.Node().(*ast.ForStmt)
		if loop.Cond != nil || !c.readsFrom(loop.Body, readers) {
			continue
		}
		if funcs.Has(loop.Body, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.SendStmt:
				return true
			case *ast.CallExpr:
				_, isVar := typeutil.Callee(c.info, m).(*types.Var)
				return isVar
			}
			return false
		}) {
			return true
		}
	}
	return false
}

// readsFrom reports whether body calls a read method (Decode, Scan,
// ReadString, ReadBytes, ReadLine) of one of the readers.
func (c *checker) readsFrom(body *ast.BlockStmt, readers map[*types.Var]bool) bool {
	return funcs.Has(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || !readers[c.varOf(sel.X)] {
			return false
		}
		switch sel.Sel.Name {
		case "Decode", "Scan", "ReadString", "ReadBytes", "ReadLine":
			return true
		}
		return false
	})
}

// promotedClient returns the embedded http.Client or *http.Client field
// whose method sel calls when the method is promoted through embedding
// (t.Do, with t a struct embedding *http.Client), or nil.
func (c *checker) promotedClient(sel *ast.SelectorExpr) *types.Var {
	s, ok := c.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || len(s.Index()) < 2 {
		return nil
	}
	t := s.Recv()
	var f *types.Var
	for _, i := range s.Index()[:len(s.Index())-1] {
		st, ok := typematch.UnderPointer(t).(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil
		}
		f = st.Field(i)
		t = f.Type()
	}
	if f == nil || !typematch.IsNamed(f.Type(), "net/http", "Client") {
		return nil
	}
	return f
}
