package deferarg_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/deferarg"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

// TestDeferarg runs the fixture packages without fixes in one load (each
// analysistest run type-checks the standard library below its packages
// again); since holds the time.Since cases.
func TestDeferarg(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), deferarg.Analyzer, "a", "since")
}

func TestDeferargFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), deferarg.Analyzer, "fix")
}
