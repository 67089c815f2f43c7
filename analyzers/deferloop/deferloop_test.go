package deferloop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/deferloop"
)

func TestDeferloop(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), deferloop.Analyzer, "a")
}

func TestDeferloopFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), deferloop.Analyzer, "fix")
}
