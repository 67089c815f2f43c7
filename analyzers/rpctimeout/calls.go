package rpctimeout

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/typematch"
)

// isGRPCCall reports whether fn has the shape of a gRPC client call: a
// method taking a context first and ...grpc.CallOption last (generated
// clients, go-zero zrpc clients, ClientConnInterface.Invoke and
// NewStream). A plain function of that shape is a helper that may bound
// the calls it makes itself (interop.DoTimeoutOnSleepingServer does).
func isGRPCCall(fn *types.Func) bool {
	sig := fn.Signature()
	params := sig.Params()
	if sig.Recv() == nil || !sig.Variadic() || params.Len() < 2 || !isContext(params.At(0).Type()) {
		return false
	}
	last, ok := params.At(params.Len() - 1).Type().(*types.Slice)
	return ok && typematch.IsNamed(last.Elem(), grpcPath, "CallOption")
}

// opensStream reports whether the gRPC call fn opens a stream: its first
// result is a client stream (it has CloseSend and RecvMsg, as
// grpc.ClientStream does). The call returns once the stream is set up;
// the stream then lives until its context ends, and a context that can
// be cancelled bounds it as well as a deadline would.
func opensStream(fn *types.Func) bool {
	res := fn.Signature().Results()
	if res.Len() == 0 {
		return false
	}
	t := res.At(0).Type()
	for _, m := range []string{"CloseSend", "RecvMsg"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, fn.Pkg(), m); obj == nil {
			return false
		}
	}
	return true
}

func (c *checker) checkGRPC(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	if len(call.Args) == 0 {
		return
	}
	ctx := call.Args[0]
	o := c.context(ctx, 0)
	if o.kind != none && o.kind != caller {
		return
	}
	stream := opensStream(fn)
	if stream && o.cancellable {
		return // the stream ends when its context is cancelled
	}
	if stream && o.kind == none && c.keptBesideConn(cur, call) {
		return // the stream ends when its owner closes the connection
	}
	if c.optionsMayBound(call, fn) {
		return
	}
	var recv ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Signature().Recv() != nil {
		recv = sel.X
	}
	cl := origin{kind: unknown}
	if recv != nil {
		cl = c.grpcClient(recv, 0)
	}
	switch cl.kind {
	case deadline, caller:
		return // the client bounds every call
	case unknown:
		if c.zrpc {
			// A go-zero client built from a configuration loaded by
			// go-zero's loader gets the 2 s default of its Timeout tag.
			return
		}
	}
	service := serviceName(fn)
	if o.kind == caller {
		if !c.reportIgnoredContext(cur, ctx, o, fn.Name()) && c.isSink(o) {
			c.addSink(o.param, call, sink{name: fn.Name(), stream: stream})
		}
		return
	}
	d := c.diag(cur, ctx, o, fmt.Sprintf("%s is called with %s: a slow %s blocks this goroutine forever", fn.Name(), describe(ctx, o), service))
	if cl.kind == none && cl.node != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: cl.node.Pos(), End: cl.node.End(), Message: cl.desc})
	}
	c.report(d)
}

// optionsMayBound reports whether the call options passed may set a
// timeout: a spread slice, a variable, or a call of a function whose name
// says timeout or deadline (zrpc.WithCallTimeout).
func (c *checker) optionsMayBound(call *ast.CallExpr, fn *types.Func) bool {
	if call.Ellipsis.IsValid() {
		return true
	}
	fixed := fn.Signature().Params().Len() - 1
	for i := fixed; i < len(call.Args); i++ {
		oc, ok := ast.Unparen(call.Args[i]).(*ast.CallExpr)
		if !ok {
			return true
		}
		ofn := typematch.Callee(c.info, oc)
		if ofn == nil {
			return true
		}
		name := strings.ToLower(ofn.Name())
		if strings.Contains(name, "timeout") || strings.Contains(name, "deadline") {
			return true
		}
		if ofn.Pkg() == nil || !strings.HasPrefix(ofn.Pkg().Path(), grpcPath) {
			return true // an option of the program's own: may set a timeout
		}
	}
	return false
}

// serviceName names the service a client method calls, for the message.
func serviceName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv != nil {
		if obj := typematch.NamedObj(recv.Type()); obj != nil && obj.Pkg() != nil && !typematch.PathIs(obj.Pkg().Path(), grpcPath) {
			name := strings.TrimSuffix(obj.Name(), "Client")
			name = strings.TrimPrefix(name, "default")
			if name != "" {
				return strings.ToLower(name)
			}
		}
	}
	return "server"
}

// grpcClient classifies the client a gRPC call goes through: deadline when
// it bounds, or may bound, every call (an interceptor, a go-zero
// configuration with its default Timeout), none when it surely does not,
// unknown when its construction is not seen.
func (c *checker) grpcClient(e ast.Expr, depth int) origin {
	if depth > maxDepth {
		return origin{kind: unknown}
	}
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return origin{kind: unknown}
		}
		return c.clientVar(v, depth, c.grpcClient)
	case *ast.SelectorExpr:
		return c.clientField(e, depth, c.grpcClient)
	case *ast.CallExpr:
		fn := typematch.Callee(c.info, e)
		if fn == nil {
			return origin{kind: unknown}
		}
		switch {
		case typematch.IsFunc(fn, zrpcPath, "MustNewClient", "NewClient"):
			if len(e.Args) != 1 {
				return origin{kind: deadline} // options may add interceptors
			}
			return c.zrpcConf(e.Args[0], depth+1)
		case typematch.IsFunc(fn, zrpcPath, "NewClientWithTarget"):
			return origin{kind: deadline} // filled with the defaults
		case typematch.IsFunc(fn, grpcPath, "Dial", "DialContext", "NewClient"):
			if e.Ellipsis.IsValid() {
				return origin{kind: deadline} // options may add interceptors
			}
			for _, a := range e.Args {
				if t := c.info.TypeOf(a); t == nil || !typematch.IsNamed(t, grpcPath, "DialOption") {
					continue // target or context
				}
				oc, ok := ast.Unparen(a).(*ast.CallExpr)
				if !ok {
					return origin{kind: deadline}
				}
				ofn := typematch.Callee(c.info, oc)
				if ofn == nil || ofn.Pkg() == nil || !strings.HasPrefix(ofn.Pkg().Path(), grpcPath) ||
					typematch.IsFunc(ofn, grpcPath, "WithUnaryInterceptor", "WithChainUnaryInterceptor", "WithStreamInterceptor", "WithChainStreamInterceptor", "WithDefaultServiceConfig") {
					return origin{kind: deadline} // may bound every call
				}
			}
			return origin{kind: none, node: e, desc: "the connection is dialled without an interceptor that sets a timeout"}
		case fn.Name() == "Conn" && fn.Signature().Params().Len() == 0:
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && isZRPCClient(c.info.TypeOf(sel.X)) {
				return c.grpcClient(sel.X, depth+1)
			}
		default:
			// A constructor that wraps one connection: pb.NewGreeterClient(cc),
			// go-zero's generated siteservice.NewSiteService(cli).
			params := fn.Signature().Params()
			if params.Len() == 1 && len(e.Args) == 1 && isConnType(params.At(0).Type()) {
				return c.grpcClient(e.Args[0], depth+1)
			}
		}
	}
	return origin{kind: unknown}
}

func isConnType(t types.Type) bool {
	return typematch.IsNamed(t, grpcPath, "ClientConnInterface") || typematch.IsNamed(t, grpcPath, "ClientConn") || isZRPCClient(t)
}

func isZRPCClient(t types.Type) bool {
	return t != nil && (typematch.IsNamed(t, zrpcPath+"/internal", "Client") || typematch.IsNamed(t, zrpcPath, "Client") || typematch.IsNamed(t, zrpcPath, "RpcClient"))
}

// zrpcConf classifies the RpcClientConf a zrpc client is built from. Its
// Timeout tag defaults to 2000 ms, but only go-zero's configuration loader
// applies tags: a struct literal sets no timeout unless it sets Timeout and
// turns on the timeout middleware (Middlewares.Timeout, also a tag default).
func (c *checker) zrpcConf(e ast.Expr, depth int) origin {
	if depth > maxDepth {
		return origin{kind: unknown}
	}
	e = ast.Unparen(e)
	if lit := compositeLit(e); lit != nil {
		return c.zrpcConfLit(lit)
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		if typematch.CallsFunc(c.info, e, zrpcPath, "NewDirectClientConf", "NewEtcdClientConf") {
			return origin{kind: none, node: e, desc: "the client's RpcClientConf comes from " + types.ExprString(e.Fun) + ", which sets no Timeout, so zrpc bounds no call"}
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok || c.escapes[v] || c.hasFieldAssigns(v) {
			break
		}
		if _, isParam := c.params[v]; isParam || len(c.assigns[v]) == 0 || c.busy[v] {
			break
		}
		c.busy[v] = true
		defer delete(c.busy, v)
		var os []origin
		for _, val := range c.assigns[v] {
			if val.expr == nil {
				os = append(os, origin{kind: none, node: e, desc: "the client's RpcClientConf is a zero value, which sets no Timeout, so zrpc bounds no call"})
				continue
			}
			os = append(os, c.zrpcConf(val.expr, depth+1))
		}
		return merge(os)
	}
	// A configuration field, a parameter: loaded by go-zero's loader.
	return origin{kind: deadline}
}

func (c *checker) zrpcConfLit(lit *ast.CompositeLit) origin {
	fields, ok := keyedFields(lit)
	if !ok {
		return origin{kind: unknown}
	}
	timeout, middlewares := fields["Timeout"], fields["Middlewares"]
	if timeout == nil || isZero(c.info, timeout) {
		return origin{kind: none, node: lit, desc: "the client's RpcClientConf literal sets no Timeout (the 2000 ms default applies only to configurations loaded by go-zero), so zrpc bounds no call"}
	}
	if middlewares == nil && hasTimeoutSwitch(c.info.TypeOf(lit)) {
		return origin{kind: none, node: lit, desc: "the client's RpcClientConf literal leaves Middlewares.Timeout off (its default true applies only to configurations loaded by go-zero), so zrpc ignores Timeout"}
	}
	if ml := compositeLit(middlewares); ml != nil {
		// keyedFields refuses a positional literal: then do not guess.
		if mf, ok := keyedFields(ml); ok && (mf["Timeout"] == nil || isZero(c.info, mf["Timeout"])) {
			return origin{kind: none, node: lit, desc: "the client's RpcClientConf literal leaves Middlewares.Timeout off, so zrpc ignores Timeout"}
		}
	}
	return origin{kind: deadline}
}

// clientVar classifies a variable holding a client by the values stored
// into it.
func (c *checker) clientVar(v *types.Var, depth int, classify func(ast.Expr, int) origin) origin {
	if c.escapes[v] || c.setsBound(v) || c.busy[v] {
		return origin{kind: unknown}
	}
	if p, ok := c.params[v]; ok {
		// A parameter of a function whose every call in the package is
		// seen is what those calls pass (newClient(url,
		// http.DefaultClient)).
		args, ok := c.callArgs(p, v)
		if !ok {
			return origin{kind: unknown}
		}
		c.busy[v] = true
		defer delete(c.busy, v)
		var os []origin
		for _, a := range args {
			os = append(os, classify(a, depth+1))
		}
		return merge(os)
	}
	vals := c.assigns[v]
	if len(vals) == 0 {
		return origin{kind: unknown}
	}
	c.busy[v] = true
	defer delete(c.busy, v)
	var os []origin
	for _, val := range vals {
		if val.expr == nil {
			os = append(os, c.zeroClient(v))
			continue
		}
		if val.index > 0 {
			os = append(os, origin{kind: unknown})
			continue
		}
		os = append(os, classify(val.expr, depth+1))
	}
	return merge(os)
}

// zeroClient classifies the zero value of a client variable or field: an
// http.Client with no Timeout, or a nil pointer or interface.
func (c *checker) zeroClient(v *types.Var) origin {
	if t, ok := types.Unalias(v.Type()).(*types.Named); ok && typematch.IsNamed(t, "net/http", "Client") {
		return origin{kind: none, node: declared(v), desc: zeroHTTPClient}
	}
	return origin{kind: unknown}
}

// clientField classifies a field holding a client by every store into it
// in the package.
func (c *checker) clientField(sel *ast.SelectorExpr, depth int, classify func(ast.Expr, int) origin) origin {
	if v, ok := c.info.Uses[sel.Sel].(*types.Var); ok && !v.IsField() {
		return c.clientVar(v, depth, classify) // pkg.Var
	}
	s, ok := c.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return origin{kind: unknown}
	}
	f, _ := s.Obj().(*types.Var)
	return c.fieldClient(f, depth, classify)
}

// fieldClient classifies the client kept in field f by every value the
// package stores into it (clientField).
func (c *checker) fieldClient(f *types.Var, depth int, classify func(ast.Expr, int) origin) origin {
	if f == nil || c.busy[f] || c.fieldMutated[f] {
		return origin{kind: unknown}
	}
	stores := c.fieldStores[f]
	if len(stores) == 0 {
		return c.zeroClientField(f)
	}
	c.busy[f] = true
	defer delete(c.busy, f)
	var os []origin
	for _, val := range stores {
		if val.index >= 0 {
			os = append(os, origin{kind: unknown})
			continue
		}
		os = append(os, classify(val.expr, depth+1))
	}
	return merge(os)
}

// diag builds the diagnostic for a call whose context ctx has no
// deadline, with the place the context was made as a related position
// (the message names the context, not where it comes from) and, when ctx
// is a context.Background() literal in a function with a context
// parameter, a fix that passes that parameter instead.
func (c *checker) diag(cur inspector.Cursor, ctx ast.Expr, o origin, msg string) analysis.Diagnostic {
	d := analysis.Diagnostic{Pos: ctx.Pos(), End: ctx.End(), Message: msg}
	if o.node != nil && o.node != ast.Unparen(ctx) {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: o.node.Pos(), End: o.node.End(), Message: "the context comes from " + o.desc})
	}
	if o.node == ast.Unparen(ctx) {
		if name := c.ctxParamInScope(cur, ctx.Pos()); name != "" && isBackgroundCall(c.info, ctx) {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("Pass %s instead of %s", name, o.desc),
				TextEdits: []analysis.TextEdit{{Pos: ctx.Pos(), End: ctx.End(), NewText: []byte(name)}},
			}}
		}
	}
	return d
}

func isBackgroundCall(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && typematch.CallsFunc(info, call, "context", "Background", "TODO")
}

// describe says what a deadline-less context argument is, for a
// message: "ctx, which has no deadline". Where it was made is diag's
// related position.
func describe(ctx ast.Expr, o origin) string {
	if name, ok := ctxName(ctx, o); ok {
		return name + ", which has no deadline"
	}
	return "a context that has no deadline"
}

// ctxName returns how a message names the context argument ctx: as
// written when it is a name (ctx, s.ctx) or the call that made it
// (context.Background()); a longer expression that derives it
// (context.WithValue(context.Background(), k, v)) is not repeated, the
// diagnostic's range shows it.
func ctxName(ctx ast.Expr, o origin) (string, bool) {
	switch e := ast.Unparen(ctx); e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		return types.ExprString(e), true
	default:
		if o.node == e {
			return types.ExprString(e), true
		}
	}
	return "", false
}

// hasTimeoutSwitch reports whether the configuration type has the
// Middlewares.Timeout switch (go-zero since 1.4) that turns the timeout
// interceptor on.
func hasTimeoutSwitch(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Name() != "Middlewares" {
			continue
		}
		if mw, ok := f.Type().Underlying().(*types.Struct); ok {
			for j := 0; j < mw.NumFields(); j++ {
				if mw.Field(j).Name() == "Timeout" {
					return true
				}
			}
		}
	}
	return false
}

// setsBound reports whether the function stores into a field of v that
// may bound its calls: for an http.Client, Timeout or Transport (setting
// CheckRedirect or Jar bounds nothing); for other clients, any field.
func (c *checker) setsBound(v *types.Var) bool {
	t := types.Unalias(v.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if !typematch.IsNamed(t, "net/http", "Client") {
		return c.hasFieldAssigns(v)
	}
	for k := range c.fieldAssigns {
		if k.base == v && (k.field.Name() == "Timeout" || k.field.Name() == "Transport") {
			return true
		}
	}
	return false
}

// zeroClientField classifies an http.Client field (not a pointer) that
// the package never stores into: it holds the zero http.Client, with no
// Timeout, unless code elsewhere can set it (an exported field) or
// something changes it in place (&x.f, x.f.Timeout = d).
func (c *checker) zeroClientField(f *types.Var) origin {
	if f.Exported() || c.fieldAddrTaken[f] || c.fieldMutated[f] {
		return origin{kind: unknown}
	}
	return c.zeroClient(f)
}

// zeroHTTPClient is the related message at the declaration of a variable
// or field that holds the zero http.Client.
const zeroHTTPClient = "the zero http.Client, declared here, has no timeout"

// declared returns a node spanning v's name where it is declared, for a
// related position: an identifier of its own, not a node of the syntax
// tree.
func declared(v *types.Var) ast.Node {
	return &ast.Ident{NamePos: v.Pos(), Name: v.Name()}
}
