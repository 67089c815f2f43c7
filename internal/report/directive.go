package report

import (
	"strings"
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

// Names reports whether the directive suppresses the analyzer name.
func (d Directive) Names(name string) bool {
	if d.Kind == NolintDirective && d.Analyzers == nil {
		return true
	}
	for _, n := range d.Analyzers {
		if n == name || n == "all" || (d.Kind == NolintDirective && n == "trapvet") {
			return true
		}
	}
	return false
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
