package lostunlock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/lostunlock"
	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/scope"
)

func TestLostunlock(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), lostunlock.Analyzer, "a", "named", "mismatch", "localfail")
}

func TestLostunlockFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), lostunlock.Analyzer, "fix")
}

// TestMismatchInTests runs with -lostunlock.scope=all: an unlock of the
// other kind, which lostunlock reports in production code only by
// default (lostunlock.mismatch in docs/scope.md), is reported in tests.
func TestMismatchInTests(t *testing.T) {
	scope.Declare(lostunlock.Analyzer)
	f := lostunlock.Analyzer.Flags.Lookup(scope.FlagName)
	if err := f.Value.Set("all"); err != nil {
		t.Fatal(err)
	}
	defer f.Value.Set("default")
	analysistest.Run(t, fixturecache.TestData(), lostunlock.Analyzer, "mismatchall")
}
