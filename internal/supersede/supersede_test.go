package supersede_test

import (
	"go/ast"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/supersede"
)

// callsTo returns an analyzer reporting calls to the named functions, the
// way vet's analyzers report (straight to the pass, no suppression).
func callsTo(name string, funcs ...string) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: name,
		Doc:  name + ": report calls, for testing",
		Run: func(pass *analysis.Pass) (any, error) {
			forCalls(pass, funcs, func(call *ast.CallExpr, fn string) {
				pass.Reportf(call.Pos(), "%s: call to %s", name, fn)
			})
			return nil, nil
		},
	}
}

// extender reports calls to bad and worse through the shared report path,
// as trapvet analyzers do, and publishes its findings.
var extender = &analysis.Analyzer{
	Name:       "extender",
	Doc:        "extender: report calls, for testing",
	ResultType: reflect.TypeFor[*report.Findings](),
	Run: func(pass *analysis.Pass) (any, error) {
		r := report.New(pass)
		forCalls(pass, []string{"bad", "worse"}, func(call *ast.CallExpr, fn string) {
			r.Reportf(call, "extender: call to %s", fn)
		})
		return r.Findings(), nil
	},
}

func forCalls(pass *analysis.Pass, funcs []string, f func(*ast.CallExpr, string)) {
	for _, file := range pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok {
					for _, fn := range funcs {
						if id.Name == fn {
							f(call, fn)
						}
					}
				}
			}
			return true
		})
	}
}

func TestWrap(t *testing.T) {
	extended := callsTo("extended", "bad", "other")
	ext := supersede.Extension{Extender: extender, Extended: extended}
	if err := ext.Check(); err != nil {
		t.Fatal(err)
	}
	w := supersede.Wrap(ext)
	if w.Name != extended.Name || w.Doc != extended.Doc {
		t.Errorf("wrapper is named %q, doc %q; want the extended analyzer's", w.Name, w.Doc)
	}
	if err := analysis.Validate([]*analysis.Analyzer{w, extender}); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, fixturecache.TestData(), w, "a")
}

func TestCheck(t *testing.T) {
	extended := callsTo("extended", "bad")
	if err := (supersede.Extension{Extender: callsTo("noresult"), Extended: extended}).Check(); err == nil {
		t.Error("Check accepted an extender without a *report.Findings result")
	}
}
