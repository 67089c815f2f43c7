package fmtlog

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/scope"
	"github.com/trapvet/trapvet/internal/stdlib"
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

// Analyzer reports printing used as logging.
var Analyzer = &analysis.Analyzer{
	Name:     "fmtlog",
	Doc:      docs.Extract(doc, "fmtlog"),
	URL:      "https://github.com/trapvet/trapvet/blob/main/docs/fmtlog.md",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

// A logger is a structured logging package a package may already use.
type logger struct {
	path string
	name string // as said in messages
	own  bool   // the package's own logger variable (name is its name)
	// levelled: the own logger has Infof and Errorf, else Printf.
	levelled bool
}

// loggers in order of preference when a package imports several.
var loggers = []logger{
	{"github.com/zeromicro/go-zero/core/logx", "logx", false, false},
	{"go.uber.org/zap", "zap", false, false},
	{"github.com/rs/zerolog", "zerolog", false, false},
	{"github.com/rs/zerolog/log", "zerolog", false, false},
	{"github.com/sirupsen/logrus", "logrus", false, false},
	{"k8s.io/klog/v2", "klog", false, false},
	{"log/slog", "slog", false, false},
}

// cliFrameworks mark a non-main package as part of a command-line program.
var cliFrameworks = []string{
	"github.com/spf13/cobra",
	"github.com/urfave/cli",
	"github.com/urfave/cli/v2",
	"github.com/urfave/cli/v3",
	"github.com/alecthomas/kingpin/v2",
	"gopkg.in/alecthomas/kingpin.v2",
	"github.com/peterbourgon/ff/v3/ffcli",
}

// A printCall is a call that prints to the process's standard streams.
type printCall struct {
	cur     inspector.Cursor
	call    *ast.CallExpr
	name    string // as written in messages: fmt.Printf, log.Fatal, println
	pkg     string // "fmt", "log", or "" for the builtins
	fn      string // Printf, Fatal, println, ...
	argsOff int    // index of the first printed argument (1 for Fprint*)
}

func run(pass *analysis.Pass) (any, error) {
	if !typematch.Imports(pass.Pkg, "fmt", "log") && !linksFmt(pass.Pkg) {
		return nil, nil
	}
	if isLoggerPkg(pass.Pkg.Path()) || isOwnLoggingPkg(pass.Pkg) {
		return nil, nil // a logger's last resort when its own output fails
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)

	sum := newSummary(pass.TypesInfo, in)
	var calls []printCall
	server := false
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if startsServer(pass.TypesInfo, call) && !inTestFile(pass, call.Pos()) {
			server = true
			continue
		}
		if pc, ok := asPrintCall(pass, sum, call); ok {
			pc.cur = cur
			calls = append(calls, pc)
		}
	}
	if len(calls) == 0 {
		return nil, nil
	}

	// What the package's _test.go files import or declare (slog only in
	// a test, a test's logger) says nothing of the code it ships: a
	// package and its test variant get the same findings.
	imports := nonTestImports(pass)
	log := usedLogger(pass, imports)
	program := pass.Pkg.Name() == "main" || importsAny(imports, cliFrameworks...) || underCmd(pass)
	if log == nil && !program {
		// A library's own logger; a command-line program's *log.Logger
		// is its diagnostics on stderr, beside its output on stdout.
		log = ownLogger(pass)
	}
	if program && log == nil && !server {
		return nil, nil // a command-line program's output is its product
	}

	r := report.New(pass)
	c := &checker{pass: pass, r: r, log: log, program: program, server: server, sum: sum}
	c.optInOnly = c.findOptInOnly(in)
	byFile := make(map[*ast.File][]printCall)
	for _, pc := range calls {
		f := fileOf(pc.cur)
		if f == nil || !r.InScope(pc.call.Pos()) || !c.hasLogger(pc) || c.isOutputFunc(pc.cur) || !c.logsHere(pc) ||
			c.isOptIn(pc.cur) && !c.hasLoggerAt(pc.call.Pos()) || c.isCrashReportHere(pc.cur) || c.isFallback(pc) {
			continue
		}
		byFile[f] = append(byFile[f], pc)
	}
	for f, pcs := range byFile {
		c.reportFile(f, pcs)
	}
	return nil, nil
}

type checker struct {
	pass    *analysis.Pass
	r       *report.Reporter
	log     *logger
	program bool
	server  bool
	sum     *summary
	// optInOnly are the package's functions called only under a debug
	// switch (a tracer called as if debug { indentf(...) }).
	optInOnly map[types.Object]bool
}

// findOptInOnly returns the functions of the package that are called, and
// only called, from opt-in branches. Functions used other than by a call
// (a method value, a callback) are not among them.
func (c *checker) findOptInOnly(in *inspector.Inspector) map[types.Object]bool {
	calls := make(map[types.Object]int)
	optIn := make(map[types.Object]int)
	c.optInOnly = nil // isOptIn below looks at the branches only
	for cur := range in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != c.pass.Pkg {
			continue
		}
		calls[fn]++
		call, ok := cur.Parent().Node().(*ast.CallExpr)
		if !ok || ast.Unparen(call.Fun) != ast.Expr(id) {
			continue
		}
		if c.isOptIn(cur) {
			optIn[fn]++
		}
	}
	only := make(map[types.Object]bool)
	for fn, n := range optIn {
		if n == calls[fn] {
			only[fn] = true
		}
	}
	return only
}

// isCrashReportHere reports whether the print is a crash report fmtlog
// leaves alone: anywhere but in a server program with a structured
// logger, whose start-up failure belongs in its logs like the rest.
func (c *checker) isCrashReportHere(cur inspector.Cursor) bool {
	if c.program && c.server && c.log != nil {
		return false
	}
	return c.isCrashReport(cur)
}

// asPrintCall recognises the printers fmtlog reports.
func asPrintCall(pass *analysis.Pass, sum *summary, call *ast.CallExpr) (printCall, bool) {
	info := pass.TypesInfo
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "print" || b.Name() == "println") {
			if !linksFmt(pass.Pkg) {
				// Below fmt (the runtime and what it depends on) the
				// builtins are the only output there is.
				return printCall{}, false
			}
			return printCall{call: call, name: b.Name(), fn: b.Name()}, true
		}
		return printCall{}, false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return printCall{}, false
	}
	switch fn.Pkg().Path() {
	case "fmt":
		switch fn.Name() {
		case "Print", "Printf", "Println":
			return printCall{call: call, name: "fmt." + fn.Name(), pkg: "fmt", fn: fn.Name()}, true
		case "Fprint", "Fprintf", "Fprintln":
			if len(call.Args) > 0 && (isStdStream(info, call.Args[0]) || sum.holdsStdStream(info, call.Args[0])) {
				return printCall{call: call, name: "fmt." + fn.Name(), pkg: "fmt", fn: fn.Name(), argsOff: 1}, true
			}
		}
	case "log":
		switch fn.Name() {
		case "Print", "Printf", "Println", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return printCall{call: call, name: "log." + fn.Name(), pkg: "log", fn: fn.Name()}, true
		}
	}
	return printCall{}, false
}

// isStdStream reports whether e is os.Stdout or os.Stderr.
func isStdStream(info *types.Info, e ast.Expr) bool {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.Ident:
		id = e
	default:
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "os" && (v.Name() == "Stdout" || v.Name() == "Stderr") && v.Parent() == v.Pkg().Scope()
}

// startsServer reports whether call starts a network server or listener.
func startsServer(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && fn != nil && knowledge.StartsServer(fn)
}

// usedLogger returns the structured logger the package's non-test files
// import and call, if any: a package naming only a logger's type (an
// slog.Level in its configuration) does not log with it.
func usedLogger(pass *analysis.Pass, imports []string) *logger {
	for i := range loggers {
		if importsAny(imports, loggers[i].path) && callsLogger(pass, loggers[i].path) {
			return &loggers[i]
		}
	}
	return nil
}

// isLoggerPkg reports whether path is one of the structured loggers or a
// package inside one (go.uber.org/zap/zapcore): a logger cannot log its
// own failures through itself, and printing them is its last resort.
func isLoggerPkg(path string) bool {
	for _, l := range loggers {
		if typematch.PathIs(path, l.path) || strings.HasPrefix(path, l.path+"/") {
			return true
		}
	}
	return false
}

// linksFmt reports whether the package prints with fmt by choice: always
// outside the standard library (any package there can import fmt); inside
// it, only when the package imports fmt itself. The runtime, what fmt
// depends on, and the low-level packages that report a fatal state with
// the builtins before they throw (crypto/internal/sysrand) have only the
// builtins for output. Only the package's own imports are asked: from
// export data (go vet mode) a dependency lists fewer imports than from
// source, so a walk of the import graph would depend on the driver.
func linksFmt(pkg *types.Package) bool {
	if !stdlib.Has(pkg.Path()) && !strings.HasPrefix(pkg.Path(), "vendor/") {
		return true // not the standard library or a package it vendors
	}
	return typematch.Imports(pkg, "fmt")
}

// hasLogger reports whether a logger is at hand where pc prints, which
// the print bypasses: the package logs with a structured logger or holds
// a logger of its own, or the enclosing functions' receiver, a parameter
// or a local holds one (see loggerAtHand). Without one, the print is the
// package's only output and nothing is lost or misrouted: a library
// printing a deprecation notice, a server program logging through the
// standard logger it never configured otherwise.
func (c *checker) hasLogger(pc printCall) bool {
	return c.log != nil || c.loggerAtHand(pc.call.Pos()) != ""
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
		// Exiting with a message is how a program or a library's init
		// without a logger stops; log.Fatal(http.ListenAndServe(...)) is
		// net/http's idiom.
		return c.log != nil
	}
	return true
}

// underCmd reports whether the package belongs to a command: its
// directory in its module has a cmd element (cmd/..., tools/cmd/...).
func underCmd(pass *analysis.Pass) bool {
	for el := range strings.SplitSeq(scope.ModuleDir(pass), "/") {
		if el == "cmd" {
			return true
		}
	}
	return false
}

// optInWords mark a condition that turns on developer diagnostics.
var optInWords = []string{"debug", "dbg", "verbose", "trac", "chatty"}

// hasLoggerAt reports whether a structured logger is at hand at pos: a
// variable or parameter, a field of the receiver or of another variable
// (s.log), or a package-level logger. A debug trace printed beside it
// bypasses it (its Debug level is the switch), so it is reported.
func (c *checker) hasLoggerAt(pos token.Pos) bool {
	if kind, _ := c.loggerInScope(pos); kind != "" {
		return true
	}
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok && loggerKind(v.Type()) != "" && !inTestFile(c.pass, v.Pos()) {
			return true
		}
	}
	return false
}

// isOptIn reports whether the call only runs when a debugging switch is
// on (if debug { ... }, if t.verbose { ... }, if mode&EnableTracing != 0,
// if logSource { ... }) or under a constant condition (if false { ... },
// kept for debugging): opt-in developer tracing, not the program's
// logging. A function literal inside such a branch counts as inside it.
func (c *checker) isOptIn(cur inspector.Cursor) bool {
	for e := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncDecl)(nil)) {
		ifs, ok := e.Node().(*ast.IfStmt)
		if !ok {
			fd := e.Node().(*ast.FuncDecl)
			return c.optInOnly[c.pass.TypesInfo.Defs[fd.Name]]
		}
		if !code.Contains(ifs.Body, cur.Node().Pos()) {
			continue // in the else branch or the condition
		}
		if tv, ok := c.pass.TypesInfo.Types[ifs.Cond]; ok && tv.Value != nil {
			return true
		}
		found := false
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			if bin, ok := n.(*ast.BinaryExpr); ok && bin.Op == token.NEQ && c.isEnvLookup(bin.X) && isEmptyString(c.pass.TypesInfo, bin.Y) {
				found = true // an environment switch: if os.Getenv("X_DEBUG") != ""
				return false
			}
			if id, ok := n.(*ast.Ident); ok && c.isSwitch(id) {
				lower := strings.ToLower(id.Name)
				found = found || strings.HasPrefix(lower, "log")
				for _, w := range optInWords {
					found = found || strings.Contains(lower, w)
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// isFallback reports whether the print is the default of an output the
// program may configure:
//
//   - in the else branch of an if that tests a hook and calls it (if
//     s.ErrorLog != nil { s.ErrorLog.Printf(...) } else { log.Printf(...) },
//     net/http's pattern; if info.errorFunc != nil { info.errorFunc(err) });
//   - after such an if that returns (if s.Error != nil { s.Error(s, msg);
//     return }, text/scanner's);
//   - in a function literal stored in a field left nil (if conf.Error ==
//     nil { conf.Error = func(e error) {...} }) or in a package-level
//     variable (var reportError = func(...) {...}): a default the program
//     replaces.
func (c *checker) isFallback(pc printCall) bool {
	for e := range pc.cur.Enclosing((*ast.IfStmt)(nil), (*ast.BlockStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := e.Node().(type) {
		case *ast.IfStmt:
			if n.Else != nil && code.Contains(n.Else, pc.call.Pos()) && c.callsHook(n) {
				return true
			}
		case *ast.BlockStmt:
			for _, st := range n.List {
				if st.Pos() >= pc.call.Pos() {
					break
				}
				if ifs, ok := st.(*ast.IfStmt); ok && ifs.Else == nil && c.callsHook(ifs) && endsInReturn(ifs.Body) {
					return true
				}
			}
		case *ast.FuncLit:
			switch p := e.Parent().Node().(type) {
			case *ast.AssignStmt:
				if p.Tok == token.ASSIGN && len(p.Lhs) == 1 {
					if _, isField := p.Lhs[0].(*ast.SelectorExpr); isField && setsDefault(e.Parent(), p.Lhs[0]) {
						return true
					}
				}
			case *ast.ValueSpec:
				if len(p.Names) > 0 && c.pass.TypesInfo.Defs[p.Names[0]] != nil && c.pass.TypesInfo.Defs[p.Names[0]].Parent() == c.pass.Pkg.Scope() {
					return true
				}
			}
			return false
		case *ast.FuncDecl:
			return false
		}
	}
	return false
}

// setsDefault reports whether the assignment at cur to lhs is the body of
// an if that tests lhs against nil: it fills in a default.
func setsDefault(cur inspector.Cursor, lhs ast.Expr) bool {
	for e := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		ifs, ok := e.Node().(*ast.IfStmt)
		if !ok {
			return false
		}
		bin, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if ok && bin.Op == token.EQL && types.ExprString(bin.X) == types.ExprString(lhs) {
			if id, ok := bin.Y.(*ast.Ident); ok && id.Name == "nil" {
				return true
			}
		}
	}
	return false
}

// callsHook reports whether the if tests a hook against nil and its body
// calls it: a function-typed field or variable, or a *log.Logger.
func (c *checker) callsHook(ifs *ast.IfStmt) bool {
	for _, cond := range conjuncts(ifs.Cond) {
		if c.callsHookIf(cond, ifs.Body) {
			return true
		}
	}
	return false
}

// conjuncts returns the operands of a chain of && (s != nil && s.ErrorLog
// != nil), or e itself.
func conjuncts(e ast.Expr) []ast.Expr {
	if bin, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && bin.Op == token.LAND {
		return append(conjuncts(bin.X), conjuncts(bin.Y)...)
	}
	return []ast.Expr{e}
}

// callsHookIf reports whether cond tests a hook against nil and body
// calls it.
func (c *checker) callsHookIf(cond ast.Expr, body *ast.BlockStmt) bool {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || bin.Op != token.NEQ {
		return false
	}
	hook := bin.X
	if id, ok := bin.Y.(*ast.Ident); !ok || id.Name != "nil" {
		return false
	}
	want := types.ExprString(hook)
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return !found
		}
		fun := ast.Unparen(call.Fun)
		if types.ExprString(fun) == want {
			found = true
		}
		if sel, ok := fun.(*ast.SelectorExpr); ok && types.ExprString(sel.X) == want &&
			typematch.CallsMethod(c.pass.TypesInfo, call, "log", "Logger", "Print", "Printf", "Println", "Output") {
			found = true
		}
		return !found
	})
	return found
}

func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

// isSwitch reports whether id can be a debugging switch: a boolean or an
// integer (a debug level), a constant (a mode bit), or a function
// returning one (dbg('v')). A TracerProvider or a TraceOptions struct is
// no switch.
func (c *checker) isSwitch(id *ast.Ident) bool {
	obj := c.pass.TypesInfo.ObjectOf(id)
	if _, ok := obj.(*types.Const); ok {
		return true
	}
	if obj == nil {
		return false
	}
	t := obj.Type()
	if sig, ok := t.(*types.Signature); ok {
		if sig.Results().Len() != 1 {
			return false
		}
		t = sig.Results().At(0).Type()
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsBoolean|types.IsInteger) != 0
}

func (c *checker) isEnvLookup(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && typematch.CallsFunc(c.pass.TypesInfo, call, "os", "Getenv")
}

func isEmptyString(info *types.Info, e ast.Expr) bool {
	s, ok := constString(info, e)
	return ok && s == ""
}

// definesLocals reports whether s only declares local variables (x := ...,
// var buf [32]uintptr): a crash report assembling what it prints.
func definesLocals(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.AssignStmt:
		return s.Tok == token.DEFINE
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		return ok && gd.Tok == token.VAR
	}
	return false
}

func fileOf(cur inspector.Cursor) *ast.File {
	for c := range cur.Enclosing((*ast.File)(nil)) {
		return c.Node().(*ast.File)
	}
	return nil
}

func inTestFile(pass *analysis.Pass, pos token.Pos) bool {
	return strings.HasSuffix(pass.Fset.File(pos).Name(), "_test.go")
}

// nonTestImports returns the import paths of the package's non-test files.
func nonTestImports(pass *analysis.Pass) []string {
	var out []string
	for _, f := range pass.Files {
		if inTestFile(pass, f.FileStart) {
			continue
		}
		for _, imp := range f.Imports {
			if p, err := strconv.Unquote(imp.Path.Value); err == nil {
				out = append(out, p)
			}
		}
	}
	return out
}

// importsAny reports whether imports holds one of paths (as
// typematch.PathIs matches them: vendored copies too).
func importsAny(imports []string, paths ...string) bool {
	for _, imp := range imports {
		for _, p := range paths {
			if typematch.PathIs(imp, p) {
				return true
			}
		}
	}
	return false
}

// isOutputFunc reports whether the call sits in a function whose job is
// output: named for printing (PrintHelp, usage, dumpState), taking an
// io.Writer to write to, or installed as a flag set's Usage.
func (c *checker) isOutputFunc(cur inspector.Cursor) bool {
	info := c.pass.TypesInfo
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ftype *ast.FuncType
		var sig *types.Signature
		switch fn := fc.Node().(type) {
		case *ast.FuncDecl:
			if obj, ok := info.Defs[fn.Name].(*types.Func); ok {
				sig = obj.Signature()
			}
			if isOutputName(fn.Name.Name) && !(isTraceName(fn.Name.Name) && c.hasLoggerAt(cur.Node().Pos())) || isEntryPoint(c.pass.Pkg, fn.Name.Name) ||
				(fn.Body != nil && readsStdin(info, fn.Body)) || c.sum.cliFuncs[info.Defs[fn.Name]] ||
				c.program && isCLIName(fn.Name.Name) || c.buildsLogger(fn.Type) {
				return true
			}
			ftype = fn.Type
		case *ast.FuncLit:
			if assignedToUsage(fc) || c.sum.cliLits[fn.Pos()] {
				return true
			}
			ftype = fn.Type
			sig, _ = info.TypeOf(fn).(*types.Signature)
		}
		if sig != nil && c.program && returnsExitCode(sig) {
			return true // a subcommand handler: cmdX(flags) (int, error)
		}
		for _, field := range ftype.Params.List {
			if typematch.IsNamed(info.TypeOf(field.Type), "io", "Writer") {
				return true
			}
		}
	}
	return false
}

// buildsLogger reports whether a function returns a type of the
// package's structured logger (a zapcore.Level, a *zap.Logger, an
// slog.Handler): it runs before that logger exists, so it cannot log
// through it.
func (c *checker) buildsLogger(ftype *ast.FuncType) bool {
	if c.log == nil || c.log.own || ftype.Results == nil {
		return false
	}
	for _, field := range ftype.Results.List {
		obj := typematch.NamedObj(c.pass.TypesInfo.TypeOf(field.Type))
		if obj != nil && obj.Pkg() != nil && (obj.Pkg().Path() == c.log.path || strings.HasPrefix(obj.Pkg().Path(), c.log.path+"/")) {
			return true
		}
	}
	return false
}

// isTraceName reports whether a function's name says it prints debug
// traces (traceStep, dprintf, vlog, debugf): its own job where no logger
// is at hand, a bypass of the logger where one is.
func isTraceName(name string) bool {
	lower := strings.ToLower(name)
	for _, p := range []string{"trace", "dprint", "vlog"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return strings.Contains(lower, "debug")
}

// isOutputName reports whether a function's name says that output is
// its job: printUsage, showHelp, dumpState, CompDebug, traceStep, and test
// helpers compiled into a package (testCGI) whose output the test reads.
func isOutputName(name string) bool {
	lower := strings.ToLower(name)
	for _, p := range []string{"print", "display", "show", "example", "trace", "dprint", "vlog", "test"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	for _, w := range []string{"usage", "help", "debug", "dump", "stdout", "stderr"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// isEntryPoint reports whether a library function is a command's entry
// point (Main, RunMain, cgiMain): its output is the command's.
func isEntryPoint(pkg *types.Package, name string) bool {
	return pkg.Name() != "main" && (name == "Main" || strings.HasSuffix(name, "Main"))
}

// readsStdin reports whether the function body reads os.Stdin: an
// interactive prompt, whose printing is the conversation.
func readsStdin(info *types.Info, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "Stdin" {
			if v, ok := info.Uses[sel.Sel].(*types.Var); ok && v.Pkg() != nil && v.Pkg().Path() == "os" {
				found = true
			}
		}
		return !found
	})
	return found
}

// assignedToUsage reports whether the literal at cur is assigned to a
// Usage field or variable (flag.Usage = func() {...}) or to a name that
// says output is its job (printErr := func(...) {...}).
func assignedToUsage(cur inspector.Cursor) bool {
	var lhs []ast.Expr
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		lhs = p.Lhs
	case *ast.ValueSpec:
		for _, n := range p.Names {
			lhs = append(lhs, n)
		}
	default:
		return false
	}
	for _, l := range lhs {
		switch l := l.(type) {
		case *ast.SelectorExpr:
			if l.Sel.Name == "Usage" || isOutputName(l.Sel.Name) {
				return true
			}
		case *ast.Ident:
			if l.Name == "Usage" || l.Name == "usage" || isOutputName(l.Name) {
				return true
			}
		}
	}
	return false
}

// reportFile reports the print calls of one file, with fixes that share
// their import edits. A run of prints (consecutive print statements and
// print-only loops: a banner, a report, a warning printed as prefix, text
// and newline) is one message printed in pieces: it is reported once, at
// its first print, with one fix rewriting each of its prints.
func (c *checker) reportFile(f *ast.File, pcs []printCall) {
	plans := make([]*rewrite, len(pcs))
	type runKey struct {
		list  ast.Node
		start int
	}
	runs := make(map[runKey][]int) // indexes into pcs
	var order []runKey
	for i, pc := range pcs {
		plans[i] = c.plan(f, pc)
		list, start := c.runOf(pc)
		k := runKey{list, start}
		if list == nil {
			k = runKey{pc.call, i}
		}
		if runs[k] == nil {
			order = append(order, k)
		}
		runs[k] = append(runs[k], i)
	}
	for _, k := range order {
		for _, i := range runs[k] {
			if plans[i] == nil {
				for _, j := range runs[k] {
					plans[j] = nil // all of the run's prints or none
				}
				break
			}
		}
	}
	dropped := map[string]int{} // import path -> references the fixes remove
	for i, pc := range pcs {
		if plans[i] != nil {
			c.countDropped(pc, dropped)
		}
	}
	imports := c.importEdits(f, plans, dropped)
	for _, k := range order {
		idx := runs[k]
		first := idx[0]
		for _, i := range idx {
			if pcs[i].call.Pos() < pcs[first].call.Pos() {
				first = i
			}
		}
		pc := pcs[first]
		d := analysis.Diagnostic{
			Pos:     pc.call.Pos(),
			End:     pc.call.End(),
			Message: c.message(pc, plans[first]),
		}
		if p := plans[first]; p != nil {
			var edits []analysis.TextEdit
			for _, i := range idx {
				edits = append(edits, plans[i].edits...)
			}
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Log with " + p.callee,
				TextEdits: append(edits, imports...),
			}}
		}
		c.r.Report(d)
	}
}

// runOf returns the statement list holding the run of prints pc belongs
// to and the index where the run starts; nil if pc is no statement of
// its own.
func (c *checker) runOf(pc printCall) (ast.Node, int) {
	stmt := pc.cur.Parent()
	st, ok := stmt.Node().(ast.Stmt)
	if !ok || printStmtCall(st) != pc.call {
		return nil, 0
	}
	// Climb out of print-only loops: a listing is part of the run.
	for {
		block, ok := stmt.Parent().Node().(*ast.BlockStmt)
		if !ok {
			break
		}
		loop := stmt.Parent().Parent()
		switch l := loop.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if block == bodyOf(l) && c.onlyPrints(l.(ast.Stmt)) {
				stmt = loop
				continue
			}
		}
		break
	}
	owner := stmt.Parent().Node()
	list, ok := funcs.StmtList(owner)
	if !ok {
		return nil, 0
	}
	i := slices.Index(list, stmt.Node().(ast.Stmt))
	if i < 0 {
		return nil, 0
	}
	for i > 0 && c.printsInRun(list[i-1]) {
		i--
	}
	return owner, i
}

// printsInRun reports whether s continues a run of prints: a print
// statement or a print-only loop.
func (c *checker) printsInRun(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.ForStmt, *ast.RangeStmt:
		return c.onlyPrints(s)
	}
	return false
}

func bodyOf(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	}
	return nil
}

func (c *checker) message(pc printCall, p *rewrite) string {
	where := "in library package " + c.pass.Pkg.Name()
	switch {
	case c.log != nil:
		where = "in a package that logs with " + c.log.name
	case c.program && c.server:
		where = "in a server program"
	}
	use := "use " + c.suggestion(pc)
	if p != nil {
		use = "use " + p.callee
	}
	return fmt.Sprintf("%s used as logging %s: %s instead", pc.name, where, use)
}

// suggestion names the logging call to use when no rewrite is offered.
func (c *checker) suggestion(pc printCall) string {
	level := c.levelOf(pc)
	if c.log == nil {
		switch k, recv := c.loggerInScope(pc.call.Pos()); k {
		case "log/slog", "go.uber.org/zap":
			return recv + "." + level
		case "github.com/zeromicro/go-zero/core/logx":
			if level != "Error" {
				level = "Info"
			}
			return recv + "." + level + "w"
		}
		if e := c.loggerAtHand(pc.call.Pos()); e != "" {
			return e // a logger without a fix: zerolog, logrus, a *log.Logger
		}
	}
	switch name := c.loggerName(); name {
	case "slog":
		return "slog." + level
	case "zap":
		if k, recv := c.loggerInScope(pc.call.Pos()); k == "go.uber.org/zap" {
			return recv + "." + level
		}
		if c.sum.replaceGlobals {
			return "zap.L()." + level
		}
		return "the program's *zap.Logger." + level // zap.L() discards until ReplaceGlobals
	case "logx":
		if level != "Error" {
			level = "Info" // logx has no Warn or Debug with fields
		}
		return "logx." + level + "w"
	default:
		if c.log.own && c.log.levelled {
			return name + "." + level + "f"
		}
		if c.log.own {
			return name + ".Printf"
		}
		return name
	}
}

// levelOf returns the level a print logs at: Error for log.Fatal and
// log.Panic, else the level its prefix names ([WARN], error:), else Error
// for a message that reads like an error or prints an error, else Info.
func (c *checker) levelOf(pc printCall) string {
	if strings.HasPrefix(pc.fn, "Fatal") || strings.HasPrefix(pc.fn, "Panic") {
		return "Error"
	}
	info := c.pass.TypesInfo
	segs, attrs, ok := c.segments(pc)
	if !ok {
		if anyError(info, pc.call.Args[pc.argsOff:]) {
			return "Error"
		}
		return "Info"
	}
	level, msg := message(segs, keysFor(info, attrs))
	switch {
	case level != "":
		return level
	case looksLikeError(msg) || anyError(info, attrs):
		return "Error"
	}
	return "Info"
}

func (c *checker) loggerName() string {
	if c.log == nil {
		return "slog"
	}
	return c.log.name
}
