package sliceretain_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/sliceretain"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

// TestSliceretain runs the fixture packages at the default flags in one
// load (each analysistest run type-checks the standard library below its
// packages again); facts/lib and facts/use test the facts across packages.
func TestSliceretain(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), sliceretain.Analyzer, "a", "facts/lib", "facts/use")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), sliceretain.Analyzer, "fix")
}

// TestVersionedFixes checks that fixes use only the standard library the
// file's Go version provides: append before Go 1.21's slices.Clone, and
// before Go 1.20's bytes.Clone; no fix for strings before strings.Clone.
func TestVersionedFixes(t *testing.T) {
	for _, dir := range []string{"go119", "go120"} {
		t.Run(dir, func(t *testing.T) {
			analysistest.RunWithSuggestedFixes(t, filepath.Join(fixturecache.TestData(), dir), sliceretain.Analyzer, "./...")
		})
	}
}

// TestThreshold runs with -sliceretain.threshold=1024.
func TestThreshold(t *testing.T) {
	f := sliceretain.Analyzer.Flags.Lookup("threshold")
	old := f.Value.String()
	if err := f.Value.Set("1024"); err != nil {
		t.Fatal(err)
	}
	defer f.Value.Set(old)
	analysistest.Run(t, fixturecache.TestData(), sliceretain.Analyzer, "threshold")
}
