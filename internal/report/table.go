package report

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// A Table is the side table of one driver run that applies the
// suppression directives to every analyzer itself, go vet's included:
// trapvet's driver (internal/driver) makes one per run, in each of its
// modes. It records which directives silenced something, so that its
// Checker can report those that do nothing, and the directive that
// silenced each suppressed finding it keeps (Suppressed), for the drivers
// that show suppressed findings as such (SARIF). Other drivers
// (golangci-lint, nogo, analysistest) do not need one: trapvet's analyzers
// apply the directives by themselves through Reporter.
type Table struct {
	mu   sync.Mutex
	used map[token.Pos]bool // the directives' comment positions
	kept map[keptKey]Suppression
}

type keptKey struct {
	analyzer string
	posn     token.Position
}

// A Suppression says which directive silenced a finding.
type Suppression struct {
	Kind   DirectiveKind `json:"kind"`
	Reason string        `json:"reason,omitempty"`
}

// NewTable returns an empty table.
func NewTable() *Table {
	return &Table{used: make(map[token.Pos]bool), kept: make(map[keptKey]Suppression)}
}

func (t *Table) markUsed(pos token.Pos) {
	t.mu.Lock()
	t.used[pos] = true
	t.mu.Unlock()
}

func (t *Table) isUsed(pos token.Pos) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.used[pos]
}

// Suppressed returns the directive that silenced the finding of analyzer
// at posn, a finding passed on by a pass Attached with keep.
func (t *Table) Suppressed(analyzer string, posn token.Position) (Suppression, bool) {
	if t == nil {
		return Suppression{}, false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.kept[keptKey{analyzer, posn}]
	return s, ok
}

// Attach makes the directives of pass's package the table's business: the
// pass's Reporters (trapvet's analyzers) pass on what a directive
// suppresses instead of dropping it, and leave the directives without a
// reason to the Checker; and every diagnostic of the pass, through
// pass.Report, is dropped when a //trapvet:ignore or //nolint directive
// naming the analyzer suppresses it, on its line or the line above, so
// that go vet's analyzers, which report directly, are silenced the same
// way (they still report in generated files, as under go vet). With keep,
// the suppressed diagnostics are passed on, and the directive recorded
// (Suppressed). The directives come from ds, Analyzer's result for the
// package. A fix that would edit cgo's output instead of the user's file
// is dropped.
func (t *Table) Attach(pass *analysis.Pass, ds *Directives, keep bool) {
	driven := *ds
	driven.table = t
	if pass.ResultOf == nil {
		pass.ResultOf = make(map[*analysis.Analyzer]any)
	}
	pass.ResultOf[Analyzer] = &driven
	name, report := pass.Analyzer.Name, pass.Report
	var once sync.Once
	var remapped map[*token.File]bool
	pass.Report = func(d analysis.Diagnostic) {
		if dir, ok := ds.Covering(name, d.Pos); ok {
			t.markUsed(dir.pos)
			if keep {
				t.mu.Lock()
				t.kept[keptKey{name, pass.Fset.Position(d.Pos)}] = Suppression{Kind: dir.Kind, Reason: dir.Reason}
				t.mu.Unlock()
				report(d)
			}
			return
		}
		if len(d.SuggestedFixes) > 0 {
			once.Do(func() { remapped = remappedFiles(pass) })
			if editsRemapped(pass.Fset, d, remapped) {
				d.SuggestedFixes = nil
			}
		}
		report(d)
	}
}

// remappedFiles returns the files of pass that //line directives map
// elsewhere (cgo's rewrite of a user's file).
func remappedFiles(pass *analysis.Pass) map[*token.File]bool {
	remapped := make(map[*token.File]bool)
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.FileStart); tf != nil && pass.Fset.PositionFor(f.Package, true).Filename != tf.Name() {
			remapped[tf] = true
		}
	}
	return remapped
}

// editsRemapped reports whether a fix of d edits a file that //line
// directives map elsewhere (cgo's rewrite of a user's file): applying it
// would change the build cache, not the user's source.
func editsRemapped(fset *token.FileSet, d analysis.Diagnostic, remapped map[*token.File]bool) bool {
	for _, fix := range d.SuggestedFixes {
		for _, te := range fix.TextEdits {
			if remapped[fset.File(te.Pos)] {
				return true
			}
		}
	}
	return false
}

// Checker returns an analyzer, "ignores", that runs after all of
// requires and reports, in each package's files:
//
//   - a //trapvet:ignore directive without a reason, which suppresses
//     nothing (once, whichever analyzers it names);
//   - a //trapvet:ignore directive that names an analyzer not in known
//     (always: it suppresses nothing and is likely a typo) or none at all;
//   - a //trapvet:ignore directive that suppressed no finding in this run,
//     when every analyzer it names ran (is in ran; "all" names every
//     analyzer in known).
//
// //nolint directives are left alone: golangci-lint uses them for its own
// linters too, and reports its unused ones (nolintlint).
func (t *Table) Checker(known, ran []string, requires []*analysis.Analyzer) *analysis.Analyzer {
	isKnown := func(n string) bool { return n == "all" || slices.Contains(known, n) }
	didRun := func(n string) bool {
		if n == "all" {
			for _, k := range known {
				if !slices.Contains(ran, k) {
					return false
				}
			}
			return true
		}
		return slices.Contains(ran, n)
	}
	return &analysis.Analyzer{
		Name:     CheckerName,
		Doc:      CheckerName + ": report //trapvet:ignore directives that give no reason, name no analyzer or suppress nothing",
		URL:      "https://github.com/trapvet/trapvet#suppressing-a-finding",
		Requires: requires,
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				if isGenerated(pass.Fset, f) {
					continue
				}
				for _, group := range f.Comments {
					for _, c := range group.List {
						d, ok := ParseDirective(c.Text)
						if !ok || d.Kind != IgnoreDirective {
							continue
						}
						var unknown []string
						for _, n := range d.Analyzers {
							if !isKnown(n) {
								unknown = append(unknown, fmt.Sprintf("%q", n))
							}
						}
						switch {
						case len(d.Analyzers) > 0 && !d.Suppresses():
							pass.Report(reasonMissing(c, d))
						case len(d.Analyzers) == 0:
							pass.Report(analysis.Diagnostic{Pos: c.Slash, End: c.End(),
								Message: "trapvet:ignore names no analyzer and suppresses nothing: write //trapvet:ignore <analyzer> <reason>"})
						case len(unknown) > 0:
							pass.Report(analysis.Diagnostic{Pos: c.Slash, End: c.End(),
								Message: fmt.Sprintf("trapvet:ignore names %s, which is no analyzer, so it suppresses nothing there: correct the name (trapvet help lists them)", strings.Join(unknown, ", "))})
						case !t.isUsed(c.Slash) && !slices.ContainsFunc(d.Analyzers, func(n string) bool { return !didRun(n) }):
							pass.Report(analysis.Diagnostic{Pos: c.Slash, End: c.End(),
								Message: fmt.Sprintf("trapvet:ignore %s suppresses no finding: remove it, or put it on the reported line or the line above", strings.Join(d.Analyzers, ","))})
						}
					}
				}
			}
			return nil, nil
		},
	}
}

// CheckerName is the name of the analyzer Checker returns.
const CheckerName = "ignores"
