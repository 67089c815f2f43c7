package driver

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/trapvet/trapvet/internal/runner"
)

func TestPlanFixes(t *testing.T) {
	src := "0123456789abcdefghijklmnopqrstuvwxyz\n"
	type e struct {
		start, end int
		text       string
	}
	mk := func(name string, edits ...e) *finding {
		fix := runner.Fix{Message: "Fix " + name}
		for _, ed := range edits {
			fix.Edits = append(fix.Edits, runner.Edit{File: "/x/f.go", Start: ed.start, End: ed.end, New: ed.text})
		}
		return &finding{Analyzer: name, Message: name, Fixes: []runner.Fix{fix}}
	}
	a := mk("a", e{1, 3, "A"})
	overlap := mk("overlap", e{2, 5, "B"})
	same := mk("same", e{1, 3, "A"})
	ins := mk("ins", e{10, 10, "+"})
	insOther := mk("insOther", e{10, 10, "-"})
	two := mk("two", e{20, 21, "K"}, e{3, 4, "3"})
	noFix := &finding{Analyzer: "nofix"}

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
		s += f.Analyzer
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
