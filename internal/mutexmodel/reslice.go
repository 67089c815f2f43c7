package mutexmodel

// What a lock region's stores mean for the slices and maps they touch:
// in-place changes by sort and slices, a slice cut back and grown again
// (compaction), and stores of fresh values that share nothing.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
)

// sortsInPlace and slicesInPlace are the functions of sort and slices
// that move or overwrite the elements of the slice they are given.
var (
	sortsInPlace  = []string{"Sort", "Stable", "Slice", "SliceStable", "Strings", "Ints", "Float64s"}
	slicesInPlace = []string{"Sort", "SortFunc", "SortStableFunc", "Reverse", "Delete", "DeleteFunc", "Compact", "CompactFunc", "Insert", "Replace"}
)

// unslice removes slice expressions around e: copy(c.f[i:], ...) writes
// into c.f.
func unslice(e ast.Expr) ast.Expr {
	for {
		s, ok := ast.Unparen(e).(*ast.SliceExpr)
		if !ok {
			return e
		}
		e = s.X
	}
}

// recordReslice records c.f = c.f[:n] (a truncation whose later appends
// overwrite the old elements), c.f = append(c.f, ...) and
// c.f = append(c.f[:i], c.f[j:]...) (an in-place splice).
func (m *Model) recordReslice(r *Region, lhs, rhs ast.Expr) {
	f := r.FieldOf(m.info, lhs)
	if f == nil {
		return
	}
	if _, ok := f.Type().Underlying().(*types.Slice); !ok {
		return
	}
	switch x := ast.Unparen(rhs).(type) {
	case *ast.Ident:
		if m.compactedThrough(r, f, x) {
			m.inPlace(f, r)
		}
	case *ast.SliceExpr:
		if r.FieldOf(m.info, x.X) == f && x.High != nil && isZero(m.info, x.Low) {
			m.field(f, r.Mutex)
			m.truncated[f] = append(m.truncated[f], r)
		}
	case *ast.CallExpr:
		id, ok := ast.Unparen(x.Fun).(*ast.Ident)
		if !ok || len(x.Args) == 0 {
			return
		}
		if b, ok := m.info.Uses[id].(*types.Builtin); !ok || b.Name() != "append" {
			return
		}
		switch a := ast.Unparen(x.Args[0]).(type) {
		case *ast.SelectorExpr:
			if r.FieldOf(m.info, a) == f {
				m.appended[f] = append(m.appended[f], r)
			}
		case *ast.SliceExpr:
			if r.FieldOf(m.info, a.X) == f && a.High != nil {
				m.inPlace(f, r)
			}
		}
	}
}

// compactedThrough reports whether the local variable id, stored back
// into the slice field f (c.f = kept), was cut from f to a prefix and
// appended to under the lock: kept := c.f[:0]; kept = append(kept, x);
// the appends overwrite f's old elements in place, as c.f = c.f[:0] and
// c.f = append(c.f, x) do.
func (m *Model) compactedThrough(r *Region, f *types.Var, id *ast.Ident) bool {
	v, ok := m.info.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return false
	}
	cut, grown := false, false
	for n := range r.held {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		lid, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident)
		if !ok || m.info.ObjectOf(lid) != v {
			continue
		}
		switch x := ast.Unparen(as.Rhs[0]).(type) {
		case *ast.SliceExpr:
			cut = cut || r.FieldOf(m.info, x.X) == f && x.High != nil && isZero(m.info, x.Low)
		case *ast.CallExpr:
			if code.CallsBuiltin(m.info, x, "append") && len(x.Args) > 1 {
				if a, ok := ast.Unparen(x.Args[0]).(*ast.Ident); ok && m.info.Uses[a] == v {
					grown = true
				}
			}
		}
	}
	return cut && grown
}

// isZero reports whether e is absent or the constant 0.
func isZero(info *types.Info, e ast.Expr) bool {
	if e == nil {
		return true
	}
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.ExactString() == "0"
}

// freshSpans records, per field, the parts of a function that run after
// the field was given a new value made there (c.f = make(...), a
// composite literal) in the same statement list: writes into the field
// there fill the new value before anyone else can reach it.
type freshSpans map[*types.Var][][2]token.Pos

func (s freshSpans) covers(f *types.Var, pos token.Pos) bool {
	for _, span := range s[f] {
		if span[0] <= pos && pos < span[1] {
			return true
		}
	}
	return false
}

func (m *Model) freshFields(r *Region) freshSpans {
	spans := make(freshSpans)
	list := func(stmts []ast.Stmt) {
		for _, s := range stmts {
			as, ok := s.(*ast.AssignStmt)
			if !ok || !r.held[s] || len(as.Lhs) != 1 || len(as.Rhs) != 1 || !m.isFresh(as.Rhs[0]) {
				continue
			}
			if f := r.FieldOf(m.info, as.Lhs[0]); f != nil {
				spans[f] = append(spans[f], [2]token.Pos{s.End(), stmts[len(stmts)-1].End()})
			}
		}
	}
	ast.Inspect(r.Func, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == r.Func
		case *ast.BlockStmt:
			list(n.List)
		case *ast.CaseClause:
			list(n.Body)
		case *ast.CommClause:
			list(n.Body)
		}
		return true
	})
	return spans
}

// isFresh reports whether e makes a new slice, map or array value.
func (m *Model) isFresh(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok {
			if b, ok := m.info.Uses[id].(*types.Builtin); ok {
				return b.Name() == "make"
			}
		}
	}
	return false
}
