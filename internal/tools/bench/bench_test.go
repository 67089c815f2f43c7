package main

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/internal/tools/bench/noop"
)

func TestUsesFacts(t *testing.T) {
	for _, tc := range []struct {
		as   []*analysis.Analyzer
		want bool
	}{
		{[]*analysis.Analyzer{inspect.Analyzer}, false},
		{[]*analysis.Analyzer{noop.Analyzer}, false},
		{[]*analysis.Analyzer{noop.FactsAnalyzer}, true},
		{[]*analysis.Analyzer{{Name: "x", Requires: []*analysis.Analyzer{ctrlflow.Analyzer}}}, true}, // through Requires
	} {
		if got := usesFacts(tc.as); got != tc.want {
			t.Errorf("usesFacts(%v) = %v, want %v", tc.as, got, tc.want)
		}
	}
}

func TestSharedRequires(t *testing.T) {
	a := &analysis.Analyzer{Name: "a", Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer}}
	b := &analysis.Analyzer{Name: "b", Requires: []*analysis.Analyzer{a, ctrlflow.Analyzer}}
	var names []string
	for _, r := range sharedRequires([]*analysis.Analyzer{a, b}) {
		names = append(names, r.Name)
	}
	// ctrlflow once; not the inspector, not a, one of the analyzers given.
	if !slices.Equal(names, []string{"ctrlflow"}) {
		t.Errorf("sharedRequires = %v, want [ctrlflow]", names)
	}
	if got := sharedRequires(analyzers.All); len(got) == 0 {
		t.Errorf("sharedRequires(analyzers.All) is empty; trapvet's analyzers require ctrlflow")
	}
}

func TestSpread(t *testing.T) {
	var all []pkgInfo
	for i := range 10 {
		all = append(all, pkgInfo{ImportPath: string(rune('a' + i))})
	}
	if got := spread(all, 20); len(got) != 10 {
		t.Errorf("spread(10 packages, 20) = %d packages", len(got))
	}
	got := spread(all, 3)
	if len(got) != 3 || got[0].ImportPath != "a" || got[1].ImportPath != "d" || got[2].ImportPath != "g" {
		t.Errorf("spread(10 packages, 3) = %v", got)
	}
}

// BenchmarkAnalyzers times each trapvet analyzer, and the floor, on a few
// standard packages loaded once: analysis only, no load. Run with
//
//	go test ./internal/tools/bench -run '^$' -bench Analyzers
func BenchmarkAnalyzers(b *testing.B) {
	mode := packages.LoadSyntax
	if usesFacts(analyzers.All) {
		mode = packages.LoadAllSyntax
	}
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Tests: true}, "net/http", "go/types", "encoding/json")
	if err != nil {
		b.Fatal(err)
	}
	floor := noop.Analyzer
	if usesFacts(analyzers.All) {
		floor = noop.FactsAnalyzer
	}
	cases := []*analysis.Analyzer{floor}
	cases = append(cases, analyzers.All...)
	for _, a := range cases {
		b.Run(a.Name, func(b *testing.B) {
			for b.Loop() {
				if _, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestWithEnv(t *testing.T) {
	got := withEnv([]string{"A=1", "GOCACHE=/old", "B=2", "GOCACHEPROG=x"}, "GOCACHE=/new")
	want := []string{"A=1", "B=2", "GOCACHEPROG=x", "GOCACHE=/new"}
	if !slices.Equal(got, want) {
		t.Errorf("withEnv = %q, want %q", got, want)
	}
}
