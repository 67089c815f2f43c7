package fmtlog

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

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
	s, ok := code.ConstString(info, e)
	return ok && s == ""
}
