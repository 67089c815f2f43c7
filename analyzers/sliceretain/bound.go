package sliceretain

// Size of the bound: whether a part is a strict, small piece of the array
// rather than the whole of it, or a piece of a buffer the function tiles.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// partsAreSmall reports whether the escaping parts together are a small
// piece of v's array (of the value a split call split, when v is nil).
// Parts that may tile the array are not: parts taken in a loop that does
// not allocate v each time, parts of a buffer the function walks
// (v = v[n:]), and several slices whose bounds are not small constants
// (image.YCbCr's three planes share one allocation on purpose).
func (c *checker) partsAreSmall(v *types.Var, parts []part) bool {
	if len(parts) == 0 {
		return false
	}
	if v != nil {
		for _, d := range c.defsOf(v) {
			if sl, ok := ast.Unparen(d.rhs).(*ast.SliceExpr); ok && d.index < 0 && c.varOf(sl.X) == v && sl.Low != nil {
				return false // v = v[n:]: the function walks the buffer
			}
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
	for _, p := range parts {
		if p.slice == nil {
			continue // one element or Cut's before: a line or a field
		}
		elem := int64(1)
		if t, ok := typeUnder(c.info.TypeOf(p.slice)).(*types.Slice); ok {
			if size, ok := c.sizeof(t.Elem()); ok {
				elem = size
			}
		}
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
		if v == nil { // an anonymous value, made by the split's or the callee's argument
			anchor := ast.Node(p.split)
			if p.call != nil {
				anchor = p.call
			}
			allocatedInside = loop.Pos() <= anchor.Pos() && anchor.End() <= loop.End()
		}
		for _, d := range c.defsOfAlloc(v) {
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
// the whole of it: a head or middle x[i:j] whose high bound is small
// (smallBound), or a tail x[len(x)-n:] of a small length n (smallTail).
// An open-ended x[i:] is not: its size is unknown and often most of x.
func (c *checker) isStrictPart(v *types.Var, sl *ast.SliceExpr) bool {
	if c.boundSharesSize(v, sl) {
		return false // sized like the array: b[:n] of make(n+8)
	}
	if sl.High == nil || c.isWhole(v, sl.High) {
		return c.smallTail(v, sl)
	}
	return c.smallBound(v, sl.High, nil)
}

// smallBound reports whether the high bound e keeps a small part of v on
// some path. A bound clamped to the length is small where the clamp does
// not apply: min(8, len(x)) is 8 whenever x is longer, and so is n after
// n := 8; if n > len(x) { n = len(x) }. A search with a fallback,
// end := strings.IndexByte(x, '\n'); if end < 0 { end = len(x) }, keeps
// the first line whenever there is one. Bounds that are always the whole
// of x are not small: len(x), n := len(x), and counts of what was written
// into x.
func (c *checker) smallBound(v *types.Var, e ast.Expr, seen map[*types.Var]bool) bool {
	e = ast.Unparen(e)
	if c.isWhole(v, e) {
		return false
	}
	if call, ok := e.(*ast.CallExpr); ok && c.isBuiltin(call, "min") {
		for _, a := range call.Args {
			if c.smallBound(v, a, seen) {
				return true // the minimum is at most this small bound
			}
		}
		return false
	}
	if w := c.varOf(e); w != nil && !seen[w] {
		if seen == nil {
			seen = make(map[*types.Var]bool)
		}
		seen[w] = true
		switch c.boundVarKind(v, w, seen) {
		case boundSmall:
			return true
		case boundWhole:
			return false
		}
	}
	return c.plainSmallBound(v, e)
}

// The kinds of a bound variable, by the values it is given.
const (
	boundOther = iota // some value the rule cannot size: judged as before
	boundSmall        // small on some path, the whole of x on the others
	boundWhole        // always the whole of x
)

// boundVarKind sorts the bound variable w by its definitions: each is
// the whole of v (len(v), cap(v), a constant at least v's constant
// length, arithmetic on len(v) such as len(v) - 1), a small value (a positive constant below it, a search of v's
// contents, a min with a small argument), or something else.
func (c *checker) boundVarKind(v, w *types.Var, seen map[*types.Var]bool) int {
	small, whole := false, false
	for _, d := range c.defsOf(w) {
		if d.bad || d.zero || d.index >= 0 || d.rhs == nil {
			return boundOther
		}
		rhs := ast.Unparen(d.rhs)
		if c.isWhole(v, rhs) {
			whole = true
			continue
		}
		if c.isSearch(v, rhs) {
			small = true
			continue
		}
		if tv, ok := c.info.Types[rhs]; ok && tv.Value != nil {
			k, ok := constant.Int64Val(constant.ToInt(tv.Value))
			if !ok || k <= 0 {
				return boundOther
			}
			if n, known := c.constLen(v); known && k >= n {
				whole = true
			} else {
				small = true
			}
			continue
		}
		if call, ok := rhs.(*ast.CallExpr); ok && c.isBuiltin(call, "min") && c.smallBound(v, call, seen) {
			small = true
			continue
		}
		if c.arithOfLen(v, rhs) {
			whole = true // n := len(x) - 1: sized like the array, as x[:len(x)-1] is
			continue
		}
		return boundOther
	}
	switch {
	case small:
		return boundSmall
	case whole:
		return boundWhole
	}
	return boundOther
}

// arithOfLen reports whether e is arithmetic on len(v) or cap(v), and on
// values that are not v: len(x) - 1, len(x) - k, len(x) / 2. A bound
// computed from the length is sized like the array, inline or through a
// variable. Any other mention of v (a search of its contents) is not.
func (c *checker) arithOfLen(v *types.Var, e ast.Expr) bool {
	found, ok := false, true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *ast.CallExpr:
			if c.isWhole(v, n) {
				found = true
			} else if tv, isConst := c.info.Types[n]; !isConst || tv.Value == nil {
				ok = false
			}
			return false
		case *ast.BinaryExpr, *ast.UnaryExpr, *ast.ParenExpr, *ast.BasicLit:
			return true
		case *ast.Ident:
			ok = ok && c.varOf(n) != v
			return false
		case *ast.SelectorExpr:
			ok = ok && !code.Uses(c.info, n, v)
			return false
		}
		ok = false
		return false
	})
	return found && ok
}

// isWhole reports whether e is len(v) or cap(v).
func (c *checker) isWhole(v *types.Var, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && (c.isBuiltin(call, "len") || c.isBuiltin(call, "cap")) && len(call.Args) == 1 && c.varOf(call.Args[0]) == v
}

// isSearch reports whether e searches v for the first occurrence of
// something (strings.IndexByte(v, '\n')): the prefix it bounds ends at
// the first match, a line or a field, not at the end of v.
func (c *checker) isSearch(v *types.Var, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 || c.varOf(call.Args[0]) != v {
		return false
	}
	fn := typematch.Callee(c.info, call)
	return typematch.IsFunc(fn, "strings", "Index", "IndexByte", "IndexRune", "IndexAny", "IndexFunc") ||
		typematch.IsFunc(fn, "bytes", "Index", "IndexByte", "IndexRune", "IndexAny", "IndexFunc")
}

// smallTail reports whether sl is a tail of v of a small length:
// v[len(v)-n:] or v[max(0, len(v)-n):], where n is a small bound.
func (c *checker) smallTail(v *types.Var, sl *ast.SliceExpr) bool {
	lo := ast.Unparen(sl.Low)
	if call, ok := lo.(*ast.CallExpr); ok && c.isBuiltin(call, "max") {
		// max(0, len(v)-n): the other arguments are constant floors.
		var tail ast.Expr
		for _, a := range call.Args {
			if tv, ok := c.info.Types[a]; ok && tv.Value != nil {
				continue
			}
			if tail != nil {
				return false
			}
			tail = a
		}
		lo = ast.Unparen(tail)
	}
	bin, ok := lo.(*ast.BinaryExpr)
	return ok && bin.Op == token.SUB && c.isWhole(v, bin.X) && c.smallBound(v, bin.Y, nil)
}

// plainSmallBound judges a bound that is neither clamped nor a known
// bound variable: not a count of what was written into v, not computed
// from v, a positive constant below v's constant length, or a run-time
// value of data read from outside or found in v's own contents.
func (c *checker) plainSmallBound(v *types.Var, e ast.Expr) bool {
	filled := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if w := c.localVar(c.info.Uses[id]); w != nil && c.isFillCount(w, v) {
				filled = true
			}
		}
		return !filled
	})
	if filled || code.Uses(c.info, e, v) {
		return false // b[:len(b)-1] is sized like the array
	}
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
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
	return !c.madeAtRunTime(v) || c.boundFromContents(v, e)
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
			if call, ok := ast.Unparen(d.rhs).(*ast.CallExpr); ok && d.rhs != nil && code.Uses(c.info, call, v) {
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
// from a call that takes v (a Read, copy, an encoder), or counted up. The
// length a packet read returns (n, addr, err := conn.ReadFrom(buf)) is
// not: a datagram read fills one packet into a buffer sized for the
// largest one (64 KiB for UDP), and most packets are far smaller.
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
		call, isCall := ast.Unparen(d.rhs).(*ast.CallExpr)
		if isCall && d.index == 0 && c.isPacketReadOf(call, v) {
			continue // one packet, in a buffer sized for the largest
		}
		if isCall && mentions && c.mayFill(call, v) {
			return true
		}
	}
	return false
}

// isPacketReadOf reports whether call reads a packet into v itself
// (conn.ReadFrom(v) or, of an array, conn.ReadFrom(v[:]); not
// conn.ReadFrom(v[off:])).
func (c *checker) isPacketReadOf(call *ast.CallExpr, v *types.Var) bool {
	fn := typematch.Callee(c.info, call)
	if fn == nil || !isPacketRead(fn) || len(call.Args) < 1 {
		return false
	}
	arg := ast.Unparen(call.Args[0])
	if sl, ok := arg.(*ast.SliceExpr); ok && sl.Low == nil && sl.High == nil {
		arg = sl.X // buf[:] of an array
	}
	return c.varOf(arg) == v
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

// defsOfAlloc returns v's definitions, none for a nil v.
func (c *checker) defsOfAlloc(v *types.Var) []def {
	if v == nil {
		return nil
	}
	return c.defsOf(v)
}

// clearlySmall reports whether the bound e is small by its form: a
// positive constant, a min with such an argument, or a bound variable
// that is small on some path (boundVarKind), such as a search for the
// first separator with a fallback. A run-time value that is merely not
// known to be the whole of v (i := bytes.LastIndexByte(v, '\n')) is not.
func (c *checker) clearlySmall(v *types.Var, e ast.Expr) bool {
	e = ast.Unparen(e)
	if k, ok := c.constInt(e); ok {
		return k > 0
	}
	if call, ok := e.(*ast.CallExpr); ok && c.isBuiltin(call, "min") {
		return slices.ContainsFunc(call.Args, func(a ast.Expr) bool { return c.clearlySmall(v, a) })
	}
	if w := c.varOf(e); w != nil {
		return c.boundVarKind(v, w, map[*types.Var]bool{w: true}) == boundSmall
	}
	return false
}
