package mutexmodel_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/mutexmodel"
)

// probe reports, at each struct field, what the model knows of it, at
// each type that pointers in guarded state point to data guarded in place,
// and at each statement held by a region whose line asks for it.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report the guard model",
	Requires: []*analysis.Analyzer{mutexmodel.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[mutexmodel.Analyzer].(*mutexmodel.Result).Model()
		var mutexes []*types.Var
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				field, ok := n.(*ast.Field)
				if !ok {
					return true
				}
				for _, id := range field.Names {
					v, _ := pass.TypesInfo.Defs[id].(*types.Var)
					if v == nil {
						continue
					}
					if t, ok := types.Unalias(v.Type()).(*types.Named); ok && t.Obj().Pkg() != nil && t.Obj().Pkg().Path() == "sync" {
						mutexes = append(mutexes, v)
					}
					if g := m.Guarded(v); g != nil {
						pass.Reportf(id.Pos(), "%s guarded by %s written=%t inplace=%t mutated=%t", v.Name(), g.Mutex.Name(), g.Written, g.InPlace(), g.Mutated)
					}
				}
				return true
			})
		}
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok {
					continue
				}
				for _, s := range g.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok {
						continue
					}
					obj := pass.TypesInfo.Defs[ts.Name]
					for _, mu := range mutexes {
						if m.PointeeGuarded(mu, obj.Type()) {
							pass.Reportf(ts.Name.Pos(), "%s data guarded by %s", ts.Name.Name, mu.Name())
						}
					}
					if mutexmodel.SelfSynchronized(obj.Type()) {
						pass.Reportf(ts.Name.Pos(), "%s self-synchronized", ts.Name.Name)
					}
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				fd, ok := n.(*ast.FuncDecl)
				if !ok {
					return true
				}
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					if refs := m.RefsOf(fn); refs != nil {
						for _, ref := range refs.Refs {
							if ref.Elem != nil {
								pass.Reportf(fd.Name.Pos(), "returns an element of %s", types.ExprString(ref.Elem))
							} else {
								pass.Reportf(fd.Name.Pos(), "returns %s", types.ExprString(ref.Expr))
							}
						}
					}
				}
				for _, r := range m.RegionsOf(fd) {
					r.Nodes(func(n ast.Node) {
						if es, ok := n.(*ast.ExprStmt); ok {
							if call, ok := es.X.(*ast.CallExpr); ok {
								if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "held" {
									pass.Reportf(es.Pos(), "%s", fmt.Sprintf("held under %s.%s", types.ExprString(r.Expr), r.Op))
								}
							}
						}
					})
				}
				return false
			})
		}
		return nil, nil
	},
}

func TestModel(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), probe, "g")
}

// changers reports, at each function declaration and literal, the fields
// whose ChangedIn lists it.
var changers = &analysis.Analyzer{
	Name:     "changers",
	Doc:      "report the functions that change guarded fields in place",
	Requires: []*analysis.Analyzer{mutexmodel.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[mutexmodel.Analyzer].(*mutexmodel.Result).Model()
		var fields []*mutexmodel.Field
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if field, ok := n.(*ast.Field); ok {
					for _, id := range field.Names {
						if v, ok := pass.TypesInfo.Defs[id].(*types.Var); ok && m.Guarded(v) != nil {
							fields = append(fields, m.Guarded(v))
						}
					}
				}
				return true
			})
		}
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n.(type) {
				case *ast.FuncDecl, *ast.FuncLit:
					for _, g := range fields {
						if g.ChangedIn[n] {
							pass.Reportf(n.Pos(), "changes %s in place", g.Var.Name())
						}
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestChangedIn(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), changers, "changed")
}
