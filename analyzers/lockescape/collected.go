package lockescape

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/mutexmodel"
)

// Records collected into a fresh slice.
//
// A method that lists a guarded container's records copies the pointers
// into a slice of its own under the lock and returns that:
//
//	func (r *Registry) List() []*Service {
//		r.mu.RLock()
//		defer r.mu.RUnlock()
//		out := make([]*Service, 0, len(r.m))
//		for _, s := range r.m {
//			out = append(out, s)
//		}
//		return out
//	}
//
// The slice is new, but its elements are the records the package changes
// in place (s.Status = st under the lock): every caller that reads them
// races with that write, as one that got a single record from Get does.

// taintRanges records, for each range under a lock over a guarded map,
// slice or array field holding records (for _, s := range r.m), the
// escape of its value variable, an element handed out like r.m[k]; it
// returns the set of those variables, which a range assigns once per
// element.
func (c *checker) taintRanges(body *ast.BlockStmt, regions []*mutexmodel.Region, tainted map[*types.Var]*escape) map[*types.Var]bool {
	ranged := make(map[*types.Var]bool)
	if body == nil {
		return ranged
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.RangeStmt:
		default:
			return true
		}
		rs := n.(*ast.RangeStmt)
		if rs.Tok != token.DEFINE || rs.Value == nil {
			return true
		}
		id, ok := rs.Value.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := c.info.Defs[id].(*types.Var)
		if !ok {
			return true
		}
		for _, r := range regions {
			// The control-flow graph holds the ranged expression, the
			// statement's own node being the loop's head.
			if !r.Holds(rs.X) && !r.Holds(rs) {
				continue
			}
			f := r.FieldOf(c.info, rs.X)
			if f == nil || !c.guardedBy(f, r) {
				continue
			}
			var elem types.Type
			switch t := f.Type().Underlying().(type) {
			case *types.Map:
				elem = t.Elem()
			case *types.Slice:
				elem = t.Elem()
			default:
				continue
			}
			if e := c.elemEscape(r, f, elem); e != nil {
				tainted[v] = e
				ranged[v] = true
			}
		}
		return true
	})
	return ranged
}

// appendEscape returns the escape of append(out, xs...) when one of the
// appended values is a record handed out of guarded state: a variable
// that holds one (tainted), or &v.f of one (recordFieldEscape).
func (c *checker) appendEscape(rhs ast.Expr, tainted map[*types.Var]*escape, ranged map[*types.Var]bool) *escape {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok || len(call.Args) < 2 || call.Ellipsis.IsValid() {
		return nil
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if b, isBuiltin := c.info.Uses[id].(*types.Builtin); !ok || !isBuiltin || b.Name() != "append" {
		return nil
	}
	for _, a := range call.Args[1:] {
		if aid, ok := ast.Unparen(a).(*ast.Ident); ok {
			if v, ok := c.info.Uses[aid].(*types.Var); ok && ranged[v] && tainted[v] != nil {
				e := tainted[v]
				return &escape{e.region, e.field, "a slice of " + e.what, "", e.changed}
			}
		} else if e := c.recordFieldEscape(a, tainted, nil, ranged); e != nil {
			return &escape{e.region, e.field, "a slice of pointers into " + changedRecord(tainted[code.RootVar(c.info, a, false)]), "", e.changed}
		}
	}
	return nil
}

// onlyAppended reports whether every assignment to v in body gives it a
// fresh empty slice (make, nil, an empty literal) or appends to it
// (v = append(v, ...)): the slice is the function's own collection.
func (c *checker) onlyAppended(body *ast.BlockStmt, v *types.Var) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign || !ok {
			return ok
		}
		for i, lhs := range as.Lhs {
			id, isIdent := ast.Unparen(lhs).(*ast.Ident)
			if !isIdent || c.info.ObjectOf(id) != v {
				continue
			}
			if len(as.Rhs) != len(as.Lhs) || !c.freshOrAppend(as.Rhs[i], v) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// freshOrAppend reports whether e is make(...), nil, an empty composite
// literal, or append(v, ...).
func (c *checker) freshOrAppend(e ast.Expr, v *types.Var) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x.Name == "nil" && c.info.Uses[x] == types.Universe.Lookup("nil")
	case *ast.CompositeLit:
		return len(x.Elts) == 0
	case *ast.CallExpr:
		id, ok := ast.Unparen(x.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		b, ok := c.info.Uses[id].(*types.Builtin)
		if !ok {
			return false
		}
		switch b.Name() {
		case "make":
			return true
		case "append":
			first, ok := ast.Unparen(x.Args[0]).(*ast.Ident)
			return ok && c.info.Uses[first] == v
		}
	}
	return false
}
