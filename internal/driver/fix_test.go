package driver

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestPlanFixes(t *testing.T) {
	fset := token.NewFileSet()
	src := "0123456789abcdefghijklmnopqrstuvwxyz\n"
	tf := fset.AddFile("/x/f.go", -1, len(src))
	pos := func(off int) token.Pos { return tf.Pos(off) }
	mk := func(name string, edits ...analysis.TextEdit) *finding {
		return &finding{analyzer: name, fset: fset, diag: analysis.Diagnostic{
			Message:        name,
			SuggestedFixes: []analysis.SuggestedFix{{Message: "Fix " + name, TextEdits: edits}},
		}}
	}
	a := mk("a", analysis.TextEdit{Pos: pos(1), End: pos(3), NewText: []byte("A")})
	overlap := mk("overlap", analysis.TextEdit{Pos: pos(2), End: pos(5), NewText: []byte("B")})
	same := mk("same", analysis.TextEdit{Pos: pos(1), End: pos(3), NewText: []byte("A")})
	ins := mk("ins", analysis.TextEdit{Pos: pos(10), NewText: []byte("+")})
	insOther := mk("insOther", analysis.TextEdit{Pos: pos(10), End: pos(10), NewText: []byte("-")})
	two := mk("two", analysis.TextEdit{Pos: pos(20), End: pos(21), NewText: []byte("K")}, analysis.TextEdit{Pos: pos(3), End: pos(4), NewText: []byte("3")})
	noFix := &finding{analyzer: "nofix", fset: fset}

	plan, err := planFixes([]*finding{a, overlap, same, ins, insOther, two, noFix})
	if err != nil {
		t.Fatal(err)
	}
	if got := names2(plan.fixed); got != "a same ins two" {
		t.Errorf("fixed = %s", got)
	}
	if got := names2(plan.conflicts); got != "overlap insOther" {
		t.Errorf("conflicts = %s", got)
	}
	res, err := plan.apply("/x/f.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := "0A3456789+abcdefghijKlmnopqrstuvwxyz\n"; string(res) != want {
		t.Errorf("apply = %q, want %q", res, want)
	}
}

func names2(fs []*finding) string {
	s := ""
	for i, f := range fs {
		if i > 0 {
			s += " "
		}
		s += f.analyzer
	}
	return s
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f.go")
	if err := os.WriteFile(file, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(file, []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	info, _ := os.Stat(file)
	if string(data) != "new" || info.Mode().Perm() != 0o640 {
		t.Errorf("after write: %q, mode %v", data, info.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
