package sliceretain_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/sliceretain"
)

func TestSliceretain(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), sliceretain.Analyzer, "a")
}
