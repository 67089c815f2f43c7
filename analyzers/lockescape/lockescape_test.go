package lockescape_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/lockescape"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

func TestLockescape(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), lockescape.Analyzer, "a", "cache", "handler", "handout", "registry", "refresher")
}

func TestLockescapeFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), lockescape.Analyzer, "fix")
}

// Before Go 1.21 there is no slices.Clone: the finding stands, without
// the clone advice or fix.
func TestLockescapeGo120(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData()+"/go120", lockescape.Analyzer, "./...")
}
