package fmtlog

import (
	_ "embed"
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
	Requires: []*analysis.Analyzer{inspect.Analyzer, fieldsAnalyzer},
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
		if knowledge.CallsStartServer(pass.TypesInfo, call) && !inTestFile(pass, call.Pos()) {
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
	program := pass.Pkg.Name() == "main" || importsCLIFramework(pass.Pkg, imports) || underCmd(pass)
	var own bool
	var ownVar *types.Var
	if !program {
		// A library's own logger; a command-line program's *log.Logger
		// is its diagnostics on stderr, beside its output on stdout.
		if ol := ownLogger(pass); ol != nil {
			own = true
			ownVar, _ = pass.Pkg.Scope().Lookup(ol.name).(*types.Var)
			if log == nil {
				log = ol
			}
		}
		own = own || holdsStructuredLogger(pass)
	}
	if program && log == nil && !server {
		return nil, nil // a command-line program's output is its product
	}

	r := report.New(pass)
	c := &checker{pass: pass, in: in, r: r, log: log, own: own, ownVar: ownVar, program: program, server: server, sum: sum}
	c.setBy = pass.ResultOf[fieldsAnalyzer].(map[*types.Func]*fieldsSet)
	c.optInOnly = c.findOptInOnly(in)
	byFile := make(map[*ast.File][]printCall)
	for _, pc := range calls {
		f := fileOf(pc.cur)
		if f != nil && r.InScope(pc.call.Pos()) && !c.hasLogger(pc) && c.isStrayPrint(pc) {
			c.reportStray(pc)
			continue
		}
		if f == nil || !r.InScope(pc.call.Pos()) || !c.hasLogger(pc) || c.isOutputFunc(pc.cur) || !c.logsHere(pc) ||
			c.isOptIn(pc.cur) && !c.hasLoggerAt(pc.call.Pos()) || c.isCrashReportHere(pc.cur) || c.isFallback(pc) || c.inOwnLogger(pc.cur) || c.isCLIExit(pc) || c.answersFlag(pc.cur) || c.routedThroughSlog(pc) {
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
	pass *analysis.Pass
	in   *inspector.Inspector
	r    *report.Reporter
	// log is the logger the messages name: the structured logger the
	// package calls, else its own.
	log *logger
	// own: the package holds a logger of its own in a package-level
	// variable, which counts wherever the package prints.
	own bool
	// serving are the package's types that serve requests (servingTypes),
	// computed on first use.
	serving map[*types.TypeName]bool
	program bool
	server  bool
	sum     *summary
	// optInOnly are the package's functions called only under a debug
	// switch (a tracer called as if debug { indentf(...) }).
	optInOnly map[types.Object]bool
	// stdinVars are the package-level variables initialized from
	// os.Stdin, computed on first use.
	stdinVars map[*types.Var]bool
	// ownVar is the package's own logger variable, if any, and
	// loggerImpl the functions that make it up (ownLoggerImpl), computed
	// on first use.
	ownVar     *types.Var
	loggerImpl map[*types.Func]bool
	// nilsAt memoizes knownNil by position.
	nilsAt map[token.Pos]map[string]bool
	// setBy is what the package's functions set (fieldsSet), and
	// fieldsAt memoizes fieldSetAt.
	setBy    map[*types.Func]*fieldsSet
	fieldsAt map[fieldKey]bool
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
	return stdStream(info, e) != ""
}

// stdStream returns "Stdout" or "Stderr" when e is os.Stdout or os.Stderr,
// and "" otherwise.
func stdStream(info *types.Info, e ast.Expr) string {
	id := code.NameIdent(e)
	if id == nil {
		return ""
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Pkg() == nil || v.Pkg().Path() != "os" || (v.Name() != "Stdout" && v.Name() != "Stderr") || v.Parent() != v.Pkg().Scope() {
		return ""
	}
	return v.Name()
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

func fileOf(cur inspector.Cursor) *ast.File {
	for c := range cur.Enclosing((*ast.File)(nil)) {
		return c.Node().(*ast.File)
	}
	return nil
}

func inTestFile(pass *analysis.Pass, pos token.Pos) bool {
	return code.InTestFile(pass.Fset, pos)
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

// importsCLIFramework reports whether one of imports (the non-test
// files' import paths) is a command-line framework
// (knowledge.IsCLIFramework): the package is part of a command-line
// program.
func importsCLIFramework(pkg *types.Package, imports []string) bool {
	for _, imp := range pkg.Imports() {
		if slices.Contains(imports, imp.Path()) && knowledge.IsCLIFramework(imp) {
			return true
		}
	}
	return false
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
