package chancounter_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/chancounter"
)

func TestChancounter(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), chancounter.Analyzer, "a")
}

func TestChancounterFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), chancounter.Analyzer, "fix")
}
