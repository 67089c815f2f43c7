package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestParseModules(t *testing.T) {
	mods, err := parseModules(strings.NewReader(`# comment
std std

golang.org/x/tools@v0.52.0 golang.org/x/tools/...
github.com/docker/cli@v29.9.3+incompatible github.com/docker/cli/cli/... github.com/docker/cli/opts/...
require google.golang.org/genproto@v0.0.0-20261019180522-ce908d29299b
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) != 4 {
		t.Fatalf("got %d modules, want 4", len(mods))
	}
	if pin := mods[3]; pin.Path != "google.golang.org/genproto" || len(pin.Patterns) != 0 {
		t.Errorf("require line: got %+v", pin)
	}
	if mods[0].ID() != "std" || mods[0].Version != "" {
		t.Errorf("std: got %+v", mods[0])
	}
	if got := mods[2].ID(); got != "github.com/docker/cli@v29.9.3+incompatible" {
		t.Errorf("ID = %q", got)
	}
	if len(mods[2].Patterns) != 2 {
		t.Errorf("patterns = %q", mods[2].Patterns)
	}
	mod := goMod(mods, "1.26.0")
	for _, want := range []string{"go 1.26.0", "\tgolang.org/x/tools v0.52.0\n", "\tgithub.com/docker/cli v29.9.3+incompatible\n", "\tgoogle.golang.org/genproto v0.0.0-20261019180522-ce908d29299b\n"} {
		if !strings.Contains(mod, want) {
			t.Errorf("go.mod lacks %q:\n%s", want, mod)
		}
	}
	if strings.Contains(mod, "std") {
		t.Errorf("go.mod requires std:\n%s", mod)
	}

	for _, bad := range []string{"golang.org/x/tools golang.org/x/tools/...", "golang.org/x/tools@v1", "std std\nstd std", "require std", "require a@v1 a/...", "validation a@v1", "validation std std", "a@v1 a/...\nvalidation a@v2 a/..."} {
		if _, err := parseModules(strings.NewReader(bad)); err == nil {
			t.Errorf("parseModules(%q) succeeded, want error", bad)
		}
	}
}

// The validation split runs only on request: by default neither a plain
// run nor -modules touches it.
func TestSelectModules(t *testing.T) {
	mods, err := parseModules(strings.NewReader(`a@v1 a/...
validation b@v1 b/...
require c@v1
`))
	if err != nil {
		t.Fatal(err)
	}
	if mods[0].Validation || !mods[1].Validation || mods[2].Validation {
		t.Fatalf("validation marks = %v %v %v", mods[0].Validation, mods[1].Validation, mods[2].Validation)
	}
	if !strings.Contains(goMod(mods, "1.26.0"), "\tb v1\n") {
		t.Errorf("the scratch module must require the validation split too, so the build list is the same with or without it")
	}
	paths := func(ms []module) (out []string) {
		for _, m := range ms {
			out = append(out, m.Path)
		}
		return out
	}
	for _, tc := range []struct {
		list       string
		validation bool
		want       string
	}{
		{"", false, "a c"},
		{"", true, "a b c"},
		{"a", false, "a"},
		{"b", true, "b"},
		{"a,b", true, "a b"},
	} {
		got, err := selectModules(mods, tc.list, tc.validation)
		if err != nil {
			t.Errorf("selectModules(%q, %v): %v", tc.list, tc.validation, err)
			continue
		}
		if g := strings.Join(paths(got), " "); g != tc.want {
			t.Errorf("selectModules(%q, %v) = %s, want %s", tc.list, tc.validation, g, tc.want)
		}
	}
	if _, err := selectModules(mods, "b", false); err == nil || !strings.Contains(err.Error(), "-validation") {
		t.Errorf("naming a validation module without -validation: err = %v", err)
	}
	if _, err := selectModules(mods, "z", true); err == nil {
		t.Errorf("naming an unknown module: no error")
	}
}

// multichecker prints one object for all packages, with test variants
// repeating the diagnostics of their package; go vet prints one per package.
func TestParseJSON(t *testing.T) {
	out := `{
	"p": {"deferloop": [{"posn": "/m/p/a.go:10:2", "end": "/m/p/a.go:10:9", "message": "defer f.Close() in loop"}]},
	"p [p.test]": {
		"deferloop": [
			{"posn": "/m/p/a.go:10:2", "end": "/m/p/a.go:10:9", "message": "defer f.Close() in loop"},
			{"posn": "/m/p/a_test.go:3:1", "end": "/m/p/a_test.go:3:9", "message": "m2", "related": [{"posn": "/m/p/a_test.go:2:1", "end": "x", "message": "the loop"}]}
		],
		"printf": {"error": "boom"}
	}
}
{"q": {"deferloop": []}}
`
	diags, errs, err := parseJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 2 {
		t.Fatalf("got %d diagnostics, want 2 (duplicates removed): %+v", len(diags), diags)
	}
	if diags[0].Posn != "/m/p/a.go:10:2" || diags[1].Message != "m2" {
		t.Errorf("diagnostics = %+v", diags)
	}
	if len(errs) != 1 || errs[0].Analyzer != "printf" || errs[0].Err != "boom" || errs[0].Package != "p [p.test]" {
		t.Errorf("errors = %+v", errs)
	}
	if _, _, err := parseJSON(strings.NewReader(`{"p": {"a": 3}}`)); err == nil {
		t.Error("parseJSON accepted a number as a diagnostic list")
	}
	if d, e, err := parseJSON(strings.NewReader("")); err != nil || d != nil || e != nil {
		t.Errorf("empty output: %v %v %v", d, e, err)
	}
}

func TestSplitPosn(t *testing.T) {
	for _, tc := range []struct {
		in        string
		file      string
		line, col int
	}{
		{"/a/b.go:12:3", "/a/b.go", 12, 3},
		{"C:/a/b.go:12:3", "C:/a/b.go", 12, 3},
		{"/a/b.go:12", "/a/b.go", 12, 0},
		{"/a/b.go", "/a/b.go", 0, 0},
	} {
		file, line, col := splitPosn(tc.in)
		if file != tc.file || line != tc.line || col != tc.col {
			t.Errorf("splitPosn(%q) = %q, %d, %d", tc.in, file, line, col)
		}
	}
}

func TestEnclosingFunc(t *testing.T) {
	src := []byte(`package p

var v = func() {
	_ = 1
}

func F() {
	_ = 2
}

func (t *T[K]) M() {
	go func() {
		_ = 3
	}()
}
`)
	for _, tc := range []struct {
		line, col int
		want      string
	}{
		{4, 2, "-"},
		{8, 2, "F"},
		{13, 3, "T.M"},
		{100, 1, "-"},
	} {
		if got := enclosingFunc("p.go", src, tc.line, tc.col); got != tc.want {
			t.Errorf("line %d: got %q, want %q", tc.line, got, tc.want)
		}
	}
}

const review = `# header
m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=production every file stays open
m@v1 a/b.go:20:2 deferloop G 0000bbbb false-positive kind=production the loop runs once
m@v1 a/b.go:30:2 deferloop H 0000cccc intended kind=example fixed upstream since
m@v1 a/c.go:5:1 deferloop K 0000dddd bug kind=test moved by an edit above it
other@v2 x.go:1:1 deferloop X 0000eeee bug kind=production module not run this time
m@v1 a/b.go:40:2 otheranalyzer Y 0000ffff bug kind=production analyzer not run this time
`

func TestParseReview(t *testing.T) {
	entries, err := parseReview(strings.NewReader(review))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 6 {
		t.Fatalf("got %d entries", len(entries))
	}
	e := entries[0]
	if e.Module != "m@v1" || e.File != "a/b.go" || e.Line != 10 || e.Col != 2 || e.Analyzer != "deferloop" ||
		e.Func != "F" || e.Hash != "0000aaaa" || e.Verdict != "bug" || e.Kind != "production" || e.DupOf != "" ||
		e.Reason != "every file stays open" || e.LineNo != 2 {
		t.Errorf("entry = %+v", e)
	}
	entries, err = parseReview(strings.NewReader(review + "m@v1 a/b.go:11:2 loopcapture F 0000abcd bug kind=production dup-of=deferloop:a/b.go:10:2 the same defer\n"))
	if err != nil {
		t.Fatal(err)
	}
	if e := entries[len(entries)-1]; e.DupOf != "deferloop:a/b.go:10:2" || e.Reason != "the same defer" {
		t.Errorf("dup entry = %+v", e)
	}
	// The same position twice (a package and its test variant with
	// different messages): the duplicate names its own position.
	if _, err := parseReview(strings.NewReader(review + "m@v1 a/b.go:10:2 deferloop F 0000abcd bug kind=production dup-of=deferloop:a/b.go:10:2 the test variant's message\n")); err != nil {
		t.Errorf("a duplicate at the position of the line it duplicates: %v", err)
	}
	for _, bad := range []string{
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=production",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug why not",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=demo why",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa maybe kind=test why",
		"m@v1 a/b.go deferloop F 0000aaaa bug kind=test why",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=test dup-of=a/b.go why",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=test dup-of=deferloop:a/b.go:10:2 itself",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=test why\nm@v1 a/b.go:10:2 deferloop F 0000bbbb bug kind=test why\nm@v1 a/b.go:10:2 deferloop F 0000cccc bug kind=test dup-of=deferloop:a/b.go:10:2 which of the two",
		// the duplicated line is in another module, missing, of another verdict, or a duplicate itself
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=test why\nn@v1 a/b.go:11:2 deferloop F 0000aaaa bug kind=test dup-of=deferloop:a/b.go:10:2 why",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=test dup-of=deferloop:a/b.go:12:2 why",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=test why\nm@v1 a/b.go:11:2 deferloop F 0000aaaa intended kind=test dup-of=deferloop:a/b.go:10:2 why",
		"m@v1 a/b.go:10:2 deferloop F 0000aaaa bug kind=test why\nm@v1 a/b.go:11:2 deferloop F 0000aaaa bug kind=test dup-of=deferloop:a/b.go:10:2 why\nm@v1 a/b.go:12:2 deferloop F 0000aaaa bug kind=test dup-of=deferloop:a/b.go:11:2 why",
	} {
		if _, err := parseReview(strings.NewReader(bad)); err == nil {
			t.Errorf("parseReview(%q) succeeded, want error", bad)
		}
	}
}

func TestCompare(t *testing.T) {
	entries, err := parseReview(strings.NewReader(review))
	if err != nil {
		t.Fatal(err)
	}
	f := func(file string, line int, fn, hash string) finding {
		return finding{Module: "m@v2", File: file, Line: line, Col: 2, Analyzer: "deferloop", Func: fn, Hash: hash}
	}
	findings := []finding{
		f("a/b.go", 10, "F", "0000aaaa"), // reviewed bug (module bumped: still matches)
		f("a/b.go", 20, "G", "0000bbbb"), // reviewed false positive still there
		f("a/c.go", 9, "K", "0000dddd"),  // moved four lines down
		f("a/c.go", 50, "K", "0000dddd"), // a second identical finding in K: new
		f("a/d.go", 1, "Z", "00001111"),  // new
	}
	d := compare(findings, entries, map[string]bool{"m": true}, map[string]bool{"deferloop": true})
	if !d.Failed() {
		t.Error("Failed() = false")
	}
	if len(d.Unreviewed) != 2 || d.Unreviewed[0].Line != 50 || d.Unreviewed[1].File != "a/d.go" {
		t.Errorf("Unreviewed = %+v", d.Unreviewed)
	}
	if len(d.StillFP) != 1 || d.StillFP[3].Func != "G" {
		t.Errorf("StillFP = %+v", d.StillFP)
	}
	if len(d.Bugs) != 2 {
		t.Errorf("Bugs = %+v", d.Bugs)
	}
	if got, ok := d.Moved[5]; !ok || got.Line != 9 {
		t.Errorf("Moved = %+v", d.Moved)
	}
	if len(d.Stale) != 1 || d.Stale[0].Func != "H" {
		t.Errorf("Stale = %+v (want only H: other modules and analyzers were not run)", d.Stale)
	}

	// Everything reviewed, no false positive left: success.
	d = compare(findings[:1], entries, map[string]bool{"m": true}, map[string]bool{"deferloop": true})
	if d.Failed() {
		t.Errorf("Failed() = true: %+v", d)
	}

	// A validation module's false positive is measured, not failed on;
	// the corpus's still fails the run.
	d = compare(findings[:2], entries, map[string]bool{"m": true}, map[string]bool{"deferloop": true})
	d.measureSplit(map[string]bool{"m@v2": true})
	if d.Failed() || len(d.SplitFP) != 1 || d.SplitFP[3].Func != "G" {
		t.Errorf("split: Failed() = %v, SplitFP = %+v", d.Failed(), d.SplitFP)
	}
	d = compare(findings[:2], entries, map[string]bool{"m": true}, map[string]bool{"deferloop": true})
	d.measureSplit(map[string]bool{"other@v1": true})
	if !d.Failed() || len(d.SplitFP) != 0 {
		t.Errorf("corpus: Failed() = %v, SplitFP = %+v", d.Failed(), d.SplitFP)
	}
}

// An exact position wins over a nearer-in-order candidate, so that an
// unmoved finding keeps its own verdict when an identical one appears.
func TestCompareExactFirst(t *testing.T) {
	entries, err := parseReview(strings.NewReader(`m@v1 a.go:10:1 deferloop F 0000aaaa bug kind=production first
m@v1 a.go:30:1 deferloop F 0000aaaa false-positive kind=production second
`))
	if err != nil {
		t.Fatal(err)
	}
	findings := []finding{
		{Module: "m@v1", File: "a.go", Line: 12, Col: 1, Analyzer: "deferloop", Func: "F", Hash: "0000aaaa"},
		{Module: "m@v1", File: "a.go", Line: 10, Col: 1, Analyzer: "deferloop", Func: "F", Hash: "0000aaaa"},
	}
	d := compare(findings, entries, map[string]bool{"m": true}, map[string]bool{"deferloop": true})
	if e := d.Reviewed[findings[1]]; e.LineNo != 1 {
		t.Errorf("exact finding matched line %d", e.LineNo)
	}
	if e := d.Reviewed[findings[0]]; e.LineNo != 2 {
		t.Errorf("shifted finding matched line %d", e.LineNo)
	}
}

// The committed review file and module list must stay well-formed; make
// corpus is too slow for make test, this check is not.
func TestCommittedFiles(t *testing.T) {
	data, err := os.ReadFile("../../../corpus/review.txt")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := parseReview(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]int)
	for _, e := range entries {
		key := e.Module + " " + e.Pos() + " " + e.Analyzer + " " + e.Hash
		if prev, ok := seen[key]; ok {
			t.Errorf("review lines %d and %d review the same finding", prev, e.LineNo)
		}
		seen[key] = e.LineNo
		if len(e.Hash) != 8 {
			t.Errorf("review line %d: hash %q is not 8 hex digits", e.LineNo, e.Hash)
		}
	}
	data, err = os.ReadFile("../../../corpus/modules.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseModules(strings.NewReader(string(data))); err != nil {
		t.Fatal(err)
	}
}

// TestReplay reads a module's kept output back, with the exit code its
// content implies.
func TestReplay(t *testing.T) {
	dir := t.TempDir()
	m := module{Path: "example.com/a/v2", Version: "v2.0.0"}
	for _, tc := range []struct {
		out, errs string
		code      int
	}{
		{`{}`, "", 0},
		{`{"p":{"fmtlog":[{"posn":"a.go:1:1","message":"m"}]}}`, "", 3},
		{`{}`, "a.go:1:1: undefined: x\n", 1},
	} {
		base := keptBase(dir, m)
		os.WriteFile(base+".json", []byte(tc.out), 0o644)
		os.WriteFile(base+".stderr", []byte(tc.errs), 0o644)
		var stdout, stderr bytes.Buffer
		code, err := replay(dir, m, &stdout, &stderr)
		if err != nil || code != tc.code || stdout.String() != tc.out || stderr.String() != tc.errs {
			t.Errorf("replay of %q, %q: %d, %v, %q, %q", tc.out, tc.errs, code, err, stdout.String(), stderr.String())
		}
	}
	if _, err := replay(dir, module{Path: "example.com/none"}, new(bytes.Buffer), new(bytes.Buffer)); err == nil {
		t.Errorf("replay of a module that was not kept: no error")
	}
}

// TestVettedPackage checks the package a go vet -json key names, as
// parity keeps only the packages vetted.
func TestVettedPackage(t *testing.T) {
	for key, want := range map[string]string{
		"example.com/m/p":                             "example.com/m/p",
		"example.com/m/p [example.com/m/p.test]":      "example.com/m/p",
		"example.com/m/p_test [example.com/m/p.test]": "example.com/m/p",
	} {
		if got := vettedPackage(key); got != want {
			t.Errorf("vettedPackage(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestRuntimeFailure tells a crash of trapvet (a Go panic or fatal error)
// from a cgo package whose C header is missing, a load error.
func TestRuntimeFailure(t *testing.T) {
	for _, tc := range []struct {
		stderr string
		want   bool
	}{
		{"panic: runtime error: index out of range\n\ngoroutine 1 [running]:\n", true},
		{"fatal error: concurrent map writes\n", true},
		{"trapvet: # example.com/sdjournal\n/x/journal.go:27:11: fatal error: systemd/sd-journal.h: No such file or directory\n", false},
		{"trapvet: x.go:3:2: undefined: y\n", false},
	} {
		if got := runtimeFailure(tc.stderr); got != tc.want {
			t.Errorf("runtimeFailure(%q) = %v, want %v", tc.stderr, got, tc.want)
		}
	}
}
