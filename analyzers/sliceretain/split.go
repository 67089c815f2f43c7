package sliceretain

// Parts made by splitting: the strings (or byte slices) that
// strings.Split, Fields, Cut and their bytes twins return share the memory
// of the string they split, so keeping a few of them keeps all of it.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// splitKind says what a call splits its first argument into.
type splitKind int

const (
	notSplit   splitKind = iota
	splitsList           // Split, SplitN, Fields...: a slice of parts
	splitsCut            // Cut: before, after, found
)

// splitOf reports what call splits its first argument into.
func (c *checker) splitOf(call *ast.CallExpr) splitKind {
	if len(call.Args) == 0 {
		return notSplit
	}
	fn := typematch.Callee(c.info, call)
	for _, pkg := range []string{"strings", "bytes"} {
		switch {
		case typematch.IsFunc(fn, pkg, "Split", "SplitN", "SplitAfter", "SplitAfterN", "Fields", "FieldsFunc"):
			return splitsList
		case typematch.IsFunc(fn, pkg, "Cut"):
			return splitsCut
		}
	}
	return notSplit
}

// splitSourceIsFresh reports whether the argument split by call is a
// large fresh string or buffer that nothing but the parts refers to:
// string(b) of a large buffer, a fresh call result, or such a value
// trimmed (strings.TrimSpace(string(out)), see isLargeFresh).
func (c *checker) splitSourceIsFresh(e ast.Expr) bool {
	e = ast.Unparen(e)
	if c.varOf(e) != nil {
		return false // a variable: its other uses decide (operandEscapes)
	}
	return c.isLargeFresh(e, nil)
}

// isTrim reports whether call returns a part of its first argument, cut
// at both ends: strings.TrimSpace and its relatives, of strings and bytes.
func (c *checker) isTrim(call *ast.CallExpr) bool {
	fn := typematch.Callee(c.info, call)
	return typematch.IsFunc(fn, "strings", "TrimSpace", "Trim", "TrimLeft", "TrimRight", "TrimPrefix", "TrimSuffix", "TrimFunc") ||
		typematch.IsFunc(fn, "bytes", "TrimSpace", "Trim", "TrimLeft", "TrimRight", "TrimPrefix", "TrimSuffix", "TrimFunc")
}

// splitFlow follows the parts made by the split call at cur, whose
// argument shares v's array (v is nil when the argument is an anonymous
// fresh value): the parts kept beyond the function, or whether all of
// them (or an open-ended remainder) escape, or go where the analysis
// cannot follow.
func (c *checker) splitFlow(cur inspector.Cursor, v *types.Var, fn ast.Node) escapes {
	var esc escapes
	call := cur.Node().(*ast.CallExpr)
	kind := c.splitOf(call)
	p := parentSkippingParens(cur)
	if ix, ok := p.Node().(*ast.IndexExpr); ok && kind == splitsList && ast.Unparen(ix.X) == call {
		c.elementEscapes(p, call, v, fn, &esc) // strings.Split(s, sep)[0]
		return esc
	}
	lhs, ok := splitResults(p, call)
	if !ok {
		esc.unknown = true
		return esc
	}
	for i, l := range lhs {
		if id, ok := ast.Unparen(l).(*ast.Ident); ok && id.Name == "_" {
			continue
		}
		w := c.varOf(l)
		if w == nil || c.funcOf(w) != fn || !c.onlyDefinedBy(w, call) {
			esc.unknown = true
			return esc
		}
		switch {
		case kind == splitsList:
			c.listEscapes(w, call, v, fn, &esc)
			if !esc.other && !esc.unknown && c.keepsEveryElement(w, fn, esc.parts) {
				esc.other = true // all the parts: the source but its separators
			}
		case i == 0: // before: the part up to the separator
			f := c.varFlow(w, v, fn, nil)
			switch {
			case f.unknown:
				esc.unknown = true
			case f.ret || f.other:
				esc.parts = append(esc.parts, part{node: l, cur: cur, where: f.where, split: call})
			}
		case i == 1: // after: open-ended, the rest of the source
			f := c.varFlow(w, v, fn, nil)
			esc.unknown = esc.unknown || f.unknown
			esc.other = esc.other || f.ret || f.other
		}
		if esc.other || esc.unknown {
			return esc
		}
	}
	return esc
}

// splitResults returns the variables a split call's results are assigned
// to, in result order.
func splitResults(p inspector.Cursor, call *ast.CallExpr) ([]ast.Expr, bool) {
	switch s := p.Node().(type) {
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 && ast.Unparen(s.Rhs[0]) == call {
			return s.Lhs, true
		}
		for i, r := range s.Rhs {
			if ast.Unparen(r) == call && len(s.Lhs) == len(s.Rhs) {
				return s.Lhs[i : i+1], true
			}
		}
	case *ast.ValueSpec:
		names := make([]ast.Expr, len(s.Names))
		for i, n := range s.Names {
			names[i] = n
		}
		if len(s.Values) == 1 && ast.Unparen(s.Values[0]) == call {
			return names, true
		}
		for i, r := range s.Values {
			if ast.Unparen(r) == call && len(names) == len(s.Values) {
				return names[i : i+1], true
			}
		}
	}
	return nil, false
}

// onlyDefinedBy reports whether every value w is given is a result of
// call (or the zero value of its declaration).
func (c *checker) onlyDefinedBy(w *types.Var, call *ast.CallExpr) bool {
	for _, d := range c.defsOf(w) {
		if d.zero {
			continue
		}
		if d.bad || d.rhs == nil || ast.Unparen(d.rhs) != call {
			return false
		}
	}
	return true
}

// listEscapes follows every use of w, the slice of parts made by call:
// an element or a small sub-slice kept beyond the function is a part;
// the whole list, or every element in turn, is all of the source.
func (c *checker) listEscapes(w *types.Var, call *ast.CallExpr, v *types.Var, fn ast.Node, esc *escapes) {
	for _, u := range c.usesOf(w) {
		if esc.other || esc.unknown {
			return
		}
		if enclosingFunc(u) != fn {
			esc.unknown = true // captured by a closure
			return
		}
		if c.isLHS(u) {
			continue // parts[i] = ...
		}
		p := parentSkippingParens(u)
		switch ctx := p.Node().(type) {
		case *ast.IndexExpr:
			if ast.Unparen(ctx.X) == u.Node() {
				c.elementEscapes(p, call, v, fn, esc)
				continue
			}
		case *ast.SliceExpr:
			if ast.Unparen(ctx.X) == u.Node() {
				f := c.listFlow(p, v, fn)
				switch {
				case f.unknown:
					esc.unknown = true
				case (f.ret || f.other) && c.isStrictPart(w, ctx):
					esc.parts = append(esc.parts, part{node: ctx, slice: ctx, cur: p, where: f.where, split: call})
				case f.ret || f.other:
					esc.other = true
				}
				continue
			}
		case *ast.RangeStmt:
			if ctx.X == u.Node() {
				if ctx.Value != nil {
					if id, ok := ctx.Value.(*ast.Ident); !ok || id.Name != "_" {
						ev := c.varOf(ctx.Value)
						if ev == nil {
							esc.unknown = true
							return
						}
						f := c.varFlow(ev, v, fn, nil)
						esc.unknown = esc.unknown || f.unknown
						esc.other = esc.other || f.ret || f.other // every element escapes
					}
				}
				continue
			}
		}
		f := c.listFlow(u, v, fn)
		esc.unknown = esc.unknown || f.unknown
		esc.other = esc.other || f.ret || f.other
	}
}

// elementEscapes follows one element of a list of parts.
func (c *checker) elementEscapes(cur inspector.Cursor, call *ast.CallExpr, v *types.Var, fn ast.Node, esc *escapes) {
	ix := cur.Node().(*ast.IndexExpr)
	f := c.aliasFlow(cur, v, fn, nil)
	switch {
	case f.unknown:
		esc.unknown = true
	case f.ret || f.other:
		if c.isRemainder(call, ix.Index) {
			esc.other = true // the last part of SplitN is the rest of the source
			return
		}
		esc.parts = append(esc.parts, part{node: ix, cur: cur, where: f.where, split: call})
	}
}

// isRemainder reports whether the element at index of the parts of call
// may be the unsplit rest of the source: SplitN(s, sep, n) leaves it in
// part n-1, any part when n or the index is not constant.
func (c *checker) isRemainder(call *ast.CallExpr, index ast.Expr) bool {
	fn := typematch.Callee(c.info, call)
	if !typematch.IsFunc(fn, "strings", "SplitN", "SplitAfterN") && !typematch.IsFunc(fn, "bytes", "SplitN", "SplitAfterN") {
		return false
	}
	n, ok1 := c.constInt(call.Args[len(call.Args)-1])
	i, ok2 := c.constInt(index)
	return !ok1 || !ok2 || n <= 0 || i >= n-1
}

func (c *checker) constInt(e ast.Expr) (int64, bool) {
	tv, ok := c.info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(tv.Value))
}

// listFlow follows a list of parts, or a sub-slice of it, as aliasFlow
// does, except that copying the list (append(dst, parts...),
// slices.Clone, copy) copies parts that still share the source.
func (c *checker) listFlow(cur inspector.Cursor, v *types.Var, fn ast.Node) flow {
	p := parentSkippingParens(cur)
	if call, ok := p.Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) != cur.Node() {
		switch {
		case c.isBuiltin(call, "append") && call.Ellipsis.IsValid() && ast.Unparen(call.Args[len(call.Args)-1]) == cur.Node():
			return c.aliasFlow(p, v, fn, nil)
		case c.isBuiltin(call, "copy"):
			return flow{unknown: true}
		case typematch.IsFunc(typematch.Callee(c.info, call), "slices", "Clone"):
			return c.aliasFlow(p, v, fn, nil)
		}
	}
	f := c.aliasFlow(cur, v, fn, nil)
	if !f.ret && !f.other && !f.unknown && c.mayCopyParts(cur) {
		return flow{unknown: true}
	}
	return f
}

// mayCopyParts reports whether the list at cur, which aliasFlow found
// kept nowhere, may still have its parts copied out further on: through
// a local variable, a sub-slice or a spread, which aliasFlow takes for
// copies of plain elements.
func (c *checker) mayCopyParts(cur inspector.Cursor) bool {
	switch p := parentSkippingParens(cur).Node().(type) {
	case *ast.CallExpr:
		if c.isBuiltin(p, "len") || c.isBuiltin(p, "cap") {
			return false
		}
		if c.readsOnlyParts(p) {
			return false
		}
		return true
	case *ast.AssignStmt, *ast.ValueSpec, *ast.SliceExpr, *ast.CompositeLit, *ast.KeyValueExpr:
		return true
	}
	return false
}

// readsOnlyParts reports whether call only reads the parts it is given.
func (c *checker) readsOnlyParts(call *ast.CallExpr) bool {
	fn := typematch.Callee(c.info, call)
	return fn != nil && c.readsOnly(fn)
}

// splitPartName spells the kept part for the message: the element or
// sub-slice, or the variable that holds Cut's before.
func (c *checker) splitPartName(p part) string {
	if id, ok := p.node.(*ast.Ident); ok {
		return id.Name
	}
	return c.source(p.node)
}

// keepsEveryElement reports whether the escaping parts are every element
// of the list w by constant index, under a guard of the function that
// leaves unless the list has exactly that many (if len(f) != 2 { return
// }; return f[0], f[1]): together they are the whole source but its
// separators, and copying them would copy it all.
func (c *checker) keepsEveryElement(w *types.Var, fn ast.Node, parts []part) bool {
	if len(parts) == 0 {
		return false
	}
	seen := make(map[int64]bool)
	for _, p := range parts {
		ix, ok := p.node.(*ast.IndexExpr)
		if !ok || c.varOf(ix.X) != w {
			return false
		}
		tv, ok := c.info.Types[ix.Index]
		if !ok || tv.Value == nil {
			return false
		}
		i, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok {
			return false
		}
		seen[i] = true
	}
	body := funcs.Body(fn)
	if body == nil {
		return false
	}
	for _, st := range body.List {
		ifs, ok := st.(*ast.IfStmt)
		if !ok || ifs.Init != nil || !funcs.LeavesList(ifs.Body) {
			continue
		}
		be, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || be.Op != token.NEQ {
			continue
		}
		lenCall, ok := ast.Unparen(be.X).(*ast.CallExpr)
		if !ok || !code.CallsBuiltin(c.info, lenCall, "len") || len(lenCall.Args) != 1 || c.varOf(lenCall.Args[0]) != w {
			continue
		}
		tv, ok := c.info.Types[be.Y]
		if !ok || tv.Value == nil {
			continue
		}
		k, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok || int64(len(seen)) != k {
			continue
		}
		for i := range k {
			if !seen[i] {
				return false
			}
		}
		return true
	}
	return false
}
