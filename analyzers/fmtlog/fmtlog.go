package fmtlog

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/report"
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
}

// loggers in order of preference when a package imports several.
var loggers = []logger{
	{"github.com/zeromicro/go-zero/core/logx", "logx"},
	{"go.uber.org/zap", "zap"},
	{"github.com/rs/zerolog", "zerolog"},
	{"github.com/rs/zerolog/log", "zerolog"},
	{"github.com/sirupsen/logrus", "logrus"},
	{"k8s.io/klog/v2", "klog"},
	{"log/slog", "slog"},
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
	if isTestSupport(pass.Pkg.Path()) {
		return nil, nil // test helpers print into the test's output
	}
	if isLoggerPkg(pass.Pkg.Path()) {
		return nil, nil // a logger's last resort when its own output fails
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)

	var calls []printCall
	server := false
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if startsServer(pass.TypesInfo, call) {
			server = true
			continue
		}
		if pc, ok := asPrintCall(pass, call); ok {
			pc.cur = cur
			calls = append(calls, pc)
		}
	}
	if len(calls) == 0 {
		return nil, nil
	}

	log := usedLogger(pass.Pkg)
	program := pass.Pkg.Name() == "main" || typematch.Imports(pass.Pkg, cliFrameworks...) || underCmd(pass.Pkg.Path())
	if program && log == nil && !server {
		return nil, nil // a command-line program's output is its product
	}

	r := report.New(pass)
	c := &checker{pass: pass, r: r, log: log, program: program, server: server}
	byFile := make(map[*ast.File][]printCall)
	for _, pc := range calls {
		f := fileOf(pc.cur)
		if f == nil || isTestFile(pass, f) || c.isOutputFunc(pc.cur) || !c.logsHere(pc) ||
			c.isOptIn(pc.cur) || precedesAbort(pass, pc.cur) || c.isLoggerFallback(pc) {
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
}

// asPrintCall recognises the printers fmtlog reports.
func asPrintCall(pass *analysis.Pass, call *ast.CallExpr) (printCall, bool) {
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
			if len(call.Args) > 0 && isStdStream(info, call.Args[0]) {
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
	if !ok || fn == nil {
		return false
	}
	return typematch.IsFunc(fn, "net/http", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") ||
		typematch.IsMethod(fn, "net/http", "Server", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") ||
		typematch.IsFunc(fn, "net", "Listen", "ListenTCP", "ListenUnix", "ListenPacket", "ListenUDP") ||
		typematch.IsMethod(fn, "net", "ListenConfig", "Listen", "ListenPacket") ||
		typematch.IsFunc(fn, "google.golang.org/grpc", "NewServer") ||
		typematch.IsFunc(fn, "github.com/zeromicro/go-zero/rest", "MustNewServer", "NewServer") ||
		typematch.IsFunc(fn, "github.com/zeromicro/go-zero/zrpc", "MustNewServer", "NewServer") ||
		typematch.IsMethod(fn, "github.com/gin-gonic/gin", "Engine", "Run", "RunTLS") ||
		typematch.IsMethod(fn, "github.com/labstack/echo/v4", "Echo", "Start", "StartTLS")
}

// usedLogger returns the structured logger the package imports, if any.
func usedLogger(pkg *types.Package) *logger {
	for i := range loggers {
		if typematch.Imports(pkg, loggers[i].path) {
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

// linksFmt reports whether fmt is among the package's dependencies.
func linksFmt(pkg *types.Package) bool {
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package) bool
	visit = func(p *types.Package) bool {
		if p.Path() == "fmt" {
			return true
		}
		if seen[p] {
			return false
		}
		seen[p] = true
		for _, imp := range p.Imports() {
			if visit(imp) {
				return true
			}
		}
		return false
	}
	return visit(pkg)
}

// logsHere reports whether the log package call pc is logging: its
// printers are, wherever fmt's would be (a library, a server program, a
// package with a structured logger). log.Panic is a panic, not logging.
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

// isTestSupport reports whether the package path names a test helper
// package (testing, net/http/httptest, testing/iotest, internal/testenv,
// .../testutil): its output goes to the test's log by design.
func isTestSupport(path string) bool {
	for el := range strings.SplitSeq(path, "/") {
		if strings.HasPrefix(el, "test") || strings.HasSuffix(el, "test") {
			return true
		}
	}
	return false
}

// underCmd reports whether the package belongs to a command: its path
// has a cmd element (golang.org/x/tools/cmd/..., example.com/app/cmd/...).
func underCmd(path string) bool {
	for el := range strings.SplitSeq(path, "/") {
		if el == "cmd" {
			return true
		}
	}
	return false
}

// optInWords mark a condition that turns on developer diagnostics.
var optInWords = []string{"debug", "dbg", "verbose", "trac", "chatty"}

// isOptIn reports whether the call only runs when a debugging switch is
// on (if debug { ... }, if t.verbose { ... }, if mode&EnableTracing != 0,
// if logSource { ... }) or under a constant condition (if false { ... },
// kept for debugging): opt-in developer tracing, not the program's
// logging. A function literal inside such a branch counts as inside it.
func (c *checker) isOptIn(cur inspector.Cursor) bool {
	for e := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncDecl)(nil)) {
		ifs, ok := e.Node().(*ast.IfStmt)
		if !ok {
			return false
		}
		if !within(cur.Node().Pos(), ifs.Body) {
			continue // in the else branch or the condition
		}
		if tv, ok := c.pass.TypesInfo.Types[ifs.Cond]; ok && tv.Value != nil {
			return true
		}
		found := false
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				lower := strings.ToLower(id.Name)
				found = strings.HasPrefix(lower, "log")
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

// isLoggerFallback reports whether the log package call pc is the default
// of a logger the user may configure: it sits in the else branch of an if
// whose body logs through a *log.Logger (if s.ErrorLog != nil {
// s.ErrorLog.Printf(...) } else { log.Printf(...) }, net/http's pattern).
func (c *checker) isLoggerFallback(pc printCall) bool {
	if pc.pkg != "log" {
		return false
	}
	for e := range pc.cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		ifs, ok := e.Node().(*ast.IfStmt)
		if !ok {
			return false
		}
		if ifs.Else == nil || !within(pc.call.Pos(), ifs.Else) {
			continue
		}
		found := false
		ast.Inspect(ifs.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && typematch.CallsMethod(c.pass.TypesInfo, call, "log", "Logger", "Print", "Printf", "Println") {
				found = true
			}
			return !found
		})
		return found
	}
	return false
}

func within(pos token.Pos, n ast.Node) bool { return n.Pos() <= pos && pos < n.End() }

// precedesAbort reports whether the print is followed by a panic or an
// exit with nothing but more printing in between, looking past the end of
// a print-only loop or branch to what follows it: it is part of a crash
// report, not logging. log.Fatal(http.ListenAndServe(...)) is no abort: it
// serves first.
func precedesAbort(pass *analysis.Pass, cur inspector.Cursor) bool {
	stmt := cur.Parent()
	if _, ok := stmt.Node().(*ast.ExprStmt); !ok {
		return false
	}
	for {
		block, ok := stmt.Parent().Node().(*ast.BlockStmt)
		if !ok {
			return false
		}
		switch abortsAfter(pass, block, stmt.Node().(ast.Stmt)) {
		case aborts:
			return true
		case continues:
			return false
		}
		// The block ended in printing: if it is the body of a print-only
		// loop or branch, go on after that statement.
		outer := stmt.Parent().Parent()
		switch outer.Node().(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			if !onlyPrints(pass, outer.Node().(ast.Stmt)) {
				return false
			}
			stmt = outer
		default:
			return false
		}
	}
}

type abortKind int

const (
	endsPrinting abortKind = iota // the block ends with nothing but prints
	aborts                        // a panic or exit follows
	continues                     // other work follows
)

// abortsAfter classifies what follows stmt in block.
func abortsAfter(pass *analysis.Pass, block *ast.BlockStmt, stmt ast.Stmt) abortKind {
	info := pass.TypesInfo
	after := false
	for _, s := range block.List {
		if s == stmt {
			after = true
			continue
		}
		if !after {
			continue
		}
		if es, ok := s.(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
				if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
					if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
						return aborts
					}
				}
				if typematch.CallsFunc(info, call, "os", "Exit") {
					return aborts
				}
				if typematch.CallsFunc(info, call, "log", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln") {
					if hasCall(call.Args) {
						return continues
					}
					return aborts
				}
			}
		}
		if !onlyPrints(pass, s) && !definesLocals(s) {
			return continues
		}
	}
	return endsPrinting
}

// onlyPrints reports whether the compound statement s does nothing but
// print: each statement in it is a print call, or a loop or branch made of
// such statements (calls inside the printed arguments only compute them).
func onlyPrints(pass *analysis.Pass, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		_, isPrint := asPrintCall(pass, call)
		return isPrint
	case *ast.BlockStmt:
		for _, st := range s.List {
			if !onlyPrints(pass, st) {
				return false
			}
		}
		return true
	case *ast.IfStmt:
		return s.Init == nil && onlyPrints(pass, s.Body) && (s.Else == nil || onlyPrints(pass, s.Else))
	case *ast.ForStmt:
		return s.Init == nil && s.Post == nil && onlyPrints(pass, s.Body)
	case *ast.RangeStmt:
		return onlyPrints(pass, s.Body)
	}
	return false
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

func hasCall(es []ast.Expr) bool {
	found := false
	for _, e := range es {
		ast.Inspect(e, func(n ast.Node) bool {
			_, isCall := n.(*ast.CallExpr)
			found = found || isCall
			return !found
		})
	}
	return found
}

func fileOf(cur inspector.Cursor) *ast.File {
	for c := range cur.Enclosing((*ast.File)(nil)) {
		return c.Node().(*ast.File)
	}
	return nil
}

func isTestFile(pass *analysis.Pass, f *ast.File) bool {
	return strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go")
}

// isOutputFunc reports whether the call sits in a function whose job is
// output: named for printing (PrintHelp, usage, dumpState), taking an
// io.Writer to write to, or installed as a flag set's Usage.
func (c *checker) isOutputFunc(cur inspector.Cursor) bool {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ftype *ast.FuncType
		switch fn := fc.Node().(type) {
		case *ast.FuncDecl:
			if isOutputName(fn.Name.Name) || isEntryPoint(c.pass.Pkg, fn.Name.Name) ||
				(fn.Body != nil && readsStdin(c.pass.TypesInfo, fn.Body)) {
				return true
			}
			ftype = fn.Type
		case *ast.FuncLit:
			if assignedToUsage(fc) {
				return true
			}
			ftype = fn.Type
		}
		for _, field := range ftype.Params.List {
			if typematch.IsNamed(c.pass.TypesInfo.TypeOf(field.Type), "io", "Writer") {
				return true
			}
		}
	}
	return false
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
	for _, w := range []string{"usage", "help", "debug", "dump"} {
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
// Usage field or variable (flag.Usage = func() {...}).
func assignedToUsage(cur inspector.Cursor) bool {
	assign, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, lhs := range assign.Lhs {
		switch l := lhs.(type) {
		case *ast.SelectorExpr:
			if l.Sel.Name == "Usage" {
				return true
			}
		case *ast.Ident:
			if l.Name == "Usage" || l.Name == "usage" {
				return true
			}
		}
	}
	return false
}

// reportFile reports the print calls of one file, with fixes that share
// their import edits.
func (c *checker) reportFile(f *ast.File, pcs []printCall) {
	plans := make([]*rewrite, len(pcs))
	dropped := map[string]int{} // import path -> references the fixes remove
	for i, pc := range pcs {
		plans[i] = c.plan(f, pc)
		if plans[i] != nil {
			c.countDropped(pc, dropped)
		}
	}
	imports := c.importEdits(f, plans, dropped)
	for i, pc := range pcs {
		d := analysis.Diagnostic{
			Pos:     pc.call.Pos(),
			End:     pc.call.End(),
			Message: c.message(pc, plans[i]),
		}
		if p := plans[i]; p != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Log with " + p.callee,
				TextEdits: append(p.edits, imports...),
			}}
		}
		c.r.Report(d)
	}
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
	level := "Info"
	if strings.HasPrefix(pc.fn, "Fatal") || strings.HasPrefix(pc.fn, "Panic") {
		level = "Error"
	}
	switch name := c.loggerName(); name {
	case "slog":
		return "slog." + level
	case "zap":
		return "zap.L()." + level
	case "logx":
		return "logx." + level + "w"
	default:
		return name
	}
}

func (c *checker) loggerName() string {
	if c.log == nil {
		return "slog"
	}
	return c.log.name
}
