package lockescape

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/report"
)

// Writes under a read lock.

func (c *checker) checkReadLockWrites(fn ast.Node, regions []*mutexmodel.Region) {
	var assigns map[*types.Var]int
	for _, r := range regions {
		if r.Op != mutexmodel.RLock {
			continue
		}
		if assigns == nil {
			assigns = assignCounts(c.info, funcs.Body(fn))
		}
		loads := c.pointerLoads(r, assigns)
		r.Nodes(func(n ast.Node) {
			if writeLocked(regions, n) {
				return
			}
			c.readLockWrites(r, n, loads)
		})
	}
}

// writeLocked reports whether n also runs under some write lock of the
// function: the write may be guarded by that one.
func writeLocked(regions []*mutexmodel.Region, n ast.Node) bool {
	for _, r := range regions {
		if r.Op == mutexmodel.Lock && r.Holds(n) {
			return true
		}
	}
	return false
}

func (c *checker) readLockWrites(r *mutexmodel.Region, n ast.Node, loads map[*types.Var]*types.Var) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		// x op= y reads and writes x: a counter.
		update := n.Tok != token.ASSIGN && n.Tok != token.DEFINE
		for _, lhs := range n.Lhs {
			at := ast.Node(n)
			if len(n.Lhs) > 1 {
				at = lhs
			}
			c.readLockWrite(r, at, lhs, update, loads)
		}
	case *ast.IncDecStmt:
		c.readLockWrite(r, n, n.X, true, loads)
	case *ast.ExprStmt:
		call, ok := ast.Unparen(n.X).(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return
		}
		if b, ok := c.info.Uses[id].(*types.Builtin); ok && (b.Name() == "delete" || b.Name() == "clear") {
			if f := c.containerField(r, call.Args[0]); f != nil {
				_, isMap := c.info.TypeOf(call.Args[0]).Underlying().(*types.Map)
				c.reportReadLockWrite(r, n, f, isMap)
			}
		}
	}
}

// readLockWrite reports the store into lhs, under r's read lock, when it
// writes guarded state or a struct reached through a pointer read from
// guarded state under the same read lock. update: the store reads the old
// value too (++, +=).
func (c *checker) readLockWrite(r *mutexmodel.Region, at ast.Node, lhs ast.Expr, update bool, loads map[*types.Var]*types.Var) {
	if f, isMap := c.writeTarget(r, lhs, update); f != nil {
		c.reportReadLockWrite(r, at, f, isMap)
		return
	}
	if v, f := c.throughLoad(lhs, loads); v != nil {
		c.reportPointeeWrite(r, at, v, f)
	}
}

// writeTarget returns the guarded field of the region's struct that a
// store into lhs writes, directly or in place (c.f, c.f[k], c.f.g,
// c.f[i].g), not through a pointer, and whether the store writes a map.
// update says the store also reads the old value (c.hits++).
func (c *checker) writeTarget(r *mutexmodel.Region, lhs ast.Expr, update bool) (*types.Var, bool) {
	isMap := false
	for e := ast.Unparen(lhs); ; {
		if f := r.FieldOf(c.info, e); f != nil {
			if !c.guardedWrite(f, r, update || isMap) {
				return nil, false
			}
			if !update && !isMap && isTeardown(r.Func) && !c.readLockedElsewhere(f, r.Func) {
				// Stop clearing s.provider under RLock: it runs once,
				// and no reader holds the read lock over the field.
				return nil, false
			}
			return f, isMap
		}
		switch x := e.(type) {
		case *ast.IndexExpr:
			t := c.info.TypeOf(x.X)
			if t == nil {
				return nil, false
			}
			switch t.Underlying().(type) {
			case *types.Map:
				isMap = true
			case *types.Slice, *types.Array:
			default:
				return nil, false
			}
			e = ast.Unparen(x.X)
		case *ast.SelectorExpr:
			t := c.info.TypeOf(x.X)
			if t == nil {
				return nil, false
			}
			if _, ptr := t.Underlying().(*types.Pointer); ptr {
				return nil, false
			}
			e = ast.Unparen(x.X)
		default:
			return nil, false
		}
	}
}

// guardedWrite reports whether a store into field f under r's lock
// writes state the mutex guards. Under the read lock, a field never
// touched under the write lock but by teardown (lockedBeyondTeardown)
// counts only when the store is a counter
// or a map change (c.reads++, l.denied[k]++, delete): readers run it
// together and race. A plain store to such a field (rs.lastcols = nil)
// is the shape of a read lock used as a barrier against Close by the one
// goroutine that owns the field.
func (c *checker) guardedWrite(f *types.Var, r *mutexmodel.Region, shared bool) bool {
	if c.guardedBy(f, r) {
		return true
	}
	g := c.model.Guarded(f)
	return shared && r.Op == mutexmodel.RLock && g != nil && !c.lockedBeyondTeardown(f) && g.GuardedBy(r.Mutex) &&
		(!mutexmodel.SelfSynchronized(f.Type()) || isChanStore(f))
}

// pointerLoads returns the local variables, assigned once in the
// function, that the region r loads a pointer to a struct into from
// guarded state (b := l.buckets[k]), with the field they come from.
func (c *checker) pointerLoads(r *mutexmodel.Region, assigns map[*types.Var]int) map[*types.Var]*types.Var {
	loads := make(map[*types.Var]*types.Var)
	r.Nodes(func(n ast.Node) {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || (len(as.Lhs) != 1 && !isCommaOk(as.Rhs[0])) {
			return
		}
		id, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident)
		if !ok {
			return
		}
		v, ok := c.info.ObjectOf(id).(*types.Var)
		if !ok || v.IsField() || assigns[v] != 1 {
			return
		}
		if _, ptr := types.Unalias(v.Type()).Underlying().(*types.Pointer); !ptr {
			return
		}
		if f := c.guardedRef(r, as.Rhs[0]); f != nil {
			loads[v] = f
		}
	})
	return loads
}

// throughLoad returns the loaded pointer variable that the store into
// lhs writes through (b.tokens, b.hist[i]), and the field it was loaded
// from.
func (c *checker) throughLoad(lhs ast.Expr, loads map[*types.Var]*types.Var) (*types.Var, *types.Var) {
	if len(loads) == 0 {
		return nil, nil
	}
	root, steps := c.chainRoot(lhs)
	id, ok := root.(*ast.Ident)
	if !ok || steps == 0 {
		return nil, nil
	}
	v, _ := c.info.Uses[id].(*types.Var)
	if f := loads[v]; f != nil {
		return v, f
	}
	return nil, nil
}

func (c *checker) reportPointeeWrite(r *mutexmodel.Region, at ast.Node, v, f *types.Var) {
	if c.reported[at.Pos()] {
		return
	}
	c.reported[at.Pos()] = true
	mu := types.ExprString(lockExpr(r))
	c.r.Report(analysis.Diagnostic{
		Pos:     at.Pos(),
		End:     at.End(),
		Message: fmt.Sprintf("%s writes through %s, read from %s.%s under %s.RLock: every concurrent reader shares the pointee and races with it; use %s.Lock", nodeString(at), v.Name(), types.ExprString(r.Expr), f.Name(), mu, mu),
		Related: report.Related(r.Lock, "%s.RLock here", mu),
	})
}

// containerField returns the guarded field that e denotes, directly or as
// a value-typed part of it, for delete and clear.
func (c *checker) containerField(r *mutexmodel.Region, e ast.Expr) *types.Var {
	f, _ := c.writeTarget(r, e, true)
	return f
}

// guardedBy reports whether field f belongs to the mutex of r and to no
// other: a field that is also accessed under another mutex of the struct
// may be guarded by that one.
func (c *checker) guardedBy(f *types.Var, r *mutexmodel.Region) bool {
	g := c.model.Guarded(f)
	if g == nil || !g.GuardedBy(r.Mutex) {
		return false
	}
	if r.Op == mutexmodel.RLock && !c.lockedBeyondTeardown(f) {
		// Never accessed under the write lock: the code uses the read
		// lock for something else than readers (a barrier against
		// Close, say), and the field for a single goroutine.
		return false
	}
	return !mutexmodel.SelfSynchronized(f.Type()) || isChanStore(f)
}

// isChanStore: storing a new channel into a channel field is still a
// write of the field.
func isChanStore(f *types.Var) bool {
	_, ok := f.Type().Underlying().(*types.Chan)
	return ok
}

func (c *checker) reportReadLockWrite(r *mutexmodel.Region, n ast.Node, f *types.Var, isMap bool) {
	if c.reported[n.Pos()] {
		return
	}
	c.reported[n.Pos()] = true
	mu := types.ExprString(lockExpr(r))
	consequence := "concurrent readers race with it"
	if isMap {
		consequence = "concurrent readers race with it (fatal for a map)"
	}
	c.r.Report(analysis.Diagnostic{
		Pos:     n.Pos(),
		End:     n.End(),
		Message: fmt.Sprintf("%s writes %s.%s under %s.RLock: %s; use %s.Lock", nodeString(n), types.ExprString(r.Expr), f.Name(), mu, consequence, mu),
		Related: report.Related(r.Lock, "%s.RLock here", mu),
	})
}

// nodeString names a write: the statement, or "assignment to x" for one
// left-hand side of several.
func nodeString(n ast.Node) string {
	if e, ok := n.(ast.Expr); ok {
		return "assignment to " + types.ExprString(e)
	}
	return stmtString(n)
}

// lockedBeyondTeardown reports whether the field f is accessed under a
// write lock in a function other than a teardown method (Close, Stop,
// Shutdown, and the function literals in them). A field the write lock
// touches only there is owned by the one goroutine using the value, and
// the read lock around its stores is a barrier against Close, as
// database/sql's Rows and merge iterators use it (Next stores itr.curr
// under RLock; Close sets it to nil under Lock).
func (c *checker) lockedBeyondTeardown(f *types.Var) bool {
	c.indexLockedFields()
	return c.lockedLive[f.Origin()]
}

// readLockedElsewhere reports whether a function other than fn accesses
// the field f under a read lock.
func (c *checker) readLockedElsewhere(f *types.Var, fn ast.Node) bool {
	c.indexLockedFields()
	for _, g := range c.readLockedIn[f.Origin()] {
		if g != fn {
			return true
		}
	}
	return false
}

// isTeardown reports a method that tears its value down: Close, Stop or
// Shutdown, the last call by convention.
func isTeardown(fn ast.Node) bool {
	fd, ok := fn.(*ast.FuncDecl)
	return ok && isTeardownName(fd.Name.Name)
}

func isTeardownName(name string) bool {
	switch name {
	case "Close", "Stop", "Shutdown":
		return true
	}
	return false
}

// indexLockedFields records, once per package, the fields accessed under
// a write lock outside teardown methods (lockedLive) and the functions
// accessing each under a read lock (readLockedIn).
func (c *checker) indexLockedFields() {
	if c.lockedLive != nil {
		return
	}
	c.lockedLive = make(map[*types.Var]bool)
	c.readLockedIn = make(map[*types.Var][]ast.Node)
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		teardown := isTeardown(cur.Node())
		for n := range cur.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			for _, r := range c.model.RegionsOf(n.Node()) {
				if r.Op == mutexmodel.Lock && teardown {
					continue
				}
				r.Nodes(func(held ast.Node) {
					ast.Inspect(held, func(x ast.Node) bool {
						sel, ok := x.(*ast.SelectorExpr)
						if !ok {
							return true
						}
						v := r.FieldOf(c.info, sel)
						if v == nil {
							return true
						}
						if r.Op == mutexmodel.Lock {
							c.lockedLive[v] = true
						} else {
							c.readLockedIn[v] = append(c.readLockedIn[v], n.Node())
						}
						return true
					})
				})
			}
		}
	}
}
