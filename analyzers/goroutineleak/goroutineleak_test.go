package goroutineleak_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/goroutineleak"
	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/scope"
)

// TestGoroutineleak runs the analyzer over its fixture packages at the
// default flags, in one load: each analysistest run type-checks and
// analyzes the standard library below its packages again, so the packages
// share one. A package with suggested fixes has its .golden files; any
// other fix would fail the run for want of one.
func TestGoroutineleak(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), goroutineleak.Analyzer,
		"sender",         // TestSenders: receivers that return early strand senders; fixes
		"worker",         // TestFacts: "go f(ch)" judged by f's body in another package
		"handler",        // TestRequestContexts: request contexts in goroutines; fixes
		"xcontext",       // ... and a hand-written detach, known to handler through its fact
		"loop",           // TestEndlessLoops: goroutines that can never end,
		"loopmain",       // ... and a main's top-level serve loop, which may not
		"looptest",       // TestEndlessLoopsInTests: test support, where only that rule reports by default
		"fakeclock",      // ... and the methods of a type only tests make: test support
		"ignored",        // TestIgnoredContexts: goroutines that never observe their context
		"fieldchan",      // TestFieldSenders: channels kept in struct fields
		"collector",      // TestEarlyCollectors: collectors that return on the first error
		"returned",       // TestReturnedChannels: channels handed to the caller
		"early",          // TestEarlyReturns: receivers that return before their receives; fixes
		"earlymain",      // ... but not from main, which runs once
		"rangeexit",      // TestRangeExits: consumers that leave a producer's range early
		"stopsignal",     // TestSkippedStops: stop channels that a path does not close
		"stopsignalmain", // ... but not in main, which runs once
		"closedspin",     // TestClosedSpins: for-select loops that spin once a channel is closed
		"cliaction",      // ... and goroutines started by a command-line action, run once
		"waitdrain",      // TestWaitBeforeDrain: fan-outs that wait before receiving
		"subscribe",      // TestNeverClosedRanges: ranges over channels nothing can close
		"subscribeok",    // ... and channels that are closed, or that others may close
	)
}

func TestTimeAfterBefore123(t *testing.T) {
	analysistest.Run(t, filepath.Join(fixturecache.TestData(), "timeafter122"), goroutineleak.Analyzer, "./...")
}

func TestTimeAfterSince123(t *testing.T) {
	analysistest.Run(t, filepath.Join(fixturecache.TestData(), "timeafter123"), goroutineleak.Analyzer, "./...")
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
	analysistest.Run(t, fixturecache.TestData(), goroutineleak.Analyzer, "sendertest")
}

// TestRequestContextsGo120 checks that no context.WithoutCancel fix is
// offered before Go 1.21: a fix would need a golden file, and there is none.
func TestRequestContextsGo120(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, filepath.Join(fixturecache.TestData(), "handler120"), goroutineleak.Analyzer, "./...")
}
