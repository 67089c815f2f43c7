package docs

import (
	"flag"
	"os"
	"path/filepath"
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

// TestLineCommentDoc checks that the parser-free reading of a doc.go
// gives the package comment's text exactly as the parser does, on the
// sample and on every analyzer's doc.go, and that other shapes are left
// to the parser.
func TestLineCommentDoc(t *testing.T) {
	files, err := filepath.Glob("../../analyzers/*/doc.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no analyzer doc.go found: %v", err)
	}
	sources := map[string]string{"sample": sample}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources[f] = string(data)
	}
	for name, src := range sources {
		fast, ok := lineCommentDoc(src)
		if !ok {
			t.Errorf("%s: not read without the parser", name)
			continue
		}
		parsed, err := parsedDoc(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if fast != parsed {
			t.Errorf("%s: the text read without the parser differs from the parser's:\n%q\n%q", name, fast, parsed)
		}
	}
	for _, src := range []string{
		"package x\n",
		"// Package x.\n\npackage x\n",
		"//go:build linux\n\n// Package x.\npackage x\n",
		"/* Package x. */\npackage x\n",
		"// Package x.\r\npackage x\r\n",
		"//Package x.\npackage x\n",
		"//x:y\n// Package x.\npackage x\n",
		"// Package x.\npackage 1x\n",
		"// Package x.\n",
	} {
		if text, ok := lineCommentDoc(src); ok {
			t.Errorf("lineCommentDoc(%q) = %q, want it left to the parser", src, text)
		}
	}
	// Blank lines at the start, in runs and at the end, trailing blanks.
	src := "//\n//\n// a  \n//\n//\n// b\t\n//\tcode\n//  c\n//\n//\npackage x\n"
	fast, _ := lineCommentDoc(src)
	if parsed, _ := parsedDoc(src); fast != parsed {
		t.Errorf("blank lines: %q, parser %q", fast, parsed)
	}
}

// TestJoin checks that a doc split over files reads as one: the second
// file's sections follow the first's, and a file of another shape (no
// package comment) is left out.
func TestJoin(t *testing.T) {
	first := "// Package x is an example.\n//\n// # Analyzer alpha\n//\n// alpha: report the first thing\n//\n// Alpha's body.\npackage x\n\nimport \"fmt\"\n"
	second := "// # Limits\n//\n// Alpha's limits.\npackage x\n"
	joined := Join(first, "package x\n", second)
	want := "alpha: report the first thing\n\nAlpha's body.\n\n# Limits\n\nAlpha's limits."
	if got := Extract(joined, "alpha"); got != want {
		t.Errorf("Extract(Join(...)) = %q, want %q", got, want)
	}
	if got := Extract(Join(first), "alpha"); got != "alpha: report the first thing\n\nAlpha's body." {
		t.Errorf("Extract(Join(first)) = %q", got)
	}
}
