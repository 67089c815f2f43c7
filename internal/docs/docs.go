// Package docs turns an analyzer's doc.go comment into the two forms trapvet
// publishes: the plain text of Analyzer.Doc and the docs/<name>.md page.
//
// An analyzer's doc.go holds a package comment with a section headed
// "# Analyzer <name>"; the section's first paragraph is "<name>: <title>".
package docs

import (
	"flag"
	"fmt"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"
	"unicode/utf8"
)

// Extract returns the "# Analyzer name" section of the package comment in
// the Go source content, as plain text suitable for analysis.Analyzer.Doc.
// A missing section yields a text saying so; the meta-tests reject it, so an
// analyzer never ships without its doc, and package initialisation never
// panics.
func Extract(content, name string) string {
	text, err := section(content, name)
	if err != nil {
		return name + ": undocumented (" + err.Error() + ")"
	}
	return text
}

// Join returns Go source whose package comment is the package comments
// of the files in turn, for an analyzer whose doc is too long for one
// doc.go: doc.go holds the start, and further files (named so that they
// sort after it, as go/doc merges them) go on with more sections. A file
// whose comment is not made of line comments above its package clause is
// left out.
func Join(files ...string) string {
	var b strings.Builder
	clause := ""
	for _, f := range files {
		i := strings.Index(f, "\npackage ")
		if i < 0 || !strings.HasPrefix(f, "//") {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("//\n")
		}
		b.WriteString(f[:i+1])
		clause = f[i+1:]
	}
	if line, _, ok := strings.Cut(clause, "\n"); ok {
		clause = line
	}
	return b.String() + clause + "\n"
}

// Section is Extract with the error kept, for tests and generators.
func Section(content, name string) (string, error) { return section(content, name) }

func section(content, name string) (string, error) {
	text, ok := lineCommentDoc(content)
	if !ok {
		var err error
		if text, err = parsedDoc(content); err != nil {
			return "", err
		}
	}
	heading := "# Analyzer " + name
	start := -1
	for _, line := range lineOffsets(text) {
		if strings.TrimRight(text[line.start:line.end], " \t") == heading {
			start = line.end
			break
		}
	}
	if start < 0 {
		return "", fmt.Errorf("package comment has no %q heading", heading)
	}
	rest := text[start:]
	if i := strings.Index(rest, "\n# Analyzer "); i >= 0 {
		rest = rest[:i]
	}
	rest = strings.TrimSpace(rest)
	if !strings.HasPrefix(rest, name+": ") {
		return "", fmt.Errorf("section %q must begin with %q", heading, name+": ")
	}
	return rest, nil
}

// parsedDoc returns the text of the package comment of the Go source
// content, as go/ast's CommentGroup.Text gives it.
func parsedDoc(content string) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package comment")
	}
	return f.Doc.Text(), nil
}

// lineCommentDoc is parsedDoc without the parser, for the usual doc.go:
// lines that are "//" or begin with "// " or "//\t", from the first line
// down to a line "package name". Every analyzer extracts its doc when the
// program starts, and go vet starts the program once per package: the
// parser cost about a fifth of the CPU of a process that only answers
// go vet's -flags. It reports false for any other shape (other comments,
// directives, blank lines, carriage returns, invalid UTF-8, NUL or byte
// order marks, which the parser rejects or treats apart), left to the
// parser.
func lineCommentDoc(content string) (string, bool) {
	var lines []string
	rest := content
	for {
		line, after, found := strings.Cut(rest, "\n")
		if !found {
			return "", false // no package clause
		}
		rest = after
		if name, ok := strings.CutPrefix(line, "package "); ok && len(lines) > 0 {
			if !isIdent(name) {
				return "", false
			}
			break
		}
		text, ok := strings.CutPrefix(line, "//")
		if !ok || text != "" && text[0] != ' ' && text[0] != '\t' {
			return "", false
		}
		text = strings.TrimPrefix(text, " ")
		lines = append(lines, strings.TrimRight(text, " \t"))
	}
	comment := content[:len(content)-len(rest)]
	if !utf8.ValidString(comment) || strings.IndexByte(comment, '\r') >= 0 ||
		strings.IndexByte(comment, 0) >= 0 || strings.Contains(comment, "\uFEFF") {
		return "", false
	}
	// As CommentGroup.Text: no leading blank lines, runs of blank lines
	// made one, and a final newline.
	n := 0
	for _, line := range lines {
		if line != "" || n > 0 && lines[n-1] != "" {
			lines[n] = line
			n++
		}
	}
	lines = lines[:n]
	if n > 0 && lines[n-1] != "" {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n"), true
}

// isIdent reports whether s is an ASCII Go identifier.
func isIdent(s string) bool {
	for i, c := range []byte(s) {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}

type span struct{ start, end int }

func lineOffsets(text string) []span {
	var lines []span
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		lines = append(lines, span{start, end})
		start = end + 1
	}
	return lines
}

// Title returns the title of an analyzer doc: the first line without the
// "name: " prefix.
func Title(doc string) string {
	first, _, _ := strings.Cut(doc, "\n")
	_, title, ok := strings.Cut(first, ": ")
	if !ok {
		return first
	}
	return title
}

// Markdown renders an analyzer doc (as returned by Extract) as the
// docs/<name>.md page. Headings inside the doc become second-level headings.
// The analyzer's flags, if any, get a generated "Flags" section before
// "Limits" (or at the end), so that the page lists every one of them with
// its default.
func Markdown(name, doc string, flags *flag.FlagSet) []byte {
	title := Title(doc)
	body := ""
	if _, after, ok := strings.Cut(doc, "\n"); ok {
		body = after
	}
	var p comment.Parser
	d := p.Parse(body)
	pr := comment.Printer{HeadingLevel: 2, HeadingID: headingID}
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- Code generated from analyzers/%s/doc.go by TestDocsPages; DO NOT EDIT. -->\n\n", name)
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", name, title)
	flagsDone := false
	writeFlags := func() {
		flagsDone = true
		var rows []string
		if flags != nil {
			flags.VisitAll(func(f *flag.Flag) {
				def := f.DefValue
				if def == "" {
					def = `""`
				}
				rows = append(rows, fmt.Sprintf("| `-%s.%s` | `%s` | %s |", name, f.Name, def, f.Usage))
			})
		}
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## Flags {#hdr-Flags}\n\nUnder go vet and standalone, as `-%s.FLAG=value`; in golangci-lint, as the plugin's settings ([golangci-lint.md](golangci-lint.md)); in Bazel nogo, as `analyzer_flags` ([bazel.md](bazel.md)).\n\n| flag | default | meaning |\n| --- | --- | --- |\n%s\n", name, strings.Join(rows, "\n"))
	}
	for i, block := range d.Content {
		if h, ok := block.(*comment.Heading); ok && !flagsDone && headingText(h) == "Limits" {
			writeFlags()
		}
		if i > 0 {
			b.WriteString("\n")
		}
		if code, ok := block.(*comment.Code); ok {
			// Fenced and tagged, so that the page highlights the examples.
			fmt.Fprintf(&b, "```go\n%s```\n", code.Text)
			continue
		}
		b.Write(pr.Markdown(&comment.Doc{Content: []comment.Block{block}, Links: d.Links}))
	}
	if !flagsDone {
		writeFlags()
	}
	return []byte(b.String())
}

// CategoryHeading starts the heading of the section of a doc that
// explains a diagnostic Category: "# Category panic" documents the
// category "panic", and its anchor in the docs page is the category
// itself (docs/anymap.md#panic), where go/analysis drivers resolve a
// diagnostic's Category against the analyzer's URL.
const CategoryHeading = "Category "

// headingID is the anchor of a heading in the docs page: the category of
// a CategoryHeading, go/doc/comment's default otherwise.
func headingID(h *comment.Heading) string {
	if category, ok := strings.CutPrefix(headingText(h), CategoryHeading); ok {
		return category
	}
	return h.DefaultID()
}

// headingText is the plain text of a doc comment heading.
func headingText(h *comment.Heading) string {
	var b strings.Builder
	for _, t := range h.Text {
		if p, ok := t.(comment.Plain); ok {
			b.WriteString(string(p))
		}
	}
	return b.String()
}
