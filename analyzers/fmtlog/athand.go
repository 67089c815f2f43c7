package fmtlog

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// heldLoggers are the logger types whose value, held by a function's
// receiver, a parameter or a local (or a field of one), puts a logger at
// hand: a print beside it bypasses it.
var heldLoggers = []struct {
	path, name string
	ptr        bool // only as a pointer (*slog.Logger), not the value
}{
	{"log/slog", "Logger", true},
	{"go.uber.org/zap", "Logger", true},
	{"go.uber.org/zap", "SugaredLogger", true},
	{"github.com/zeromicro/go-zero/core/logx", "Logger", false},
	{"github.com/rs/zerolog", "Logger", false},
	{"github.com/sirupsen/logrus", "Logger", true},
	{"github.com/sirupsen/logrus", "Entry", true},
	{"github.com/sirupsen/logrus", "FieldLogger", false},
	{"k8s.io/klog/v2", "Logger", false},
	{"github.com/go-logr/logr", "Logger", false},
	{"log", "Logger", true},
}

// isHeldLogger reports whether t is one of heldLoggers, or a logger
// interface a user configures (isLoggerInterface).
func isHeldLogger(t types.Type) bool {
	for _, l := range heldLoggers {
		if typematch.IsNamed(t, l.path, l.name) && (isPointer(t) || !l.ptr) {
			return true
		}
	}
	return isLoggerInterface(t)
}

// loggerMethod returns the printf-like method of the logger interface t
// to log at level with: the level's own (Errorf for Error) when t has
// it, else Printf, else the first it has.
func loggerMethod(t types.Type, level string) string {
	it, _ := t.Underlying().(*types.Interface)
	if it == nil {
		return "Printf"
	}
	var first string
	for _, want := range []string{level + "f", "Printf", "Infof", "Logf", "Debugf", "Warnf", "Errorf"} {
		for m := range it.Methods() {
			if m.Name() == want && printfLike(m) {
				return want
			}
			if first == "" && printfLike(m) {
				first = m.Name()
			}
		}
	}
	return first
}

// printfLike reports whether m is a printf-like logger method: one of
// the usual names, taking a format string and then ...any.
func printfLike(m *types.Func) bool {
	switch m.Name() {
	case "Printf", "Infof", "Errorf", "Debugf", "Warnf", "Logf":
	default:
		return false
	}
	sig := m.Signature()
	return sig.Variadic() && sig.Params().Len() == 2 && types.Identical(sig.Params().At(0).Type(), types.Typ[types.String])
}

// isLoggerInterface reports whether t is a named interface type whose
// name ends in Logger (Logger, LeveledLogger, logger) and that declares a
// printf-like method (Printf, Infof, Errorf, Debugf, Warnf, Logf: a
// format string, then ...any): the logger a library lets its user plug
// in, as cloudflare-go's API.logger. A print beside one bypasses the
// user's choice of where the line goes.
func isLoggerInterface(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || !strings.HasSuffix(strings.ToLower(named.Obj().Name()), "logger") {
		return false
	}
	it, ok := named.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for m := range it.Methods() {
		if printfLike(m) {
			return true
		}
	}
	return false
}

// loggerAtHand returns an expression for a logger held at pos by the
// enclosing functions' receivers, parameters or locals, or by a field of
// the struct one of them holds or points to (an embedded logx.Logger of a
// go-zero logic type, a log *slog.Logger field, a *log.Logger field the
// program configures); "" if none.
func (c *checker) loggerAtHand(pos token.Pos) string {
	_, expr := c.firstLogger(pos, isHeldLogger)
	return expr
}

// firstLogger returns the first variable visible at pos, or field of a
// struct a variable holds or points to, whose type is a logger by
// isLogger, with the expression that names it; "" if none. A field of
// another package's struct counts only when it is exported.
func (c *checker) firstLogger(pos token.Pos, isLogger func(types.Type) bool) (types.Type, string) {
	nils := c.knownNil(pos)
	for v := range c.localsAt(pos) {
		if isLogger(v.Type()) && !nils[v.Name()] {
			return v.Type(), v.Name()
		}
		t := v.Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			fld := st.Field(i)
			if isLogger(fld.Type()) && (fld.Exported() || fld.Pkg() == c.pass.Pkg) && !nils[v.Name()+"."+fld.Name()] &&
				c.fieldSetAt(v, fld.Name(), pos) {
				return fld.Type(), v.Name() + "." + fld.Name()
			}
		}
	}
	return nil, ""
}

// knownNil returns the expressions that the if statements around pos
// say are nil there: x in the else branch of if x != nil, or in the body
// of if x == nil. A logger known nil at pos is not at hand (a fallback
// for a configuration that brought no logger cannot log through it).
func (c *checker) knownNil(pos token.Pos) map[string]bool {
	nils, ok := c.nilsAt[pos] // firstLogger asks once for each question about a print
	if !ok {
		if c.nilsAt == nil {
			c.nilsAt = make(map[token.Pos]map[string]bool)
		}
		nils = c.nilTests(pos)
		c.nilsAt[pos] = nils
	}
	return nils
}

// nilTests computes knownNil.
func (c *checker) nilTests(pos token.Pos) map[string]bool {
	var nils map[string]bool
	for _, f := range c.pass.Files {
		if pos < f.FileStart || pos >= f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for i := 1; i < len(path); i++ {
			ifs, ok := path[i].(*ast.IfStmt)
			if !ok {
				continue
			}
			x, op, ok := code.NilComparison(c.pass.TypesInfo, ifs.Cond)
			if !ok {
				continue
			}
			if op == token.NEQ && path[i-1] == ifs.Else || op == token.EQL && path[i-1] == ifs.Body {
				if nils == nil {
					nils = make(map[string]bool)
				}
				nils[types.ExprString(x)] = true
			}
		}
		break
	}
	return nils
}

// callsLogger reports whether the package's non-test files call a
// function or method of the logger package path (or of a package inside
// it): the package logs with that logger, not only names one of its types.
func callsLogger(pass *analysis.Pass, path string) bool {
	for id, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || inTestFile(pass, id.Pos()) {
			continue
		}
		if p := fn.Pkg().Path(); typematch.PathIs(p, path) || strings.HasPrefix(p, path+"/") {
			return true
		}
	}
	return false
}
