package runner

import (
	"go/ast"
	"go/types"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// callsig reports every call of another package's function with the
// function's signature: its findings in an importer follow the
// dependency's export data. It requires badcall, so that it runs in the
// engine, whose keys cut off at unchanged export data and facts.
var callsig = &analysis.Analyzer{
	Name:     "callsig",
	Doc:      "callsig: report calls of other packages' functions with their signatures, for testing",
	Requires: []*analysis.Analyzer{badcall},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != pass.Pkg {
						pass.Reportf(sel.Pos(), "call of %s%s", fn.Name(), types.TypeString(fn.Signature(), nil)[4:])
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

// TestEarlyCutoff checks what an edit of a dependency re-analyzes: a
// comment or a function body, which change neither its export data nor
// its facts, re-analyze it alone; an exported signature, or a doc comment
// that changes a fact, re-analyze its importers too; and every run finds
// what a run without the cache finds.
func TestEarlyCutoff(t *testing.T) {
	const lib = "package lib\n\n// Old is BAD.\nfunc Old() {}\n\n// New is fine.\nfunc New() {}\n"
	dir := t.TempDir()
	writeModule(t, dir, map[string]string{
		"go.mod":         "module example.com/m\n\ngo 1.22\n",
		"lib/lib.go":     lib,
		"use/use.go":     "package use\n\nimport \"example.com/m/lib\"\n\nfunc F() { lib.Old(); lib.New() }\n",
		"other/other.go": "package other\n\nimport \"example.com/m/lib\"\n\nfunc G() { lib.New() }\n",
	})
	opts, _ := badcallOptions(t, dir)
	opts.Analyzers = []*analysis.Analyzer{badcall, callsig}
	step := func(name, content string, wantAnalyzed int, want ...string) {
		t.Helper()
		if content != "" {
			writeModule(t, dir, map[string]string{"lib/lib.go": content})
		}
		res, err := Run(opts, "./...")
		if err != nil {
			t.Fatal(err)
		}
		if res.Analyzed != wantAnalyzed {
			t.Errorf("%s: %d packages analyzed, want %d", name, res.Analyzed, wantAnalyzed)
		}
		if got := messages(res); !reflect.DeepEqual(got, want) || len(res.Errors) > 0 {
			t.Errorf("%s: findings %q %v, want %q", name, got, res.Errors, want)
		}
		// The same as without the cache.
		if got := differential(t, opts); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: uncached %q, want %q", name, got, want)
		}
	}
	step("cold", "", 3, "other.go: call of New()", "use.go: call to bad Old", "use.go: call of Old()", "use.go: call of New()")
	step("comment", lib+"\n// A comment at the end.\n", 1, "other.go: call of New()", "use.go: call to bad Old", "use.go: call of Old()", "use.go: call of New()")
	step("body", lib+"\nfunc helper() int { return 1 }\n\n// A comment at the end.\n", 1,
		"other.go: call of New()", "use.go: call to bad Old", "use.go: call of Old()", "use.go: call of New()")
	body := "package lib\n\n// Old is BAD.\nfunc Old() { println(\"old\") }\n\n// New is fine.\nfunc New() {}\n"
	step("body of an exported function", body, 1, "other.go: call of New()", "use.go: call to bad Old", "use.go: call of Old()", "use.go: call of New()")
	signature := "package lib\n\n// Old is BAD.\nfunc Old() { println(\"old\") }\n\n// New is fine.\nfunc New(...int) {}\n"
	step("signature", signature, 3, "other.go: call of New(...int)", "use.go: call to bad Old", "use.go: call of Old()", "use.go: call of New(...int)")
	fact := "package lib\n\n// Old is fine.\nfunc Old() { println(\"old\") }\n\n// New is BAD.\nfunc New(...int) {}\n"
	step("fact", fact, 3, "other.go: call to bad New", "other.go: call of New(...int)", "use.go: call of Old()", "use.go: call to bad New", "use.go: call of New(...int)")
	step("unchanged", "", 0, "other.go: call to bad New", "other.go: call of New(...int)", "use.go: call of Old()", "use.go: call to bad New", "use.go: call of New(...int)")
}
