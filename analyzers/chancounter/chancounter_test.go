package chancounter_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/chancounter"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

func TestChancounter(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), chancounter.Analyzer, "a")
}

func TestChancounterFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), chancounter.Analyzer, "fix")
}
