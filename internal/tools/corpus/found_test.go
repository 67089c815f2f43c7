package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The per-analyzer and per-module counts, the actionable share and the
// bug lists of docs/found.md come from the run and the review file alone.
func TestSummaryAndFound(t *testing.T) {
	entries, err := parseReview(strings.NewReader(review))
	if err != nil {
		t.Fatal(err)
	}
	f := func(file string, line int, fn, hash string) finding {
		return finding{Module: "m@v2", File: file, Line: line, Col: 2, Analyzer: "deferloop", Func: fn, Hash: hash}
	}
	findings := []finding{
		f("a/b.go", 10, "F", "0000aaaa"), // bug
		f("a/c.go", 5, "K", "0000dddd"),  // bug
		f("a/d.go", 1, "Z", "00001111"),  // unreviewed
	}
	findings = append(findings, finding{Module: "m@v2", File: "a/e.go", Line: 3, Col: 1, Analyzer: "fmtlog", Func: "-", Hash: "00002222"})
	runs := []*moduleRun{{Mod: module{Path: "m", Version: "v2"}, Packages: 3, Lines: 200000, Findings: findings}}
	names := []string{"deferloop", "fmtlog", "sliceretain"}
	d := compare(findings, entries, map[string]bool{"m": true}, map[string]bool{"deferloop": true, "fmtlog": true, "sliceretain": true})
	s := summarize(runs, names, d)

	dl := *s.ByAnalyzer["deferloop"]
	if dl != (tally{Findings: 3, Bug: 2, Unreviewed: 1}) {
		t.Errorf("deferloop tally = %+v", dl)
	}
	if got := dl.actionable(); got != "100%" {
		t.Errorf("deferloop actionable = %s, want 100%%", got)
	}
	if got := s.ByAnalyzer["sliceretain"].actionable(); got != "-" {
		t.Errorf("no findings: actionable = %s, want -", got)
	}
	if got := (tally{Bug: 1, Intended: 356}).actionable(); got != "0.3%" {
		t.Errorf("1 bug, 356 intended: actionable = %s, want 0.3%%", got)
	}
	if got := (tally{Intended: 3}).actionable(); got != "0%" {
		t.Errorf("no bug: actionable = %s, want 0%%", got)
	}
	if got := (tally{Bug: 1, Intended: 3}).actionable(); got != "25%" {
		t.Errorf("1 bug, 3 intended: actionable = %s, want 25%%", got)
	}
	if s.Total.Findings != 4 || s.Total.Bug != 2 || s.Total.Unreviewed != 2 {
		t.Errorf("total = %+v", s.Total)
	}

	var text strings.Builder
	s.printAnalyzerTable(&text, false)
	// 3 deferloop findings in 200,000 lines: 1.50 per 100k.
	if !strings.Contains(text.String(), "deferloop") || !strings.Contains(text.String(), "1.50") {
		t.Errorf("text table lacks deferloop's rate:\n%s", text.String())
	}

	page := filepath.Join(t.TempDir(), "found.md")
	if err := writeFound(page, runs, s, nil, d); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| analyzer | findings | bug | intended | false-positive | duplicate | unreviewed | actionable share | findings /100k lines |",
		"| deferloop | 3 | 2 | 0 | 0 | 0 | 1 | 100% | 1.50 |",
		"| **total** | 4 | 2 | 0 | 0 | 0 | 2 | 100% | 2.00 |",
		"| m@v2 | 3 | 200,000 | 3 | 1 | 0 |",
		"| production | 1 | 1 | 0 | 0 | 0 | 100% |",
		"| test | 1 | 1 | 0 | 0 | 0 | 100% |",
		"| deferloop | 1 | 1 | 0 | 0 | 0 | 0 | 0 |",
		"Not run in this generation",
		"## deferloop: bugs",
		"| m@v2 | a/b.go:10:2 | production |",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("found.md lacks %q:\n%s", want, data)
		}
	}
	if strings.Contains(string(data), "## fmtlog: bugs") {
		t.Errorf("found.md lists fmtlog bugs, but its only finding is unreviewed:\n%s", data)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 2343258: "2,343,258"} {
		if got := count(n); got != want {
			t.Errorf("count(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestDiffModes(t *testing.T) {
	d := func(analyzer, posn, msg string) diagnostic {
		return diagnostic{Analyzer: analyzer, Posn: posn, Message: msg}
	}
	standalone := []diagnostic{d("deferloop", "a.go:1:1", "x"), d("fmtlog", "a.go:2:1", "y"), d("printf", "a.go:3:1", "z")}
	vet := []diagnostic{d("deferloop", "a.go:1:1", "x"), d("fmtlog", "a.go:2:1", "y changed")}
	got := diffModes(standalone, vet, map[string]bool{"deferloop": true, "fmtlog": true})
	want := []string{"go vet only: a.go:2:1: y changed (fmtlog)", "standalone only: a.go:2:1: y (fmtlog)"}
	if !slices.Equal(got, want) {
		t.Errorf("diffModes = %q, want %q (printf is not trapvet's and is left out)", got, want)
	}
	if got := diffModes(vet, vet, map[string]bool{"deferloop": true, "fmtlog": true}); len(got) != 0 {
		t.Errorf("identical runs differ: %q", got)
	}
}

// A duplicate counts as a finding but under no verdict, and a validation
// module is counted in its own table: the actionable shares of the corpus
// and of the validation split come from their own findings only.
func TestDuplicatesAndValidationSplit(t *testing.T) {
	entries, err := parseReview(strings.NewReader(`m@v1 a.go:1:1 deferloop F 0000aaaa bug kind=production leaks
m@v1 a.go:1:9 loopcapture F 0000bbbb bug kind=production dup-of=deferloop:a.go:1:1 the same defer
m@v1 b.go:1:1 fmtlog G 0000cccc intended kind=example a demo
m@v1 b.go:2:1 fmtlog G 0000cccc intended kind=example a demo
v@v1 c.go:1:1 fmtlog H 0000dddd bug kind=production lost
v@v1 c.go:2:1 fmtlog H 0000eeee intended kind=tooling a release tool
v@v1 c.go:3:1 fmtlog H 0000ffff intended kind=tooling a release tool
v@v1 c.go:4:1 fmtlog H 00001111 intended kind=tooling a release tool
`))
	if err != nil {
		t.Fatal(err)
	}
	var mf, vf []finding
	for _, e := range entries {
		f := finding{Module: e.Module, File: e.File, Line: e.Line, Col: e.Col, Analyzer: e.Analyzer, Func: e.Func, Hash: e.Hash}
		if e.Module == "m@v1" {
			mf = append(mf, f)
		} else {
			vf = append(vf, f)
		}
	}
	runs := []*moduleRun{
		{Mod: module{Path: "m", Version: "v1"}, Packages: 1, Lines: 1000, Findings: mf},
		{Mod: module{Path: "v", Version: "v1", Validation: true}, Packages: 2, Lines: 3000, Findings: vf},
	}
	names := []string{"deferloop", "fmtlog", "loopcapture"}
	d := compare(append(mf, vf...), entries, map[string]bool{"m": true, "v": true}, map[string]bool{"deferloop": true, "fmtlog": true, "loopcapture": true})
	corpus, valid := splitRuns(runs)
	if len(corpus) != 1 || len(valid) != 1 || !valid[0].Mod.Validation {
		t.Fatalf("splitRuns = %d corpus, %d validation", len(corpus), len(valid))
	}
	s, sv := summarize(corpus, names, d), summarize(valid, names, d)
	if s.Total != (tally{Findings: 4, Bug: 1, Intended: 2, Dup: 1}) {
		t.Errorf("corpus total = %+v", s.Total)
	}
	if got := s.Total.actionable(); got != "33%" {
		t.Errorf("corpus actionable = %s, want 33%% (1 bug, 2 intended; the duplicate counted once)", got)
	}
	if lc := *s.ByAnalyzer["loopcapture"]; lc != (tally{Findings: 1, Dup: 1}) {
		t.Errorf("loopcapture = %+v, want its one finding counted as a duplicate", lc)
	}
	if ex := *s.ByKind["example"]; ex != (tally{Findings: 2, Intended: 2}) || s.Kinds["fmtlog"]["example"] != 2 {
		t.Errorf("example kind = %+v, fmtlog examples = %d", ex, s.Kinds["fmtlog"]["example"])
	}
	if sv.Total != (tally{Findings: 4, Bug: 1, Intended: 3}) || sv.Total.actionable() != "25%" {
		t.Errorf("validation total = %+v (%s)", sv.Total, sv.Total.actionable())
	}
	if sv.Lines != 3000 || sv.Modules != 1 {
		t.Errorf("validation lines = %d, modules = %d", sv.Lines, sv.Modules)
	}

	page := filepath.Join(t.TempDir(), "found.md")
	if err := writeFound(page, runs, s, sv, d); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	page2 := string(data)
	for _, want := range []string{
		"## Corpus: per analyzer\n\n1 modules, 1 packages, 1,000 lines.",
		"| **total** | 4 | 1 | 2 | 0 | 1 | 0 | 33% |",
		"## Validation split: per analyzer\n\nv@v1: 2 packages, 3,000 lines.",
		"| **total** | 4 | 1 | 3 | 0 | 0 | 0 | 25% |",
		"| v@v1 (validation) |",
		"| tooling | 3 | 0 | 3 | 0 | 0 | 0% |",
	} {
		if !strings.Contains(page2, want) {
			t.Errorf("found.md lacks %q:\n%s", want, page2)
		}
	}
	if strings.Contains(page2, "## loopcapture: bugs") {
		t.Errorf("found.md lists the duplicate as a loopcapture bug of its own:\n%s", page2)
	}
}
