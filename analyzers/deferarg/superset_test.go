package deferarg_test

import (
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/defers"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/analyzers/deferarg"
	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/report"
)

// TestSupersetOfDefers checks, on the fixtures, that every line go vet's
// defers reports is one deferarg reports too, and that deferarg's result
// records it: the driver relies on that to silence defers there.
func TestSupersetOfDefers(t *testing.T) {
	dir := fixturecache.TestData()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, "since", "a", "fix")
	if err != nil {
		t.Fatal(err)
	}
	g, err := checker.Analyze([]*analysis.Analyzer{defers.Analyzer, deferarg.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	vet := 0
	for act := range g.All() {
		if act.Analyzer != defers.Analyzer || act.Err != nil {
			continue
		}
		var findings *report.Findings
		for other := range g.All() {
			if other.Analyzer == deferarg.Analyzer && other.Package == act.Package {
				findings, _ = other.Result.(*report.Findings)
			}
		}
		for _, d := range act.Diagnostics {
			vet++
			if !findings.Covers(act.Package.Fset, d.Pos) {
				t.Errorf("%s: defers reports %q; deferarg does not", act.Package.Fset.Position(d.Pos), d.Message)
			}
		}
	}
	if vet == 0 {
		t.Fatal("defers reported nothing on the fixtures")
	}
	t.Logf("%d defers findings, all covered", vet)
}
