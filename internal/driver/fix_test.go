package driver

import (
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// upper and lower are test analyzers with fixes: upper rewrites a
// "hello" literal to "HELLO", lower rewrites "world" to "WORLD".
var upper, lower = wordFixer("upper", "hello"), wordFixer("lower", "world")

func wordFixer(name, word string) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: name,
		Doc:  name + ": capitalise " + word + ", for testing",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					if lit, ok := n.(*ast.BasicLit); ok && lit.Value == strconv.Quote(word) {
						pass.Report(analysis.Diagnostic{Pos: lit.Pos(), End: lit.End(), Message: word,
							SuggestedFixes: []analysis.SuggestedFix{{Message: "Capitalise", TextEdits: []analysis.TextEdit{
								{Pos: lit.Pos(), End: lit.End(), NewText: []byte(strconv.Quote(strings.ToUpper(word)))},
							}}}})
					}
					return true
				})
			}
			return nil, nil
		},
	}
}

// TestFixOnRequest checks that a blanket -fix leaves a FixOnRequest
// analyzer's fixes alone and says so, that naming it applies them, and
// that -diff shows them either way.
func TestFixOnRequest(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.go")
	const src = "package p\n\nvar a, b = \"hello\", \"world\"\n"
	for name, content := range map[string]string{"go.mod": "module example.com/p\n\ngo 1.22\n", "p.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := &Suite{Name: "test", Analyzers: []*analysis.Analyzer{upper, lower}, FixOnRequest: []*analysis.Analyzer{upper}}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	read := func() string {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	_, out, _ := runIn(t, dir, s, "-diff", ".")
	if !strings.Contains(out, `"HELLO"`) || !strings.Contains(out, `"WORLD"`) {
		t.Errorf("-diff lacks a fix:\n%s", out)
	}
	if got := read(); got != src {
		t.Fatalf("-diff changed the file:\n%s", got)
	}

	_, out, errs := runIn(t, dir, s, "-fix", ".")
	if got, want := read(), "package p\n\nvar a, b = \"hello\", \"WORLD\"\n"; got != want {
		t.Errorf("-fix: file is\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(errs, "upper's fixes not applied") || !strings.Contains(errs, "-fix -upper") {
		t.Errorf("-fix: stderr %q does not say how to apply upper's fixes", errs)
	}
	if !strings.Contains(out, "hello (upper)") {
		t.Errorf("-fix: the unfixed finding is not listed:\n%s", out)
	}

	_, _, errs = runIn(t, dir, s, "-fix", "-upper", ".")
	if got, want := read(), "package p\n\nvar a, b = \"HELLO\", \"WORLD\"\n"; got != want {
		t.Errorf("-fix -upper: file is\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(errs, "not applied") {
		t.Errorf("-fix -upper: stderr %q", errs)
	}
}
