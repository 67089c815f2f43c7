package lockescape

import (
	"go/ast"
	"go/types"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
)

// A function that takes guarded state out of its field and leaves a new
// value in its place hands the old one over to its caller: nothing under
// the lock refers to it any more.

// replaces reports whether fn also assigns the field e refers into: a
// function that takes the value out and resets the field (out := c.buf;
// c.buf = nil) transfers ownership to its caller. Cutting the field back
// (c.buf = c.buf[:0]) keeps the backing array, which the next append
// overwrites: no transfer.
func (c *checker) replaces(fn ast.Node, e *escape) bool {
	found := false
	ast.Inspect(funcs.Body(fn), func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for i, lhs := range as.Lhs {
				if e.region.FieldOf(c.info, lhs) != e.field {
					continue
				}
				if len(as.Rhs) == len(as.Lhs) {
					if sl, ok := ast.Unparen(as.Rhs[i]).(*ast.SliceExpr); ok && e.region.FieldOf(c.info, sl.X) == e.field {
						continue
					}
				}
				found = true
			}
		}
		return !found
	})
	return found
}

// resetsOnReturn reports whether fn, before ret, defers a function literal
// that gives the escaping field a new value not sharing its array
// (defer func() { c.data = nil }()): the deferred call runs after the
// result is evaluated, so the caller owns what it gets, as with
// out := c.data; c.data = nil (replaces). Both the defer and the
// assignment must be top-level statements, run on every path, and the
// reset must be deferred after the unlock is (so that it runs first,
// under the lock); a reset to a slice of the field (c.data =
// c.data[:0]) keeps the array, and does not count.
func (c *checker) resetsOnReturn(fn ast.Node, e *escape, ret *ast.ReturnStmt) bool {
	mu := types.ExprString(lockExpr(e.region))
	unlockDeferred := false
	for _, st := range funcs.Body(fn).List {
		if st.Pos() > ret.Pos() {
			break
		}
		ds, ok := st.(*ast.DeferStmt)
		if !ok {
			continue
		}
		if op, x := mutexmodel.CallOp(c.info, ds.Call); op.Releases() && x != nil && types.ExprString(x) == mu {
			unlockDeferred = true
			continue
		}
		lit, ok := ast.Unparen(ds.Call.Fun).(*ast.FuncLit)
		if !ok || !unlockDeferred {
			continue // a reset run after the unlock leaves a window
		}
		for _, inner := range lit.Body.List {
			as, ok := inner.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				continue
			}
			for i, lhs := range as.Lhs {
				if e.region.FieldOf(c.info, lhs) != e.field {
					continue
				}
				if sl, ok := ast.Unparen(as.Rhs[i]).(*ast.SliceExpr); ok && e.region.FieldOf(c.info, sl.X) == e.field {
					continue
				}
				return true
			}
		}
	}
	return false
}
