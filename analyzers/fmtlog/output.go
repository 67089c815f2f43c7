package fmtlog

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/typematch"
)

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
				(fn.Body != nil && c.readsStdin(fn.Body)) || c.sum.cliFuncs[info.Defs[fn.Name]] ||
				c.program && isCLIName(fn.Name.Name) || c.buildsLogger(fn.Type) || isWriteMethod(fn, sig) {
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

// isWriteMethod reports whether fn is a method that makes its type an
// io.Writer or an io.StringWriter (Write(p []byte) (int, error),
// WriteString(s string) (int, error)): the writer itself, a console
// sink a program configures as an output, whose job is to print what it
// is given.
func isWriteMethod(fn *ast.FuncDecl, sig *types.Signature) bool {
	if fn.Recv == nil || sig == nil {
		return false
	}
	switch fn.Name.Name {
	case "Write":
		return typematch.IsIOSignature(sig, types.NewSlice(types.Typ[types.Byte]))
	case "WriteString":
		return typematch.IsIOSignature(sig, types.Typ[types.String])
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
// its job: printUsage, showHelp, promptUser, dumpState, CompDebug, traceStep, and test
// helpers compiled into a package (testCGI) whose output the test reads.
func isOutputName(name string) bool {
	lower := strings.ToLower(name)
	for _, p := range []string{"print", "display", "show", "prompt", "example", "trace", "dprint", "vlog", "test"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	for _, w := range []string{"usage", "help", "debug", "dump", "stdout", "stderr"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	// A printer named for what it prints: prettyPrint, tablePrintln (a
	// word of its own, not fingerprint or blueprint), but not a logging
	// helper (logPrintf, warnPrint), whose lines a logger should carry.
	for _, p := range []string{"Printf", "Println", "Print"} {
		if i := strings.Index(name, p); i > 0 && !unicode.IsUpper(rune(name[i-1])) {
			rest := name[i+len(p):]
			head := strings.ToLower(name[:i])
			for _, w := range []string{"log", "warn", "err", "info", "fatal", "notice"} {
				if strings.Contains(head, w) {
					return false
				}
			}
			return rest == "" || unicode.IsUpper(rune(rest[0]))
		}
	}
	return false
}

// isEntryPoint reports whether a library function is a command's entry
// point (Main, RunMain, cgiMain): its output is the command's.
func isEntryPoint(pkg *types.Package, name string) bool {
	return pkg.Name() != "main" && (name == "Main" || strings.HasSuffix(name, "Main"))
}

// readsStdin reports whether the function body reads os.Stdin, directly
// or through a package-level variable initialized from it (var stdin =
// io.ReadWriter(os.Stdin), which tests replace): an interactive prompt,
// whose printing is the conversation.
func (c *checker) readsStdin(body *ast.BlockStmt) bool {
	info := c.pass.TypesInfo
	if c.stdinVars == nil {
		c.stdinVars = make(map[*types.Var]bool)
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				gd, ok := d.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if i < len(vs.Values) && mentionsStdin(info, vs.Values[i]) {
							if v, ok := info.Defs[name].(*types.Var); ok {
								c.stdinVars[v] = true
							}
						}
					}
				}
			}
		}
	}
	found := mentionsStdin(info, body)
	if !found && len(c.stdinVars) > 0 {
		ast.Inspect(body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && c.stdinVars[v] {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// mentionsStdin reports whether n refers to os.Stdin.
func mentionsStdin(info *types.Info, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
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
