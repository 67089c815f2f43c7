package driver

import (
	"context"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/report"
)

// guard returns copies of the analyzers (and of everything they require)
// whose Run turns a panic into an error naming the analyzer and the place
// it panicked, so that one analyzer's bug becomes one error line instead
// of a crash of the whole run. The originals are left untouched: each copy
// runs its original with a pass that shows the original analyzers. With
// keepSuppressed, trapvet's analyzers pass on the findings their
// directives suppress, marked (report.KeepSuppressed), for SARIF. Once
// ctx (nil: never) is cancelled, the copies return its error at once
// instead of running: an in-process caller's cancelled analysis ends with
// the actions already started.
func guard(ctx context.Context, analyzers []*analysis.Analyzer, keepSuppressed bool) []*analysis.Analyzer {
	clones := make(map[*analysis.Analyzer]*analysis.Analyzer)
	originals := make(map[*analysis.Analyzer]*analysis.Analyzer)
	var clone func(a *analysis.Analyzer) *analysis.Analyzer
	clone = func(a *analysis.Analyzer) *analysis.Analyzer {
		if c, ok := clones[a]; ok {
			return c
		}
		c := new(analysis.Analyzer)
		*c = *a
		clones[a], originals[c] = c, a
		c.Requires = make([]*analysis.Analyzer, len(a.Requires))
		for i, r := range a.Requires {
			c.Requires[i] = clone(r)
		}
		orig := a
		c.Run = func(pass *analysis.Pass) (result any, err error) {
			if ctx != nil && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			p := *pass
			p.Analyzer = orig
			p.ResultOf = make(map[*analysis.Analyzer]any, len(pass.ResultOf))
			for k, v := range pass.ResultOf {
				p.ResultOf[originals[k]] = v
			}
			if keepSuppressed {
				report.KeepSuppressed(&p)
			}
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("panic: %v%s (a bug in %s: please report it)", r, panicSite(), orig.Name)
				}
			}()
			return orig.Run(&p)
		}
		return c
	}
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		out[i] = clone(a)
	}
	return out
}

// panicSite returns " at file:line" for the frame that panicked, called
// from a deferred recover.
func panicSite() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") && f.File != "" {
			return fmt.Sprintf(" at %s:%d", trimGoPath(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

// trimGoPath shortens a source path to its module-relative form.
func trimGoPath(file string) string {
	if i := strings.LastIndex(file, "/pkg/mod/"); i >= 0 {
		return file[i+len("/pkg/mod/"):]
	}
	return file
}
