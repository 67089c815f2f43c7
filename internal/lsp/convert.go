package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aymanbagabas/go-udiff"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/trapvet/trapvet/internal/driver"
	"github.com/trapvet/trapvet/internal/report"
)

// uriPath returns the file path of a file: URI, and false for another
// URI (an unsaved buffer's "untitled:", a remote one).
func uriPath(u protocol.DocumentURI) (string, bool) {
	parsed, err := url.ParseRequestURI(string(u))
	if err != nil || parsed.Scheme != uri.FileScheme || parsed.Path == "" {
		return "", false // uri.URI.Filename would panic
	}
	return filepath.Clean(uri.URI(u).Filename()), true
}

// fileURI returns the file: URI of an absolute path.
func fileURI(path string) protocol.DocumentURI {
	return uri.File(path)
}

// sources reads files once per analysis, for UTF-16 columns.
type sources map[string][]byte

func (c sources) get(file string) []byte {
	data, ok := c[file]
	if !ok {
		data, _ = os.ReadFile(file)
		c[file] = data
	}
	return data
}

// line returns the text of the 1-based line n, without its newline.
func (c sources) line(file string, n int) string {
	data := c.get(file)
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return string(data)
}

// position converts a go/token position (1-based line, 1-based column in
// bytes) to an LSP one (0-based line, 0-based column in UTF-16 code units).
func (c sources) position(p token.Position) protocol.Position {
	if p.Line < 1 {
		return protocol.Position{}
	}
	col := 0
	if p.Column > 1 {
		col = utf16Len(c.line(p.Filename, p.Line), p.Column-1)
	}
	return protocol.Position{Line: uint32(p.Line - 1), Character: uint32(col)}
}

// utf16Len returns the length in UTF-16 code units of the first n bytes of
// line (all of it, past its end: the file changed since it was analyzed).
func utf16Len(line string, n int) int {
	if n > len(line) {
		n = len(line)
	}
	units := 0
	for _, r := range line[:n] {
		if r == utf8.RuneError {
			units++
			continue
		}
		units += utf16.RuneLen(r)
	}
	return units
}

func (c sources) rangeOf(start, end token.Position) protocol.Range {
	if !end.IsValid() || end.Filename != start.Filename || end.Line < start.Line {
		end = start
	}
	return protocol.Range{Start: c.position(start), End: c.position(end)}
}

// convert turns a unit's findings into diagnostics with their code
// actions, by file. Findings outside the unit's directory (a //line
// directive pointing elsewhere) are left out.
func convert(findings []driver.Finding, suite *driver.Suite, u *unit) map[string][]entry {
	urls := make(map[string]string)
	for _, a := range suite.Analyzers {
		urls[a.Name] = a.URL
	}
	src := make(sources)
	out := make(map[string][]entry)
	for _, f := range findings {
		file := f.Posn.Filename
		if !f.Posn.IsValid() || filepath.Dir(file) != u.dir {
			continue
		}
		d := protocol.Diagnostic{
			Range:    src.rangeOf(f.Posn, f.End),
			Severity: protocol.DiagnosticSeverityWarning,
			Code:     f.Analyzer,
			Source:   suite.Name,
			Message:  f.Message,
		}
		if href := urls[f.Analyzer]; href != "" {
			d.CodeDescription = &protocol.CodeDescription{Href: uri.URI(href)}
		}
		for _, rel := range f.Related {
			if !rel.Posn.IsValid() {
				continue
			}
			d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
				Location: protocol.Location{URI: fileURI(rel.Posn.Filename), Range: src.rangeOf(rel.Posn, rel.End)},
				Message:  rel.Message,
			})
		}
		e := entry{diag: d}
		for i, fix := range f.Fixes {
			changes := src.fixEdits(fix.Edits)
			if len(changes) == 0 {
				continue
			}
			title := fix.Message
			if title == "" {
				title = "Fix: " + f.Message
			}
			e.actions = append(e.actions, protocol.CodeAction{
				Title:       title,
				Kind:        protocol.QuickFix,
				Diagnostics: []protocol.Diagnostic{d},
				IsPreferred: i == 0,
				Edit:        &protocol.WorkspaceEdit{Changes: changes},
			})
		}
		if f.Analyzer != report.CheckerName { // a directive is fixed by correcting it, not by another
			e.actions = append(e.actions, suppressAction(src, d, f))
		}
		out[file] = append(out[file], e)
	}
	return out
}

// fixEdits turns a fix's edits into one LSP edit per file: the edits are
// applied to the analyzed source and, if that was gofmt-clean, the result
// is formatted again (as "trapvet -fix" does: a fix's text is not laid
// out), then the changed span is sent. A fix whose edits do not fit the
// file (changed since) is dropped.
func (c sources) fixEdits(edits []driver.Edit) map[protocol.DocumentURI][]protocol.TextEdit {
	byFile := make(map[string][]udiff.Edit)
	for _, e := range edits {
		if !e.Start.IsValid() || e.End.Filename != e.Start.Filename || e.End.Offset < e.Start.Offset {
			return nil
		}
		byFile[e.Start.Filename] = append(byFile[e.Start.Filename], udiff.Edit{Start: e.Start.Offset, End: e.End.Offset, New: e.NewText})
	}
	changes := make(map[protocol.DocumentURI][]protocol.TextEdit)
	for file, es := range byFile {
		src := c.get(file)
		res, err := driver.ApplyEdits(src, es)
		if err != nil {
			return nil
		}
		// The changed span: common prefix and suffix cut at rune starts.
		p := 0
		for p < len(src) && p < len(res) && src[p] == res[p] {
			p++
		}
		for p > 0 && p < len(src) && !utf8.RuneStart(src[p]) {
			p--
		}
		s := 0
		for s < len(src)-p && s < len(res)-p && src[len(src)-1-s] == res[len(res)-1-s] {
			s++
		}
		for s > 0 && !utf8.RuneStart(src[len(src)-s]) {
			s--
		}
		if p == len(src)-s && p == len(res)-s {
			continue // no change
		}
		changes[fileURI(file)] = []protocol.TextEdit{{
			Range:   protocol.Range{Start: offsetPosition(src, p), End: offsetPosition(src, len(src)-s)},
			NewText: string(res[p : len(res)-s]),
		}}
	}
	return changes
}

// offsetPosition converts a byte offset in src to an LSP position.
func offsetPosition(src []byte, off int) protocol.Position {
	before := src[:off]
	line := bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	return protocol.Position{Line: uint32(line), Character: uint32(utf16Len(string(src[start:off]), off-start))}
}

// suppressAction inserts "//trapvet:ignore NAME reason" on its own line
// above the finding's line, indented like it: a directive silences its own
// line and the next, and a line of its own cannot end up inside another
// comment.
func suppressAction(src sources, d protocol.Diagnostic, f driver.Finding) protocol.CodeAction {
	line := src.line(f.Posn.Filename, f.Posn.Line)
	indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
	at := protocol.Position{Line: d.Range.Start.Line}
	return protocol.CodeAction{
		Title:       fmt.Sprintf("Suppress %s on this line", f.Analyzer),
		Kind:        protocol.QuickFix,
		Diagnostics: []protocol.Diagnostic{d},
		Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{
			fileURI(f.Posn.Filename): {{
				Range: protocol.Range{Start: at, End: at},
				// A directive needs a reason, which only the user can give:
				// the placeholder suppresses nothing, and is reported,
				// until it is replaced.
				NewText: fmt.Sprintf("%s//trapvet:ignore %s %s\n", indent, f.Analyzer, report.ReasonPlaceholder),
			}},
		}},
	}
}

// settingsArgs turns the client's settings into command-line flags. The
// settings are an object whose keys are the command line's flag names
// without the dash, e.g. {"vet": true, "lostunlock": false,
// "rpctimeout.strict": true, "tags": "integration"}; an object under the
// key "trapvet" is taken instead, for clients that send every server's
// settings together. null means none.
func settingsArgs(raw any) ([]string, error) {
	if raw == nil {
		return nil, nil
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("settings must be an object of command-line flags, got %s", jsonText(raw))
	}
	if inner, ok := obj["trapvet"]; ok {
		if inner == nil {
			return nil, nil
		}
		if obj, ok = inner.(map[string]any); !ok {
			return nil, fmt.Errorf("settings.trapvet must be an object of command-line flags, got %s", jsonText(inner))
		}
	}
	var args []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range obj {
			if !yield(k) {
				return
			}
		}
	}) {
		name := strings.TrimLeft(k, "-")
		switch v := obj[k].(type) {
		case bool:
			args = append(args, fmt.Sprintf("-%s=%t", name, v))
		case string:
			args = append(args, fmt.Sprintf("-%s=%s", name, v))
		case float64:
			args = append(args, fmt.Sprintf("-%s=%s", name, jsonText(v)))
		case json.Number:
			args = append(args, fmt.Sprintf("-%s=%s", name, v))
		case nil:
			// unset: the default
		default:
			return nil, fmt.Errorf("setting %q: want a boolean, string or number, got %s", k, jsonText(v))
		}
	}
	return args, nil
}

func jsonText(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
