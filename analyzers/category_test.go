package analyzers_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/trapvet/trapvet/analyzers"
)

// TestCategoriesAreAnchors checks that every Category an analyzer can
// emit is what go/analysis documents: a constant, the anchor of a section
// of the analyzer's docs page ("# Category name" in doc.go), so that the
// URL a driver resolves (docs/<name>.md#category) leads somewhere. The
// categories are read from the analyzer's source: each Category field set
// in a composite literal or by assignment.
func TestCategoriesAreAnchors(t *testing.T) {
	for _, a := range analyzers.All {
		t.Run(a.Name, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("..", "docs", a.Name+".md"))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range categoriesOf(t, a.Name) {
				if c.value == "" {
					t.Errorf("%s: Category is not a constant string", c.pos)
					continue
				}
				if !strings.Contains(string(page), "{#"+c.value+"}") {
					t.Errorf("%s: Category %q has no anchor in docs/%s.md: add a section \"# Category %s\" to doc.go", c.pos, c.value, a.Name, c.value)
				}
			}
		})
	}
}

type category struct {
	pos   token.Position
	value string // "" when not a constant string
}

// categoriesOf returns the Category values set in the non-test Go files
// of the analyzer's directory: string literals, or package constants.
func categoriesOf(t *testing.T, dir string) []category {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	consts := make(map[string]string)
	var values []ast.Expr
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if i < len(n.Values) {
						if s, ok := stringLit(n.Values[i]); ok {
							consts[id.Name] = s
						}
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Category" {
					values = append(values, n.Value)
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if sel, ok := lhs.(*ast.SelectorExpr); ok && sel.Sel.Name == "Category" && i < len(n.Rhs) {
						values = append(values, n.Rhs[i])
					}
				}
			}
			return true
		})
	}
	var out []category
	for _, v := range values {
		c := category{pos: fset.Position(v.Pos())}
		if s, ok := stringLit(v); ok {
			c.value = s
		} else if id, ok := v.(*ast.Ident); ok {
			c.value = consts[id.Name]
		}
		out = append(out, c)
	}
	return out
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}
