package runner

import (
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// isBad is the fact of a function whose doc comment says BAD.
type isBad struct{}

func (*isBad) AFact()         {}
func (*isBad) String() string { return "bad" }

// badcall reports calls to functions of other packages marked BAD: its
// findings in an importer depend on its dependency's facts only.
var badcall = &analysis.Analyzer{
	Name:      "badcall",
	Doc:       "badcall: report calls to functions documented BAD, for testing",
	FactTypes: []analysis.Fact{new(isBad)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil && strings.Contains(fd.Doc.Text(), "BAD") {
					pass.ExportObjectFact(pass.TypesInfo.Defs[fd.Name], new(isBad))
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if obj := pass.TypesInfo.Uses[sel.Sel]; obj != nil && obj.Pkg() != pass.Pkg && pass.ImportObjectFact(obj, new(isBad)) {
						pass.Reportf(sel.Pos(), "call to bad %s", obj.Name())
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

func writeModule(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func messages(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, filepath.Base(f.Posn.Filename)+": "+f.Message)
	}
	return out
}

// badcallOptions runs badcall on the module in dir, offline, with a cache
// of the test's own.
func badcallOptions(t *testing.T, dir string) (Options, *Cache) {
	t.Helper()
	cache, err := OpenCache(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	return Options{
		Analyzers: []*analysis.Analyzer{badcall},
		Dir:       dir,
		Env:       append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local"),
		Cache:     cache,
	}, cache
}

// checkRun runs opts on the 3 packages of ./... and checks that it
// analyzed wantAnalyzed of them and found want, without errors.
func checkRun(t *testing.T, opts Options, wantAnalyzed int, want []string) {
	t.Helper()
	res, err := Run(opts, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if got := messages(res); !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if res.Analyzed != wantAnalyzed || res.Packages != 3 {
		t.Errorf("analyzed %d of %d packages, want %d of 3", res.Analyzed, res.Packages, wantAnalyzed)
	}
}

// TestCache checks that a rerun with nothing changed analyzes nothing and
// finds the same; that editing a dependency re-analyzes its importers, whose
// fact-based findings follow the edit; that a leaf's edit leaves the others
// cached; and that corrupt entries are ignored and rebuilt.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, map[string]string{
		"go.mod":         "module example.com/m\n\ngo 1.22\n",
		"lib/lib.go":     "package lib\n\n// Old is BAD.\nfunc Old() {}\n\n// New is fine.\nfunc New() {}\n",
		"use/use.go":     "package use\n\nimport \"example.com/m/lib\"\n\nfunc F() { lib.Old(); lib.New() }\n",
		"other/other.go": "package other\n\nimport \"example.com/m/lib\"\n\nfunc G() { lib.Old() }\n",
	})
	opts, cache := badcallOptions(t, dir)
	run := func(wantAnalyzed int, want ...string) {
		t.Helper()
		checkRun(t, opts, wantAnalyzed, want)
	}
	run(3, "other.go: call to bad Old", "use.go: call to bad Old")
	run(0, "other.go: call to bad Old", "use.go: call to bad Old")

	// The dependency changes, its importers' files do not: they are
	// analyzed again, with the new facts.
	writeModule(t, dir, map[string]string{
		"lib/lib.go": "package lib\n\n// Old is fine now.\nfunc Old() {}\n\n// New is BAD.\nfunc New() {}\n",
	})
	run(3, "use.go: call to bad New")

	// A leaf changes: it alone is analyzed again.
	writeModule(t, dir, map[string]string{
		"other/other.go": "package other\n\nimport \"example.com/m/lib\"\n\nfunc G() { lib.New() }\n",
	})
	run(1, "other.go: call to bad New", "use.go: call to bad New")

	// Corrupt every entry: ignored, the packages analyzed and stored again.
	err := filepath.WalkDir(cache.Dir(), func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".json") {
			err = os.WriteFile(path, []byte("{not json"), 0o644)
		}
		if err == nil && strings.HasSuffix(path, "-facts.gob") {
			data, rerr := os.ReadFile(path)
			if rerr != nil {
				return rerr
			}
			err = os.WriteFile(path, data[:len(data)/2], 0o644) // truncated
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	run(3, "other.go: call to bad New", "use.go: call to bad New")
	run(0, "other.go: call to bad New", "use.go: call to bad New")

	// Another flag value is another key.
	opts.Salt = "other settings"
	run(3, "other.go: call to bad New", "use.go: call to bad New")

	// Without facts the dependencies come from export data: the cache
	// keys must not depend on it.
	opts.Analyzers = []*analysis.Analyzer{funcG}
	run(3, "other.go: func G")
	run(0, "other.go: func G")
}

// TestCachedFacts checks that a package analyzed against its
// dependencies' cached types and facts finds what a cold run finds, the
// facts of indirect dependencies included (a method of a type that the
// package reaches through another), and that a cached dependency whose
// facts entry is damaged is analyzed again instead.
func TestCachedFacts(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, map[string]string{
		"go.mod":     "module example.com/m\n\ngo 1.22\n",
		"lib/lib.go": "package lib\n\ntype T struct{}\n\n// M is BAD.\nfunc (T) M() {}\n\n// Old is BAD.\nfunc Old() {}\n",
		"mid/mid.go": "package mid\n\nimport \"example.com/m/lib\"\n\nfunc Make() lib.T { lib.Old(); return lib.T{} }\n",
		"use/use.go": "package use\n\nimport \"example.com/m/mid\"\n\nfunc H() { mid.Make().M() }\n",
	})
	opts, cache := badcallOptions(t, dir)
	want := []string{"mid.go: call to bad Old", "use.go: call to bad M"}
	run := func(wantAnalyzed int) {
		t.Helper()
		checkRun(t, opts, wantAnalyzed, want)
	}
	run(3)
	// use alone changes: lib and mid come from the cache, lib's facts
	// through mid's export data.
	writeModule(t, dir, map[string]string{
		"use/use.go": "package use\n\nimport \"example.com/m/mid\"\n\n// H calls M.\nfunc H() { mid.Make().M() }\n",
	})
	run(1)
	// Without the findings, every package is analyzed against the others'
	// cached types and facts.
	removeCacheFiles(t, cache.Dir(), ".json")
	run(3)
	// Without the types and facts too: a cold run again.
	removeCacheFiles(t, cache.Dir(), ".json")
	removeCacheFiles(t, cache.Dir(), "-facts.gob")
	run(3)
	opts.Cache = nil
	run(3)
}

func removeCacheFiles(t *testing.T, dir, suffix string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, suffix) {
			err = os.Remove(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// funcG reports functions named G; it has no facts.
var funcG = &analysis.Analyzer{
	Name: "funcg",
	Doc:  "funcg: report functions named G, for testing",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "G" {
					pass.Reportf(fd.Name.Pos(), "func G")
				}
			}
		}
		return nil, nil
	},
}

// TestSortFindingsVariants: a file analyzed in p and in p [p.test] gets
// one variant's findings per position and analyzer, whatever the order;
// two findings of one variant at one position both stay.
func TestSortFindingsVariants(t *testing.T) {
	at := token.Position{Filename: "a.go", Line: 3, Column: 2}
	mk := func(variant, analyzer, msg string) *Finding {
		return &Finding{Analyzer: analyzer, Posn: at, Message: msg, variant: variant}
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}} {
		all := []*Finding{
			mk("p", "fmtlog", "fmt.Println used as logging in library package p: use log.Printf instead"),
			mk("p [p.test]", "fmtlog", "fmt.Println used as logging in library package p: use slog.Info instead"),
			mk("p", "lostunlock", "return leaves mu locked"),
			mk("p", "lostunlock", "a second finding here"),
			mk("p [p.test]", "lostunlock", "return leaves mu locked"),
		}
		var in []*Finding
		for _, i := range order {
			in = append(in, all[i])
		}
		var got []string
		for _, f := range sortFindings(in) {
			got = append(got, f.Analyzer+": "+f.Message)
		}
		want := []string{
			"fmtlog: fmt.Println used as logging in library package p: use log.Printf instead",
			"lostunlock: a second finding here",
			"lostunlock: return leaves mu locked",
		}
		if !slices.Equal(got, want) {
			t.Errorf("order %v: got\n%s\nwant\n%s", order, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
