package fmtlog

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A summary is what fmtlog learns about a package in one walk.
type summary struct {
	// cliFuncs are functions installed as a command's body: the Run,
	// RunE or Action of a cobra, urfave/cli or kingpin command.
	cliFuncs map[types.Object]bool
	cliLits  map[token.Pos]bool // function literals, by position
	// stdWriters are local variables only ever holding os.Stdout or
	// os.Stderr (w := os.Stderr).
	stdWriters map[*types.Var]bool
	// replaceGlobals: the package calls zap.ReplaceGlobals, so zap.L()
	// is the program's logger and not a no-op.
	replaceGlobals bool
}

// cliBodyFields name the fields of a command-line framework's command
// whose function is the command's work.
var cliBodyFields = map[string]bool{
	"Run": true, "RunE": true, "PreRun": true, "PreRunE": true, "PostRun": true, "PostRunE": true,
	"PersistentPreRun": true, "PersistentPreRunE": true, "PersistentPostRun": true, "PersistentPostRunE": true,
	"Action": true, "Exec": true,
}

func newSummary(info *types.Info, in *inspector.Inspector) *summary {
	sum := &summary{cliFuncs: make(map[types.Object]bool), cliLits: make(map[token.Pos]bool), stdWriters: make(map[*types.Var]bool)}
	other := make(map[*types.Var]bool) // locals assigned something else too
	note := func(lhs, rhs ast.Expr) {
		id, ok := lhs.(*ast.Ident)
		if !ok {
			return
		}
		obj := info.Defs[id]
		if obj == nil {
			obj = info.Uses[id]
		}
		v, ok := obj.(*types.Var)
		if !ok || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
			return
		}
		if rhs != nil && isStdStream(info, rhs) {
			sum.stdWriters[v] = true
		} else {
			other[v] = true
		}
	}
	for cur := range in.Root().Preorder((*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			if !isCLICommand(info.TypeOf(n)) {
				continue
			}
			for _, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if key, ok := kv.Key.(*ast.Ident); ok && cliBodyFields[key.Name] {
						sum.noteCLIFunc(info, kv.Value)
					}
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				var rhs ast.Expr
				if len(n.Rhs) == len(n.Lhs) {
					rhs = n.Rhs[i]
				}
				note(lhs, rhs)
				if sel, ok := lhs.(*ast.SelectorExpr); ok && cliBodyFields[sel.Sel.Name] && isCLICommand(info.TypeOf(sel.X)) && rhs != nil {
					sum.noteCLIFunc(info, rhs)
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				var rhs ast.Expr
				if len(n.Values) == len(n.Names) {
					rhs = n.Values[i]
				}
				note(name, rhs)
			}
		case *ast.CallExpr:
			if typematch.CallsFunc(info, n, "go.uber.org/zap", "ReplaceGlobals") {
				sum.replaceGlobals = true
			}
		}
	}
	for v := range other {
		delete(sum.stdWriters, v)
	}
	return sum
}

// noteCLIFunc records the function a command's body field holds: a
// literal is found by position, a named function by object.
func (sum *summary) noteCLIFunc(info *types.Info, e ast.Expr) {
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		sum.cliLits[e.Pos()] = true
	case *ast.Ident:
		if obj := info.Uses[e]; obj != nil {
			sum.cliFuncs[obj] = true
		}
	case *ast.SelectorExpr:
		if obj := info.Uses[e.Sel]; obj != nil {
			sum.cliFuncs[obj] = true
		}
	}
}

// holdsStdStream reports whether e is a local variable only ever holding
// os.Stdout or os.Stderr.
func (sum *summary) holdsStdStream(info *types.Info, e ast.Expr) bool {
	if sum == nil {
		return false
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	return ok && sum.stdWriters[v]
}

// isCLICommand reports whether t (or what it points to) is a type of a
// command-line framework (knowledge.IsCLIFramework).
func isCLICommand(t types.Type) bool {
	obj := typematch.NamedObj(t)
	return obj != nil && knowledge.IsCLIFramework(obj.Pkg())
}

// ownLogger returns the package's own logger: a package-level variable
// named for logging (logger, Logger, log; not TraceLog) whose type has
// printing or levelled methods (grpclog.Component, a *log.Logger, an
// interface of Printf and Println). Printing beside it bypasses it.
func ownLogger(pass *analysis.Pass) *logger {
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		v, ok := scope.Lookup(name).(*types.Var)
		if !ok || inTestFile(pass, v.Pos()) || !namedForLogging(name) {
			continue
		}
		ms := types.NewMethodSet(v.Type())
		if _, isPtr := v.Type().Underlying().(*types.Pointer); !isPtr && !types.IsInterface(v.Type()) {
			ms = types.NewMethodSet(types.NewPointer(v.Type()))
		}
		has := func(m string) bool { return ms.Lookup(nil, m) != nil }
		if has("Printf") || has("Infof") && has("Errorf") {
			return &logger{name: name, own: true, levelled: has("Infof") && has("Errorf")}
		}
	}
	return nil
}

// namedForLogging reports whether a variable's name says it holds the
// package's logger (logger, Logger, log, pkgLog; not catalog). A logger
// named for a level below the usual (TraceLog, DebugLogger, verboseLog,
// dbgLog) is an opt-in channel beside the package's logging, often
// discarding until a flag turns it on: a print beside it is not a line it
// should have carried.
func namedForLogging(name string) bool {
	lower := strings.ToLower(name)
	if !strings.Contains(lower, "log") || strings.Contains(lower, "catalog") {
		return false
	}
	for _, level := range []string{"trace", "debug", "verbose", "dbg"} {
		if strings.Contains(lower, level) {
			return false
		}
	}
	return true
}

// isOwnLoggingPkg reports whether the package is a program's own logging
// package (.../log, .../logger, .../logging, .../applog): its printing is
// its sink reporting its own failure, the last resort of any logger.
func isOwnLoggingPkg(pkg *types.Package) bool {
	name := strings.ToLower(pkg.Name())
	last := strings.ToLower(pkg.Path()[strings.LastIndex(pkg.Path(), "/")+1:])
	for _, n := range []string{name, last} {
		switch n {
		case "log", "logs", "logger", "loggers", "logging", "logutil", "logutils", "xlog", "applog":
			return true
		}
		if strings.HasSuffix(n, "logger") || strings.HasSuffix(n, "logging") {
			return true
		}
	}
	return false
}

// isCLIName reports whether a function of a command-line program is named
// as a subcommand handler or a result printer: cmdList, versionString,
// listModules, buildInfo.
func isCLIName(name string) bool {
	lower := strings.ToLower(name)
	for _, p := range []string{"cmd", "command", "version", "list"} {
		if strings.HasPrefix(lower, p) && (len(name) == len(p) || !unicode.IsLower(rune(name[len(p)]))) {
			return true
		}
	}
	return strings.Contains(lower, "buildinfo") || strings.Contains(lower, "version")
}

// returnsExitCode reports whether a function returns (int, error): a
// subcommand handler giving the exit code and the error.
func returnsExitCode(sig *types.Signature) bool {
	res := sig.Results()
	if res.Len() != 2 {
		return false
	}
	b, ok := res.At(0).Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Int && typematch.IsError(res.At(1).Type())
}

// inOwnLogger reports whether the print at cur is the package's own
// logger at work (ownLoggerImpl): its sink writing a line, or the code
// that configures it before it is ready.
func (c *checker) inOwnLogger(cur inspector.Cursor) bool {
	if c.ownVar == nil {
		return false
	}
	if c.loggerImpl == nil {
		c.loggerImpl = c.ownLoggerImpl()
	}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fn, ok := c.pass.TypesInfo.Defs[fc.Node().(*ast.FuncDecl).Name].(*types.Func)
		return ok && c.loggerImpl[fn]
	}
	return false
}

// ownLoggerImpl returns the functions of the package that make up its own
// logger (the package-level variable c.ownVar): the methods of the types
// that implement it (the variable's own type, when the package declares
// it, or the package's types that implement its interface type), where a
// print is the logger's sink; and the unexported functions whose every
// use is a call that configures the logger (an argument of a method call
// on the variable, or part of the value assigned to it), which run before
// the logger is ready to carry their warning.
func (c *checker) ownLoggerImpl() map[*types.Func]bool {
	impl := make(map[*types.Func]bool)
	info := c.pass.TypesInfo
	vt := c.ownVar.Type()
	iface, isIface := vt.Underlying().(*types.Interface)
	own := typematch.NamedObj(vt) // the variable's own type, when not an interface
	implements := func(obj *types.TypeName) bool {
		if isIface {
			return types.Implements(obj.Type(), iface) || types.Implements(types.NewPointer(obj.Type()), iface)
		}
		return obj == own
	}
	calls := make(map[*types.Func]int)   // uses of unexported functions of the package
	configs := make(map[*types.Func]int) // ... that are calls configuring the logger
	for file := range c.in.Root().Children() {
		if inTestFile(c.pass, file.Node().Pos()) {
			continue
		}
		for cur := range file.Preorder((*ast.FuncDecl)(nil), (*ast.Ident)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.FuncDecl:
				fn, ok := info.Defs[n.Name].(*types.Func)
				if !ok || fn.Signature().Recv() == nil {
					continue
				}
				if obj := typematch.NamedObj(fn.Signature().Recv().Type()); obj != nil && obj.Pkg() == c.pass.Pkg && implements(obj) {
					impl[fn] = true
				}
			case *ast.Ident:
				fn, ok := info.Uses[n].(*types.Func)
				if !ok || fn.Pkg() != c.pass.Pkg || fn.Exported() || fn.Signature().Recv() != nil {
					continue
				}
				calls[fn]++
				if call, ok := cur.Parent().Node().(*ast.CallExpr); ok && call.Fun == n && c.configuresOwnLogger(cur.Parent()) {
					configs[fn]++
				}
			}
		}
	}
	for fn, n := range calls {
		if configs[fn] == n {
			impl[fn] = true
		}
	}
	return impl
}

// configuresOwnLogger reports whether the call at cur is part of an
// argument of a method call on the package's own logger variable, or of
// the value assigned to it, in the statement that holds it.
func (c *checker) configuresOwnLogger(cur inspector.Cursor) bool {
	isVar := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.ObjectOf(id) == c.ownVar
	}
	for p := range cur.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && n != cur.Node() && isVar(sel.X) {
				return true
			}
		case *ast.AssignStmt:
			return slices.ContainsFunc(n.Lhs, isVar)
		case *ast.ValueSpec:
			return slices.ContainsFunc(n.Names, func(id *ast.Ident) bool { return isVar(id) })
		case ast.Stmt, *ast.FuncLit:
			return false
		}
	}
	return false
}
