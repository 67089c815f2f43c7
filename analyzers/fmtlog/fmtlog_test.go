package fmtlog_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/fmtlog"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

func TestFmtlog(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), fmtlog.Analyzer, "cli", "cobracmd", "consoletool", "lowlevel", "nologger", "server", "withzerolog", "example.com/app/...", "go.uber.org/zap/zapcore", "syncer", "store", "tracer", "weakslog", "servezap", "cfglogrus", "slogconfig", "svcmain", "clizap", "fiskcli", "tracelog", "routedlog", "runwrap", "runwrapfile", "progress", "klogmain", "pluglog", "straylib", "straymain")
}

func TestFmtlogFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixturecache.TestData(), fmtlog.Analyzer, "clislog", "lib", "slogserver", "withlogx", "withzap", "withzapglobal", "words", "nilzap")
}
