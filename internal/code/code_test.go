package code_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"

	"github.com/trapvet/trapvet/internal/code"
)

const src = `package p

import "sort"

type byName []string

func (b byName) Len() int           { return len(b) }
func (b byName) Less(i, j int) bool { return b[i] < b[j] }
func (b byName) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func f(xs []string, p *int) bool {
	sort.Sort((byName(xs)))
	y := 1
	return p == nil && y > 0
}

func g() {}
`

func load(t *testing.T) (*token.FileSet, *ast.File, *types.Info) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	return fset, f, info
}

func funcNamed(f *ast.File, name string) *ast.FuncDecl {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == name {
			return fd
		}
	}
	return nil
}

func TestContainsEncloses(t *testing.T) {
	_, f, _ := load(t)
	fn, g := funcNamed(f, "f"), funcNamed(f, "g")
	if !code.Contains(fn, fn.Body.Pos()) || code.Contains(fn, fn.End()) || code.Contains(fn, g.Pos()) {
		t.Error("Contains: wrong answer for f's body, end, or g")
	}
	if !code.Encloses(fn, fn.Body) || !code.Encloses(fn, fn) || code.Encloses(fn.Body, fn) || code.Encloses(fn, g) {
		t.Error("Encloses: wrong answer")
	}
	var none *ast.FieldList // g has no results
	if code.Contains(g.Type.Results, g.Pos()) || code.Contains(none, 1) || code.Contains(nil, 1) || code.Encloses(nil, fn) {
		t.Error("a nil node contains or encloses something")
	}
}

func TestUsesIsNilUnconvert(t *testing.T) {
	_, f, info := load(t)
	fn := funcNamed(f, "f")
	ret := fn.Body.List[2].(*ast.ReturnStmt).Results[0].(*ast.BinaryExpr)
	var y, xs types.Object
	for id, obj := range info.Defs {
		switch {
		case id.Name == "y":
			y = obj
		case id.Name == "xs":
			xs = obj
		}
	}
	if !code.Uses(info, ret, y) || code.Uses(info, ret, xs) {
		t.Error("Uses: wrong answer for the return statement")
	}
	if code.Uses(info, fn.Body.List[1], y) {
		t.Error("Uses counts the definition y := 1")
	}
	cmp := ret.X.(*ast.BinaryExpr)
	if !code.IsNil(info, cmp.Y) || code.IsNil(info, cmp.X) {
		t.Error("IsNil: wrong answer for p == nil")
	}
	call := fn.Body.List[0].(*ast.ExprStmt).X.(*ast.CallExpr)
	if id, ok := ast.Unparen(code.Unconvert(info, call.Args[0])).(*ast.Ident); !ok || info.Uses[id] != xs {
		t.Errorf("Unconvert(byName(xs)) = %T, want xs", code.Unconvert(info, call.Args[0]))
	}
	if got := code.Unconvert(info, call); got != call {
		t.Error("Unconvert strips a call that is no conversion")
	}
}

func TestSides(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "s.go", "package s\n\nvar a, b = 1, 2\n\nvar c int\n\nfunc h() {\n\tx, y := a, b\n\tx, y = g2()\n\t_ = x + y + c\n}\n\nfunc g2() (int, int) { return 0, 0 }\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lhs, rhs, ok := code.Sides(n); ok {
			got = append(got, fmt.Sprintf("%d=%d", len(lhs), len(rhs)))
		}
		return true
	})
	// var a, b = 1, 2; var c int; x, y := a, b; x, y = g2(); _ = x + y + c
	if want := []string{"2=2", "1=0", "2=2", "2=1", "1=1"}; !slices.Equal(got, want) {
		t.Errorf("Sides: %v, want %v", got, want)
	}
	if _, _, ok := code.Sides(&ast.ExprStmt{}); ok {
		t.Error("Sides of an expression statement: ok")
	}
}

func TestRootVar(t *testing.T) {
	const src = `package p

type T struct {
	f  *T
	xs []T
	m  map[string]int
}

func (t *T) M() *T { return t }

func f(t *T, ts []T) {
	_ = t.f.f
	_ = (*t).f
	_ = &t.f
	_ = ts[0].f
	_ = t.xs[1].m
	_ = t.M().f
	_ = -len(ts)
}
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	if _, err := (&types.Config{}).Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	// The root with and without index expressions, "" for none.
	want := [][2]string{{"t", "t"}, {"t", "t"}, {"t", "t"}, {"", "ts"}, {"", "t"}, {"", ""}, {"", ""}}
	var i int
	for _, s := range funcNamed(file, "f").Body.List {
		e := s.(*ast.AssignStmt).Rhs[0]
		for j, index := range []bool{false, true} {
			got := ""
			if v := code.RootVar(info, e, index); v != nil {
				got = v.Name()
			}
			if got != want[i][j] {
				t.Errorf("RootVar(%s, throughIndex=%v) = %q, want %q", types.ExprString(e), index, got, want[i][j])
			}
		}
		i++
	}
}

func TestInTestFile(t *testing.T) {
	fset := token.NewFileSet()
	src := fset.AddFile("p.go", -1, 10)
	test := fset.AddFile("p_test.go", -1, 10)
	if code.InTestFile(fset, src.Pos(1)) || !code.InTestFile(fset, test.Pos(1)) || code.InTestFile(fset, token.NoPos) {
		t.Error("InTestFile: want false, true, false")
	}
}

func TestCallsBuiltin(t *testing.T) {
	_, f, info := load(t)
	var calls []*ast.CallExpr
	ast.Inspect(funcNamed(f, "Len"), func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			calls = append(calls, c)
		}
		return true
	})
	if len(calls) != 1 || !code.CallsBuiltin(info, calls[0], "cap", "len") || code.CallsBuiltin(info, calls[0], "append") {
		t.Errorf("len(b) in Len: CallsBuiltin wrong (%d calls)", len(calls))
	}
	ast.Inspect(funcNamed(f, "f"), func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && code.CallsBuiltin(info, c, "len", "append") {
			t.Errorf("%v: not a builtin call", c.Fun)
		}
		return true
	})
}

func TestRecvOperand(t *testing.T) {
	const src = `package p

func f(a, b, c chan int, d chan<- int) {
	select {
	case <-a:
	case v := <-b:
		_ = v
	case v, ok := <-c:
		_, _ = v, ok
	case d <- 1:
	default:
	}
}
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	ast.Inspect(f, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CommClause); ok {
			got = append(got, fmt.Sprint(code.RecvOperand(cc.Comm)))
		}
		return true
	})
	want := []string{"a", "b", "c", "<nil>", "<nil>"}
	if !slices.Equal(got, want) {
		t.Errorf("RecvOperand of each case = %v, want %v", got, want)
	}
}

func TestConstString(t *testing.T) {
	const src = `package p

const name = "sqlite"

var (
	a = name
	b = "x" + "y"
	c = 3
	d = a
)
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue)}
	if _, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, spec := range f.Decls[1].(*ast.GenDecl).Specs {
		v, ok := code.ConstString(info, spec.(*ast.ValueSpec).Values[0])
		got = append(got, fmt.Sprintf("%q %v", v, ok))
	}
	want := []string{`"sqlite" true`, `"xy" true`, `"" false`, `"" false`}
	if !slices.Equal(got, want) {
		t.Errorf("ConstString = %v, want %v", got, want)
	}
}

func TestNilComparison(t *testing.T) {
	_, f, info := load(t)
	ret := funcNamed(f, "f").Body.List[2].(*ast.ReturnStmt).Results[0].(*ast.BinaryExpr)
	x, op, ok := code.NilComparison(info, ret.X)
	if id, isID := x.(*ast.Ident); !ok || op != token.EQL || !isID || id.Name != "p" {
		t.Errorf("NilComparison(p == nil) = %v, %v, %v", x, op, ok)
	}
	if _, _, ok := code.NilComparison(info, ret.Y); ok {
		t.Error("NilComparison(y > 0) is true")
	}
	if _, _, ok := code.NilComparison(info, ret); ok {
		t.Error("NilComparison(p == nil && y > 0) is true")
	}
}
