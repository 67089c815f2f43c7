package ifacesplit_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/ifacesplit"
)

func TestIfacesplit(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ifacesplit.Analyzer,
		"a", "composed", "twoimpls", "apart", "nouns", "mocked", "prefix", "pair", "nowhere")
}
