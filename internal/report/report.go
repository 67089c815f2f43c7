// Package report is the one path by which trapvet analyzers report
// diagnostics. It applies the rules every analyzer shares, so that none can
// forget them, in go vet mode and standalone alike:
//
//   - no diagnostics in generated files ("// Code generated ... DO NOT EDIT.");
//   - suppression by "//trapvet:ignore name[,name] reason" (or golangci-lint's
//     "//nolint:name") on the reported line or on the line above it;
//   - a trapvet:ignore directive without a reason is itself reported;
//   - a file that imports "C" counts as the user's, not as generated, when a
//     driver hands over cgo's rewrite of it;
//   - only the kinds of code the analyzer reports (internal/scope: its row
//     of the table, or its scope flag) are reported: by default, no
//     fmt.Println in an example, no missing deadline in a benchmark.
//
// trapvet's own driver goes further, through its Table: go vet's
// analyzers, which report directly, honour the same directives, and the
// directives that name no analyzer or suppress nothing are reported. A
// diagnostic's Category is left to the analyzer: an anchor in its docs
// page, as go/analysis documents it.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/scope"
)

// Reporter reports the diagnostics of one analysis pass.
type Reporter struct {
	pass     *analysis.Pass
	name     string
	files    map[*token.File]*fileInfo
	findings *Findings
	// directives: the package's; when the driver applies them
	// (directives.table set, Table.Attach), a diagnostic they suppress is
	// passed on for the driver to judge.
	directives *Directives
	// kinds: the kinds of code reported, by the analyzer ("") and by
	// each of its rules with a row of its own (internal/scope); any is
	// their union. model, made at the first finding, tells the kind at a
	// position.
	kinds map[string]scope.Set
	any   scope.Set
	model *scope.Model
}

// Findings records the lines on which an analyzer found something,
// suppressed or not. An analyzer that strictly extends another (trapvet's
// loopcapture extends vet's loopclosure) returns it as its Result, so that
// the other can stay silent where the finding is already made, in every
// driver.
type Findings struct {
	lines map[findingKey]bool
}

type findingKey struct {
	file *token.File
	line int
}

// Covers reports whether a finding was made on the line of pos.
func (f *Findings) Covers(fset *token.FileSet, pos token.Pos) bool {
	if f == nil {
		return false
	}
	tf := fset.File(pos)
	return tf != nil && f.lines[findingKey{tf, tf.Line(pos)}]
}

// Findings returns the record of this pass's findings so far.
func (r *Reporter) Findings() *Findings { return r.findings }

type fileInfo struct {
	generated bool
}

// New returns the Reporter for pass. It reads the package's directives
// once (Analyzer's result, when the driver gives it), and, unless the
// driver applies the directives itself (Table.Attach), reports every
// trapvet:ignore directive that names this analyzer but gives no reason.
func New(pass *analysis.Pass) *Reporter {
	r := &Reporter{
		pass:     pass,
		name:     pass.Analyzer.Name,
		files:    make(map[*token.File]*fileInfo),
		findings: &Findings{lines: make(map[findingKey]bool)},
		kinds:    map[string]scope.Set{"": scope.Reported(pass.Analyzer)},
	}
	r.any = r.kinds[""]
	for _, row := range scope.Rules(r.name) {
		set := scope.ReportedRule(pass.Analyzer, row.Rule)
		r.kinds[row.Rule] = set
		r.any |= set
	}
	r.directives, _ = pass.ResultOf[Analyzer].(*Directives)
	if r.directives == nil {
		r.directives = IndexDirectives(pass.Fset, pass.Files)
	}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		info := &fileInfo{generated: isGenerated(pass.Fset, f)}
		r.files[tf] = info
		if info.generated || r.directives.table != nil {
			continue // the driver's Checker reports these directives, once
		}
		for _, group := range f.Comments {
			for _, c := range group.List {
				if d, ok := ParseDirective(c.Text); ok && d.Names(r.name) && !d.Suppresses() {
					pass.Report(reasonMissing(c, d))
				}
			}
		}
	}
	return r
}

// Report reports d unless it lies in a generated file, a directive
// suppresses it, or it lies in a kind of code the analyzer does not report.
func (r *Reporter) Report(d analysis.Diagnostic) {
	r.ReportRule("", d)
}

// ReportRule is Report for a finding of the named rule of the analyzer,
// which reports the kinds of code of the rule's row of internal/scope's
// table (its analyzer's when it has none), or of the analyzer's scope
// flag when set.
func (r *Reporter) ReportRule(rule string, d analysis.Diagnostic) {
	if tf := r.pass.Fset.File(d.Pos); tf != nil {
		r.findings.lines[findingKey{tf, tf.Line(d.Pos)}] = true
	}
	dropped, covered := r.silencedBy(rule, d.Pos)
	switch {
	case !dropped && !covered:
		r.pass.Report(d)
	case covered && r.directives.table != nil:
		r.pass.Report(d) // the driver's Table applies the directive
	}
}

// suppressingURL is where the directives are documented.
const suppressingURL = "https://github.com/trapvet/trapvet#suppressing-a-finding"

// reasonMissing is the diagnostic about a //trapvet:ignore directive
// without a reason, which suppresses nothing. It points to the directives'
// documentation, not to the analyzer's.
func reasonMissing(c *ast.Comment, d Directive) analysis.Diagnostic {
	return analysis.Diagnostic{
		Pos:     c.Slash,
		End:     c.End(),
		URL:     suppressingURL,
		Message: fmt.Sprintf("trapvet:ignore %s needs a reason after the analyzer names (why is this finding wrong or accepted?); without one it suppresses nothing", strings.Join(d.Analyzers, ",")),
	}
}

// Reportf reports a diagnostic covering node, with a formatted message.
func (r *Reporter) Reportf(node analysis.Range, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: fmt.Sprintf(format, args...)})
}

// Silenced reports whether a diagnostic at pos would be dropped: it lies in
// a generated file or in a kind of code the analyzer does not report, or a
// directive naming this analyzer stands on its line or the line above.
func (r *Reporter) Silenced(pos token.Pos) bool {
	dropped, covered := r.silencedBy("", pos)
	return dropped || covered
}

// silencedBy is Silenced for a rule ("" for the analyzer's own row),
// saying why: dropped (a generated file, or out of the rule's scope), or
// covered by a directive. A directive counts before the scope, so that it
// is used, and not reported as useless, whatever the scope.
func (r *Reporter) silencedBy(rule string, pos token.Pos) (dropped, covered bool) {
	info := r.files[r.pass.Fset.File(pos)]
	if info == nil {
		return false, false
	}
	if info.generated {
		return true, false
	}
	if _, ok := r.directives.Covering(r.name, pos); ok {
		return false, true
	}
	return !r.RuleInScope(rule, pos), false
}

// InScope reports whether the code at pos is of a kind the analyzer, or
// any of its rules, reports (internal/scope): an analyzer may skip the
// work of a finding that would be dropped.
func (r *Reporter) InScope(pos token.Pos) bool {
	return r.inSet(r.any, pos)
}

// RuleInScope reports whether the code at pos is of a kind the named rule
// reports ("" for the analyzer's own row).
func (r *Reporter) RuleInScope(rule string, pos token.Pos) bool {
	set, ok := r.kinds[rule]
	if !ok {
		set = r.kinds[""]
	}
	return r.inSet(set, pos)
}

func (r *Reporter) inSet(set scope.Set, pos token.Pos) bool {
	if set == scope.All {
		return true
	}
	if r.model == nil {
		r.model = scope.New(r.pass)
	}
	return set.Has(r.model.KindAt(pos))
}

// Related is a convenience for a one-entry Related list.
func Related(node analysis.Range, format string, args ...any) []analysis.RelatedInformation {
	return []analysis.RelatedInformation{{Pos: node.Pos(), End: node.End(), Message: fmt.Sprintf(format, args...)}}
}

// cgoHeader is the generated-code comment cmd/cgo puts on its rewrite of a
// user's file that imports "C".
const cgoHeader = "// Code generated by cmd/cgo; DO NOT EDIT."

// isGenerated reports whether f is generated code, as ast.IsGenerated
// tells, except for cgo's rewrite of a user's file: a driver that analyzes
// the compiled files of a package that imports "C" sees that instead of
// the user's file, with cgo's header on top and a //line directive mapping
// the code back. Findings there are the user's, reported at their
// positions in the user's file; the file is generated only if the user's
// own source says so.
func isGenerated(fset *token.FileSet, f *ast.File) bool {
	if !ast.IsGenerated(f) {
		return false
	}
	tf := fset.File(f.FileStart)
	if tf == nil || fset.PositionFor(f.Package, true).Filename == tf.Name() {
		return true // not remapped: generated code proper (_cgo_gotypes.go)
	}
	for _, group := range f.Comments {
		if group.Pos() >= f.Package {
			break
		}
		for _, c := range group.List {
			if c.Text == cgoHeader {
				continue
			}
			if isGeneratedComment(c.Text) {
				return true
			}
		}
	}
	return false
}

// isGeneratedComment reports whether a comment is the Go convention's
// "// Code generated ... DO NOT EDIT." line.
func isGeneratedComment(text string) bool {
	rest, ok := strings.CutPrefix(text, "// Code generated ")
	return ok && strings.HasSuffix(rest, " DO NOT EDIT.")
}
