package report

import (
	"go/ast"
	"go/token"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// DirectiveKind tells the two suppression comment forms apart.
type DirectiveKind int

const (
	// IgnoreDirective is trapvet's own "//trapvet:ignore names reason".
	IgnoreDirective DirectiveKind = iota + 1
	// NolintDirective is golangci-lint's "//nolint[:names] [// reason]".
	NolintDirective
)

// Directive is a parsed suppression comment.
type Directive struct {
	Kind      DirectiveKind
	Analyzers []string // names; for a bare //nolint, nil (all analyzers)
	Reason    string
}

// Names reports whether the directive suppresses the analyzer name. A
// //nolint names every analyzer trapvet runs as "trapvet", and go vet's
// as "govet", the name golangci-lint gives that suite: a copylocks
// finding a maintainer silenced with //nolint:govet stays silent under
// trapvet.
func (d Directive) Names(name string) bool {
	if d.Kind == NolintDirective && d.Analyzers == nil {
		return true
	}
	for _, n := range d.Analyzers {
		if n == name || n == "all" {
			return true
		}
		if d.Kind == NolintDirective && (n == "trapvet" || n == "govet" && vetNames[name]) {
			return true
		}
	}
	return false
}

// vetNames are the analyzers of go vet's suite (DeclareVet).
var vetNames = make(map[string]bool)

// DeclareVet records the names of go vet's analyzers, which a //nolint
// names as "govet". It is called once, when the suite is built, before
// any analysis.
func DeclareVet(names ...string) {
	for _, n := range names {
		vetNames[n] = true
	}
}

// Suppresses reports whether the directive suppresses anything: a
// //trapvet:ignore without a reason does not (it is reported instead), for
// every analyzer, in every mode. A //nolint needs none, as in
// golangci-lint.
func (d Directive) Suppresses() bool {
	return d.Kind == NolintDirective || d.Reason != "" && d.Reason != ReasonPlaceholder
}

// ReasonPlaceholder is the reason the editor's suppress quick fix
// inserts, for the user to replace: until then the directive counts as
// having no reason.
const ReasonPlaceholder = "<why this finding is wrong or accepted>"

// ParseDirective parses the text of one comment (with its // or /* */
// markers) as a suppression directive. Like other Go directives,
// //trapvet:ignore must start right after "//", with no space; //nolint
// may follow a space, as golangci-lint allows.
func ParseDirective(text string) (Directive, bool) {
	body, ok := strings.CutPrefix(text, "//")
	if !ok {
		return Directive{}, false
	}
	if rest, ok := strings.CutPrefix(body, "trapvet:ignore"); ok {
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return Directive{}, false // e.g. trapvet:ignored
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			return Directive{Kind: IgnoreDirective}, true
		}
		// "//trapvet:ignore name // reason" reads naturally to golangci-lint
		// users: the second "//" is punctuation, not part of the reason.
		reason := strings.TrimSpace(strings.TrimPrefix(strings.Join(fields[1:], " "), "//"))
		return Directive{
			Kind:      IgnoreDirective,
			Analyzers: splitNames(fields[0]),
			Reason:    reason,
		}, true
	}
	// golangci-lint takes "// nolint:name" too, with a space.
	if rest, ok := strings.CutPrefix(strings.TrimLeft(body, " \t"), "nolint"); ok {
		var reason string
		if i := strings.Index(rest, "//"); i >= 0 {
			reason = strings.TrimSpace(rest[i+2:])
			rest = rest[:i]
		}
		rest = strings.TrimSpace(rest)
		if rest == "" {
			return Directive{Kind: NolintDirective, Reason: reason}, true
		}
		names, ok := strings.CutPrefix(rest, ":")
		if !ok {
			return Directive{}, false // e.g. nolintfoo
		}
		fields := strings.Fields(names)
		if len(fields) == 0 {
			return Directive{}, false
		}
		return Directive{Kind: NolintDirective, Analyzers: splitNames(fields[0]), Reason: reason}, true
	}
	return Directive{}, false
}

func splitNames(s string) []string {
	var names []string
	for n := range strings.SplitSeq(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// Directives indexes the suppression directives of a package's files by
// file and line, the line as //line directives tell it (cgo's output of a
// user's file keeps its comments and maps each line back). Covering is the
// one implementation of "the reported line or the line above", for
// trapvet's analyzers (Reporter) and for the driver's Table alike.
type Directives struct {
	fset   *token.FileSet
	byLine map[*token.File]map[int][]placed
	// table is the driver's Table when the driver applies the directives
	// (Table.Attach); nil when the analyzers apply them themselves.
	table *Table
}

// A placed directive is a directive and where its comment starts.
type placed struct {
	Directive
	pos token.Pos
}

// IndexDirectives indexes the suppression directives of files.
func IndexDirectives(fset *token.FileSet, files []*ast.File) *Directives {
	ds := &Directives{fset: fset, byLine: make(map[*token.File]map[int][]placed)}
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
				byLine := ds.byLine[tf]
				if byLine == nil {
					byLine = make(map[int][]placed)
					ds.byLine[tf] = byLine
				}
				line := fset.PositionFor(c.Slash, true).Line
				byLine[line] = append(byLine[line], placed{d, c.Slash})
			}
		}
	}
	return ds
}

// Covering returns the directive that suppresses a finding of the analyzer
// name at pos: one that names the analyzer and suppresses (has a reason,
// where one is needed), on the line of pos or the line above.
func (ds *Directives) Covering(name string, pos token.Pos) (placed, bool) {
	tf := ds.fset.File(pos)
	if tf == nil {
		return placed{}, false
	}
	line := ds.fset.PositionFor(pos, true).Line
	for _, l := range []int{line, line - 1} {
		for _, d := range ds.byLine[tf][l] {
			if d.Names(name) && d.Suppresses() {
				return d, true
			}
		}
	}
	return placed{}, false
}

// Analyzer indexes the suppression directives of a package, once for all
// the analyzers that run on it. A driver that applies the directives
// itself (trapvet's: Table.Attach) makes the analyzers it runs require it;
// trapvet's analyzers do not, and index the directives themselves
// (Reporter) under any other driver.
var Analyzer = &analysis.Analyzer{
	Name:       "directives",
	Doc:        "directives: index the //trapvet:ignore and //nolint directives of a package",
	URL:        "https://github.com/trapvet/trapvet#suppressing-a-finding",
	ResultType: reflect.TypeFor[*Directives](),
	Run: func(pass *analysis.Pass) (any, error) {
		return IndexDirectives(pass.Fset, pass.Files), nil
	},
}
