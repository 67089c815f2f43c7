package funcs_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"testing"

	"github.com/trapvet/trapvet/internal/funcs"
)

func TestDeclsOf(t *testing.T) {
	const src = `package p

type T struct{}

func (T) M()        {}
func F()            { _ = func() {} }
func G[E any](e E)  {}
func asm()
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	var names []string
	for fn, fd := range funcs.DeclsOf(info, []*ast.File{f}) {
		if fd.Name.Name != fn.Name() {
			t.Errorf("%s indexed with the declaration of %s", fn.Name(), fd.Name.Name)
		}
		names = append(names, fn.Name())
	}
	sort.Strings(names)
	if got := strings.Join(names, " "); got != "F G M" {
		t.Errorf("DeclsOf indexes %q, want the functions with a body: F G M", got)
	}
}
