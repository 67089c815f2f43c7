// What a function does to release a lock other than by an unlock
// statement of its own, which the lock's paths leave alone.

package lostunlock

import (
	"go/ast"
	"go/types"
	"maps"
	"slices"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/typematch"
)

// unusualReleases returns the keys of the mutexes that the function
// releases other than by an unlock call statement of its own: deferred,
// in a function literal (an unlock closure handed to the caller, a
// goroutine that releases), or through a method value. Their paths are
// beyond this analysis; it stays silent about them. A literal whose
// first operation on a mutex locks it releases its own lock, not the
// function's, and is no unusual release of that mutex; for a deferred
// one (defer func() { mu.Lock(); busy = false; mu.Unlock() }()),
// relocks maps the mutex's key to it.
func (c *checker) unusualReleases(fn ast.Node) (keys map[string]bool, relocks map[string]*ast.DeferStmt) {
	keys = make(map[string]bool)
	relocks = make(map[string]*ast.DeferStmt)
	var visit func(n ast.Node, nested bool, own map[string]bool)
	visit = func(n ast.Node, nested bool, own map[string]bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				// A literal that locks first releases its own lock
				// (err := func() error { mu.Lock(); defer mu.Unlock(); ...
				// }()), not the function's.
				visit(n.Body, true, union(own, c.firstLocks(n.Body)))
				return false
			case *ast.DeferStmt:
				if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
					relocked := c.firstLocks(lit.Body)
					for key := range relocked {
						if relocks[key] == nil {
							relocks[key] = n
						}
					}
					visit(lit.Body, true, union(own, relocked))
					for _, a := range n.Call.Args {
						visit(a, true, own)
					}
					return false
				}
				visit(n.Call, true, own)
				return false
			case *ast.GoStmt:
				visit(n.Call, true, own)
				return false
			case *ast.ReturnStmt:
				if !nested {
					for _, r := range n.Results {
						for _, f := range c.releasedBy(r) {
							if key := c.mutexes.FieldKey(r, f); key != "" {
								keys[key] = true
							}
						}
					}
				}
			case *ast.CallExpr:
				if op, mu := mutexmodel.CallOp(c.info, n); op.Releases() && nested && !own[c.mutexes.Key(mu)] {
					keys[c.mutexes.Key(mu)] = true
				}
				// Visit the receiver and arguments, not the selector
				// itself, which the method-value case would see.
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					if op, _ := mutexmodel.CallOp(c.info, n); op != mutexmodel.NoOp {
						visit(sel.X, nested, own)
						for _, a := range n.Args {
							visit(a, nested, own)
						}
						return false
					}
				}
			case *ast.SelectorExpr:
				// A method value c.mu.Unlock, stored or passed on.
				if sel := c.info.Selections[n]; sel != nil && sel.Kind() == types.MethodVal {
					if fn, ok := sel.Obj().(*types.Func); ok && mutexmodel.MethodOp(fn).Releases() {
						keys[c.mutexes.Key(n.X)] = true
					}
				}
			}
			return true
		})
	}
	visit(funcs.Body(fn), false, nil)
	for key := range keys {
		delete(relocks, key) // released some other way too: left alone
	}
	return keys, relocks
}

// releasedBy returns the mutex fields of the value r that a method of
// its type (declared in this package) releases without taking them: the
// release of a lock its caller got from a function returning the value
// (tryLock returning l, whose Unlock runs l.mu.Unlock()). Returning r hands the held lock to the caller with
// the way to release it.
func (c *checker) releasedBy(r ast.Expr) []*types.Var {
	tn := typematch.NamedObj(c.info.TypeOf(r))
	if tn == nil || tn.Pkg() != c.pass.Pkg {
		return nil
	}
	named, ok := tn.Type().(*types.Named)
	if !ok {
		return nil
	}
	var out []*types.Var
	for m := range named.Methods() {
		locks := c.mutexes.Locks(m)
		for obj := range c.mutexes.Unlocks(m) {
			if f, ok := obj.(*types.Var); ok && f.IsField() && !locks[obj] && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// localMutex reports whether mu is a mutex variable declared in body (var
// mu sync.Mutex), not a pointer: nothing outside the function and its
// closures can reach it. A field of a local (js.mu) belongs to whatever
// the local points to.
func (c *checker) localMutex(body *ast.BlockStmt, mu ast.Expr) bool {
	id, ok := ast.Unparen(mu).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || v.IsField() || !code.Contains(body, v.Pos()) {
		return false
	}
	_, ptr := v.Type().Underlying().(*types.Pointer)
	return !ptr
}

func union(a, b map[string]bool) map[string]bool {
	if len(a) == 0 {
		return b
	}
	u := maps.Clone(a)
	maps.Copy(u, b)
	return u
}

// firstLocks returns the keys of the mutexes whose first operation in
// body, in source order and outside nested function literals, is a
// Lock or RLock call statement at body's top level.
func (c *checker) firstLocks(body *ast.BlockStmt) map[string]bool {
	first := make(map[string]bool)
	seen := make(map[string]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if op, mu := mutexmodel.CallOp(c.info, n); op != mutexmodel.NoOp {
				key := c.mutexes.Key(mu)
				if !seen[key] {
					seen[key] = true
					first[key] = op.Acquires() && topLevelCall(body, n)
				}
			}
		}
		return true
	})
	for key, ok := range first {
		if !ok {
			delete(first, key)
		}
	}
	return first
}

// topLevelCall reports whether call is a statement of body itself, not
// one under a branch: it runs whenever body does.
func topLevelCall(body *ast.BlockStmt, call *ast.CallExpr) bool {
	for _, st := range body.List {
		if es, ok := st.(*ast.ExprStmt); ok && ast.Unparen(es.X) == call {
			return true
		}
	}
	return false
}
