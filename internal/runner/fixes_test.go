package runner

import (
	"go/token"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestCheckFixes(t *testing.T) {
	fset := token.NewFileSet()
	f := fset.AddFile("a.go", -1, 100)
	f.SetLines([]int{0, 50})
	eof := token.Pos(f.Base() + f.Size())
	at := func(off int) token.Pos { return f.Pos(off) }
	a := &analysis.Analyzer{Name: "x"}
	for _, tc := range []struct {
		name    string
		edits   []analysis.TextEdit
		wantErr string
		wantEnd []token.Pos // the edits' End afterwards, in order
	}{
		{"insertion gets an end", []analysis.TextEdit{{Pos: at(3)}}, "", []token.Pos{at(3)}},
		{"end just past the file is cut to its end", []analysis.TextEdit{{Pos: at(90), End: eof + 2}}, "", []token.Pos{eof}},
		// As in go/analysis/checker, an edit cut to the file's end is not
		// checked against the next one.
		{"cut edit not checked for overlap", []analysis.TextEdit{{Pos: at(90), End: eof + 2}, {Pos: at(95), End: at(96)}}, "", []token.Pos{eof, at(96)}},
		{"end before start", []analysis.TextEdit{{Pos: at(10), End: at(5)}}, "TextEdit.Pos", nil},
		{"overlapping", []analysis.TextEdit{{Pos: at(1), End: at(10)}, {Pos: at(5), End: at(12)}}, "overlapping edits", nil},
		{"end far past the file", []analysis.TextEdit{{Pos: at(1), End: eof + 50}}, "no token.File for TextEdit.End", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fixes := []analysis.SuggestedFix{{Message: "Fix", TextEdits: tc.edits}}
			err := checkFixes(fset, a, fixes)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range fixes[0].TextEdits {
				if e.End != tc.wantEnd[i] {
					t.Errorf("edit %d: End = %v, want %v", i, e.End, tc.wantEnd[i])
				}
			}
		})
	}
	twice := []analysis.SuggestedFix{{Message: "Fix"}, {Message: "Fix"}}
	if err := checkFixes(fset, a, twice); err == nil || !strings.Contains(err.Error(), "two fixes") {
		t.Errorf("two fixes with one message: err = %v", err)
	}
}
