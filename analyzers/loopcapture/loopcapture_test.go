package loopcapture_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/loopcapture"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

func TestLoopcapture(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), loopcapture.Analyzer, "a", "old", "bench", "ends")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), loopcapture.Analyzer, "fix")
}

// TestModules runs the module fixtures, whose go.mod lines set the
// language version of every file.
func TestModules(t *testing.T) {
	for _, dir := range []string{"go121", "go125"} {
		t.Run(dir, func(t *testing.T) {
			analysistest.RunWithSuggestedFixes(t, filepath.Join(fixturecache.TestData(), "mod", dir), loopcapture.Analyzer, "./...")
		})
	}
}
