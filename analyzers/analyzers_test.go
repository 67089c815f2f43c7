package analyzers_test

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/internal/docs"
)

var update = flag.Bool("update", false, "rewrite docs/<name>.md from each analyzer's doc.go")

func TestValidate(t *testing.T) {
	if err := analysis.Validate(analyzers.All); err != nil {
		t.Fatal(err)
	}
	if len(analyzers.All) == 0 {
		t.Fatal("analyzers.All is empty")
	}
}

// TestNamesAndDocs checks that one word names each analyzer everywhere:
// directory, package, Analyzer.Name, doc heading, docs page, URL.
func TestNamesAndDocs(t *testing.T) {
	for _, a := range analyzers.All {
		t.Run(a.Name, func(t *testing.T) {
			if _, err := os.Stat(a.Name); err != nil {
				t.Errorf("no directory analyzers/%s: %v", a.Name, err)
			}
			// doc.go, and the files named doc*.go that go on with it
			// (docs.Join), in the order go/doc merges them.
			files, err := filepath.Glob(filepath.Join(a.Name, "doc*.go"))
			if err != nil || !slices.Contains(files, filepath.Join(a.Name, "doc.go")) {
				t.Fatalf("no doc.go in analyzers/%s", a.Name)
			}
			slices.Sort(files)
			var srcs []string
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				srcs = append(srcs, string(src))
			}
			section, err := docs.Section(docs.Join(srcs...), a.Name)
			if err != nil {
				t.Fatalf("doc.go: %v", err)
			}
			if a.Doc != section {
				t.Errorf("Analyzer.Doc is not the doc.go section %q", "# Analyzer "+a.Name)
			}
			title := docs.Title(a.Doc)
			switch {
			case len(title) > 60:
				t.Errorf("doc title %q is longer than 60 characters", title)
			case title == "" || !unicode.IsLower(rune(title[0])):
				t.Errorf("doc title %q must start with a lowercase verb", title)
			case strings.HasSuffix(title, "."):
				t.Errorf("doc title %q must not end with a period", title)
			}
			for _, part := range []string{"# Limits", "# Suppressing"} {
				if !strings.Contains(a.Doc, part) {
					t.Errorf("doc has no %q section", part)
				}
			}
			wantURL := "https://github.com/trapvet/trapvet/blob/main/docs/" + a.Name + ".md"
			if a.URL != wantURL {
				t.Errorf("URL = %q, want %q", a.URL, wantURL)
			}
		})
	}
}

// TestDocsPages keeps docs/<name>.md generated from doc.go. Run
// "go test ./analyzers -run DocsPages -update" after editing a doc.go.
func TestDocsPages(t *testing.T) {
	for _, a := range analyzers.All {
		path := filepath.Join("..", "docs", a.Name+".md")
		want := docs.Markdown(a.Name, a.Doc, &a.Flags)
		if *update {
			if err := os.WriteFile(path, want, 0o666); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run go test ./analyzers -run DocsPages -update)", path, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go test ./analyzers -run DocsPages -update", path)
		}
	}
}

// TestFixtures checks that each analyzer's fixtures hold positive cases
// (functions with a "// want" expectation) and at least as many documented
// negative cases (functions with a doc comment and no expectation: correct
// code that a naive check would flag, saying why it is correct).
func TestFixtures(t *testing.T) {
	for _, a := range analyzers.All {
		t.Run(a.Name, func(t *testing.T) {
			pos, neg := countCases(t, filepath.Join(a.Name, "testdata"))
			if pos == 0 {
				t.Errorf("fixtures have no function with a // want expectation")
			}
			if neg < pos {
				t.Errorf("fixtures have %d positive and %d documented negative cases; want at least as many negatives", pos, neg)
			}
			t.Logf("%d positive, %d negative cases", pos, neg)
		})
	}
}

func countCases(t *testing.T, dir string) (pos, neg int) {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil // fixtures may hold deliberately broken files
		}
		for _, decl := range f.Decls {
			var doc *ast.CommentGroup
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Body == nil || len(d.Body.List) == 0 {
					continue
				}
				doc = d.Doc
			case *ast.GenDecl:
				// An interface declaration is a case of a rule on
				// declarations (ifacesplit).
				if !declaresInterface(d) {
					continue
				}
				doc = d.Doc
			default:
				continue
			}
			if hasWant(f, decl) {
				pos++
			} else if doc != nil {
				neg++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pos, neg
}

func declaresInterface(d *ast.GenDecl) bool {
	if d.Tok != token.TYPE || len(d.Specs) != 1 {
		return false
	}
	_, ok := d.Specs[0].(*ast.TypeSpec).Type.(*ast.InterfaceType)
	return ok
}

// factsOnly matches a want comment that expects only facts (name:"re"),
// which a negative case may carry: a fact is no diagnostic.
var factsOnly = regexp.MustCompile("^\\s*(\\w+:(\"(\\\\.|[^\"\\\\])*\"|`[^`]*`)\\s*)+$")

func hasWant(f *ast.File, fn ast.Decl) bool {
	for _, g := range f.Comments {
		if g.Pos() < fn.Pos() || g.End() > fn.End() {
			continue
		}
		for _, c := range g.List {
			text := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(c.Text, "//"), "/*"))
			if i := strings.Index(c.Text, "want "); i >= 0 && (strings.HasPrefix(text, "want ") || strings.Contains(c.Text, "// want ")) && !factsOnly.MatchString(c.Text[i+len("want "):]) {
				return true
			}
		}
	}
	return false
}
