package lockescape_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/lockescape"
)

func TestLockescape(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lockescape.Analyzer, "a")
}

func TestLockescapeFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), lockescape.Analyzer, "fix")
}
