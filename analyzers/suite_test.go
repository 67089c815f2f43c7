package analyzers_test

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/suite/vet"

	"github.com/trapvet/trapvet/analyzers"
)

// TestDefault checks the binary's default set: trapvet's suite and go
// vet's, each analyzer once, valid as a whole.
func TestDefault(t *testing.T) {
	def := analyzers.Default()
	if err := analysis.Validate(def); err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzers.All {
		if !slices.Contains(def, a) {
			t.Errorf("default set lacks %s", a.Name)
		}
	}
	// go vet's suite, each analyzer as itself, or wrapped to follow the
	// scope model when the go command's vet does not run it yet.
	for _, a := range vet.Suite {
		if !slices.Contains(def, a) && !slices.ContainsFunc(analyzers.VetScoped(), func(w *analysis.Analyzer) bool { return w.Name == a.Name }) {
			t.Errorf("default set lacks %s", a.Name)
		}
	}
	names := make(map[string]bool)
	for _, a := range def {
		if names[a.Name] {
			t.Errorf("two analyzers named %s in the default set", a.Name)
		}
		names[a.Name] = true
	}
	if names[analyzers.GroupFlag] {
		t.Errorf("group flag -%s is also an analyzer name", analyzers.GroupFlag)
	}
	for _, a := range analyzers.All {
		if slices.Contains(analyzers.Vet(), a) {
			t.Errorf("%s is both trapvet's and vet's", a.Name)
		}
	}
}

// TestExtensions checks that each extension pairs one of trapvet's
// analyzers, publishing its findings, with one of vet's.
func TestExtensions(t *testing.T) {
	for _, e := range analyzers.Extensions() {
		if err := e.Check(); err != nil {
			t.Error(err)
		}
		if !slices.Contains(analyzers.All, e.Extender) || !slices.Contains(analyzers.Vet(), e.Extended) {
			t.Errorf("%s extends %s: want one of trapvet's extending one of vet's", e.Extender.Name, e.Extended.Name)
		}
	}
}
