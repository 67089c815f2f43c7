package mutexmodel

import (
	"go/ast"
	"go/types"

	"github.com/trapvet/trapvet/internal/typematch"
)

// TakesOut reports whether body, after read (x[i], an element of a map or
// slice held in a field), takes that element out of the container, so
// that the value read belongs to the caller alone: a pop. For a map,
// delete(x, i) with the same key. For a slice, x cut shorter
// (x = x[:n], x = x[n:]) together with the element's slot cleared or
// shifted over (x[j] = nil, copy(x[i:], x[i+1:])), or x spliced
// (x = append(x[:i], x[i+1:]...), x = slices.Delete(x, i, i+1)). The
// removal must come after the read, outside function literals, and no
// other field of the same struct may hold elements of that type (a pool
// that also keeps every item in a list of all its items still shares
// the one it pops).
func TakesOut(info *types.Info, body *ast.BlockStmt, read *ast.IndexExpr) bool {
	if body == nil || heldElsewhere(info, read) {
		return false
	}
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
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) != 1 || len(n.Rhs) != 1 {
				return true
			}
			lhs, rhs := ast.Unparen(n.Lhs[0]), ast.Unparen(n.Rhs[0])
			if ix, ok := lhs.(*ast.IndexExpr); ok && same(ix.X) && isZeroValue(info, rhs) {
				cleared = true
			}
			if !same(lhs) {
				return true
			}
			switch r := rhs.(type) {
			case *ast.SliceExpr:
				cut = cut || same(r.X)
			case *ast.CallExpr:
				if id, ok := ast.Unparen(r.Fun).(*ast.Ident); ok && id.Name == "append" && len(r.Args) == 2 && r.Ellipsis.IsValid() {
					a, aok := ast.Unparen(r.Args[0]).(*ast.SliceExpr)
					b, bok := ast.Unparen(r.Args[1]).(*ast.SliceExpr)
					spliced = spliced || aok && bok && same(a.X) && same(b.X)
				}
				if typematch.CallsFunc(info, r, "slices", "Delete", "DeleteFunc") && len(r.Args) > 0 && same(r.Args[0]) {
					spliced = true
				}
			}
		case *ast.CallExpr:
			id, ok := ast.Unparen(n.Fun).(*ast.Ident)
			if !ok || len(n.Args) != 2 {
				return true
			}
			if b, ok := info.Uses[id].(*types.Builtin); ok {
				switch b.Name() {
				case "delete":
					deleted = deleted || same(n.Args[0]) && types.ExprString(ast.Unparen(n.Args[1])) == types.ExprString(ast.Unparen(read.Index))
				case "copy":
					if d, ok := ast.Unparen(n.Args[0]).(*ast.SliceExpr); ok && same(d.X) {
						if s, ok := ast.Unparen(n.Args[1]).(*ast.SliceExpr); ok && same(s.X) {
							cleared = true
						}
					}
				}
			}
		}
		return true
	})
	if isMap {
		return deleted
	}
	return spliced || cut && cleared
}

// isZeroValue reports whether e is nil or a zero constant.
func isZeroValue(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok {
		return false
	}
	if tv.IsNil() {
		return true
	}
	return tv.Value != nil && tv.Value.String() == "0"
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
