package funcs_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/funcs"
)

// probe reports, at each return statement, what funcs says of the
// function around it.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "probe: report funcs results, for testing",
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
		for cur := range in.Root().Preorder((*ast.ReturnStmt)(nil)) {
			fc, ok := funcs.Enclosing(cur)
			if !ok {
				continue
			}
			fn := fc.Node()
			kind := "literal"
			if _, ok := fn.(*ast.FuncDecl); ok {
				kind = "decl"
			}
			g := funcs.CFG(cfgs, fn)
			pass.Reportf(cur.Node().Pos(), "%s %q params=%d stmts=%d cfg=%v",
				kind, funcs.Name(fn), funcs.Type(fn).Params.NumFields(), len(funcs.Body(fn).List), g != nil && len(g.Blocks) > 0)
		}
		if funcs.Body(&ast.Ident{}) != nil || funcs.Type(&ast.Ident{}) != nil || funcs.CFG(cfgs, &ast.Ident{}) != nil {
			pass.Reportf(pass.Files[0].Package, "non-function nodes must yield nil")
		}
		return nil, nil
	},
}

func TestFuncs(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), probe, "f")
}

func TestStmtList(t *testing.T) {
	ret := &ast.ReturnStmt{}
	for _, tc := range []struct {
		n    ast.Node
		want bool
	}{
		{&ast.BlockStmt{List: []ast.Stmt{ret}}, true},
		{&ast.CaseClause{Body: []ast.Stmt{ret}}, true},
		{&ast.CommClause{Body: []ast.Stmt{ret}}, true},
		{&ast.IfStmt{}, false},
		{nil, false},
	} {
		list, ok := funcs.StmtList(tc.n)
		if ok != tc.want || ok && (len(list) != 1 || list[0] != ret) {
			t.Errorf("StmtList(%T) = %v, %v", tc.n, list, ok)
		}
	}
}

func TestSearchBlocks(t *testing.T) {
	// a -> b -> c -> a (a loop), b -> d
	a, b, c, d := &cfg.Block{Index: 0}, &cfg.Block{Index: 1}, &cfg.Block{Index: 2}, &cfg.Block{Index: 3}
	a.Succs = []*cfg.Block{b}
	b.Succs = []*cfg.Block{c, d}
	c.Succs = []*cfg.Block{a}
	var visited []int32
	found := funcs.SearchBlocks([]*cfg.Block{a}, func(x *cfg.Block) (bool, []*cfg.Block) {
		visited = append(visited, x.Index)
		return false, x.Succs
	})
	if found || len(visited) != 4 {
		t.Errorf("whole search: found %v, visited %v (want each block once)", found, visited)
	}
	if !funcs.SearchBlocks([]*cfg.Block{a}, func(x *cfg.Block) (bool, []*cfg.Block) { return x == d, x.Succs }) {
		t.Error("d is reachable, SearchBlocks said not")
	}
	if funcs.SearchBlocks([]*cfg.Block{a}, func(x *cfg.Block) (bool, []*cfg.Block) {
		if x == b {
			return false, nil // cut the path at b
		}
		return x == d, x.Succs
	}) {
		t.Error("d is behind b, whose successors were not taken")
	}
}

// TestHasCall checks that calls in function literals do not count, and
// that the search finds calls nested in other expressions.
func TestHasCall(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", `package p

func a() { x := g(f()); _ = x }
func b() { go func() { f() }(); defer func() { f() }() }
func c() { h(func() int { return f() }) }
`, 0)
	if err != nil {
		t.Fatal(err)
	}
	callsF := func(call *ast.CallExpr) bool {
		id, ok := call.Fun.(*ast.Ident)
		return ok && id.Name == "f"
	}
	for i, want := range []bool{true, false, false} {
		fd := f.Decls[i].(*ast.FuncDecl)
		if got := funcs.HasCall(fd.Body, callsF); got != want {
			t.Errorf("HasCall(%s) = %v, want %v", fd.Name.Name, got, want)
		}
	}
}

// TestLeavesList checks which if bodies leave the statement list after
// the if.
func TestLeavesList(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", `package p

func a(ok bool) int {
	for {
		if ok { continue }
		if ok { return 1 }
		if ok { break }
		if ok { f() }
		if ok {}
		if ok { return 2; f() }
	}
}

func f() {}
`, 0)
	if err != nil {
		t.Fatal(err)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body.List[0].(*ast.ForStmt).Body
	for i, want := range []bool{true, true, true, false, false, false} {
		if got := funcs.LeavesList(body.List[i].(*ast.IfStmt).Body); got != want {
			t.Errorf("if %d: LeavesList = %v, want %v", i, got, want)
		}
	}
	if funcs.LeavesList(nil) {
		t.Error("LeavesList(nil) = true")
	}
}

func TestReceiver(t *testing.T) {
	const src = `package p

type T struct{}

func (t *T) Named()   {}
func (*T) Unnamed()   {}
func (_ T) Blank()    {}
func Plain()          {}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
	if _, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Named": "t", "Unnamed": "", "Blank": "_", "Plain": ""}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		got := ""
		if v := funcs.Receiver(info, fd); v != nil {
			got = v.Name()
		}
		if got != want[fd.Name.Name] {
			t.Errorf("Receiver(%s) = %q, want %q", fd.Name.Name, got, want[fd.Name.Name])
		}
	}
}

// TestInLoop checks which calls a for or range loop of their own function
// encloses: not one in a function literal declared inside the loop.
func TestInLoop(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", `package p
func f(xs []int) {
	a()
	for range xs {
		b()
		func() { c() }()
	}
	for i := 0; i < 3; i++ {
		if i > 0 {
			d()
		}
	}
}
func a() {}
func b() {}
func c() {}
func d() {}
`, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"a": false, "b": true, "c": false, "d": true}
	in := inspector.New([]*ast.File{f})
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		id, ok := cur.Node().(*ast.CallExpr).Fun.(*ast.Ident)
		if !ok {
			continue
		}
		if got := funcs.InLoop(cur); got != want[id.Name] {
			t.Errorf("InLoop(%s()) = %v, want %v", id.Name, got, want[id.Name])
		}
	}
}
