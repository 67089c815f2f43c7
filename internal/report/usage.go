package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// A Usage applies the suppression directives to every analyzer of one
// driver run, go vet's included, and records which directives silenced
// something, so that its Checker can report the directives that do
// nothing. trapvet's driver (internal/driver) makes one per run, in both
// of its modes; other drivers (golangci-lint, nogo, analysistest) do not
// need it: trapvet's analyzers suppress by themselves through Reporter.
type Usage struct {
	mu   sync.Mutex
	used map[token.Pos]bool // the directives' comment positions
}

// NewUsage returns an empty record.
func NewUsage() *Usage {
	return &Usage{used: make(map[token.Pos]bool)}
}

func (u *Usage) markUsed(pos token.Pos) {
	u.mu.Lock()
	u.used[pos] = true
	u.mu.Unlock()
}

func (u *Usage) isUsed(pos token.Pos) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.used[pos]
}

// A placed directive is a directive and where its comment starts.
type placed struct {
	Directive
	pos token.Pos
}

// directivesOf indexes the suppression directives of files by file and by
// line (as //line directives tell it).
func directivesOf(fset *token.FileSet, files []*ast.File) map[*token.File]map[int][]placed {
	index := make(map[*token.File]map[int][]placed)
	for _, f := range files {
		tf := fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		for _, group := range f.Comments {
			for _, c := range group.List {
				d, ok := ParseDirective(c.Text)
				if !ok {
					continue
				}
				byLine := index[tf]
				if byLine == nil {
					byLine = make(map[int][]placed)
					index[tf] = byLine
				}
				line := fset.PositionFor(c.Slash, true).Line
				byLine[line] = append(byLine[line], placed{d, c.Slash})
			}
		}
	}
	return index
}

// Filter returns the function through which the diagnostics of pass go
// to report. Like Reporter for trapvet's own analyzers, it drops a
// diagnostic that a //trapvet:ignore or //nolint directive naming the
// analyzer suppresses, on its line or the line above, so that go vet's
// analyzers, which report directly, can be silenced the same way (go vet's
// analyzers still report in generated files, as under go vet). With keep,
// the suppressed diagnostics are passed on, marked for SuppressedBy. It
// records each directive that silenced something.
//
// The pass should be marked KeepSuppressed, so that trapvet's analyzers
// pass their suppressed diagnostics on to be recorded here. A fix that
// would edit cgo's output instead of the user's file is dropped.
func (u *Usage) Filter(pass *analysis.Pass, report func(analysis.Diagnostic), keep bool) func(analysis.Diagnostic) {
	name := pass.Analyzer.Name
	var once sync.Once
	var index map[*token.File]map[int][]placed
	var remapped map[*token.File]bool
	find := func(pos token.Pos) (placed, bool) {
		once.Do(func() {
			index = directivesOf(pass.Fset, pass.Files)
			remapped = make(map[*token.File]bool)
			for _, f := range pass.Files {
				if tf := pass.Fset.File(f.FileStart); tf != nil && pass.Fset.PositionFor(f.Package, true).Filename != tf.Name() {
					remapped[tf] = true
				}
			}
		})
		tf := pass.Fset.File(pos)
		if tf == nil {
			return placed{}, false
		}
		line := pass.Fset.PositionFor(pos, true).Line
		for _, l := range []int{line, line - 1} {
			for _, d := range index[tf][l] {
				if d.Names(name) && d.Suppresses() {
					return d, true
				}
			}
		}
		return placed{}, false
	}
	return func(d analysis.Diagnostic) {
		if d.Category == reasonCategory {
			return // the Checker reports the directive, once
		}
		if d.Category == directiveCategory {
			report(d)
			return
		}
		if _, kept := SuppressedBy(d); kept {
			if dir, ok := find(d.Pos); ok {
				u.markUsed(dir.pos)
			}
			if keep {
				report(d)
			}
			return
		}
		if dir, ok := find(d.Pos); ok {
			u.markUsed(dir.pos)
			if keep {
				report(markSuppressed(d, dir.Directive))
			}
			return
		}
		if len(d.SuggestedFixes) > 0 && editsRemapped(pass.Fset, d, remapped) {
			d.SuggestedFixes = nil
		}
		report(d)
	}
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
func (u *Usage) Checker(known, ran []string, requires []*analysis.Analyzer) *analysis.Analyzer {
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
							pass.Report(reasonMissing(c, d, directiveCategory))
						case len(d.Analyzers) == 0:
							pass.Report(analysis.Diagnostic{Pos: c.Slash, End: c.End(), Category: directiveCategory,
								Message: "trapvet:ignore names no analyzer and suppresses nothing: write //trapvet:ignore <analyzer> <reason>"})
						case len(unknown) > 0:
							pass.Report(analysis.Diagnostic{Pos: c.Slash, End: c.End(), Category: directiveCategory,
								Message: fmt.Sprintf("trapvet:ignore names %s, which is no analyzer, so it suppresses nothing there: correct the name (trapvet help lists them)", strings.Join(unknown, ", "))})
						case !u.isUsed(c.Slash) && !slices.ContainsFunc(d.Analyzers, func(n string) bool { return !didRun(n) }):
							pass.Report(analysis.Diagnostic{Pos: c.Slash, End: c.End(), Category: directiveCategory,
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
