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
	if err := writeFound(page, runs, s, d); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| analyzer | findings | bug | intended | false-positive | unreviewed | actionable share | findings /100k lines |",
		"| deferloop | 3 | 2 | 0 | 0 | 1 | 100% | 1.50 |",
		"| **total** | 4 | 2 | 0 | 0 | 2 | 100% | 2.00 |",
		"| m@v2 | 3 | 200,000 | 3 | 1 | 0 |",
		"## deferloop: bugs",
		"| m@v2 | a/b.go:10:2 |",
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
