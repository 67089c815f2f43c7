package astedit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func apply(t *testing.T, fset *token.FileSet, src string, e analysis.TextEdit) string {
	t.Helper()
	tf := fset.File(e.Pos)
	return src[:tf.Offset(e.Pos)] + string(e.NewText) + src[tf.Offset(e.End):]
}

func TestAddImport(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"package p\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n", "package p\n\nimport (\n\t\"fmt\"\n\t\"sync/atomic\"\n\t\"time\"\n)\n"},
		{"package p\n\nimport (\n\t\"fmt\"\n)\n", "package p\n\nimport (\n\t\"fmt\"\n\t\"sync/atomic\"\n)\n"},
		{"package p\n\nfunc f() {}\n", "package p\n\nimport \"sync/atomic\"\n\nfunc f() {}\n"},
		{"package p\n\nimport \"fmt\"\n", "package p\n\nimport (\n\t\"fmt\"\n\t\"sync/atomic\"\n)\n"},
		{"package p\n\nimport x \"unsafe\"\n", "package p\n\nimport (\n\t\"sync/atomic\"\n\tx \"unsafe\"\n)\n"},
	} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", tc.src, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := apply(t, fset, tc.src, AddImport(f, "sync/atomic")); got != tc.want {
			t.Errorf("AddImport in\n%s\ngot\n%s\nwant\n%s", tc.src, got, tc.want)
		}
	}
}

func TestImports(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\nimport (\n\t\"fmt\"\n\t_ \"embed\"\n)\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !Imports(f, "fmt") || Imports(f, "embed") || Imports(f, "os") {
		t.Errorf("Imports: fmt %v, embed %v, os %v; want true, false, false", Imports(f, "fmt"), Imports(f, "embed"), Imports(f, "os"))
	}
}

func TestDeleteStmt(t *testing.T) {
	src := "package p\n\nfunc f() {\n\ta := 1\n\tclose(ch)\n\t_ = a\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	stmt := f.Decls[0].(*ast.FuncDecl).Body.List[1]
	want := "package p\n\nfunc f() {\n\ta := 1\n\t_ = a\n}\n"
	if got := apply(t, fset, src, DeleteStmt(fset.File(stmt.Pos()), []byte(src), stmt)); got != want {
		t.Errorf("DeleteStmt: got\n%s\nwant\n%s", got, want)
	}
}
