package runner

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/analyzers/anymap"
	"github.com/trapvet/trapvet/analyzers/deferarg"
	"github.com/trapvet/trapvet/analyzers/lostunlock"
	"github.com/trapvet/trapvet/analyzers/sliceretain"
)

// TestEngineMatchesChecker runs a sample of the analyzers' fixture
// packages through go/analysis/checker and through the engine, and
// compares every field of every diagnostic: positions, message, category,
// URL, related information and the edits of suggested fixes. The engine
// follows the checker's action execution; an x/tools upgrade that changes
// the checker fails here instead of drifting. The sample covers facts
// across packages (anymap, sliceretain), a category (anymap's panic),
// related positions and suggested fixes.
func TestEngineMatchesChecker(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs fixture packages through two drivers (make test runs it without -short)")
	}
	for _, tc := range []struct {
		analyzer *analysis.Analyzer
		patterns []string
	}{
		{anymap.Analyzer, []string{"client/..."}},
		{sliceretain.Analyzer, []string{"facts/...", "fix"}},
		{deferarg.Analyzer, []string{"fix"}},
		{lostunlock.Analyzer, []string{"fix"}},
	} {
		t.Run(tc.analyzer.Name, func(t *testing.T) {
			testdata, err := filepath.Abs(filepath.Join("..", "..", "analyzers", tc.analyzer.Name, "testdata"))
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{
				Analyzers: []*analysis.Analyzer{tc.analyzer},
				Dir:       filepath.Join(testdata, "src"),
				Env:       append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
			}
			want := checkerFindings(t, opts, tc.patterns)
			if len(want) == 0 {
				t.Fatalf("the checker found nothing in %v: the sample tests nothing", tc.patterns)
			}
			res, err := runGraph(opts, tc.patterns)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 {
				t.Fatalf("engine errors: %v", res.Errors)
			}
			got := encodeFindings(t, res.Findings)
			if got != encodeFindings(t, want) {
				t.Errorf("the engine's findings differ from the checker's\nengine:\n%s\nchecker:\n%s", got, encodeFindings(t, want))
			}
		})
	}
}

// checkerFindings returns the findings of go/analysis/checker on the
// packages patterns match, every dependency loaded from source (facts
// need it), as the engine's are made: resolved, deduplicated and sorted,
// with the hash of each edited file.
func checkerFindings(t *testing.T, opts Options, patterns []string) []*Finding {
	t.Helper()
	pkgs, err := opts.load(packages.LoadAllSyntax|packages.NeedModule, patterns)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the fixture packages have errors")
	}
	graph, err := checker.Analyze(opts.Analyzers, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	sums := make(map[string]string)
	var findings []*Finding
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("checker: %v: %v", act, act.Err)
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			f := resolve(act.Package.Fset, act.Package.Syntax, act.Analyzer.Name, act.Package.PkgPath, d, nil)
			f.variant = act.Package.ID
			for _, fix := range f.Fixes {
				for _, e := range fix.Edits {
					if _, ok := sums[e.File]; !ok {
						data, err := os.ReadFile(e.File)
						if err != nil {
							t.Fatal(err)
						}
						sums[e.File] = fileSum(data)
					}
				}
			}
			f.setSums(sums)
			findings = append(findings, f)
		}
	}
	return sortFindings(findings)
}

func encodeFindings(t *testing.T, findings []*Finding) string {
	t.Helper()
	data, err := json.MarshalIndent(findings, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
