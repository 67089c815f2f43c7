package runner

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// checkFixes puts the edits of each suggested fix in order and checks
// them, as go/analysis drivers do before they accept a diagnostic: no two
// fixes with one message; each edit within one file (an end just past the
// file's end, as some syntax nodes compute it, is cut to the end); no two
// edits overlapping. An error is a bug in the analyzer that reported it.
func checkFixes(fset *token.FileSet, fixes []analysis.SuggestedFix) error {
	messages := make(map[string]bool)
	for i := range fixes {
		fix := &fixes[i]
		if messages[fix.Message] {
			return fmt.Errorf("two suggested fixes with the message %q", fix.Message)
		}
		messages[fix.Message] = true
		// Insertions before replacements at one position; insertions at
		// one position in the order given.
		slices.SortStableFunc(fix.TextEdits, func(x, y analysis.TextEdit) int {
			if c := cmp.Compare(x.Pos, y.Pos); c != 0 {
				return c
			}
			return cmp.Compare(x.End, y.End)
		})
		var prevEnd token.Pos
		for j := range fix.TextEdits {
			edit := &fix.TextEdits[j]
			file := fset.File(edit.Pos)
			if file == nil {
				return fmt.Errorf("fix %q: edit at a position in no file", fix.Message)
			}
			eof := token.Pos(file.Base() + file.Size())
			switch {
			case !edit.End.IsValid():
				edit.End = edit.Pos
			case edit.End < edit.Pos:
				return fmt.Errorf("fix %q: edit ends before it starts", fix.Message)
			case fset.File(edit.End) != file && edit.End < eof+10:
				edit.End = eof
			case fset.File(edit.End) != file:
				return fmt.Errorf("fix %q: edit spans files", fix.Message)
			}
			if edit.End > eof {
				return fmt.Errorf("fix %q: edit ends past the end of %s", fix.Message, file.Name())
			}
			if j > 0 && edit.Pos < prevEnd {
				return fmt.Errorf("fix %q: overlapping edits at %s", fix.Message, fset.Position(edit.Pos))
			}
			prevEnd = edit.End
		}
	}
	return nil
}
