package rpctimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/rpctimeout"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

func TestRpctimeout(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), rpctimeout.Analyzer,
		"gozero", "gozerologic", "grpcapp", "httpapp", "odd", "httpdefault", "sqlapp", "helpers", "usehelpers", "testfiles", "reach", "wrapper", "usewrapper", "ctxsink", "usectxsink", "ignoredctx", "probe", "useprobe", "streams", "usestreams", "sqlwrap", "storage/...", "sqliteapp", "sqlhelper", "oneshot", "oneshotworker", "ownsqldriver", "sqlxapp", "sqliteopen", "sqlmockuse")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), rpctimeout.Analyzer, "fix")
}

func TestStrict(t *testing.T) {
	setFlag(t, "strict")
	analysistest.Run(t, fixturecache.TestData(), rpctimeout.Analyzer, "strict")
}

func TestTestsFlag(t *testing.T) {
	setFlag(t, "tests")
	analysistest.Run(t, fixturecache.TestData(), rpctimeout.Analyzer, "testsflag")
}

func setFlag(t *testing.T, name string) {
	t.Helper()
	if err := rpctimeout.Analyzer.Flags.Set(name, "true"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rpctimeout.Analyzer.Flags.Set(name, "false") })
}
