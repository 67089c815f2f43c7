package runner

import (
	"cmp"
	"fmt"
	"go/token"
	"net/url"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// checkFixes puts the edits of each suggested fix of a diagnostic of a in
// order and checks them, as go/analysis drivers do before they accept the
// diagnostic: no two fixes with one message; each edit within one file; no
// two edits overlapping. An error is a bug in the analyzer.
//
// It follows x/tools' driverutil.ValidateFixes, which go/analysis/checker
// calls from Pass.Report.
func checkFixes(fset *token.FileSet, a *analysis.Analyzer, fixes []analysis.SuggestedFix) error {
	messages := make(map[string]bool)
	for i := range fixes {
		fix := &fixes[i]
		if messages[fix.Message] {
			return fmt.Errorf("analyzer %q suggests two fixes with same Message (%s)", a.Name, fix.Message)
		}
		messages[fix.Message] = true
		if err := checkFix(fset, fix); err != nil {
			return fmt.Errorf("analyzer %q suggests invalid fix (%s): %v", a.Name, fix.Message, err)
		}
	}
	return nil
}

// checkFix checks the edits of one fix, and sets the End of each edit
// that has none. It follows x/tools' driverutil.validateFix: an end just
// past the file's end, as some syntax nodes compute it
// (ast.StructType.End at the end of a file), is cut to the end, and the
// edit is then not checked against the others.
func checkFix(fset *token.FileSet, fix *analysis.SuggestedFix) error {
	// Insertions before replacements at one position; insertions at one
	// position in the order given.
	slices.SortStableFunc(fix.TextEdits, func(x, y analysis.TextEdit) int {
		if c := cmp.Compare(x.Pos, y.Pos); c != 0 {
			return c
		}
		return cmp.Compare(x.End, y.End)
	})
	var prev *analysis.TextEdit
	for i := range fix.TextEdits {
		edit := &fix.TextEdits[i]
		file := fset.File(edit.Pos)
		if file == nil {
			return fmt.Errorf("no token.File for TextEdit.Pos (%v)", edit.Pos)
		}
		eof := token.Pos(file.Base() + file.Size())
		if end := edit.End; end.IsValid() {
			if end < edit.Pos {
				return fmt.Errorf("TextEdit.Pos (%v) > TextEdit.End (%v)", edit.Pos, end)
			}
			endFile := fset.File(end)
			if endFile != file && end < eof+10 {
				edit.End = eof
				continue
			}
			if endFile == nil {
				return fmt.Errorf("no token.File for TextEdit.End (%v; File(start).FileEnd is %d)", end, eof)
			}
			if endFile != file {
				return fmt.Errorf("edit #%d spans files (%v and %v)", i, file.Position(edit.Pos), endFile.Position(end))
			}
		} else {
			edit.End = edit.Pos
		}
		if edit.End > eof {
			return fmt.Errorf("end is (%v) beyond end of file (%v)", edit.End, eof)
		}
		if prev != nil && edit.Pos < prev.End {
			x, xend := fset.Position(prev.Pos), fset.Position(prev.End)
			y, yend := fset.Position(edit.Pos), fset.Position(edit.End)
			return fmt.Errorf("overlapping edits to %s (%d:%d-%d:%d and %d:%d-%d:%d)",
				x.Filename, x.Line, x.Column, xend.Line, xend.Column, y.Line, y.Column, yend.Line, yend.Column)
		}
		prev = edit
	}
	return nil
}

// resolveURL returns the URL of a diagnostic of a: its own URL, or
// "#"+its Category, resolved against a's URL. It follows x/tools'
// driverutil.ResolveURL, which go/analysis/checker applies to every
// diagnostic once the analyzer has run.
func resolveURL(a *analysis.Analyzer, d analysis.Diagnostic) (string, error) {
	if d.URL == "" && d.Category == "" && a.URL == "" {
		return "", nil
	}
	raw := d.URL
	if raw == "" && d.Category != "" {
		raw = "#" + d.Category
	}
	ref, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("invalid Diagnostic.URL %q: %s", raw, err)
	}
	base, err := url.Parse(a.URL)
	if err != nil {
		return "", fmt.Errorf("invalid Analyzer.URL %q: %s", a.URL, err)
	}
	return base.ResolveReference(ref).String(), nil
}
