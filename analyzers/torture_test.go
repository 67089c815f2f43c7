package analyzers_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/analyzers"
)

// tortureDir is the GOPATH-style tree (src/torture) of the fixture every
// analyzer must survive; it sits with the project's shared fixtures.
var tortureDir = filepath.Join("..", "testdata", "torture")

// TestTorture runs every analyzer over valid but unusual code: none may
// fail or panic. What they report there is not checked.
//
// The fixture and its dependencies (net/http and more, from source, for
// the analyzers with facts) are loaded once and all analyzers run in one
// checker.Analyze: running analysistest once per analyzer loaded them
// anew each time and took minutes on a busy machine.
func TestTorture(t *testing.T) {
	dir, err := filepath.Abs(tortureDir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(dir, "src", "torture"),
		Env:  append(envWithoutGoFlags(), "GO111MODULE=off", "GOPATH="+dir),
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil || len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		t.Fatalf("loading torture: %v %v", err, pkgs)
	}
	var all []*analysis.Analyzer
	for _, a := range analyzers.All {
		all = append(all, survive(a))
	}
	graph, err := checker.Analyze(all, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s on %s failed: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
	}
}

// survive returns a copy of a whose Run turns a panic into an error, so
// that one analyzer's panic fails the test with its name instead of
// ending the test binary from a checker goroutine.
func survive(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panicked: %v", r)
			}
		}()
		return a.Run(pass)
	}
	return &c
}
