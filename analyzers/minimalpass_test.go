package analyzers_test

import (
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/analyzers"
)

// TestMinimalPass runs every analyzer, with its prerequisites, through a
// Pass as spare as a driver may build it (Bazel nogo, custom runners): no
// ReadFile, no Module, no OtherFiles, and no facts from dependencies.
// None may fail or panic.
func TestMinimalPass(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the torture fixture")
	}
	dir, _ := filepath.Abs(filepath.Join(tortureDir, "src", "torture"))
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedTypesSizes | packages.NeedImports,
		Dir: dir,
		Env: append(envWithoutGoFlags(), "GO111MODULE=off", "GOPATH="+filepath.Join(dir, "..", "..")),
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil || len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		t.Fatalf("loading torture: %v %v", err, pkgs)
	}
	pkg := pkgs[0]
	for _, a := range analyzers.All {
		t.Run(a.Name, func(t *testing.T) {
			results := map[*analysis.Analyzer]any{}
			if err := runMinimal(a, pkg, results); err != nil {
				t.Error(err)
			}
		})
	}
}

// runMinimal runs a and its prerequisites (once each) on pkg.
func runMinimal(a *analysis.Analyzer, pkg *packages.Package, results map[*analysis.Analyzer]any) (err error) {
	if _, done := results[a]; done {
		return nil
	}
	for _, req := range a.Requires {
		if err := runMinimal(req, pkg, results); err != nil {
			return err
		}
	}
	resultOf := map[*analysis.Analyzer]any{}
	for _, req := range a.Requires {
		resultOf[req] = results[req]
	}
	pass := &analysis.Pass{
		Analyzer:          a,
		Fset:              pkg.Fset,
		Files:             pkg.Syntax,
		Pkg:               pkg.Types,
		TypesInfo:         pkg.TypesInfo,
		TypesSizes:        pkg.TypesSizes,
		TypeErrors:        nil,
		ResultOf:          resultOf,
		Report:            func(analysis.Diagnostic) {},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s panicked on a minimal pass: %v", a.Name, r)
		}
	}()
	res, err := a.Run(pass)
	if err != nil {
		return fmt.Errorf("%s: %v", a.Name, err)
	}
	if a.ResultType != nil && res != nil && !reflect.TypeOf(res).AssignableTo(a.ResultType) {
		return fmt.Errorf("%s returned %T, want %v", a.Name, res, a.ResultType)
	}
	results[a] = res
	return nil
}

func envWithoutGoFlags() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOFLAGS=") {
			env = append(env, kv)
		}
	}
	return append(env, "GOFLAGS=")
}
