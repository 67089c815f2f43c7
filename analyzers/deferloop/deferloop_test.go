package deferloop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/deferloop"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

// TestDeferloop runs the fixture packages at the default flags in one
// load (each analysistest run type-checks the standard library below its
// packages again). In harness, test support, only the loops the code does
// not bound are reported (deferloop.unbounded in docs/scope.md).
func TestDeferloop(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), deferloop.Analyzer, "a", "harness")
}

func TestDeferloopFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), deferloop.Analyzer, "fix")
}

// TestDeferloopTestFiles checks that _test.go files are skipped by
// default and reported with -deferloop.tests.
func TestDeferloopTestFiles(t *testing.T) {
	results := analysistest.Run(&silent{}, fixturecache.TestData(), deferloop.Analyzer, "tests")
	for _, r := range results {
		if len(r.Diagnostics) != 0 {
			t.Errorf("without -tests: %d diagnostics in _test.go files, want none", len(r.Diagnostics))
		}
	}
	setFlag(t, "tests", "true")
	analysistest.Run(t, fixturecache.TestData(), deferloop.Analyzer, "tests")
}

func setFlag(t *testing.T, name, value string) {
	f := deferloop.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

// silent swallows analysistest's complaints about unmet expectations,
// for runs that check only what was reported.
type silent struct{}

func (*silent) Errorf(string, ...any) {}
