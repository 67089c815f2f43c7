package fmtlog

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

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

// isHeldLogger reports whether t is one of heldLoggers.
func isHeldLogger(t types.Type) bool {
	for _, l := range heldLoggers {
		if typematch.IsNamed(t, l.path, l.name) && (isPointer(t) || !l.ptr) {
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
	for v := range c.localsAt(pos) {
		if isLogger(v.Type()) {
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
			if isLogger(fld.Type()) && (fld.Exported() || fld.Pkg() == c.pass.Pkg) {
				return fld.Type(), v.Name() + "." + fld.Name()
			}
		}
	}
	return nil, ""
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
