package fmtlog

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

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

// isCLICommand reports whether t (or what it points to) is a command type
// of a command-line framework.
func isCLICommand(t types.Type) bool {
	obj := typematch.NamedObj(t)
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	for _, p := range cliFrameworks {
		if typematch.PathIs(obj.Pkg().Path(), p) {
			return true
		}
	}
	return false
}

// ownLogger returns the package's own logger: a package-level variable
// named for logging (logger, Logger, log, DebugLogger) whose type has
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

// namedForLogging reports whether a variable's name says it holds a
// logger (logger, Logger, log, DebugLogger, pkgLog; not catalog).
func namedForLogging(name string) bool {
	lower := strings.ToLower(name)
	return strings.Contains(lower, "log") && !strings.Contains(lower, "catalog")
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
