package driver

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/report"
)

// guard returns copies of the analyzers (and of everything they require)
// whose Run turns a panic into an error naming the analyzer and the place
// it panicked, so that one analyzer's bug becomes one error line instead
// of a crash of the whole run. The originals are left untouched: each copy
// runs its original with a pass that shows the original analyzers. Once
// ctx (nil: never) is cancelled, the copies return its error at once
// instead of running: an in-process caller's cancelled analysis ends with
// the actions already started.
//
// Each copy also applies the suppression directives (report.Usage.Filter)
// to what its analyzer reports, so that go vet's analyzers, which do not
// report through internal/report, honour //trapvet:ignore and //nolint
// too. With keepSuppressed, the suppressed findings are passed on, marked
// (report.SuppressedBy), for SARIF. Last in the list comes the analyzer
// that reports the directives that name no analyzer of known or suppress
// nothing (report.Usage.Checker), unless directives is false
// (-ignores=false); it runs after all the others.
func guard(ctx context.Context, analyzers []*analysis.Analyzer, keepSuppressed bool, known []string, directives bool) []*analysis.Analyzer {
	usage := report.NewUsage()
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
			report.KeepSuppressed(&p)
			p.Report = usage.Filter(&p, pass.Report, keepSuppressed)
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("panic: %v%s (a bug in %s: please report it)", r, panicSite(), orig.Name)
				}
			}()
			return orig.Run(&p)
		}
		return c
	}
	out := make([]*analysis.Analyzer, len(analyzers), len(analyzers)+1)
	ran := make([]string, len(analyzers))
	for i, a := range analyzers {
		out[i] = clone(a)
		ran[i] = a.Name
	}
	if !directives {
		return out // -ignores=false
	}
	return append(out, usage.Checker(known, ran, slices.Clone(out)))
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
