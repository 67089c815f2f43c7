package fmtlog

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/typematch"
)

// hasLogger reports whether a logger is at hand where pc prints, which
// the print bypasses:
//
//   - the enclosing functions' receiver, a parameter or a local holds one
//     (see loggerAtHand);
//   - the package holds a logger of its own in a package-level variable;
//   - or the package calls a structured logger and the print is in code
//     that serves requests, or in a server program (structuredHere).
//
// Without one, the print is the package's only output and nothing is
// lost or misrouted: a library printing a deprecation notice, a server
// program logging through the standard logger it never configured
// otherwise. A package that calls a structured logger somewhere says
// little about its other prints: a constructor's warning on a bad
// configuration, a generator's error, a client's notice are the package
// talking to its user.
func (c *checker) hasLogger(pc printCall) bool {
	return c.own || c.structuredHere(pc.cur) && !c.beforeLoggerBuilt(pc.cur) || c.loggerAtHand(pc.call.Pos()) != ""
}

// beforeLoggerBuilt reports whether cur runs before the function around
// it builds the structured logger: a later statement of the same function
// (not a loop around both) calls a function of the logger's package that
// returns one of its types or sets it up (slog.New, zap.NewProduction,
// slog.SetDefault, logx.MustSetup), and no earlier call of the function
// uses that package. A server's main that fails to load the configuration
// the logger is built from has no logger to report through yet; a print
// after the logger exists, or after the function has logged through the
// package's default logger, is reported.
func (c *checker) beforeLoggerBuilt(cur inspector.Cursor) bool {
	if c.log == nil || c.log.own {
		return false
	}
	var fd *ast.FuncDecl
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fd, _ = fc.Node().(*ast.FuncDecl)
		break
	}
	if fd == nil || fd.Body == nil {
		return false
	}
	pos := cur.Node().Pos()
	fc, ok := c.in.Root().FindNode(fd)
	if !ok {
		return false
	}
	for cc := range fc.Preorder((*ast.CallExpr)(nil)) {
		call := cc.Node().(*ast.CallExpr)
		if call.Pos() < pos {
			if fn := typematch.Callee(c.pass.TypesInfo, call); fn != nil && fn.Pkg() != nil && typematch.PathIs(fn.Pkg().Path(), c.log.path) {
				return false // the function logs through it already (slog.Info("starting"))
			}
			continue
		}
		if call.Pos() > pos && c.buildsStructuredLogger(call) && !inLoopOrLiteral(cc) {
			return true
		}
	}
	return false
}

// inLoopOrLiteral reports whether cur is inside a loop or a function
// literal (of its function declaration): it may run more than once, or
// later.
func inLoopOrLiteral(cur inspector.Cursor) bool {
	for range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil)) {
		return true
	}
	return false
}

// buildsStructuredLogger reports whether call calls a package-level
// function of the structured logger's package that returns one of that
// package's types, or whose name says it sets the logger up.
func (c *checker) buildsStructuredLogger(call *ast.CallExpr) bool {
	fn := typematch.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil || !typematch.PathIs(fn.Pkg().Path(), c.log.path) {
		return false
	}
	if strings.HasPrefix(fn.Name(), "Set") || strings.Contains(fn.Name(), "Setup") || strings.HasPrefix(fn.Name(), "Replace") {
		return true
	}
	res := fn.Signature().Results()
	for i := range res.Len() {
		if obj := typematch.NamedObj(res.At(i).Type()); obj != nil && obj.Pkg() == fn.Pkg() {
			return true
		}
		// klog.Logger is an alias of logr.Logger: the package's own name.
		if a, ok := res.At(i).Type().(*types.Alias); ok && a.Obj().Pkg() == fn.Pkg() {
			return true
		}
	}
	return false
}

// logsHere reports whether the log package call pc is logging: its
// printers are, wherever fmt's would be (beside a logger). log.Panic is a
// panic, not logging.
func (c *checker) logsHere(pc printCall) bool {
	if pc.pkg != "log" {
		return true
	}
	if strings.HasPrefix(pc.fn, "Panic") {
		return false
	}
	if strings.HasPrefix(pc.fn, "Fatal") {
		// Exiting with a message is how a program or a library's
		// constructor without a logger stops, and a *log.Logger at hand
		// is the log package's own; log.Fatal(http.ListenAndServe(...))
		// is net/http's idiom.
		t, _ := c.firstLogger(pc.call.Pos(), func(t types.Type) bool {
			return isHeldLogger(t) && !typematch.IsNamed(t, "log", "Logger")
		})
		return c.own || c.structuredHere(pc.cur) || t != nil
	}
	return true
}

// structuredHere reports whether the structured logger the package calls
// (c.log, when not its own) counts at cur: in a server program, and
// elsewhere in code that serves requests.
func (c *checker) structuredHere(cur inspector.Cursor) bool {
	if c.log == nil || c.log.own {
		return false
	}
	return c.program && c.server || c.inServingCode(cur)
}

// inServingCode reports whether cur is in code that serves requests: a
// function that serves one (knowledge.ServesRequest: an HTTP handler of
// net/http, gin, echo or fiber, a gRPC stream handler or interceptor),
// a function literal inside one (a go-zero handler returned by its
// constructor), or a method of a type that serves requests.
func (c *checker) inServingCode(cur inspector.Cursor) bool {
	info := c.pass.TypesInfo
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var sig *types.Signature
		switch fn := fc.Node().(type) {
		case *ast.FuncDecl:
			if obj, ok := info.Defs[fn.Name].(*types.Func); ok {
				sig = obj.Signature()
			}
		case *ast.FuncLit:
			sig, _ = info.TypeOf(fn).(*types.Signature)
		}
		if sig == nil {
			continue
		}
		if knowledge.ServesRequest(sig) {
			return true
		}
		if sig.Recv() != nil {
			if c.serving == nil {
				c.serving = servingTypes(c.pass)
			}
			if c.serving[typematch.NamedObj(sig.Recv().Type())] {
				return true
			}
		}
	}
	return false
}

// servingTypes returns the package's types that serve requests: a type
// with a method that serves one (ServeHTTP, a handler method) or a gRPC
// service implementation. Their other methods run for the requests too:
// the helpers a handler calls, the server's own start-up.
func servingTypes(pass *analysis.Pass) map[*types.TypeName]bool {
	serving := make(map[*types.TypeName]bool)
	for _, f := range pass.Files {
		if inTestFile(pass, f.FileStart) {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			recv := fn.Signature().Recv().Type()
			if knowledge.ServesRequest(fn.Signature()) || knowledge.IsGRPCServer(recv) {
				if obj := typematch.NamedObj(recv); obj != nil {
					serving[obj] = true
				}
			}
		}
	}
	return serving
}

// holdsStructuredLogger reports whether the package holds a structured
// logger of its own: a package-level variable named for logging whose
// type is one of heldLoggers (var pkgLog = slog.Default()).
func holdsStructuredLogger(pass *analysis.Pass) bool {
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		v, ok := scope.Lookup(name).(*types.Var)
		if ok && !inTestFile(pass, v.Pos()) && namedForLogging(name) && isHeldLogger(v.Type()) {
			return true
		}
	}
	return false
}

// routedThroughSlog reports whether the print is one of the log package's
// functions after the function declaration around it has made an slog
// logger the default (slog.SetDefault, a statement of the body's top
// level before the print): the log package's output then goes through
// that logger's handler as a structured record, a line neither lost nor
// misrouted (a server's main that sets it first so that the lines before
// its configuration is read look like the rest). A log.SetOutput call in
// the function undoes that; fmt's prints are not rerouted.
func (c *checker) routedThroughSlog(pc printCall) bool {
	if pc.pkg != "log" {
		return false
	}
	var fd *ast.FuncDecl
	for fc := range pc.cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd = fc.Node().(*ast.FuncDecl)
	}
	if fd == nil || fd.Body == nil {
		return false
	}
	info := c.pass.TypesInfo
	set := false
	for _, st := range fd.Body.List {
		if st.Pos() >= pc.call.Pos() {
			break
		}
		if es, ok := st.(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && typematch.CallsFunc(info, call, "log/slog", "SetDefault") {
				set = true
			}
		}
	}
	return set && !funcs.HasCall(fd.Body, func(call *ast.CallExpr) bool {
		return typematch.CallsFunc(info, call, "log", "SetOutput")
	})
}
