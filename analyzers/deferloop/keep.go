package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// releasesValueKeptAfterIteration reports whether the deferred call
// releases a value that the iteration also stores where it outlives the
// iteration: then the function goes on using the value after the loop, and
// releasing it on return is the intent.
//
// Only the value itself, or a value that holds it, keeps it: a variable,
// a field, element, slice or address of it, a composite literal or closure
// containing it, a goroutine it is handed to. A call it is passed to does
// not: err = call(conn) keeps the error, and conn is still released only
// on return.
func releasesValueKeptAfterIteration(info *types.Info, call *ast.CallExpr, loop ast.Stmt) bool {
	if elementOfOuterContainer(info, call, loop) {
		return true
	}
	k := &keeper{info: info, body: code.LoopBody(loop), holders: make(map[*types.Var]bool)}
	ast.Inspect(call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && code.Contains(k.body, v.Pos()) && !k.holders[v] {
				k.holders[v] = true
				k.released = append(k.released, v.Type())
			}
		}
		return true
	})
	if len(k.holders) == 0 {
		return false
	}
	k.releaseSiblings()
	k.spread()
	return k.stored()
}

// releaseSiblings adds what a release function returned beside it
// releases: s, done := alloc(keys) hands out s with the function that
// gives it back, so defer done() releases s, and storing s keeps it.
func (k *keeper) releaseSiblings() {
	ast.Inspect(k.body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 2 {
			return true
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return true
		}
		if fn := typematch.Callee(k.info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context" {
			return true // a context and its cancel: the cancel rules judge them
		}
		releases := false
		for _, lhs := range as.Lhs {
			if v := k.localTarget(lhs); v != nil && k.holders[v] {
				if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
					releases = true
				}
			}
		}
		if !releases {
			return true
		}
		for _, lhs := range as.Lhs {
			v := k.localTarget(lhs)
			if v == nil || k.holders[v] || typematch.IsError(v.Type()) {
				continue
			}
			if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
				continue
			}
			k.holders[v] = true
			k.released = append(k.released, v.Type())
		}
		return true
	})
}

// A keeper follows the values a deferred call releases through the loop
// body: holders are the body's variables that hold one of them.
type keeper struct {
	info     *types.Info
	body     *ast.BlockStmt
	holders  map[*types.Var]bool
	released []types.Type // the types of what the deferred call releases
}

// spread adds to the holders every body variable that comes to hold a
// holder (c := conn, st := state{conn: conn}, st.conn = conn), until no
// more are added.
func (k *keeper) spread() {
	for changed := true; changed; {
		changed = false
		add := func(v *types.Var) {
			if v != nil && !k.holders[v] {
				k.holders[v] = true
				changed = true
			}
		}
		ast.Inspect(k.body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					break // the results of a call, not what it was passed
				}
				for i, lhs := range n.Lhs {
					if v := k.localTarget(lhs); v != nil && k.holds(n.Rhs[i]) {
						add(v)
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if i < len(n.Values) && len(n.Names) == len(n.Values) && k.holds(n.Values[i]) {
						v, _ := k.info.Defs[id].(*types.Var)
						add(v)
					}
				}
			case *ast.RangeStmt:
				if id, ok := n.Value.(*ast.Ident); ok && k.holds(n.X) {
					v, _ := k.info.ObjectOf(id).(*types.Var)
					if v != nil && code.Contains(k.body, v.Pos()) {
						add(v)
					}
				}
			}
			return true
		})
	}
}

// stored reports whether the body stores a holder where it outlives the
// iteration: assigned to a variable declared outside the body or through a
// pointer, map or slice, sent on a channel, or handed to a goroutine.
func (k *keeper) stored() bool {
	kept := false
	ast.Inspect(k.body, func(n ast.Node) bool {
		if kept {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				break // n, err = conn.Write(b) keeps the results, not conn
			}
			for i, lhs := range n.Lhs {
				if k.outlives(lhs) && k.holds(n.Rhs[i]) {
					kept = true
				}
			}
		case *ast.SendStmt:
			kept = k.holds(n.Value)
		case *ast.GoStmt:
			// The goroutine goes on using what it is given or captures.
			kept = k.holds(n.Call.Fun)
			for _, a := range n.Call.Args {
				kept = kept || k.holds(a)
			}
		}
		return true
	})
	return kept
}

// holds reports whether the value of e may be, or refer to, a holder.
func (k *keeper) holds(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := k.info.Uses[x].(*types.Var)
		return ok && k.holders[v]
	case *ast.UnaryExpr:
		return x.Op == token.AND && k.holds(x.X)
	case *ast.StarExpr:
		return k.holds(x.X)
	case *ast.SelectorExpr:
		sel := k.info.Selections[x]
		if sel == nil || sel.Kind() == types.MethodExpr {
			return false // a qualified identifier or T.Method
		}
		// A field of it (resp.Body) or a method value bound to it (conn.Close).
		return mayRefer(k.info.TypeOf(x)) && k.holds(x.X)
	case *ast.IndexExpr:
		if tv, ok := k.info.Types[x.X]; ok && tv.IsValue() {
			return mayRefer(k.info.TypeOf(x)) && k.holds(x.X)
		}
	case *ast.SliceExpr:
		return k.holds(x.X)
	case *ast.TypeAssertExpr:
		return k.holds(x.X)
	case *ast.CompositeLit:
		for _, elt := range x.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if k.holds(kv.Key) || k.holds(kv.Value) {
					return true
				}
			} else if k.holds(elt) {
				return true
			}
		}
	case *ast.FuncLit:
		return k.mentions(x.Body)
	case *ast.CallExpr:
		if tv, ok := k.info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return k.holds(x.Args[0]) // a conversion is the same value
		}
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && id.Name == "append" {
			if _, ok := k.info.Uses[id].(*types.Builtin); ok {
				for _, a := range x.Args {
					if k.holds(a) {
						return true
					}
				}
			}
		}
		return k.resultHolds(x)
	}
	return false
}

// resultHolds reports whether the result of a call that is passed a
// holder (as receiver or argument) may hold what the deferred call
// releases. A call's result is not what it was passed: an error, a count
// or a boolean computed from conn does not keep conn. A wrapper does
// (bufio.NewReader(f), tls.Client(conn, cfg)), and the type of its result
// says so: it can reach a value of the released value's type, an
// interface other than error (bufio.Reader's io.Reader field, the client
// interface pb.NewGreeterClient(conn) returns), or a function, which may
// capture it.
func (k *keeper) resultHolds(call *ast.CallExpr) bool {
	res := k.info.TypeOf(call)
	if res == nil {
		return false
	}
	operands := call.Args
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := k.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			if isDescriptor(sel, res) && k.holds(sel.X) {
				return true // f.Fd() is valid only while f is open
			}
			operands = append([]ast.Expr{sel.X}, operands...)
		}
	}
	passed := false
	for _, op := range operands {
		passed = passed || k.holds(op)
	}
	if !passed {
		return false
	}
	for _, t := range k.released {
		if canReach(res, t, make(map[types.Type]bool)) {
			return true
		}
	}
	return false
}

// isDescriptor reports whether a method call returns the descriptor of its
// receiver (os.File's Fd, and any method Fd returning an integer): a
// number that names the open resource, and is kept for it.
func isDescriptor(sel *ast.SelectorExpr, res types.Type) bool {
	b, ok := res.Underlying().(*types.Basic)
	return ok && sel.Sel.Name == "Fd" && b.Info()&types.IsInteger != 0
}

// canReach reports whether a value of type t can refer to a value of type
// held: through pointers, fields, elements, an interface other than error
// (its dynamic value may be a wrapper), or a function that may capture it.
func canReach(t, held types.Type, seen map[types.Type]bool) bool {
	if types.Identical(t, held) {
		return true
	}
	if p, ok := held.Underlying().(*types.Pointer); ok && types.Identical(t, p.Elem()) {
		return true // a copy of what it points to
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Interface:
		if typematch.IsError(t) {
			// An error describes what went wrong; it does not keep conn.
			return types.AssignableTo(held, t)
		}
		// Any other interface value may be a wrapper of it
		// (pb.NewGreeterClient(conn) returns an interface).
		return true
	case *types.Pointer:
		return canReach(u.Elem(), held, seen)
	case *types.Slice:
		return canReach(u.Elem(), held, seen)
	case *types.Array:
		return canReach(u.Elem(), held, seen)
	case *types.Chan:
		return canReach(u.Elem(), held, seen)
	case *types.Map:
		return canReach(u.Key(), held, seen) || canReach(u.Elem(), held, seen)
	case *types.Struct:
		for f := range u.Fields() {
			if canReach(f.Type(), held, seen) {
				return true
			}
		}
		return false
	case *types.Tuple:
		for v := range u.Variables() {
			if canReach(v.Type(), held, seen) {
				return true
			}
		}
		return false
	}
	return true // a function, which may capture it; a type parameter
}

// mentions reports whether n refers to a holder: a closure capturing it.
func (k *keeper) mentions(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := k.info.Uses[id].(*types.Var); ok && k.holders[v] {
				found = true
			}
		}
		return !found
	})
	return found
}

// outlives reports whether storing into lhs keeps the value past the
// current iteration: lhs is a variable declared outside the loop body, or
// reached through a pointer, map or slice, or rooted outside the body.
// Storing into a field or array element of a body variable held by value
// (st.conn = conn) does not; spread makes that variable a holder instead.
func (k *keeper) outlives(lhs ast.Expr) bool {
	switch e := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if e.Name == "_" {
			return false
		}
		obj := k.info.ObjectOf(e)
		return obj != nil && !code.Contains(k.body, obj.Pos())
	case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
		return k.localTarget(lhs) == nil
	}
	return false
}

// localTarget returns the body variable that an assignment to lhs
// changes in place: lhs is the variable, or a field or array element of it
// reached without a pointer, map or slice. Otherwise nil.
func (k *keeper) localTarget(lhs ast.Expr) *types.Var {
	e := lhs
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := k.info.ObjectOf(x).(*types.Var)
			if v == nil || !code.Contains(k.body, v.Pos()) {
				return nil
			}
			return v
		case *ast.SelectorExpr:
			sel := k.info.Selections[x]
			if sel == nil || sel.Kind() != types.FieldVal || sel.Indirect() {
				return nil
			}
			e = x.X
		case *ast.IndexExpr:
			if _, ok := k.info.TypeOf(x.X).Underlying().(*types.Array); !ok {
				return nil
			}
			e = x.X
		default:
			return nil
		}
	}
}

// mayRefer reports whether a value of type t can refer to another value:
// not a number, string or boolean, nor a struct or array made only of them.
func mayRefer(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Array:
		return mayRefer(u.Elem())
	case *types.Struct:
		for f := range u.Fields() {
			if mayRefer(f.Type()) {
				return true
			}
		}
		return false
	}
	return true
}

// elementOfOuterContainer reports whether the deferred call releases an
// element of a slice, array or map declared outside the loop
// (defer lss[i].Close(), or f := files[k]; defer f.Close()): the
// container keeps it for use after the loop.
// The receiver and arguments of the deferred call, or of the calls in a
// deferred function literal, are followed through fields, elements and
// dereferences, not into the arguments of other calls.
func elementOfOuterContainer(info *types.Info, call *ast.CallExpr, loop ast.Stmt) bool {
	var operands []ast.Expr
	fromContainer := false
	collect := func(c *ast.CallExpr) {
		if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
			operands = append(operands, sel.X)
			// The receiver, a copy of such an element (f := files[k],
			// for _, f := range files): defer f.Close().
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && code.Contains(loop, v.Pos()) && copiedFromOuterContainer(info, v, loop) {
					fromContainer = true
				}
			}
		}
		operands = append(operands, c.Args...)
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				collect(c)
			}
			return true
		})
	} else {
		collect(call)
	}
	if fromContainer {
		return true
	}
	for _, e := range operands {
		if indexesOuterContainer(info, e, loop) {
			return true
		}
	}
	return false
}

// indexesOuterContainer reports whether e is, or is a field of, an element
// of a container rooted at a variable declared outside loop.
func indexesOuterContainer(info *types.Info, e ast.Expr, loop ast.Stmt) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.IndexExpr:
			if root := code.RootVar(info, x.X, true); root != nil && !code.Contains(loop, root.Pos()) {
				return true
			}
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return false
			}
			e = x.X
		default:
			return false
		}
	}
}

// copiedFromOuterContainer reports whether v, declared in loop, is an
// element of a container declared outside it: the loop's range value over
// such a slice, array or map (for _, f := range files), or a variable
// defined from an element of one (f := files[k], f, ok := m[k]). The
// container holds the value before and after the iteration.
func copiedFromOuterContainer(info *types.Info, v *types.Var, loop ast.Stmt) bool {
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.RangeStmt:
			if id, ok := n.Value.(*ast.Ident); ok && info.Defs[id] == v {
				root := code.RootVar(info, n.X, true)
				if _, isChan := info.TypeOf(n.X).Underlying().(*types.Chan); root != nil && !isChan && !code.Contains(loop, root.Pos()) {
					found = true
				}
			}
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE || len(n.Rhs) != 1 || len(n.Lhs) > 2 {
				return true
			}
			if id, ok := n.Lhs[0].(*ast.Ident); ok && info.Defs[id] == v {
				if ix, ok := ast.Unparen(n.Rhs[0]).(*ast.IndexExpr); ok {
					root := code.RootVar(info, ix.X, true)
					found = root != nil && !code.Contains(loop, root.Pos())
				}
			}
		}
		return true
	})
	return found
}
