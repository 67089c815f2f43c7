package lockescape

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Pointers into a field of a guarded record.
//
// A record read out of guarded state under the lock (st := m.nodes[name],
// a *nodeState) is shared with the package, which changes it in place.
// Returning the record is reported above; returning the address of one
// of its struct fields (&st.Node, the embedded public part) hands out
// the same memory, and is as much a race when the package writes that
// field: the caller reads st.Node's fields while a writer under the lock
// rewrites them (memberlist's LocalNode and aliveNode).

// A recordSlot is a field of a record type, by its index in the struct.
type recordSlot struct {
	record *types.TypeName
	index  int
}

// recordFieldEscape returns the escape of res when it is &v.f (or a
// deeper path through struct values, &v.f.g), v a variable loaded under
// the lock from guarded state (tainted), assigned once, pointing to a
// record handed out of the lock (escapes), and the package writes the
// field f of such a record through a shared pointer (directly, or through the
// promoted fields of an embedded f).
func (c *checker) recordFieldEscape(res ast.Expr, tainted map[*types.Var]*escape, assigns map[*types.Var]int, ranged map[*types.Var]bool) *escape {
	u, ok := ast.Unparen(res).(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return nil
	}
	var first *ast.SelectorExpr // the selector applied to v
	e := ast.Unparen(u.X)
	for {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			break
		}
		first = sel
		e = ast.Unparen(sel.X)
		if _, root := e.(*ast.Ident); !root {
			// Below v, struct values only: a pointer crossed leads to
			// another record.
			if t := c.info.TypeOf(e); t == nil || isPointer(t) {
				return nil
			}
		}
	}
	id, ok := e.(*ast.Ident)
	if !ok || first == nil {
		return nil
	}
	v, _ := c.info.Uses[id].(*types.Var)
	esc := tainted[v]
	if esc == nil || assigns[v] != 1 && !ranged[v] {
		return nil
	}
	s := c.info.Selections[first]
	if s == nil || s.Kind() != types.FieldVal || !isPointer(v.Type()) {
		return nil
	}
	n, ok := types.Unalias(v.Type().Underlying().(*types.Pointer).Elem()).(*types.Named)
	if !ok {
		return nil
	}
	c.indexRecordWrites()
	at := c.recordFieldWrites[recordSlot{n.Origin().Obj(), s.Index()[0]}]
	if at == nil {
		return nil
	}
	return &escape{esc.region, esc.field, types.ExprString(u) + ", a pointer into " + changedRecord(esc), "", at}
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// changedRecord names the record an escape hands out, as changed in
// place: "*nodeState from m.nodes, changed in place".
func changedRecord(e *escape) string {
	return strings.TrimSuffix(e.what, ", changed in place") + ", changed in place"
}
