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

// isolate returns copies of the analyzers (and of everything they
// require) whose Run turns a panic into an error naming the analyzer and
// the place it panicked, so that one analyzer's bug becomes one error line
// instead of a crash of the whole run. Once ctx (nil: never) is
// cancelled, the copies return its error at once instead of running: an
// in-process caller's cancelled analysis ends with the actions already
// started.
//
// The originals are left untouched: a copy runs its original with a pass
// that shows the original analyzers, the results of the copies keyed by
// the originals they stand for (the originals look their requirements up
// by their own pointers).
//
// The directives are applied by table (report.Table.Attach), to what every
// analyzer reports, so that go vet's analyzers, which do not report
// through internal/report, honour //trapvet:ignore and //nolint too: each
// copy requires report.Analyzer, which indexes a package's directives
// once. With keepSuppressed, the suppressed findings are passed on, and
// table says by which directive. Last in the list comes the analyzer that
// reports the directives that name no analyzer of known or suppress
// nothing (table.Checker), unless directives is false (-ignores=false); it
// runs after all the others.
func isolate(ctx context.Context, analyzers []*analysis.Analyzer, table *report.Table, keepSuppressed bool, known []string, directives bool) []*analysis.Analyzer {
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
		c.Requires = make([]*analysis.Analyzer, len(a.Requires), len(a.Requires)+1)
		for i, r := range a.Requires {
			c.Requires[i] = clone(r)
		}
		if a != report.Analyzer {
			c.Requires = append(c.Requires, clone(report.Analyzer))
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
			if orig != report.Analyzer {
				table.Attach(&p, p.ResultOf[report.Analyzer].(*report.Directives), keepSuppressed)
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
	out := make([]*analysis.Analyzer, len(analyzers), len(analyzers)+1)
	ran := make([]string, len(analyzers))
	for i, a := range analyzers {
		out[i] = clone(a)
		ran[i] = a.Name
	}
	if !directives {
		return out // -ignores=false
	}
	return append(out, table.Checker(known, ran, slices.Clone(out)))
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
