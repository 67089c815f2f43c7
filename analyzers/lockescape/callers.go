package lockescape

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// source is a call whose result refers into guarded state.
type source struct {
	call   *ast.CallExpr
	callee *types.Func
	fact   *ReturnsGuarded
}

// checkCallerWrites reports writes, made without the lock, through the
// result of a function with a ReturnsGuarded fact: p := c.GetProject(id)
// followed by p.Status = s, m := c.Snapshot() followed by m[k] = v, or
// c.GetProject(id).Status = s. A function's first such write through one
// result is reported; the others are the same race.
func (c *checker) checkCallerWrites(in *inspector.Inspector) {
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if fd.Body == nil {
			continue
		}
		srcs := c.sources(fd.Body)
		done := make(map[*types.Var]bool)
		for wc := range cur.Preorder((*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.ExprStmt)(nil)) {
			for _, target := range writeTargets(c.info, wc.Node()) {
				src, v, ok := c.writeSource(srcs, target)
				if !ok || (v != nil && done[v]) || c.heldAt(wc, src.fact) || c.unguarded(target, src) {
					continue
				}
				if v != nil {
					done[v] = true
				}
				c.reportCallerWrite(wc.Node(), target, src)
			}
		}
	}
}

// sources returns the local variables of body assigned once, from the
// guarded result of a call.
func (c *checker) sources(body *ast.BlockStmt) map[*types.Var]source {
	srcs := make(map[*types.Var]source)
	assigns := assignCounts(c.info, body)
	add := func(lhs []ast.Expr, rhs ast.Expr) {
		call, ok := ast.Unparen(rhs).(*ast.CallExpr)
		if !ok {
			return
		}
		src, ok := c.guardedCall(call)
		if !ok || src.fact.Result >= len(lhs) || (len(lhs) > 1 && src.callee.Signature().Results().Len() != len(lhs)) {
			return
		}
		id, ok := ast.Unparen(lhs[src.fact.Result]).(*ast.Ident)
		if !ok {
			return
		}
		if v, ok := c.info.ObjectOf(id).(*types.Var); ok && assigns[v] == 1 {
			srcs[v] = src
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 {
				add(n.Lhs, n.Rhs[0])
			}
		case *ast.ValueSpec:
			if len(n.Values) == 1 {
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				add(lhs, n.Values[0])
			}
		}
		return true
	})
	return srcs
}

// guardedCall returns the source for a call of a function with a
// ReturnsGuarded fact.
func (c *checker) guardedCall(call *ast.CallExpr) (source, bool) {
	fn := typematch.Callee(c.info, call)
	if fn == nil {
		return source{}, false
	}
	fn = fn.Origin()
	var fact ReturnsGuarded
	if c.pass.ImportObjectFact(fn, &fact) {
		return source{call: call, callee: fn, fact: &fact}, true
	}
	if impl := c.implementation(fn); impl != nil && c.pass.ImportObjectFact(impl, &fact) {
		return source{call: call, callee: impl, fact: &fact}, true
	}
	return source{}, false
}

// implementation returns, for a method of an interface declared in this
// package, the method of the package's first type (by name) that
// implements the interface and whose method of that name has a
// ReturnsGuarded fact: a call through the package's own interface
// (c.m.Decode(id), m a handleMap) reaches the package's own
// implementation. Nil otherwise.
func (c *checker) implementation(fn *types.Func) *types.Func {
	recv := fn.Signature().Recv()
	if recv == nil || fn.Pkg() != c.pass.Pkg {
		return nil
	}
	iface, ok := recv.Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	if impl, ok := c.impls[fn]; ok {
		return impl
	}
	if c.impls == nil {
		c.impls = make(map[*types.Func]*types.Func)
	}
	impl := c.findImplementation(fn, iface)
	c.impls[fn] = impl
	return impl
}

// findImplementation is implementation without the memo.
func (c *checker) findImplementation(fn *types.Func, iface *types.Interface) *types.Func {
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(t, iface) {
				continue
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, fn.Name())
			if m, ok := obj.(*types.Func); ok {
				var fact ReturnsGuarded
				if c.pass.ImportObjectFact(m, &fact) {
					return m
				}
			}
		}
	}
	return nil
}

// writeTargets returns the expressions that the statement n stores into:
// the left-hand sides of an assignment (not a definition), the operand of
// ++ and --, the map of delete and clear.
func writeTargets(info *types.Info, n ast.Node) []ast.Expr {
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.DEFINE {
			return n.Lhs
		}
	case *ast.IncDecStmt:
		return []ast.Expr{n.X}
	case *ast.ExprStmt:
		call, ok := ast.Unparen(n.X).(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return nil
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "delete" || b.Name() == "clear") {
				// Writing the map itself: as a store into one of its
				// elements.
				return []ast.Expr{&ast.IndexExpr{X: call.Args[0]}}
			}
		}
	}
	return nil
}

// writeSource reports whether the store into target goes through the
// guarded result of a call, held in a variable (p.Status, m[k], s[i].n)
// or used directly (c.Get(id).Status), and returns the variable.
func (c *checker) writeSource(srcs map[*types.Var]source, target ast.Expr) (source, *types.Var, bool) {
	root, steps := c.chainRoot(target)
	if steps == 0 {
		return source{}, nil, false
	}
	switch x := root.(type) {
	case *ast.Ident:
		v, ok := c.info.Uses[x].(*types.Var)
		if !ok {
			return source{}, nil, false
		}
		src, ok := srcs[v]
		return src, v, ok
	case *ast.CallExpr:
		src, ok := c.guardedCall(x)
		if !ok || src.fact.Result != 0 || src.callee.Signature().Results().Len() != 1 {
			return source{}, nil, false
		}
		return src, nil, true
	}
	return source{}, nil, false
}

// chainRoot follows e down its field selections, index expressions and
// dereferences (p.Status, m[k], s[i].n, *q) to the expression they start
// from, and counts the steps. A selection that is not a field (a method
// value, a package's name) ends the chain with a nil root.
func (c *checker) chainRoot(e ast.Expr) (root ast.Expr, steps int) {
	for e = ast.Unparen(e); ; steps++ {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			if s := c.info.Selections[x]; s == nil || s.Kind() != types.FieldVal {
				return nil, steps
			}
			e = ast.Unparen(x.X)
		case *ast.IndexExpr:
			e = ast.Unparen(x.X)
		case *ast.StarExpr:
			e = ast.Unparen(x.X)
		default:
			return e, steps
		}
	}
}

// unguarded reports whether the write to target, through a result the
// fact describes, reaches memory that no code of the result's package
// uses while holding the mutex, so that it races with no holder of the
// lock:
//   - through a pointer, map or slice held in a field of the returned
//     record (p.Callback.OnLeave = f, p.Meta.Tags[k] = v), along a field
//     path the package does not use under the lock;
//   - into a field of the record itself (p.nextSeq++, p.Stats.N = n)
//     that no code of the package uses under the lock on a record read
//     from the state it guards, nor the whole record there (a copy, the
//     record handed to a function). The lock then guards the record's
//     place in its container, not that field, which another lock or the
//     one goroutine owning the record keeps. An exported field of a
//     record that importers can get (an exported function of an exported
//     type returns it) is theirs to use anywhere: its write is reported.
func (c *checker) unguarded(target ast.Expr, src source) bool {
	root, _ := c.chainRoot(target)
	steps, ok := accessSteps(c.info, target, func(e ast.Expr) bool { return e == root })
	if !ok {
		return false
	}
	if key, crosses := crossing(steps); crosses {
		return key != "" && !slices.Contains(src.fact.Paths, key)
	}
	key := recordField(steps)
	if key == "" || steps[0].field.Exported() && importersReach(src.callee) {
		return false
	}
	whole := key[:strings.LastIndex(key, ".")] + ".*"
	return !slices.Contains(src.fact.Paths, key) && !slices.Contains(src.fact.Paths, whole)
}

// importersReach reports whether other packages can call fn: it is
// exported, and so is its receiver's type.
func importersReach(fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	if recv := fn.Signature().Recv(); recv != nil {
		obj := typematch.NamedObj(recv.Type())
		return obj != nil && obj.Exported()
	}
	return true
}

// heldAt reports whether the statement at cur runs holding the mutex the
// fact names.
func (c *checker) heldAt(cur inspector.Cursor, fact *ReturnsGuarded) bool {
	if c.model == nil {
		return false
	}
	fn, ok := funcs.Enclosing(cur)
	if !ok {
		return false
	}
	for _, r := range c.model.RegionsOf(fn.Node()) {
		if r.Holds(cur.Node()) && fact.heldBy(r) {
			return true
		}
	}
	return false
}

func (c *checker) reportCallerWrite(n ast.Node, target ast.Expr, src source) {
	if c.reported[n.Pos()] {
		return
	}
	c.reported[n.Pos()] = true
	t := c.info.TypeOf(src.call)
	if tup, ok := t.(*types.Tuple); ok {
		t = tup.At(src.fact.Result).Type()
	}
	d := analysis.Diagnostic{
		Pos: n.Pos(),
		End: n.End(),
		Message: fmt.Sprintf("%s writes the %s that %s returns from %s without holding %s (a data race)",
			writeString(n, target), c.typeString(t), types.ExprString(src.call.Fun), src.fact.Field, src.fact.Mutex),
	}
	if site, ok := c.sites[src.callee]; ok {
		d.Related = []analysis.RelatedInformation{
			{Pos: site.ret.Pos(), End: site.ret.End(), Message: "returned here"},
			{Pos: site.lock.Pos(), End: site.lock.End(), Message: fmt.Sprintf("%s.%s here", src.fact.Mutex, site.op)},
		}
	}
	c.r.Report(d)
}

// writeString names the write: "assignment to p.Status", "p.n++",
// "delete(m, k)".
func writeString(n ast.Node, target ast.Expr) string {
	if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) > 1 {
		return "assignment to " + types.ExprString(target)
	}
	return stmtString(n)
}
