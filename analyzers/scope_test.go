package analyzers_test

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/internal/scope"
)

// TestScopeRows requires an explicit row of internal/scope's table for
// every analyzer of the suite, and no row for an analyzer not in it: a new
// analyzer says which kinds of code it reports, and why.
func TestScopeRows(t *testing.T) {
	var names []string
	for _, a := range slices.Concat(analyzers.All, analyzers.VetScoped()) {
		names = append(names, a.Name)
		if _, ok := scope.Default(a.Name); !ok {
			t.Errorf("%s has no row in internal/scope's table (rows): add one, with the reason", a.Name)
		}
		if a.Flags.Lookup(scope.FlagName) == nil {
			t.Errorf("%s has no -%s.%s flag", a.Name, a.Name, scope.FlagName)
		}
	}
	for _, r := range scope.Rows() {
		if !slices.Contains(names, r.Analyzer) {
			t.Errorf("internal/scope's table has a row for %s, which is not in analyzers.All or VetScoped", r.Analyzer)
		}
		if r.Reason == "" || !r.Kinds.Has(scope.Production) {
			t.Errorf("row %s: every analyzer reports production code, with a reason", r.Analyzer)
		}
	}
}

// TestDocsPagesScope keeps the table of docs/scope.md generated from
// internal/scope's (go test ./analyzers -run DocsPages -update).
func TestDocsPagesScope(t *testing.T) {
	const begin, end = "<!-- table: generated from internal/scope -->\n", "<!-- end of table -->\n"
	path := filepath.Join("..", "docs", "scope.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q block", path, strings.TrimSpace(begin), strings.TrimSpace(end))
	}
	var names []string
	for _, a := range slices.Concat(analyzers.All, analyzers.VetScoped()) {
		names = append(names, a.Name)
	}
	want := text[:i+len(begin)] + scope.Markdown(names) + text[j:]
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o666); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(data, []byte(want)) {
		t.Errorf("%s's table is stale: run go test ./analyzers -run DocsPages -update", path)
	}
}

// TestFactsIgnoreScope keeps what an analyzer with facts exports
// independent of the kinds of code it reports: the cache keys a package's
// facts without the flags that only choose them (scope.ReportOnly), so a
// fact computed only in reported code would be served to a run with
// another scope. The analyzers with facts must leave every scope question
// to the Reporter's Report, and ask none of their own (InScope, Silenced,
// scope.Reported ...): they check every call in every kind of code, and
// the Reporter drops the findings of the kinds not reported.
func TestFactsIgnoreScope(t *testing.T) {
	questions := []string{"InScope", "RuleInScope", "Silenced", "Reported", "ReportedRule"}
	for _, a := range analyzers.All {
		if len(a.FactTypes) == 0 {
			continue
		}
		files, err := filepath.Glob(filepath.Join(a.Name, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no source files (%v)", a.Name, err)
		}
		fset := token.NewFileSet()
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok && slices.Contains(questions, sel.Sel.Name) {
					t.Errorf("%s: %s has facts and asks %s: its facts would depend on the scope, which the cache does not key them on", fset.Position(sel.Pos()), a.Name, sel.Sel.Name)
				}
				return true
			})
		}
	}
}
