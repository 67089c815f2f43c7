package sliceretain

// Size of the bound: whether a part is a strict, small piece of the array
// rather than the whole of it, or a piece of a buffer the function tiles.

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/trapvet/trapvet/internal/typematch"
)

// partsAreSmall reports whether the escaping parts together are a small
// piece of v's array. Parts that may tile the array are not: parts taken in
// a loop that does not allocate v each time, parts of a buffer the function
// walks (v = v[n:]), and several parts whose bounds are not small constants
// (image.YCbCr's three planes share one allocation on purpose).
func (c *checker) partsAreSmall(v *types.Var, parts []part) bool {
	if len(parts) == 0 {
		return false
	}
	for _, d := range c.defsOf(v) {
		if sl, ok := ast.Unparen(d.rhs).(*ast.SliceExpr); ok && d.index < 0 && c.varOf(sl.X) == v && sl.Low != nil {
			return false // v = v[n:]: the function walks the buffer
		}
	}
	for _, p := range parts {
		if c.inLoopWithoutAlloc(v, p) {
			return false
		}
	}
	if len(parts) == 1 {
		return true
	}
	elem := int64(1)
	if t, ok := typeUnder(c.info.TypeOf(parts[0].slice)).(*types.Slice); ok {
		if size, ok := c.sizeof(t.Elem()); ok {
			elem = size
		}
	}
	for _, p := range parts {
		tv, ok := c.info.Types[p.slice.High]
		if !ok || tv.Value == nil {
			return false
		}
		hi, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok || hi*elem >= c.threshold {
			return false
		}
	}
	return true
}

// inLoopWithoutAlloc reports whether the part lies in a loop of its
// function that does not also allocate v, so that it may run for many
// parts of one array.
func (c *checker) inLoopWithoutAlloc(v *types.Var, p part) bool {
	for l := range p.cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch l.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		}
		loop := l.Node()
		allocatedInside := false
		for _, d := range c.defsOf(v) {
			if d.rhs != nil && !c.isSelfUpdate(v, d.rhs) && loop.Pos() <= d.rhs.Pos() && d.rhs.End() <= loop.End() {
				allocatedInside = true
			}
		}
		if !allocatedInside {
			return true
		}
	}
	return false
}

// isStrictPart reports whether sl keeps a bounded part of v that is not
// the whole of it: it has a high bound, not len(v) or cap(v), and the high
// bound is not a count of what was written into v.
func (c *checker) isStrictPart(v *types.Var, sl *ast.SliceExpr) bool {
	if sl.High == nil {
		return false
	}
	if call, ok := ast.Unparen(sl.High).(*ast.CallExpr); ok && (c.isBuiltin(call, "len") || c.isBuiltin(call, "cap")) && len(call.Args) == 1 {
		if c.varOf(call.Args[0]) == v {
			return false
		}
	}
	filled := false
	ast.Inspect(sl.High, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if w := c.localVar(c.info.Uses[id]); w != nil && c.isFillCount(w, v) {
				filled = true
			}
		}
		return !filled
	})
	if filled {
		return false
	}
	if c.boundSharesSize(v, sl) || c.mentions(sl.High, v) {
		return false // sized like the array: b[:n] of make(n+8), b[:len(b)-1]
	}
	if tv, ok := c.info.Types[sl.High]; ok && tv.Value != nil {
		if k, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
			if n, known := c.constLen(v); known && k >= n {
				return false
			}
			if k == 0 {
				return false // x[:0]: the in-place filter idiom reuses the array
			}
		}
		return true
	}
	// A run-time bound: small only relative to data from outside (a file,
	// a body), or when found in v's own contents (bytes.IndexByte(v, c)).
	// Of an array the program sized itself at run time, a run-time part
	// may be any fraction.
	return !c.madeAtRunTime(v) || c.boundFromContents(v, sl.High)
}

// madeAtRunTime reports whether some definition of v is a make or
// composite literal (as opposed to a fresh buffer returned by a call).
func (c *checker) madeAtRunTime(v *types.Var) bool {
	for _, d := range c.defsOf(v) {
		if d.rhs == nil || d.index >= 0 {
			continue
		}
		if call, ok := ast.Unparen(d.rhs).(*ast.CallExpr); ok && c.isBuiltin(call, "make") {
			return true
		}
	}
	return false
}

// boundFromContents reports whether the bound e uses a variable computed
// by a call that reads v (i := bytes.IndexByte(v, '\n')).
func (c *checker) boundFromContents(v *types.Var, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		w := c.localVar(c.info.Uses[id])
		if w == nil {
			return true
		}
		for _, d := range c.defsOf(w) {
			if call, ok := ast.Unparen(d.rhs).(*ast.CallExpr); ok && d.rhs != nil && c.mentions(call, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

// boundSharesSize reports whether a bound of sl is computed from the same
// variables as the length of a make that allocated v
// (b := make([]byte, n+8); b[:n]): the part is then sized like the array,
// not a small piece of it.
func (c *checker) boundSharesSize(v *types.Var, sl *ast.SliceExpr) bool {
	sizeVars := make(map[types.Object]bool)
	for _, d := range c.defsOf(v) {
		if d.rhs == nil || d.index >= 0 {
			continue
		}
		call, ok := ast.Unparen(d.rhs).(*ast.CallExpr)
		if !ok || !c.isBuiltin(call, "make") {
			continue
		}
		for _, a := range call.Args[1:] {
			ast.Inspect(a, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if obj, ok := c.info.Uses[id].(*types.Var); ok {
						sizeVars[obj] = true
					}
				}
				return true
			})
		}
	}
	if len(sizeVars) == 0 {
		return false
	}
	shares := false
	for _, b := range []ast.Expr{sl.Low, sl.High} {
		if b == nil {
			continue
		}
		ast.Inspect(b, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && sizeVars[c.info.Uses[id]] {
				shares = true
			}
			return !shares
		})
	}
	return shares
}

// isFillCount reports whether w counts what was written into v: it is set
// from a call that takes v (a Read, copy, an encoder), or counted up.
func (c *checker) isFillCount(w, v *types.Var) bool {
	ds := c.defsOf(w)
	if len(ds) > 1 {
		return true // updated as the buffer fills
	}
	for _, d := range ds {
		if d.bad {
			return true
		}
		if d.rhs == nil {
			continue
		}
		mentions := false
		ast.Inspect(d.rhs, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == v {
				mentions = true
			}
			return !mentions
		})
		if call, isCall := ast.Unparen(d.rhs).(*ast.CallExpr); isCall && mentions && c.mayFill(call, v) {
			return true
		}
	}
	return false
}

// mayFill reports whether call, which mentions v, may write into v's
// array and return how much it wrote. A string is never written; the
// search functions of strings and bytes, len and cap only read.
func (c *checker) mayFill(call *ast.CallExpr, v *types.Var) bool {
	if isString(v.Type()) || c.isBuiltin(call, "len") || c.isBuiltin(call, "cap") {
		return false
	}
	if fn := typematch.Callee(c.info, call); fn != nil && fn.Signature().Recv() == nil && fn.Pkg() != nil {
		switch fn.Pkg().Path() {
		case "bytes", "strings", "unicode/utf8":
			return fn.Name() == "EncodeRune" || fn.Name() == "AppendRune"
		}
	}
	return true
}

// constLen returns the length of v when every non-zero definition is a
// make or literal of the same constant length.
func (c *checker) constLen(v *types.Var) (int64, bool) {
	if arr, ok := typeUnder(v.Type()).(*types.Array); ok {
		return arr.Len(), true
	}
	n, known := int64(-1), false
	for _, d := range c.defsOf(v) {
		if d.rhs == nil || d.index >= 0 {
			continue
		}
		call, ok := ast.Unparen(d.rhs).(*ast.CallExpr)
		if !ok || !c.isBuiltin(call, "make") || len(call.Args) < 2 {
			return 0, false
		}
		tv, ok := c.info.Types[call.Args[1]]
		if !ok || tv.Value == nil {
			return 0, false
		}
		k, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok || (known && k != n) {
			return 0, false
		}
		n, known = k, true
	}
	return n, known
}
