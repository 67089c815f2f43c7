package mutexmodel

import (
	"go/ast"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// TakesOut reports whether body, after read (x[i], an element of a map or
// slice held in a field) and before ret, takes that element out of the
// container on every path to ret, so that the value ret returns belongs to
// the caller alone: a pop. Only statements of the blocks that hold ret,
// before it, count: a delete on another path (after an early return of
// the element) does not. For a map,
// delete(x, i) with the same key. For a slice, x cut shorter
// (x = x[:n], x = x[n:]) together with the element's slot cleared or
// shifted over (x[j] = nil, copy(x[i:], x[i+1:])), or x spliced
// (x = append(x[:i], x[i+1:]...), x = slices.Delete(x, i, i+1)). The
// removal must come after the read, outside function literals, and no
// other field of the same struct may hold elements of that type (a pool
// that also keeps every item in a list of all its items still shares
// the one it pops).
func TakesOut(info *types.Info, body *ast.BlockStmt, read *ast.IndexExpr, ret *ast.ReturnStmt) bool {
	if body == nil || heldElsewhere(info, read) {
		return false
	}
	onPath := statementsBefore(body, ret)
	x := types.ExprString(ast.Unparen(read.X))
	same := func(e ast.Expr) bool { return types.ExprString(ast.Unparen(e)) == x }
	_, isMap := info.TypeOf(read.X).Underlying().(*types.Map)
	cut, cleared, spliced, deleted := false, false, false, false
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		if n.Pos() < read.End() {
			return true
		}
		if st, ok := n.(ast.Stmt); ok && !onPath[st] {
			switch st.(type) {
			case *ast.AssignStmt, *ast.ExprStmt:
				return false // not on every path to ret
			}
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) != 1 || len(n.Rhs) != 1 {
				return true
			}
			lhs, rhs := ast.Unparen(n.Lhs[0]), ast.Unparen(n.Rhs[0])
			if ix, ok := lhs.(*ast.IndexExpr); ok && same(ix.X) && (code.IsNil(info, rhs) || isZero(info, rhs)) {
				cleared = true
			}
			if !same(lhs) {
				return true
			}
			switch r := rhs.(type) {
			case *ast.SliceExpr:
				cut = cut || same(r.X)
			case *ast.CallExpr:
				if code.CallsBuiltin(info, r, "append") && len(r.Args) == 2 && r.Ellipsis.IsValid() {
					a, aok := ast.Unparen(r.Args[0]).(*ast.SliceExpr)
					b, bok := ast.Unparen(r.Args[1]).(*ast.SliceExpr)
					spliced = spliced || aok && bok && same(a.X) && same(b.X)
				}
				if typematch.CallsFunc(info, r, "slices", "Delete", "DeleteFunc") && len(r.Args) > 0 && same(r.Args[0]) {
					spliced = true
				}
			}
		case *ast.CallExpr:
			if len(n.Args) != 2 {
				return true
			}
			switch {
			case code.CallsBuiltin(info, n, "delete"):
				deleted = deleted || same(n.Args[0]) && types.ExprString(ast.Unparen(n.Args[1])) == types.ExprString(ast.Unparen(read.Index))
			case code.CallsBuiltin(info, n, "copy"):
				d, dok := ast.Unparen(n.Args[0]).(*ast.SliceExpr)
				s, sok := ast.Unparen(n.Args[1]).(*ast.SliceExpr)
				cleared = cleared || dok && sok && same(d.X) && same(s.X)
			}
		}
		return true
	})
	if isMap {
		return deleted
	}
	return spliced || cut && cleared
}

// heldElsewhere reports whether the struct whose field read indexes
// (c.f[i]) has another field of a container type holding values of the
// element's type: c.all []*Item beside c.idle []*Item.
func heldElsewhere(info *types.Info, read *ast.IndexExpr) bool {
	sel, ok := ast.Unparen(read.X).(*ast.SelectorExpr)
	if !ok {
		return true
	}
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return true
	}
	elem := info.TypeOf(read)
	base := s.Recv()
	if p, ok := base.Underlying().(*types.Pointer); ok {
		base = p.Elem()
	}
	st, ok := base.Underlying().(*types.Struct)
	if !ok || elem == nil {
		return true
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if f == s.Obj() {
			continue
		}
		switch t := f.Type().Underlying().(type) {
		case *types.Slice:
			if types.Identical(t.Elem(), elem) {
				return true
			}
		case *types.Array:
			if types.Identical(t.Elem(), elem) {
				return true
			}
		case *types.Map:
			if types.Identical(t.Elem(), elem) || types.Identical(t.Key(), elem) {
				return true
			}
		}
	}
	return false
}

// statementsBefore returns the statements of the blocks that enclose ret
// (its own block and the blocks around it), placed before it: those run
// on every path that reaches ret from the start of their block.
func statementsBefore(body *ast.BlockStmt, ret *ast.ReturnStmt) map[ast.Stmt]bool {
	out := make(map[ast.Stmt]bool)
	var visit func(list []ast.Stmt) bool
	visit = func(list []ast.Stmt) bool {
		for _, st := range list {
			if st.End() <= ret.Pos() {
				out[st] = true
				continue
			}
			if st.Pos() > ret.Pos() {
				return false
			}
			// st holds ret: descend into its blocks.
			found := false
			ast.Inspect(st, func(n ast.Node) bool {
				if found {
					return false
				}
				if b, ok := n.(*ast.BlockStmt); ok && b.Pos() <= ret.Pos() && ret.End() <= b.End() {
					if b != st {
						found = visit(b.List)
						return false
					}
				}
				if cc, ok := n.(*ast.CaseClause); ok && cc.Pos() <= ret.Pos() && ret.End() <= cc.End() {
					found = visit(cc.Body)
					return false
				}
				if cc, ok := n.(*ast.CommClause); ok && cc.Pos() <= ret.Pos() && ret.End() <= cc.End() {
					found = visit(cc.Body)
					return false
				}
				return true
			})
			return true
		}
		return false
	}
	visit(body.List)
	return out
}
