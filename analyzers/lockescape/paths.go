package lockescape

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A returned record shares its own memory with guarded state, but what
// its pointer, map and slice fields refer to is other memory: a caller's
// write to p.Callback.OnLeave or p.Meta.Tags[k] races with the lock's
// holders only when they use that memory. The package side records, per
// mutex, the field paths its code reaches through such a field while
// holding the mutex, starting from a reference read from guarded state
// (p := c.peers[id]; p.Callback.OnLeave, or c.m[k].Meta.Tags[v] = true);
// the ReturnsGuarded fact carries those that start at the returned
// record's type, and the caller side reports a write through such a
// field only when the fact lists its path.

// pathStep is one step of an access chain: a field selection (field set,
// on the struct type recv), an index, or a dereference, going through a
// value of type operand.
type pathStep struct {
	field   *types.Var
	recv    types.Type
	operand types.Type
}

// accessSteps walks e down its field selections, index expressions and
// dereferences to the first expression for which stop holds, and returns
// the steps from there up to e, outermost last. ok is false when the walk
// ends elsewhere.
func accessSteps(info *types.Info, e ast.Expr, stop func(ast.Expr) bool) (steps []pathStep, ok bool) {
	var rev []pathStep // innermost last
	for e = ast.Unparen(e); !stop(e); {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			s := info.Selections[x]
			if s == nil || s.Kind() != types.FieldVal {
				return nil, false
			}
			// x.f with embedded fields in between is x.E.f.
			var sel []pathStep
			t := s.Recv()
			for _, i := range s.Index() {
				st, _ := derefStruct(t)
				if st == nil {
					return nil, false
				}
				f := st.Field(i)
				sel = append(sel, pathStep{field: f, recv: t, operand: t})
				t = f.Type()
			}
			for i := len(sel) - 1; i >= 0; i-- {
				rev = append(rev, sel[i])
			}
			e = ast.Unparen(x.X)
		case *ast.IndexExpr:
			rev = append(rev, pathStep{operand: info.TypeOf(x.X)})
			e = ast.Unparen(x.X)
		case *ast.StarExpr:
			rev = append(rev, pathStep{operand: info.TypeOf(x.X)})
			e = ast.Unparen(x.X)
		default:
			return nil, false
		}
	}
	slices.Reverse(rev)
	return rev, true
}

// derefStruct returns the struct type of t, or of what t points to.
func derefStruct(t types.Type) (*types.Struct, bool) {
	st, ok := typematch.UnderPointer(t).(*types.Struct)
	return st, ok
}

// crossing returns the path of the first step of steps that goes through
// a pointer, map or slice held in a field of the record the chain starts
// from (p.Callback.OnLeave, p.Meta.Tags[k]): the record's type, qualified
// by its package, and the field names up to the field holding the
// reference, followed, through a pointer, by the field selected on it:
// "pkg.Peer.Callback.OnLeave", "pkg.Item.Meta.Tags". crosses is false for
// a chain that stays in the record (p.Status, m[k], p.Stats.N); key is ""
// when the record's type has no name.
func crossing(steps []pathStep) (key string, crosses bool) {
	var names []string
	var root types.Type
	prevField := false
	for _, s := range steps {
		if prevField && isRefType(s.operand) {
			if s.field != nil {
				names = append(names, s.field.Name())
			}
			obj := typematch.NamedObj(root)
			if obj == nil || obj.Pkg() == nil {
				return "", true
			}
			return obj.Pkg().Path() + "." + obj.Name() + "." + strings.Join(names, "."), true
		}
		if s.field != nil {
			if root == nil {
				root = s.recv
			}
			names = append(names, s.field.Name())
		}
		prevField = s.field != nil
	}
	return "", false
}

// isRefType reports whether values of t refer to memory outside
// themselves: pointers, maps and slices.
func isRefType(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Slice:
		return true
	}
	return false
}

// lockedPaths returns the paths (as crossing computes them) that code of
// the package reaches while holding mu, through a pointer, map or slice
// field of a record read from the state mu guards: a local assigned from
// it under the lock (p := c.peers[id], a range over c.peers), or the
// guarded field itself (c.m[k].Meta.Tags[v], c.cur.Hooks.X), in files
// that are not _test.go files.
func (c *checker) lockedPaths(mu *types.Var) map[string]bool {
	if paths, ok := c.paths[mu]; ok {
		return paths
	}
	paths := make(map[string]bool)
	c.paths[mu] = paths
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		// What the package's tests do under the lock says nothing of the
		// code it ships, and the package and its test variant must agree.
		if code.InTestFile(c.pass.Fset, cur.Node().Pos()) {
			continue
		}
		for _, r := range c.model.RegionsOf(cur.Node()) {
			if r.Mutex != mu {
				continue
			}
			c.regionPaths(cur.Node(), r, paths)
		}
	}
	return paths
}

func (c *checker) regionPaths(fn ast.Node, r *mutexmodel.Region, paths map[string]bool) {
	guardedElem := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if ix, ok := e.(*ast.IndexExpr); ok {
			e = ast.Unparen(ix.X)
		}
		return r.FieldOf(c.info, e) != nil
	}
	// Locals read from guarded state under the lock (the model's), and
	// the variables of a range over a guarded field.
	derived := make(map[types.Object]bool)
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == fn
		case *ast.RangeStmt:
			if r.Holds(n.X) && r.FieldOf(c.info, n.X) != nil {
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if id, ok := e.(*ast.Ident); ok {
						if obj := c.info.ObjectOf(id); obj != nil {
							derived[obj] = true
						}
					}
				}
			}
		}
		return true
	})
	stop := func(e ast.Expr) bool {
		if id, ok := e.(*ast.Ident); ok {
			obj := c.info.ObjectOf(id)
			return derived[obj] || r.Derived(obj)
		}
		return guardedElem(e)
	}
	r.Nodes(func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
				if steps, ok := accessSteps(c.info, n.(ast.Expr), stop); ok {
					addPaths(steps, paths)
				}
				if star, ok := n.(*ast.StarExpr); ok && stop(ast.Unparen(star.X)) {
					addWhole(c.info.TypeOf(star.X), paths) // a copy reads every field
				}
			case *ast.CallExpr:
				for i, arg := range n.Args {
					if stop(ast.Unparen(arg)) {
						c.argPaths(n, i, paths)
					}
				}
				c.methodPaths(n, stop, paths)
			}
			return true
		})
	})
}

// argPaths adds the paths that the function called by call reaches from
// its i-th argument, a record read from guarded state: for a function of
// the package, what its body does with the parameter (one call deep, as
// for methods); for any other, the whole record.
func (c *checker) argPaths(call *ast.CallExpr, i int, paths map[string]bool) {
	whole := func() { addWhole(c.info.TypeOf(call.Args[i]), paths) }
	fn := typematch.Callee(c.info, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		whole()
		return
	}
	decl := c.funcDecl(fn.Origin())
	sig := fn.Signature()
	if decl == nil || decl.Body == nil || i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
		whole()
		return
	}
	param := sig.Params().At(i)
	if fn.Origin() != fn {
		param = fn.Origin().Signature().Params().At(i)
	}
	c.bodyPaths(decl.Body, param, nil, whole, paths)
}

// bodyPaths adds the paths that body reaches from obj, a parameter or
// receiver standing for a record read from guarded state, after the
// steps of prefix (the embedded fields a promoted method goes through).
// A copy of the whole of obj there calls whole. Calls the body makes
// with obj are not followed: one call deep.
func (c *checker) bodyPaths(body *ast.BlockStmt, obj types.Object, prefix []pathStep, whole func(), paths map[string]bool) {
	isObj := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && c.info.Uses[id] == obj
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
			if steps, ok := accessSteps(c.info, n.(ast.Expr), isObj); ok {
				addPaths(append(slices.Clip(prefix), steps...), paths)
			}
			if star, ok := n.(*ast.StarExpr); ok && isObj(ast.Unparen(star.X)) {
				whole()
			}
		}
		return true
	})
}

// addPaths adds to paths what a chain of steps from a record read from
// guarded state reaches: the path crossing into other memory, if any
// ("pkg.Peer.Callback.OnLeave"), and the record's field it starts with
// ("pkg.Peer.Callback", or "pkg.Channel.nextSeq" for c.nextSeq).
func addPaths(steps []pathStep, paths map[string]bool) {
	if key, crosses := crossing(steps); crosses && key != "" {
		paths[key] = true
	}
	if key := recordField(steps); key != "" {
		paths[key] = true
	}
}

// recordField returns the key of the record's field a chain starts with
// ("pkg.Channel.nextSeq"), or "" when it starts otherwise or the record's
// type has no name.
func recordField(steps []pathStep) string {
	if len(steps) == 0 || steps[0].field == nil {
		return ""
	}
	obj := typematch.NamedObj(steps[0].recv)
	if obj == nil || obj.Pkg() == nil {
		return ""
	}
	return obj.Pkg().Path() + "." + obj.Name() + "." + steps[0].field.Name()
}

// addWhole records that code holding the lock uses a whole record of
// type t (a copy of it, or the record handed to a function): every field
// of it counts as used there ("pkg.Channel.*").
func addWhole(t types.Type, paths map[string]bool) {
	obj := typematch.NamedObj(t)
	if obj == nil || obj.Pkg() == nil {
		return
	}
	if _, ok := derefStruct(t); ok {
		paths[obj.Pkg().Path()+"."+obj.Name()+".*"] = true
	}
}

// methodPaths adds the paths that a method of the package, called under
// the lock on a record read from guarded state (p.fireLeave()), reaches
// from its receiver: one call deep.
func (c *checker) methodPaths(call *ast.CallExpr, stop func(ast.Expr) bool, paths map[string]bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return
	}
	prefix, ok := accessSteps(c.info, sel.X, stop)
	if !ok {
		return
	}
	// A method whose body is not in view may use any field of the record.
	whole := func() {
		if len(prefix) == 0 {
			addWhole(c.info.TypeOf(sel.X), paths)
		}
	}
	fn, ok := s.Obj().(*types.Func)
	if !ok || fn.Pkg() != c.pass.Pkg {
		whole()
		return
	}
	decl := c.funcDecl(fn.Origin())
	if decl == nil || decl.Body == nil {
		whole()
		return
	}
	recv := funcs.Receiver(c.info, decl)
	if recv == nil {
		whole()
		return
	}
	// A promoted method goes through the embedded fields first.
	t := s.Recv()
	for _, i := range s.Index()[:len(s.Index())-1] {
		st, _ := derefStruct(t)
		if st == nil {
			return
		}
		f := st.Field(i)
		prefix = append(prefix, pathStep{field: f, recv: t, operand: t})
		t = f.Type()
	}
	c.bodyPaths(decl.Body, recv, prefix, whole, paths)
}

// funcDecl returns the declaration of the function fn of the package.
func (c *checker) funcDecl(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil)) {
			fd := cur.Node().(*ast.FuncDecl)
			if obj, ok := c.info.Defs[fd.Name].(*types.Func); ok {
				c.decls[obj] = fd
			}
		}
	}
	return c.decls[fn]
}

// recordPaths returns the paths of lockedPaths(mu) that start at the
// record type that a result of type t refers to (*Peer, map[string]*Peer,
// []Peer: Peer), sorted.
func (c *checker) recordPaths(mu *types.Var, t types.Type) []string {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Map:
		t = u.Elem()
	case *types.Slice:
		t = u.Elem()
	}
	obj := typematch.NamedObj(t)
	if obj == nil || obj.Pkg() == nil {
		return nil
	}
	prefix := obj.Pkg().Path() + "." + obj.Name() + "."
	var out []string
	for key := range c.lockedPaths(mu) {
		if strings.HasPrefix(key, prefix) {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}
