package driver

import (
	"bytes"
	"go/ast"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

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

// TestWriteFixed checks that a fixed file is written in place: a hard
// link sees the new content and the mode stays.
func TestWriteFixed(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f.go")
	if err := os.WriteFile(file, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.go")
	if err := os.Link(file, link); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	if err := writeFixed(file, []byte("old"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(link)
	info, _ := os.Stat(file)
	if string(data) != "new" || info.Mode().Perm() != 0o640 {
		t.Errorf("after write: the link reads %q, mode %v", data, info.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("files left behind: %v", entries)
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
	if !strings.HasPrefix(errs, "note: upper's fixes were not applied") || !strings.Contains(errs, "-fix -upper") {
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

// TestFixChangedFile checks that -fix applies a fix only to the content
// it was computed for: a file changed since its analysis (saved during the
// run, or restored after findings were cached for other content) keeps
// its bytes, and its finding is reported unfixed; the other files are
// fixed.
func TestFixChangedFile(t *testing.T) {
	dir := t.TempDir()
	const analyzed = "package p\n\nvar x = 1 // one\n"
	const now = "package p\n\nvar xyz = 1\n"
	changed, same := filepath.Join(dir, "changed.go"), filepath.Join(dir, "same.go")
	for name, content := range map[string]string{changed: now, same: analyzed} {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk := func(file string) *finding {
		edit := runner.Edit{File: file, Start: 19, End: 20, New: "2", Sum: runner.FileSum([]byte(analyzed))}
		return &finding{Analyzer: "one", Message: "one in " + filepath.Base(file),
			Posn: token.Position{Filename: file, Line: 3, Column: 9}, Fixes: []runner.Fix{{Message: "Use 2", Edits: []runner.Edit{edit}}}}
	}
	var stderr strings.Builder
	r := &run{suite: &Suite{Name: "test"}, stdout: io.Discard, stderr: &stderr}
	left := r.fix(io.Discard, []*finding{mk(changed), mk(same)})
	if len(left) != 1 || left[0].Message != "one in changed.go" {
		t.Errorf("left unfixed: %v, want the finding in changed.go", left)
	}
	if !strings.Contains(stderr.String(), "changed.go:3:9: fix not applied, the file changed since it was analyzed") {
		t.Errorf("stderr %q does not say why the fix was not applied", stderr.String())
	}
	for file, want := range map[string]string{changed: now, same: "package p\n\nvar x = 2 // one\n"} {
		if data, err := os.ReadFile(file); err != nil || string(data) != want {
			t.Errorf("%s is %q, %v; want %q", filepath.Base(file), data, err, want)
		}
	}
}

// TestFixWriteFails checks that a file -fix cannot write keeps its
// findings in the output, and that the error names the user's file.
func TestFixWriteFails(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.go"), filepath.Join(dir, "b.go")
	for _, file := range []string{a, b} {
		if err := os.WriteFile(file, []byte("package p\n\nvar x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fixAt := func(file, analyzer string) *finding {
		return &finding{Analyzer: analyzer, Message: "one", Posn: token.Position{Filename: file, Line: 3, Column: 9},
			Fixes: []runner.Fix{{Message: "Two", Edits: []runner.Edit{{File: file, Start: 19, End: 20, New: "2"}}}}}
	}
	findings := []*finding{fixAt(a, "own1"), {Analyzer: "own2", Message: "no fix", Posn: token.Position{Filename: a, Line: 1, Column: 1}}, fixAt(b, "own1")}
	var errb bytes.Buffer
	r := &run{suite: &Suite{Name: "test"}, stderr: &errb, cwd: dir, opts: options{fix: true}}
	r.writeFile = func(file string, src, fixed []byte) error {
		if file == a {
			return &fs.PathError{Op: "open", Path: file + ".tmp", Err: fs.ErrPermission}
		}
		return writeFixed(file, src, fixed)
	}
	left := r.fix(io.Discard, findings)
	if len(left) != 2 || left[0] != findings[0] || left[1] != findings[1] {
		t.Errorf("left unfixed: %v, want a.go's two findings", left)
	}
	if got, want := errb.String(), "test: cannot fix a.go: permission denied\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	if data, _ := os.ReadFile(b); string(data) != "package p\n\nvar x = 2\n" {
		t.Errorf("b.go not fixed: %q", data)
	}
}
