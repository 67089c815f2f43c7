package lockescape

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
)

// ReturnsGuarded marks a function that returns, read under a lock, a
// reference into the state that lock guards: a pointer, map or slice
// that shares memory with it (GetProject returning c.projects[id]).
// A caller that writes through the result without the lock races with
// every holder of the lock, in the package or in an importer.
type ReturnsGuarded struct {
	Result int    // index of the result
	Field  string // the guarded state it comes from: "c.projects"
	Mutex  string // the mutex as the function names it: "c.mu"
	// OwnerPkg, OwnerType and MutexField identify the mutex, so that a
	// caller that holds it itself (an exported or embedded mutex) is
	// known to write under the lock.
	OwnerPkg, OwnerType, MutexField string
	// Paths lists the field paths, from the returned record's type,
	// through a pointer, map or slice field of it, that code of the
	// package uses holding the mutex ("pkg.Peer.Callback.OnLeave",
	// "pkg.Item.Meta.Tags"): a caller's write through such a field
	// races with the lock's holders only along one of these.
	Paths []string
}

// AFact marks ReturnsGuarded as an analysis fact.
func (*ReturnsGuarded) AFact() {}

func (f *ReturnsGuarded) String() string {
	return fmt.Sprintf("result %d refers into %s, guarded by %s", f.Result, f.Field, f.Mutex)
}

// heldBy reports whether r holds the mutex the fact names.
func (f *ReturnsGuarded) heldBy(r *mutexmodel.Region) bool {
	obj := r.Owner.Obj()
	return r.Mutex.Name() == f.MutexField && obj.Name() == f.OwnerType && obj.Pkg() != nil && obj.Pkg().Path() == f.OwnerPkg
}

// returnSite is where, in this package, a function with a ReturnsGuarded
// fact returns the reference, and the lock it holds there.
type returnSite struct {
	ret  ast.Node
	lock ast.Node
	op   mutexmodel.Op
}

// summarizeReturns exports a ReturnsGuarded fact for the function fn
// when one of its results, read under one of its locks, refers into the
// state that lock guards: returned while holding the lock, or loaded
// under it into a variable assigned once and returned after the unlock.
func (c *checker) summarizeReturns(fn ast.Node, regions []*mutexmodel.Region) {
	fd, ok := fn.(*ast.FuncDecl)
	if !ok {
		return
	}
	obj, _ := c.info.Defs[fd.Name].(*types.Func)
	if obj == nil {
		return
	}
	nres := obj.Signature().Results().Len()
	type found struct {
		r   *mutexmodel.Region
		i   int
		f   *types.Var
		ret ast.Node
	}
	var best *found
	note := func(r *mutexmodel.Region, i int, f *types.Var, ret ast.Node) {
		if best == nil || ret.Pos() < best.ret.Pos() {
			best = &found{r, i, f, ret}
		}
	}
	type load struct {
		r  *mutexmodel.Region
		f  *types.Var
		ix *ast.IndexExpr // v := c.f[k]: a pop when taken out before the return
	}
	loads := make(map[*types.Var]load)
	for _, r := range regions {
		r.Nodes(func(n ast.Node) {
			switch n := n.(type) {
			case *ast.ReturnStmt:
				if len(n.Results) != nres {
					return
				}
				for i, res := range n.Results {
					if f := c.guardedRef(r, res); f != nil && !c.resetsOnReturn(fn, &escape{region: r, field: f}, n) {
						note(r, i, f, n)
					}
				}
			case *ast.AssignStmt:
				if len(n.Rhs) != len(n.Lhs) && !(len(n.Rhs) == 1 && isCommaOk(n.Rhs[0])) {
					return
				}
				for i, lhs := range n.Lhs {
					rhs := n.Rhs[0]
					if len(n.Rhs) == len(n.Lhs) {
						rhs = n.Rhs[i]
					} else if i > 0 {
						continue
					}
					id, ok := ast.Unparen(lhs).(*ast.Ident)
					if !ok {
						continue
					}
					v, ok := c.info.ObjectOf(id).(*types.Var)
					if !ok || v.IsField() {
						continue
					}
					if f := c.guardedRef(r, rhs); f != nil {
						ix, _ := ast.Unparen(rhs).(*ast.IndexExpr)
						loads[v] = load{r, f, ix}
					}
				}
			}
		})
	}
	if len(loads) > 0 {
		assigns := assignCounts(c.info, funcs.Body(fn))
		ast.Inspect(funcs.Body(fn), func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if len(n.Results) != nres {
					return true
				}
				for i, res := range n.Results {
					id, ok := ast.Unparen(res).(*ast.Ident)
					if !ok {
						continue
					}
					v, _ := c.info.Uses[id].(*types.Var)
					if l, ok := loads[v]; ok && assigns[v] == 1 && !c.replaces(fn, &escape{region: l.r, field: l.f}) &&
						(l.ix == nil || !mutexmodel.TakesOut(c.info, funcs.Body(fn), l.ix, n)) {
						note(l.r, i, l.f, n)
					}
				}
			}
			return true
		})
	}
	if best == nil {
		return
	}
	owner := best.r.Owner.Obj()
	fact := &ReturnsGuarded{
		Result:     best.i,
		Field:      types.ExprString(best.r.Expr) + "." + best.f.Name(),
		Mutex:      types.ExprString(lockExpr(best.r)),
		OwnerType:  owner.Name(),
		MutexField: best.r.Mutex.Name(),
		Paths:      c.recordPaths(best.r.Mutex, obj.Signature().Results().At(best.i).Type()),
	}
	if owner.Pkg() != nil {
		fact.OwnerPkg = owner.Pkg().Path()
	}
	c.pass.ExportObjectFact(obj, fact)
	c.sites[obj] = returnSite{ret: best.ret, lock: best.r.Lock, op: best.r.Op}
}

// guardedRef returns the guarded field of r's struct that e, a pointer,
// map or slice, shares memory with (c.f, c.f[k], c.f[i:j], &c.f[i].g,
// q.find(k) for a method that returns &q.jobs[i]), or nil. Values that
// synchronise themselves do not count.
func (c *checker) guardedRef(r *mutexmodel.Region, e ast.Expr) *types.Var {
	t := c.info.TypeOf(e)
	if tup, ok := t.(*types.Tuple); ok && tup.Len() > 0 {
		t = tup.At(0).Type() // v, ok := m[k]
	}
	if !isReference(t) {
		return nil
	}
	f := c.refField(r, e)
	if f == nil {
		return nil
	}
	g := c.model.Guarded(f)
	if g == nil || !g.GuardedBy(r.Mutex) || g.WriterAtBuffer || mutexmodel.SelfSynchronized(f.Type()) {
		return nil
	}
	return f
}

// isReference reports whether values of t share memory with what they
// were read from, and have no synchronisation of their own.
func isReference(t types.Type) bool {
	if t == nil || mutexmodel.SelfSynchronized(t) {
		return false
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Map, *types.Slice:
		return true
	case *types.Pointer:
		_, isStruct := u.Elem().Underlying().(*types.Struct)
		return isStruct
	}
	return false
}

// refField walks from e down to the field of r's struct it is read from.
func (c *checker) refField(r *mutexmodel.Region, e ast.Expr) *types.Var {
	for e = ast.Unparen(e); ; {
		if f := r.FieldOf(c.info, e); f != nil {
			return f
		}
		switch x := e.(type) {
		case *ast.UnaryExpr:
			e = ast.Unparen(x.X)
		case *ast.IndexExpr:
			e = ast.Unparen(x.X)
		case *ast.SliceExpr:
			e = ast.Unparen(x.X)
		case *ast.StarExpr:
			e = ast.Unparen(x.X)
		case *ast.SelectorExpr:
			if s := c.info.Selections[x]; s == nil || s.Kind() != types.FieldVal {
				return nil
			}
			e = ast.Unparen(x.X)
		case *ast.CallExpr:
			return c.callRefField(r, x)
		default:
			return nil
		}
	}
}

// callRefField returns the field of r's struct that a method called on
// the region's base returns a reference into, from the package's summary
// of the method.
func (c *checker) callRefField(r *mutexmodel.Region, call *ast.CallExpr) *types.Var {
	refs := c.model.CallRefs(r, call)
	if refs == nil {
		return nil
	}
	callee := *r
	callee.Base = []types.Object{refs.Recv}
	for _, ref := range refs.Refs {
		if ref.Elem != nil {
			if f := callee.FieldOf(c.info, ref.Elem); f != nil && isReference(ref.ElemType) {
				return f
			}
			continue
		}
		if f := c.refField(&callee, ref.Expr); f != nil {
			return f
		}
	}
	return nil
}
