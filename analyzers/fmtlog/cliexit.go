package fmtlog

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// cliEntryPoints are the methods that run a command-line framework's
// command tree, by package and type: the error they return is the
// command's failure, which the framework has shown its user already
// (cobra prints it with the usage) or which is the program's last word.
var cliEntryPoints = []struct {
	path, typ string
	methods   []string
}{
	{"github.com/spf13/cobra", "Command", []string{"Execute", "ExecuteC", "ExecuteContext", "ExecuteContextC"}},
	{"github.com/urfave/cli", "App", []string{"Run", "RunContext"}},
	{"github.com/urfave/cli/v2", "App", []string{"Run", "RunContext"}},
	{"github.com/urfave/cli/v3", "Command", []string{"Run"}},
	{"github.com/alecthomas/kingpin/v2", "Application", []string{"Parse"}},
	{"gopkg.in/alecthomas/kingpin.v2", "Application", []string{"Parse"}},
	{"github.com/peterbourgon/ff/v3/ffcli", "Command", []string{"ParseAndRun", "Run"}},
}

// isCLIExit reports whether the print is a command-line program exiting
// on its command's failure: a log.Fatal, or a print followed by an exit
// (fmt.Fprintln(os.Stderr, err); os.Exit(1)), whose only printed value
// (beside constant text) is the error a command framework's entry point
// returned: if err := cmd.Execute(); err != nil { log.Fatal(err) }, or
// log.Fatal(app.Run(os.Args)). Its logger, if any, logs the commands'
// work; the exit status and the message are for the shell.
func (c *checker) isCLIExit(pc printCall) bool {
	if pc.pkg != "log" || !strings.HasPrefix(pc.fn, "Fatal") {
		if !c.precedesAbort(pc.cur) {
			return false
		}
	}
	info := c.pass.TypesInfo
	var val ast.Expr
	for _, a := range pc.call.Args[pc.argsOff:] {
		if tv, ok := info.Types[a]; ok && tv.Value != nil {
			continue // a constant: the format, a prefix
		}
		if val != nil {
			return false
		}
		val = a
	}
	return val != nil && c.isCLIError(val, c.relaysRunError(pc))
}

// relaysRunError reports whether the print is main's report, on stderr,
// of the error of the program's own run function (if err := run(); err !=
// nil { fmt.Fprintln(os.Stderr, err); os.Exit(1) }) where main has no
// logger at hand: the logger, if any, lives inside run, which may fail
// before it exists, and the line lands on stderr, where the process's
// failures go.
func (c *checker) relaysRunError(pc printCall) bool {
	if !c.program || c.hasLoggerAt(pc.call.Pos()) {
		return false
	}
	inMain := false
	for e := range pc.cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fd, ok := e.Node().(*ast.FuncDecl)
		inMain = ok && fd.Recv == nil && fd.Name.Name == "main"
		break
	}
	if !inMain {
		return false
	}
	switch pc.pkg {
	case "log":
		return true // the standard logger writes to stderr
	case "fmt":
		return pc.argsOff == 1 && stdStream(c.pass.TypesInfo, pc.call.Args[0]) == "Stderr"
	}
	return false
}

// isCLIError reports whether e is the error a command framework's entry
// point returned (err, err.Error(), or the call itself): every value the
// variable is given is the result of such a call, or, with runs, of a
// call of a function of the package (main's run wrapper).
func (c *checker) isCLIError(e ast.Expr, runs bool) bool {
	entry := func(call *ast.CallExpr) bool {
		if c.isEntryPointCall(call) {
			return true
		}
		fn := typematch.Callee(c.pass.TypesInfo, call)
		return runs && fn != nil && fn.Pkg() == c.pass.Pkg
	}
	info := c.pass.TypesInfo
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" && len(call.Args) == 0 && typematch.IsError(info.TypeOf(sel.X)) {
			e = ast.Unparen(sel.X)
		} else {
			return entry(call)
		}
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	decl, ok := c.in.Root().FindByPos(v.Pos(), v.Pos())
	if !ok {
		return false
	}
	fc, ok := funcs.Enclosing(decl)
	if !ok {
		return false
	}
	n, all := 0, true
	ast.Inspect(funcs.Body(fc.Node()), func(node ast.Node) bool {
		lhs, rhs, ok := code.Sides(node)
		if !ok || !all {
			return all
		}
		for i, l := range lhs {
			lid, ok := l.(*ast.Ident)
			if !ok || info.ObjectOf(lid) != v {
				continue
			}
			var r ast.Expr
			switch {
			case len(rhs) == len(lhs):
				r = rhs[i]
			case len(rhs) == 1:
				r = rhs[0]
			}
			call, ok := ast.Unparen(r).(*ast.CallExpr)
			if r == nil || !ok || !entry(call) {
				all = false
				return false
			}
			n++
		}
		return true
	})
	return all && n > 0
}

// isEntryPointCall reports whether call calls one of cliEntryPoints.
func (c *checker) isEntryPointCall(call *ast.CallExpr) bool {
	for _, ep := range cliEntryPoints {
		if typematch.CallsMethod(c.pass.TypesInfo, call, ep.path, ep.typ, ep.methods...) {
			return true
		}
	}
	return false
}

// answersFlag reports whether the print, in a program, answers a flag
// that asks for output and then ends the program with success: in an if
// whose condition names a version, help or list flag (opts.Version,
// *showVersion, *printHelp), whose body ends in os.Exit(0) or, in main,
// a return (if *version { fmt.Println("mysvc", v); os.Exit(0) }), or
// whose condition compares a command-line argument with such a word
// (os.Args[1] == "version", flag.Arg(0) == "--help"). The
// user asked for that line; the service has not started. A print in such
// an if that exits non-zero, or in one whose condition names no such
// flag, is judged as before.
func (c *checker) answersFlag(cur inspector.Cursor) bool {
	if !c.program {
		return false
	}
	for a := cur.Parent(); a.Node() != nil; a = a.Parent() {
		switch n := a.Node().(type) {
		case *ast.FuncLit:
			return false
		case *ast.FuncDecl:
			return false
		case *ast.IfStmt:
			if code.Contains(n.Body, cur.Node().Pos()) && (namesOutputFlag(n.Cond) || c.asksForOutput(n.Cond)) && c.endsWithSuccess(n.Body, a) {
				return true
			}
		}
	}
	return false
}

// namesOutputFlag reports whether cond names a flag asking for output: an
// identifier, or a selector's field, named for a version, help or usage
// (opts.Version, showVersion, printHelp).
// asksForOutput reports whether cond compares a command-line argument
// (os.Args[i], flag.Arg(i), flag.Args()[i], or a FlagSet's) with a
// string constant that, without its leading dashes, is version, help or
// usage: the subcommand or flag asking for that output.
func (c *checker) asksForOutput(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if found || !ok || b.Op != token.EQL {
			return !found
		}
		found = c.isOutputWord(b.X) && c.isCommandArg(b.Y) || c.isOutputWord(b.Y) && c.isCommandArg(b.X)
		return !found
	})
	return found
}

// isOutputWord reports whether e is a string constant naming an output
// request: version, help or usage, with or without leading dashes.
func (c *checker) isOutputWord(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	switch strings.ToLower(strings.TrimLeft(constant.StringVal(tv.Value), "-")) {
	case "version", "help", "usage":
		return true
	}
	return false
}

// isCommandArg reports whether e is one of the program's command-line
// arguments: os.Args[i], flag.Arg(i), flag.Args()[i], or the same of a
// flag.FlagSet or pflag's.
func (c *checker) isCommandArg(e ast.Expr) bool {
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		if sel, ok := ast.Unparen(e.X).(*ast.SelectorExpr); ok {
			if v, ok := info.Uses[sel.Sel].(*types.Var); ok && v.Pkg() != nil && v.Pkg().Path() == "os" && v.Name() == "Args" {
				return true
			}
		}
		if call, ok := ast.Unparen(e.X).(*ast.CallExpr); ok {
			return isFlagArgs(info, call, "Args")
		}
	case *ast.CallExpr:
		return isFlagArgs(info, e, "Arg")
	}
	return false
}

// isFlagArgs reports whether call calls name (Arg or Args) of package flag
// or pflag, or of their FlagSet.
func isFlagArgs(info *types.Info, call *ast.CallExpr, name string) bool {
	for _, path := range []string{"flag", "github.com/spf13/pflag"} {
		if typematch.CallsFunc(info, call, path, name) || typematch.CallsMethod(info, call, path, "FlagSet", name) {
			return true
		}
	}
	return false
}

func namesOutputFlag(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			return false // a computed condition
		case *ast.Ident:
			lower := strings.ToLower(n.Name)
			for _, w := range []string{"version", "help", "usage"} {
				found = found || strings.Contains(lower, w)
			}
		}
		return !found
	})
	return found
}

// endsWithSuccess reports whether body, an if's body at cur, ends in
// os.Exit(0), or in a return from main.
func (c *checker) endsWithSuccess(body *ast.BlockStmt, cur inspector.Cursor) bool {
	if len(body.List) == 0 {
		return false
	}
	switch last := body.List[len(body.List)-1].(type) {
	case *ast.ExprStmt:
		call, ok := ast.Unparen(last.X).(*ast.CallExpr)
		if !ok || !typematch.CallsFunc(c.pass.TypesInfo, call, "os", "Exit") || len(call.Args) != 1 {
			return false
		}
		tv, ok := c.pass.TypesInfo.Types[call.Args[0]]
		return ok && tv.Value != nil && tv.Value.String() == "0"
	case *ast.ReturnStmt:
		fd, ok := funcs.Enclosing(cur)
		if !ok {
			return false
		}
		decl, ok := fd.Node().(*ast.FuncDecl)
		return ok && decl.Recv == nil && decl.Name.Name == "main"
	}
	return false
}
