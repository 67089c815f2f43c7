package lockescape

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/mutexmodel"
)

// Records changed in place: the struct types whose fields the package
// assigns through a pointer it did not just allocate (j.Status = done in
// a method, a worker, a loop over the jobs). A pointer to such a record,
// handed out of guarded state (c.jobs[k], a []*Job), lets the caller read
// or write the record while the package changes it.

// inPlaceWrite returns where the package first assigns a field of a value
// of type t through a shared pointer, or nil.
func (c *checker) inPlaceWrite(t types.Type) ast.Node {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() != c.pass.Pkg {
		return nil
	}
	if c.recordWrites == nil {
		c.recordWrites = c.findRecordWrites()
	}
	return c.recordWrites[n.Origin().Obj()]
}

// findRecordWrites scans every function of the package for field stores
// through a pointer to a named struct of the package. A function that
// also allocates a value of that type (&T{}, new(T)) is building it, and
// its stores fill in a value nobody else holds yet.
func (c *checker) findRecordWrites() map[*types.TypeName]ast.Node {
	writes := make(map[*types.TypeName]ast.Node)
	in := c.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for fcur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := fcur.Node().(*ast.FuncDecl)
		if fd.Body == nil {
			continue
		}
		allocated := c.allocatedTypes(fd.Body)
		note := func(lhs ast.Expr, at ast.Node) {
			tn := c.recordThrough(lhs)
			if tn == nil || allocated[tn] {
				return
			}
			if old, ok := writes[tn]; !ok || at.Pos() < old.Pos() {
				writes[tn] = at
			}
		}
		for cur := range fcur.Preorder((*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE {
					continue
				}
				for _, lhs := range n.Lhs {
					note(lhs, n)
				}
			case *ast.IncDecStmt:
				note(n.X, n)
			}
		}
	}
	return writes
}

// recordThrough returns the named struct type of this package whose
// field lhs assigns through a pointer (p.F, with p a *T), or nil.
func (c *checker) recordThrough(lhs ast.Expr) *types.TypeName {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal || !s.Indirect() {
		return nil
	}
	p, ok := types.Unalias(c.info.TypeOf(sel.X)).Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() != c.pass.Pkg {
		return nil
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return nil
	}
	return n.Origin().Obj()
}

// allocatedTypes returns the named types body allocates with &T{...} or
// new(T).
func (c *checker) allocatedTypes(body *ast.BlockStmt) map[*types.TypeName]bool {
	out := make(map[*types.TypeName]bool)
	add := func(t types.Type) {
		if n, ok := types.Unalias(t).(*types.Named); ok {
			out[n.Origin().Obj()] = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if lit, ok := ast.Unparen(n.X).(*ast.CompositeLit); ok && n.Op == token.AND {
				add(c.info.TypeOf(lit))
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "new" && len(n.Args) == 1 {
				if _, ok := c.info.Uses[id].(*types.Builtin); ok {
					add(c.info.TypeOf(n.Args[0]))
				}
			}
		}
		return true
	})
	return out
}

// recordElems returns where the package changes in place the record
// that an element of type t points to ([]*Job, map[string]*Job), when
// an exported function hands out the container or one of its elements:
// its callers cannot take the lock the package changes it under, if any.
func (c *checker) recordElems(t types.Type) ast.Node {
	p, ok := types.Unalias(t).Underlying().(*types.Pointer)
	if !ok || !c.exported || mutexmodel.SelfSynchronized(p) {
		return nil
	}
	return c.inPlaceWrite(p.Elem())
}
