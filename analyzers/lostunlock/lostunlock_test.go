package lostunlock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/lostunlock"
)

func TestLostunlock(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lostunlock.Analyzer, "a", "named")
}

func TestLostunlockFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), lostunlock.Analyzer, "fix")
}
