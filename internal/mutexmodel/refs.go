package mutexmodel

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/trapvet/trapvet/internal/funcs"
)

// A Ref is a reference into its receiver's fields that a method returns:
// an expression over the receiver (&q.jobs[i], q.byID[k]), or an element
// of a container field reached through a range value variable (j in
// for _, j := range q.byID).
type Ref struct {
	Expr ast.Expr
	// Elem is set, instead of Expr, for a range element: the container
	// field's selector, and the element's type.
	Elem     *ast.SelectorExpr
	ElemType types.Type
}

// Refs is the summary of one method: its receiver and what it returns.
type Refs struct {
	Recv *types.Var
	Refs []Ref
}

// RefsOf returns what the method fn, declared in this package, returns
// that refers into its receiver's fields, or nil. A method that takes a
// lock itself is left out: its callers do not call it holding the lock.
func (m *Model) RefsOf(fn *types.Func) *Refs {
	fn = fn.Origin()
	if r, ok := m.refs[fn]; ok {
		return r
	}
	m.refs[fn] = nil
	d := m.summary.Decl(fn)
	if d == nil {
		return nil
	}
	recv := funcs.Receiver(m.info, d)
	if recv == nil {
		return nil
	}
	locks := false
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if op, _ := StmtOp(m.info, n); op.Acquires() {
			locks = true
		}
		return !locks
	})
	if locks {
		return nil
	}
	defs := localDefs(m.info, d.Body)
	out := &Refs{Recv: recv}
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, res := range n.Results {
				if ref, ok := resolveRef(m.info, recv, defs, res); ok && !popped(m.info, defs, d.Body, res, n) {
					out.Refs = append(out.Refs, ref)
				}
			}
		}
		return true
	})
	if len(out.Refs) == 0 {
		return nil
	}
	m.refs[fn] = out
	return out
}

// popped reports whether res is a local variable read from an element of
// a container (v := recv.f[i]) that body then takes out of it (TakesOut):
// the caller owns what it returns.
func popped(info *types.Info, defs map[types.Object]*localDef, body *ast.BlockStmt, res ast.Expr, ret *ast.ReturnStmt) bool {
	id, ok := ast.Unparen(res).(*ast.Ident)
	if !ok {
		return false
	}
	d := defs[info.Uses[id]]
	if d == nil || d.count != 1 || d.expr == nil {
		return false
	}
	ix, ok := ast.Unparen(d.expr).(*ast.IndexExpr)
	return ok && TakesOut(info, body, ix, ret)
}

// localDef is how a local variable got its only value.
type localDef struct {
	expr  ast.Expr // v := expr
	elems ast.Expr // for _, v := range elems
	count int
}

// localDefs records, for each local variable of body, its only definition;
// variables assigned more than once, or whose address is taken, have a
// count above one.
func localDefs(info *types.Info, body *ast.BlockStmt) map[types.Object]*localDef {
	defs := make(map[types.Object]*localDef)
	get := func(id *ast.Ident) *localDef {
		obj := info.ObjectOf(id)
		if obj == nil {
			return nil
		}
		d := defs[obj]
		if d == nil {
			d = &localDef{}
			defs[obj] = d
		}
		return d
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				if d := get(id); d != nil {
					d.count++
					if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
						d.expr = n.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				if d := get(id); d != nil {
					d.count++
				}
			}
		case *ast.RangeStmt:
			if id, ok := n.Key.(*ast.Ident); ok {
				if d := get(id); d != nil {
					d.count++
				}
			}
			if id, ok := n.Value.(*ast.Ident); ok {
				if d := get(id); d != nil {
					d.count++
					if n.Tok == token.DEFINE {
						d.elems = n.X
					}
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
				if d := get(id); d != nil {
					d.count += 2
				}
			}
		}
		return true
	})
	return defs
}

// resolveRef follows a returned local variable to its only definition,
// and reports whether the result refers into a field of recv.
func resolveRef(info *types.Info, recv *types.Var, defs map[types.Object]*localDef, res ast.Expr) (Ref, bool) {
	e := ast.Unparen(res)
	if id, ok := e.(*ast.Ident); ok {
		d := defs[info.Uses[id]]
		if d == nil || d.count != 1 {
			return Ref{}, false
		}
		switch {
		case d.expr != nil:
			e = ast.Unparen(d.expr)
		case d.elems != nil:
			sel, ok := ast.Unparen(d.elems).(*ast.SelectorExpr)
			if !ok || !onRecv(info, recv, sel) {
				return Ref{}, false
			}
			t := info.TypeOf(id)
			if t == nil {
				return Ref{}, false
			}
			return Ref{Elem: sel, ElemType: t}, true
		default:
			return Ref{}, false
		}
	}
	// The reference starts at a field of the receiver: recv.f, recv.f[i],
	// &recv.f[i].g.
	root := e
	for {
		switch x := root.(type) {
		case *ast.UnaryExpr:
			root = ast.Unparen(x.X)
			continue
		case *ast.IndexExpr:
			root = ast.Unparen(x.X)
			continue
		case *ast.SliceExpr:
			root = ast.Unparen(x.X)
			continue
		case *ast.SelectorExpr:
			if onRecv(info, recv, x) {
				return Ref{Expr: e}, true
			}
			root = ast.Unparen(x.X)
			continue
		}
		return Ref{}, false
	}
}

// onRecv reports whether sel selects a field directly on recv.
func onRecv(info *types.Info, recv *types.Var, sel *ast.SelectorExpr) bool {
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || info.Uses[id] != recv {
		return false
	}
	s := info.Selections[sel]
	return s != nil && s.Kind() == types.FieldVal
}

// CallRefs returns the summary of the method that e calls on the region's
// base (q.find(repo) under q.mu), when it returns references into it.
func (m *Model) CallRefs(r *Region, e ast.Expr) *Refs {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := m.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || !sameChain(Chain(m.info, sel.X), r.Base) {
		return nil
	}
	fn, ok := s.Obj().(*types.Func)
	if !ok {
		return nil
	}
	return m.RefsOf(fn)
}
