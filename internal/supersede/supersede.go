// Package supersede keeps a go vet analyzer quiet where a trapvet analyzer
// that strictly extends it has already reported, so that a suite holding
// both reports each bug once, with the more precise message.
//
// The extending analyzer returns the *report.Findings of its pass as its
// Result (report.New(pass).Findings()). Wrap builds a stand-in for the
// extended analyzer: same name, doc, URL and flags, so that every driver
// (standalone, go vet -vettool, nogo) and every user flag sees the analyzer
// it knows, but it Requires the extender and drops its own diagnostics on
// the lines the extender covered, suppressed findings included.
package supersede

import (
	"fmt"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/report"
)

// Extension records that Extender (a trapvet analyzer) reports every
// finding Extended (a go vet analyzer) reports, on the same line.
type Extension struct {
	Extender *analysis.Analyzer
	Extended *analysis.Analyzer
}

var findingsType = reflect.TypeFor[*report.Findings]()

// Check reports whether e can be applied: the extender must publish its
// findings, and must not depend on the analyzer it supersedes.
func (e Extension) Check() error {
	if e.Extender == nil || e.Extended == nil {
		return fmt.Errorf("supersede: incomplete extension %+v", e)
	}
	if e.Extender.ResultType != findingsType {
		return fmt.Errorf("supersede: %s extends %s but its ResultType is %v, want %v",
			e.Extender.Name, e.Extended.Name, e.Extender.ResultType, findingsType)
	}
	if slices.Contains(e.Extender.Requires, e.Extended) {
		return fmt.Errorf("supersede: %s cannot require %s, which it supersedes", e.Extender.Name, e.Extended.Name)
	}
	return nil
}

// Wrap returns a stand-in for e.Extended that reports only what
// e.Extender did not. Use it only in a set where e.Extender itself is
// enabled: otherwise the findings it hides would be reported by nobody.
func Wrap(e Extension) *analysis.Analyzer {
	orig, by := e.Extended, e.Extender
	w := *orig
	w.Requires = append(slices.Clone(orig.Requires), by)
	w.Run = func(pass *analysis.Pass) (any, error) {
		covered, _ := pass.ResultOf[by].(*report.Findings)
		p := *pass
		p.Analyzer = orig
		p.Report = func(d analysis.Diagnostic) {
			if covered.Covers(pass.Fset, d.Pos) {
				return
			}
			pass.Report(d)
		}
		p.ResultOf = make(map[*analysis.Analyzer]any, len(pass.ResultOf))
		for a, res := range pass.ResultOf {
			if a != by || slices.Contains(orig.Requires, by) {
				p.ResultOf[a] = res
			}
		}
		return orig.Run(&p)
	}
	return &w
}
