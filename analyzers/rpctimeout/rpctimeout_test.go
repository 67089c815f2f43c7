package rpctimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/rpctimeout"
)

func TestRpctimeout(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), rpctimeout.Analyzer, "gozero", "grpcapp")
}
