package runner

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/scope"
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
		checkStep(t, opts, name, wantAnalyzed, want)
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

// hasWord is the fact of a function whose doc comment holds wordcall's
// word.
type hasWord struct{ Word string }

func (*hasWord) AFact()           {}
func (f *hasWord) String() string { return "word " + f.Word }

// wordcall reports calls of other packages' functions whose doc comment
// holds its -word: its flag changes the facts its findings rest on. It
// reports through internal/report, so its scope flag chooses the kinds of
// code it reports, as trapvet's analyzers' do.
var wordcall = scope.Declare(newWordcall())[0]

func newWordcall() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      "wordcall",
		Doc:       "wordcall: report calls to functions documented with a word, for testing",
		FactTypes: []analysis.Fact{new(hasWord)},
	}
	word := a.Flags.String("word", "BAD", "the word")
	a.Run = func(pass *analysis.Pass) (any, error) {
		r := report.New(pass)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil && strings.Contains(fd.Doc.Text(), *word) {
					pass.ExportObjectFact(pass.TypesInfo.Defs[fd.Name], &hasWord{*word})
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				var fact hasWord
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if obj := pass.TypesInfo.Uses[sel.Sel]; obj != nil && obj.Pkg() != pass.Pkg && pass.ImportObjectFact(obj, &fact) {
						// The related position is in the dependency,
						// read from source or from the cache.
						r.Report(analysis.Diagnostic{
							Pos: sel.Pos(), End: sel.End(),
							Message: fmt.Sprintf("call to %s, documented %s", obj.Name(), fact.Word),
							Related: []analysis.RelatedInformation{{Pos: obj.Pos(), Message: obj.Name() + " is declared here"}},
						})
					}
				}
				return true
			})
		}
		return nil, nil
	}
	return a
}

// namecall reports calls of other packages' functions whose name starts
// with its -prefix: an analyzer without facts, which does not run on
// dependencies.
var namecall = newNamecall()

func newNamecall() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: "namecall",
		Doc:  "namecall: report calls of functions by name, for testing",
	}
	prefix := a.Flags.String("prefix", "O", "the prefix")
	a.Run = func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != pass.Pkg && strings.HasPrefix(fn.Name(), *prefix) {
						pass.Reportf(sel.Pos(), "call of %s", fn.Name())
					}
				}
				return true
			})
		}
		return nil, nil
	}
	return a
}

// TestFlagToggles checks the keys of runs that change flags between them:
// a flag of an analyzer without facts (or turning that analyzer off)
// re-analyzes the roots for their findings and reuses every package's
// export data and facts, and so does another Options.Salt; a flag of an analyzer with facts changes the
// facts, and its importers' findings follow. Every run finds what a run
// without the cache finds, and going back to the first flags serves it all
// from the cache.
func TestFlagToggles(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, map[string]string{
		"go.mod":         "module example.com/m\n\ngo 1.22\n",
		"lib/lib.go":     "package lib\n\n// Old is BAD.\nfunc Old() {}\n\n// New is fine.\nfunc New() {}\n",
		"use/use.go":     "package use\n\nimport \"example.com/m/lib\"\n\nfunc F() { lib.Old(); lib.New() }\n",
		"other/other.go": "package other\n\nimport \"example.com/m/lib\"\n\nfunc G() { lib.New() }\n",
	})
	opts, cache := badcallOptions(t, dir)
	opts.Analyzers = []*analysis.Analyzer{wordcall, namecall}
	t.Cleanup(func() {
		wordcall.Flags.Set("word", "BAD")
		wordcall.Flags.Set(scope.FlagName, "default")
		namecall.Flags.Set("prefix", "O")
	})
	step := func(name string, wantAnalyzed, wantNewFacts int, want ...string) {
		t.Helper()
		before := factsEntries(cache)
		checkStep(t, opts, name, wantAnalyzed, want)
		// checkStep's later runs (cached again, then uncached) store
		// nothing new: the count is the first run's.
		if n := factsEntries(cache) - before; n != wantNewFacts {
			t.Errorf("%s: %d facts entries stored under new keys, want %d", name, n, wantNewFacts)
		}
	}
	first := []string{"use.go: call of Old", "use.go: call to Old, documented BAD"}
	step("cold", 3, 3, first...)
	namecall.Flags.Set("prefix", "N")
	step("-namecall.prefix=N", 3, 0, "other.go: call of New", "use.go: call to Old, documented BAD", "use.go: call of New")
	opts.Analyzers = []*analysis.Analyzer{wordcall}
	step("namecall off", 3, 0, "use.go: call to Old, documented BAD")
	opts.Analyzers = []*analysis.Analyzer{wordcall, namecall}
	wordcall.Flags.Set("word", "fine")
	step("-wordcall.word=fine", 3, 3, "other.go: call of New", "other.go: call to New, documented fine", "use.go: call of New", "use.go: call to New, documented fine")
	wordcall.Flags.Set("word", "BAD")
	namecall.Flags.Set("prefix", "O")
	// A flag that only chooses the kinds of code reported (the module is
	// production code) keys the findings, not the facts.
	wordcall.Flags.Set(scope.FlagName, "test")
	step("-wordcall.scope=test", 3, 0, "use.go: call of Old")
	wordcall.Flags.Set(scope.FlagName, "default")
	step("the first flags again", 0, 0, first...)
	opts.Salt = "another driver setting"
	step("another salt", 3, 0, first...)
	// An edit of use.go alone: lib's types come from the cache, and the
	// related position into lib is what a run from source gives.
	writeModule(t, dir, map[string]string{"use/use.go": "package use\n\nimport \"example.com/m/lib\"\n\n// F calls both.\nfunc F() { lib.Old(); lib.New() }\n"})
	step("an edit of use.go", 1, 1, first...)
}

// checkStep runs opts on ./... and checks how many packages it analyzed,
// what it found, and that the cached run and a run without the cache find
// the same, position for position.
func checkStep(t *testing.T, opts Options, name string, wantAnalyzed int, want []string) {
	t.Helper()
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
	if got := differential(t, opts); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: uncached %q, want %q", name, got, want)
	}
}

// TestTerminalRoots checks what a run with the tests stores: the findings
// of every root, and export data and facts only for the packages that a
// package of the run imports or may import later. A command, an external
// test package and a test variant that only the test main imports are
// imported by nothing (a command's test variant is, by its external
// test; a library is, by packages outside the run), and the generated
// test mains, and what only they import, are not analyzed at all. A rerun serves every root from the cache, and an edit
// of the library re-analyzes its importers, commands included.
func TestTerminalRoots(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, map[string]string{
		"go.mod":                  "module example.com/m\n\ngo 1.22\n",
		"lib/lib.go":              "package lib\n\n// Old is BAD.\nfunc Old() {}\n\n// New is fine.\nfunc New() {}\n",
		"lib/internal_test.go":    "package lib\n\nfunc helper() { Old() }\n",
		"lib/x_test.go":           "package lib_test\n\nimport \"example.com/m/lib\"\n\nvar _ = lib.New\n\nfunc f() { lib.Old() }\n",
		"cmd/tool/main.go":        "package main\n\nimport \"example.com/m/lib\"\n\n// Run is BAD.\nfunc Run() {}\n\nfunc main() { lib.Old(); Run() }\n",
		"cmd/tool/main_x_test.go": "package main_test\n\nimport tool \"example.com/m/cmd/tool\"\n\nfunc g() { tool.Run() }\n",
		"other/other.go":          "package other\n\nimport \"example.com/m/lib\"\n\nfunc F() { lib.Old() }\n",
		"other/other_test.go":     "package other\n\nfunc h() { F() }\n",
	})
	opts, cache := badcallOptions(t, dir)
	opts.Tests = true
	want := []string{"main.go: call to bad Old", "main_x_test.go: call to bad Run", "x_test.go: call to bad Old", "other.go: call to bad Old"}
	checkStep(t, opts, "cold", 8, want)
	// lib, "lib [lib.test]" (its external test imports it), other, and
	// "example.com/m/cmd/tool [example.com/m/cmd/tool.test]"; not
	// "other [other.test]", which only its test main imports.
	if n := factsEntries(cache); n != 4 {
		t.Errorf("cold: %d facts entries, want 4 (lib and its test variant, other, the command's test variant)", n)
	}
	checkStep(t, opts, "rerun", 0, want)
	writeModule(t, dir, map[string]string{"lib/lib.go": "package lib\n\n// Old is fine.\nfunc Old() {}\n\n// New is fine.\nfunc New() {}\n"})
	checkStep(t, opts, "Old documented fine", 8, []string{"main_x_test.go: call to bad Run"})
}

// factsEntries counts the export data and facts entries in cache.
func factsEntries(cache *Cache) int {
	n := 0
	filepath.WalkDir(cache.Dir(), func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, "-facts.gob") {
			n++
		}
		return nil
	})
	return n
}
