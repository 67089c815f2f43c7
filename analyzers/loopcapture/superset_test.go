package loopcapture_test

import (
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/loopclosure"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/analyzers/loopcapture"
	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/report"
)

// TestSupersetOfLoopclosure checks, on the fixtures, that every line go
// vet's loopclosure reports is one loopcapture reports too, and that
// loopcapture's result records it: the driver relies on that to silence
// loopclosure there.
func TestSupersetOfLoopclosure(t *testing.T) {
	dir := fixturecache.TestData()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, "old", "fix")
	if err != nil {
		t.Fatal(err)
	}
	g, err := checker.Analyze([]*analysis.Analyzer{loopclosure.Analyzer, loopcapture.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	vet := 0
	for act := range g.All() {
		if act.Analyzer != loopclosure.Analyzer || act.Err != nil {
			continue
		}
		var findings *report.Findings
		for other := range g.All() {
			if other.Analyzer == loopcapture.Analyzer && other.Package == act.Package {
				findings, _ = other.Result.(*report.Findings)
			}
		}
		for _, d := range act.Diagnostics {
			vet++
			if !findings.Covers(act.Package.Fset, d.Pos) {
				t.Errorf("%s: loopclosure reports %q; loopcapture does not", act.Package.Fset.Position(d.Pos), d.Message)
			}
		}
	}
	if vet == 0 {
		t.Fatal("loopclosure reported nothing on the fixtures")
	}
	t.Logf("%d loopclosure findings, all covered", vet)
}
