package goroutineleak_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/goroutineleak"
	"github.com/trapvet/trapvet/internal/scope"
)

func TestSenders(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), goroutineleak.Analyzer, "sender")
}

func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), goroutineleak.Analyzer, "worker")
}

func TestRequestContexts(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), goroutineleak.Analyzer, "handler")
}

func TestTimeAfterBefore123(t *testing.T) {
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "timeafter122"), goroutineleak.Analyzer, "./...")
}

func TestTimeAfterSince123(t *testing.T) {
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "timeafter123"), goroutineleak.Analyzer, "./...")
}

func TestEndlessLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), goroutineleak.Analyzer, "loop", "loopmain")
}

// TestEndlessLoopsInTests: a goroutine that can never end is reported in
// tests and test support by default (its rule's row in docs/scope.md);
// goroutineleak's other rules stay quiet there.
func TestEndlessLoopsInTests(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), goroutineleak.Analyzer, "looptest")
}

func TestIgnoredContexts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), goroutineleak.Analyzer, "ignored")
}

// TestSendersInTests runs the rule on tests, which goroutineleak does not
// report by default (docs/scope.md): the rule itself still holds there.
func TestSendersInTests(t *testing.T) {
	scope.Declare(goroutineleak.Analyzer)
	f := goroutineleak.Analyzer.Flags.Lookup(scope.FlagName)
	if err := f.Value.Set("all"); err != nil {
		t.Fatal(err)
	}
	defer f.Value.Set("default")
	analysistest.Run(t, analysistest.TestData(), goroutineleak.Analyzer, "sendertest")
}

// TestRequestContextsGo120 checks that no context.WithoutCancel fix is
// offered before Go 1.21: a fix would need a golden file, and there is none.
func TestRequestContextsGo120(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, filepath.Join(analysistest.TestData(), "handler120"), goroutineleak.Analyzer, "./...")
}

func TestFieldSenders(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), goroutineleak.Analyzer, "fieldchan")
}

func TestEarlyCollectors(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), goroutineleak.Analyzer, "collector")
}

func TestReturnedChannels(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), goroutineleak.Analyzer, "returned")
}
