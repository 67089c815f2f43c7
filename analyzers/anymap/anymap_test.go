package anymap_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/anymap"
)

func TestAnymap(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), anymap.Analyzer, "a", "facts/...", "frameworks")
}
