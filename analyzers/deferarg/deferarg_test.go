package deferarg_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/deferarg"
)

func TestDeferarg(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), deferarg.Analyzer, "a")
}

func TestDeferargFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), deferarg.Analyzer, "fix")
}

func TestDeferargSince(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), deferarg.Analyzer, "since")
}
