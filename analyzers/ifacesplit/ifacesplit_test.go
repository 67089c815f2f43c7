package ifacesplit_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/ifacesplit"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

func TestIfacesplit(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), ifacesplit.Analyzer,
		"a", "composed", "twoimpls", "apart", "nouns", "mocked", "prefix", "pair", "nowhere")
}
