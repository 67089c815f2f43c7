// Package report is the one path by which trapvet analyzers report
// diagnostics. It applies the rules every analyzer shares, so that none can
// forget them, in go vet mode and standalone alike:
//
//   - no diagnostics in generated files ("// Code generated ... DO NOT EDIT.");
//   - suppression by "//trapvet:ignore name[,name] reason" (or golangci-lint's
//     "//nolint:name") on the reported line or on the line above it;
//   - a trapvet:ignore directive without a reason is itself reported.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Reporter reports the diagnostics of one analysis pass.
type Reporter struct {
	pass     *analysis.Pass
	name     string
	files    map[*token.File]*fileInfo
	findings *Findings
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
	// suppressed holds the lines (unadjusted by //line directives) on
	// which a directive naming this analyzer stands.
	suppressed map[int]bool
}

// New returns the Reporter for pass. It reads the comments of the package's
// files once, and reports every trapvet:ignore directive that names this
// analyzer but gives no reason.
func New(pass *analysis.Pass) *Reporter {
	r := &Reporter{
		pass:     pass,
		name:     pass.Analyzer.Name,
		files:    make(map[*token.File]*fileInfo),
		findings: &Findings{lines: make(map[findingKey]bool)},
	}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		info := &fileInfo{generated: ast.IsGenerated(f)}
		r.files[tf] = info
		for _, group := range f.Comments {
			for _, c := range group.List {
				d, ok := ParseDirective(c.Text)
				if !ok || !d.Names(r.name) {
					continue
				}
				if info.suppressed == nil {
					info.suppressed = make(map[int]bool)
				}
				info.suppressed[tf.Line(c.Slash)] = true
				if d.Kind == IgnoreDirective && d.Reason == "" && !info.generated {
					pass.Report(analysis.Diagnostic{
						Pos:      c.Slash,
						End:      c.End(),
						Category: "directive",
						Message:  fmt.Sprintf("trapvet:ignore %s needs a reason after the analyzer names (why is this finding wrong or accepted?)", strings.Join(d.Analyzers, ",")),
					})
				}
			}
		}
	}
	return r
}

// Report reports d unless it lies in a generated file or a directive
// suppresses it.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if tf := r.pass.Fset.File(d.Pos); tf != nil {
		r.findings.lines[findingKey{tf, tf.Line(d.Pos)}] = true
	}
	if r.Silenced(d.Pos) {
		return
	}
	r.pass.Report(d)
}

// Reportf reports a diagnostic covering node, with a formatted message.
func (r *Reporter) Reportf(node analysis.Range, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: fmt.Sprintf(format, args...)})
}

// Silenced reports whether a diagnostic at pos would be dropped: it lies in
// a generated file, or a directive naming this analyzer stands on its line
// or the line above.
func (r *Reporter) Silenced(pos token.Pos) bool {
	tf := r.pass.Fset.File(pos)
	info := r.files[tf]
	if info == nil {
		return false
	}
	if info.generated {
		return true
	}
	line := tf.Line(pos)
	return info.suppressed[line] || info.suppressed[line-1]
}

// Related is a convenience for a one-entry Related list.
func Related(node analysis.Range, format string, args ...any) []analysis.RelatedInformation {
	return []analysis.RelatedInformation{{Pos: node.Pos(), End: node.End(), Message: fmt.Sprintf(format, args...)}}
}
