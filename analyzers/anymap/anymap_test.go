package anymap_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers/anymap"
	"github.com/trapvet/trapvet/internal/fixturecache"
)

func TestAnymap(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), anymap.Analyzer, "a", "anchor", "facts/...", "frameworks", "fields", "client/...")
}

// TestSuggestFlag runs with -anymap.suggest: the messages stay the same,
// the suggested struct is a related entry.
func TestSuggestFlag(t *testing.T) {
	if err := anymap.Analyzer.Flags.Set("suggest", "true"); err != nil {
		t.Fatal(err)
	}
	defer anymap.Analyzer.Flags.Set("suggest", "false")
	results := analysistest.Run(t, fixturecache.TestData(), anymap.Analyzer, "a")
	found := false
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				if rel.Message == "suggested type: struct { PainLevel float64 `json:\"pain_level\"`; TookMedication bool `json:\"took_medication\"`; Symptoms string `json:\"symptoms\"` }" {
					found = true
				}
			}
		}
	}
	if !found {
		t.Error("no suggested struct for unmarshalKeys")
	}
}
