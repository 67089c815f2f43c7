package loopcapture

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// readsOwnElement reports whether the deferred literal of s reads the
// shared slice cp.v only at this iteration's index (muxes[i], with i
// per-iteration or constant), while the function only ever grows the
// slice by appending to it (muxes = append(muxes, m)). Append never
// changes an element already there, even when it moves the array, so
// when the deferred call runs, muxes[i] is still what this iteration
// stored. Handing the slice to a call after the loop (NewMulti(muxes...))
// reads it, unless the callee is copy, clear, or of package sort or
// slices. A goroutine is not let off: it reads the slice header while the
// loop writes it, a race whatever the index.
func (c *checker) readsOwnElement(cur inspector.Cursor, s site, cp *capture, fn ast.Node, loops []ast.Stmt, old bool) bool {
	if s.kind != deferred || cp.written {
		return false
	}
	if _, ok := cp.v.Type().Underlying().(*types.Slice); !ok {
		return false
	}
	info := c.pass.TypesInfo
	var fcur inspector.Cursor
	found := false
	for e := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if e.Node() == fn {
			fcur, found = e, true
			break
		}
	}
	if !found {
		return false
	}
	perIteration := func(e ast.Expr) bool {
		if tv, ok := info.Types[e]; ok && tv.Value != nil {
			return true
		}
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := info.Uses[id].(*types.Var)
		return ok && regionOf(v, loops, old) == nil && declaredIn(loops, v)
	}
	for idCur := range fcur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if info.Uses[id] != cp.v {
			continue
		}
		parent := idCur.Parent().Node()
		inLit := s.lit.Pos() <= id.Pos() && id.End() <= s.lit.End()
		switch p := parent.(type) {
		case *ast.IndexExpr:
			if p.X != id || storedInto(idCur.Parent()) {
				return false
			}
			if inLit && !perIteration(p.Index) {
				return false
			}
		case *ast.CallExpr:
			if inLit || !readsOnly(info, p, id) {
				return false
			}
		case *ast.AssignStmt:
			if inLit || !appendsTo(info, p, id, cp.v) {
				return false
			}
		case *ast.RangeStmt:
			if inLit || p.X != id {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// readsOnly reports whether the call, given the slice id, does not write
// its elements: append, len or cap of it, or a call that takes it as an
// argument (NewMulti(muxes...)), unless the callee is copy or clear, or
// of package sort or slices, which move or overwrite elements in place.
func readsOnly(info *types.Info, call *ast.CallExpr, id *ast.Ident) bool {
	if ast.Unparen(call.Fun) == id {
		return false
	}
	switch {
	case code.CallsBuiltin(info, call, "append", "len", "cap"):
		return true
	case code.CallsBuiltin(info, call, "copy", "clear"):
		return false
	}
	if fn := typematch.Callee(info, call); fn != nil && fn.Pkg() != nil {
		switch fn.Pkg().Path() {
		case "sort", "slices":
			return false
		}
	}
	return true
}

// declaredIn reports whether v is declared inside one of loops.
func declaredIn(loops []ast.Stmt, v *types.Var) bool {
	for _, l := range loops {
		if l.Pos() <= v.Pos() && v.Pos() < l.End() {
			return true
		}
	}
	return false
}

// storedInto reports whether the index expression at cur is written: the
// left side of an assignment, an increment, or the operand of &.
func storedInto(cur inspector.Cursor) bool {
	ix := cur.Node()
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == ix {
				return true
			}
		}
	case *ast.IncDecStmt:
		return true
	case *ast.UnaryExpr:
		return p.Op == token.AND
	}
	return false
}

// appendsTo reports whether the assignment, where id (a use of v) stands
// on the left, sets v to append(v, ...).
func appendsTo(info *types.Info, as *ast.AssignStmt, id *ast.Ident, v *types.Var) bool {
	if len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for i, l := range as.Lhs {
		if l != id {
			continue
		}
		call, ok := ast.Unparen(as.Rhs[i]).(*ast.CallExpr)
		if !ok || len(call.Args) == 0 || !code.CallsBuiltin(info, call, "append") {
			return false
		}
		a, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
		return ok && info.Uses[a] == v
	}
	return false // v on the right: handed to another variable
}
