package fatmain_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/fatmain"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

func TestFatmain(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), fatmain.Analyzer, "fat", "fathttp", "short", "cli", "twokinds", "delegated")
}

// TestFatmainLines checks that -fatmain.lines sets the threshold: at 200
// lines, the 110-line main passes.
func TestFatmainLines(t *testing.T) {
	f := fatmain.Analyzer.Flags.Lookup("lines")
	if err := f.Value.Set("200"); err != nil {
		t.Fatal(err)
	}
	defer f.Value.Set(f.DefValue)
	for _, r := range analysistest.Run(new(testing.T), fixturecache.TestData(), fatmain.Analyzer, "fat") {
		if len(r.Diagnostics) != 0 {
			t.Errorf("-lines=200: %d diagnostics, want none", len(r.Diagnostics))
		}
	}
}
