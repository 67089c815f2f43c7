package docs

import (
	"flag"
	"strings"
	"testing"
)

const sample = `// Package x is an example.
//
// # Analyzer alpha
//
// alpha: report the first thing
//
// Alpha's body.
//
//	bad()
//
// # Analyzer beta
//
// beta: report the second thing
package x
`

func TestExtract(t *testing.T) {
	got := Extract(sample, "alpha")
	want := "alpha: report the first thing\n\nAlpha's body.\n\n\tbad()"
	if got != want {
		t.Errorf("Extract(alpha) = %q, want %q", got, want)
	}
	if got := Extract(sample, "beta"); got != "beta: report the second thing" {
		t.Errorf("Extract(beta) = %q", got)
	}
	if _, err := Section(sample, "gamma"); err == nil {
		t.Errorf("Section(gamma) succeeded, want an error for a missing heading")
	}
	if got := Extract(sample, "gamma"); !strings.HasPrefix(got, "gamma: undocumented") {
		t.Errorf("Extract(gamma) = %q, want the undocumented marker", got)
	}
	if _, err := Section("package x\n", "alpha"); err == nil {
		t.Errorf("Section on a file without a package comment succeeded")
	}
	bad := "// # Analyzer alpha\n//\n// wrong first line\npackage x\n"
	if _, err := Section(bad, "alpha"); err == nil {
		t.Errorf("Section accepted a section that does not start with %q", "alpha: ")
	}
}

func TestTitleAndMarkdown(t *testing.T) {
	doc := Extract(sample, "alpha")
	if got := Title(doc); got != "report the first thing" {
		t.Errorf("Title = %q", got)
	}
	md := string(Markdown("alpha", doc, nil))
	for _, want := range []string{"# alpha\n\nreport the first thing\n", "Alpha's body.", "```go\nbad()\n```", "DO NOT EDIT"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "Flags") {
		t.Errorf("Markdown of an analyzer without flags has a Flags section:\n%s", md)
	}

	var fs flag.FlagSet
	fs.Int("max", 8, "the largest count left alone")
	fs.Bool("tests", false, "also report in _test.go files")
	md = string(Markdown("alpha", doc+"\n# Limits\n\nSome.\n", &fs))
	want := "\n## Flags {#hdr-Flags}\n"
	i, j := strings.Index(md, want), strings.Index(md, "## Limits")
	if i < 0 || j < i {
		t.Errorf("Markdown has no Flags section before Limits:\n%s", md)
	}
	for _, row := range []string{"| `-alpha.max` | `8` | the largest count left alone |", "| `-alpha.tests` | `false` | also report in _test.go files |"} {
		if !strings.Contains(md, row) {
			t.Errorf("Markdown lacks the row %q:\n%s", row, md)
		}
	}
}
