package scope

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestSupportFuncs checks the functions of production files that count
// as test support: those only a test-support file reaches, through
// functions no other code refers to.
func TestSupportFuncs(t *testing.T) {
	srcs := map[string]string{
		"harness.go": `package db
import "testing"
func Start(t testing.TB) { waitReady(); shared(); _ = cycleA }
`,
		"ready.go": `package db
func waitReady() { probe() }
func probe() { probe() }
func shared() {}
func Ping() { shared() }
func cycleA() { cycleB() }
func cycleB() { cycleA() }
func loopA() { loopB() }
func loopB() { loopA() }
func dead() {}
func onlyTests() {}
var hook = viaVar
func viaVar() {}
`,
		"db_test.go": `package db
import "testing"
func TestDB(t *testing.T) { onlyTests(); Start(t) }
`,
	}
	fset := token.NewFileSet()
	var files []*ast.File
	byName := make(map[string]*ast.File)
	for _, name := range []string{"harness.go", "ready.go", "db_test.go"} {
		f, err := parser.ParseFile(fset, name, srcs[name], 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		byName[name] = f
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object), Uses: make(map[*ast.Ident]types.Object)}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("example.com/db", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	m := New(&analysis.Pass{Fset: fset, Files: files, Pkg: pkg, TypesInfo: info})
	want := map[string]Kind{
		"Start": TestSupport, "waitReady": TestSupport, "probe": TestSupport,
		"cycleA": TestSupport, "cycleB": TestSupport,
		"shared": Production, "Ping": Production, "loopA": Production, "loopB": Production,
		"dead": Production, "onlyTests": Production, "viaVar": Production,
	}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name == "TestDB" {
				continue
			}
			if got := m.KindAt(fd.Body.Lbrace); got != want[fd.Name.Name] {
				t.Errorf("%s: %v, want %v", fd.Name.Name, got, want[fd.Name.Name])
			}
		}
	}
}
