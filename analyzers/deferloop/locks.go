package deferloop

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// An unlock is a deferred X.Unlock() or X.RUnlock() whose type also has the
// matching Lock or RLock method. It matches by name on purpose, unlike
// mutexmodel.CallOp: a lock of the user's own type, held across
// iterations, deadlocks the same way. So does a lock whose Lock returns
// a token its Unlock takes back (a reader-biased mutex: t := mu.RLock();
// defer mu.RUnlock(t)).
type unlock struct {
	recv ast.Expr
	read bool
}

func deferredUnlock(info *types.Info, call *ast.CallExpr) (unlock, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) > 1 || (sel.Sel.Name != "Unlock" && sel.Sel.Name != "RUnlock") {
		return unlock{}, false
	}
	if s := info.Selections[sel]; s == nil || s.Kind() != types.MethodVal {
		return unlock{}, false
	}
	t := info.TypeOf(sel.X)
	if t == nil {
		return unlock{}, false
	}
	lock := strings.TrimSuffix(sel.Sel.Name, "Unlock") + "Lock" // RUnlock pairs with RLock
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, lock)
	if !isFunc(obj) || len(call.Args) == 1 && !returnsToken(obj.(*types.Func), info.TypeOf(call.Args[0])) {
		return unlock{}, false
	}
	return unlock{recv: sel.X, read: sel.Sel.Name == "RUnlock"}, true
}

// returnsToken reports whether the lock method returns one value, of the
// type of the token its unlock is given.
func returnsToken(lock *types.Func, token types.Type) bool {
	res := lock.Signature().Results()
	return token != nil && res.Len() == 1 && types.Identical(res.At(0).Type(), token)
}

// A lockOrder says in what order the iterations of a loop take their locks.
type lockOrder int

const (
	orderFixed   lockOrder = iota // fixed by the code: the same in every call, no lock twice
	orderSorted                   // sorted, but an item may repeat
	orderCaller                   // as the caller lists the items
	orderMap                      // map iteration order, different in every call
	orderUnknown                  // cannot tell: not reported
)

// An itemOrder is a lock order and the items it is the order of, for the
// message.
type itemOrder struct {
	order   lockOrder
	items   string
	literal bool // the items are listed in a literal: there is no list to sort
	unique  bool // the loop skips a repeated item
}

// worse combines the orders of two things a lock depends on: an unknown
// part makes the whole unknown, otherwise the less safe one decides.
func worse(a, b itemOrder) itemOrder {
	switch {
	case a.order == orderUnknown:
		return a
	case b.order == orderUnknown, b.order > a.order:
		return b
	}
	return a
}

var (
	fixed   = itemOrder{order: orderFixed}
	unknown = itemOrder{order: orderUnknown}
)

// A lockCheck decides, for a deferred unlock in a loop, whether the loop
// takes the same lock in every iteration or one lock per item, and in
// what order.
type lockCheck struct {
	info     *types.Info
	fn       ast.Node
	loop     ast.Stmt // the innermost loop around the defer
	visiting map[*types.Var]bool
}

func newLockCheck(info *types.Info, fn ast.Node, loop ast.Stmt) *lockCheck {
	return &lockCheck{info: info, fn: fn, loop: loop, visiting: make(map[*types.Var]bool)}
}

// order returns the order in which the loop takes the locks recv denotes,
// and whether recv is the same lock in every iteration.
func (lc *lockCheck) order(u unlock) (o itemOrder, same bool) {
	o, varies := lc.exprOrder(u.recv, 0, true)
	if !varies {
		// The same lock, unless it is made afresh in each iteration
		// (mu := new(sync.Mutex)), which no one else can hold.
		root := code.RootVar(lc.info, u.recv, true)
		fresh := o.order == orderUnknown && root != nil && code.Contains(lc.loop, root.Pos())
		return o, !fresh
	}
	if !lc.blocksOnLock(u) {
		return unknown, false
	}
	if o.order == orderSorted || o.order == orderCaller {
		o.unique = lc.skipsRepeats()
		if o.order == orderSorted && o.unique {
			o.order = orderFixed
		}
	}
	return o, false
}

// exprOrder returns the order of the values e takes in the iterations of
// the loop, and whether e varies from one iteration to the next. A value
// made afresh in each iteration (a call, a literal) is of unknown order.
// isLock says that e is the lock, or holds it: then the chain of fields
// and elements from e's root to e leads to the lock.
func (lc *lockCheck) exprOrder(e ast.Expr, depth int, isLock bool) (o itemOrder, varies bool) {
	o = fixed
	opaque := false
	chain := make(map[ast.Node]bool)
	if isLock {
		for x := ast.Unparen(e); x != nil; {
			chain[x] = true
			switch y := x.(type) {
			case *ast.SelectorExpr:
				x = ast.Unparen(y.X)
			case *ast.IndexExpr:
				x = ast.Unparen(y.X)
			case *ast.StarExpr:
				x = ast.Unparen(y.X)
			case *ast.UnaryExpr:
				x = ast.Unparen(y.X)
			default:
				x = nil
			}
		}
	}
	ast.Inspect(e, func(n ast.Node) bool {
		if o.order == orderUnknown {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			o = unknown
		case *ast.CompositeLit:
			opaque = true
		case *ast.CallExpr:
			if tv, ok := lc.info.Types[n.Fun]; !ok || !tv.IsType() {
				opaque = true
			}
		case *ast.IndexExpr:
			// An element of a list indexed per iteration comes in the
			// list's order (ids[i]); a map's element in its key's. A lock
			// stored in the list itself (mus[i] of a []sync.Mutex) is a
			// slot of its own, ordered by the index alone.
			inPlace := chain[n] && !refersElsewhere(lc.info.TypeOf(n))
			if isListType(lc.info.TypeOf(n.X)) && !lc.variesIn(n.X) && lc.variesIn(n.Index) && !inPlace {
				o = worse(o, lc.origin(n.X, depth))
			}
		case *ast.Ident:
			v, ok := lc.info.Uses[n].(*types.Var)
			if !ok || v.IsField() || !lc.variesVar(v) {
				break
			}
			if code.Contains(code.LoopBody(lc.loop), v.Pos()) {
				sub, subVaries := lc.localOrder(v, depth, chain[n])
				varies = varies || subVaries
				o = worse(o, sub)
				break
			}
			varies = true
			o = worse(o, lc.clauseOrder(v))
		}
		return true
	})
	if !varies && opaque {
		o = unknown
	}
	return o, varies
}

// localOrder follows a variable declared in the loop body to its only
// definition (w := s.wallets[id]).
func (lc *lockCheck) localOrder(v *types.Var, depth int, isLock bool) (itemOrder, bool) {
	defs := definitions(lc.info, lc.fn, v)
	if len(defs) != 1 || defs[0] == nil || depth > 4 || lc.visiting[v] {
		return unknown, true
	}
	lc.visiting[v] = true
	defer delete(lc.visiting, v)
	return lc.exprOrder(defs[0], depth+1, isLock)
}

// variesVar reports whether v may hold a different value in each iteration:
// it is declared in the loop, or assigned in it.
func (lc *lockCheck) variesVar(v *types.Var) bool {
	return code.Contains(lc.loop, v.Pos()) || assignedIn(lc.info, lc.loop, v)
}

func (lc *lockCheck) variesIn(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := lc.info.Uses[id].(*types.Var); ok && !v.IsField() && lc.variesVar(v) {
				found = true
			}
		}
		return !found
	})
	return found
}

// clauseOrder returns the order of a variable the loop itself steps: a
// range key or value, a counter, or a pointer walked along a link.
func (lc *lockCheck) clauseOrder(v *types.Var) itemOrder {
	switch l := lc.loop.(type) {
	case *ast.RangeStmt:
		if isIdentOf(lc.info, l.Key, v) {
			return lc.rangeOrder(l, true)
		}
		if isIdentOf(lc.info, l.Value, v) {
			return lc.rangeOrder(l, false)
		}
	case *ast.ForStmt:
		if isCounter(lc.info, l, v) {
			return fixed
		}
	}
	if lc.walksLinks(v) {
		return fixed
	}
	return unknown
}

// rangeOrder returns the order of the keys or values a range loop visits.
func (lc *lockCheck) rangeOrder(l *ast.RangeStmt, key bool) itemOrder {
	t := lc.info.TypeOf(l.X)
	if t == nil {
		return unknown
	}
	switch u := typematch.UnderPointer(t).(type) {
	case *types.Map:
		return itemOrder{order: orderMap, items: types.ExprString(l.X)}
	case *types.Slice, *types.Array:
		if key {
			return fixed // indices, in increasing order
		}
		return lc.origin(l.X, 0)
	case *types.Basic:
		if key && u.Info()&(types.IsInteger|types.IsString) != 0 {
			return fixed
		}
	}
	return unknown
}

// origin returns the order of the items of the list x: fixed when the
// code fixes it (a field of a data structure, a package variable, a
// literal of such values), the caller's when x is a parameter or built
// from parameters, sorted when the function sorts it first.
func (lc *lockCheck) origin(x ast.Expr, depth int) itemOrder {
	if depth > 4 {
		return unknown
	}
	switch e := ast.Unparen(x).(type) {
	case *ast.Ident:
		v, ok := lc.info.Uses[e].(*types.Var)
		switch {
		case !ok:
			return unknown
		case typematch.IsPackageLevel(v):
			return fixed
		case !code.Contains(lc.fn, v.Pos()) || lc.visiting[v]:
			return unknown
		}
		lc.visiting[v] = true
		defer delete(lc.visiting, v)
		defs := definitions(lc.info, lc.fn, v)
		o := fixed
		if isParam(lc.info, lc.fn, v) {
			// The caller's list, unless the function replaces it with
			// something else first (ids = uniqueSorted(ids)).
			o = itemOrder{order: orderCaller, items: e.Name}
		} else if len(defs) == 0 {
			return unknown
		}
		for _, d := range defs {
			if d == nil {
				return unknown
			}
			if rewritesInPlace(lc.info, d, v) {
				continue // ids = slices.Compact(ids): the same items
			}
			o = worse(o, lc.origin(d, depth+1))
		}
		if o.order == orderCaller {
			o = lc.sortedness(v, itemOrder{order: orderCaller, items: e.Name})
		}
		return o
	case *ast.SelectorExpr:
		if sel := lc.info.Selections[e]; sel != nil && sel.Kind() != types.FieldVal {
			return unknown
		}
		return fixed // a field of a data structure, or a package variable
	case *ast.IndexExpr:
		return lc.origin(e.X, depth+1)
	case *ast.SliceExpr:
		return lc.origin(e.X, depth+1)
	case *ast.StarExpr:
		return lc.origin(e.X, depth+1)
	case *ast.CompositeLit:
		o := fixed
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			if lc.dependsOnCaller(elt, depth+1) {
				o = worse(o, itemOrder{order: orderCaller, items: literalName(e), literal: true})
			}
		}
		return o
	case *ast.CallExpr:
		return lc.callOrigin(e, depth)
	}
	return unknown
}

// callOrigin returns the order of the items of a list a call returns,
// for the calls that keep the order of their argument or sort it.
func (lc *lockCheck) callOrigin(call *ast.CallExpr, depth int) itemOrder {
	if tv, ok := lc.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return lc.origin(call.Args[0], depth+1) // a conversion
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "append" {
		if _, ok := lc.info.Uses[id].(*types.Builtin); ok && len(call.Args) > 0 {
			o := lc.origin(call.Args[0], depth+1)
			for _, a := range call.Args[1:] {
				if call.Ellipsis.IsValid() {
					o = worse(o, lc.origin(a, depth+1))
				} else if lc.dependsOnCaller(a, depth+1) {
					o = worse(o, itemOrder{order: orderCaller, items: "the items"})
				}
			}
			return o
		}
	}
	if len(call.Args) == 0 {
		return unknown
	}
	arg := ast.Unparen(call.Args[0])
	switch {
	case typematch.CallsFunc(lc.info, call, "slices", "Clone", "Compact", "CompactFunc"):
		return lc.origin(arg, depth+1)
	case typematch.CallsFunc(lc.info, call, "slices", "Sorted", "SortedFunc", "SortedStableFunc"):
		if inner, ok := arg.(*ast.CallExpr); ok && typematch.CallsFunc(lc.info, inner, "maps", "Keys") {
			return fixed // a map's keys, sorted: each once
		}
		return itemOrder{order: orderSorted, items: "the items"}
	}
	return unknown
}

// dependsOnCaller reports whether the value of e is chosen by the caller:
// it mentions a parameter, or a local variable computed from one.
func (lc *lockCheck) dependsOnCaller(e ast.Expr, depth int) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found {
			return !found
		}
		v, ok := lc.info.Uses[id].(*types.Var)
		switch {
		case !ok:
		case isParam(lc.info, lc.fn, v):
			found = !isReceiver(lc.info, lc.fn, v)
		case code.Contains(lc.fn, v.Pos()) && !lc.visiting[v] && depth <= 4:
			lc.visiting[v] = true
			for _, d := range definitions(lc.info, lc.fn, v) {
				found = found || (d != nil && lc.dependsOnCaller(d, depth+1))
			}
			delete(lc.visiting, v)
		}
		return !found
	})
	return found
}

// sortedness upgrades the caller's order of the list v when the function
// sorts v before the loop, and de-duplicates it (slices.Compact).
func (lc *lockCheck) sortedness(v *types.Var, base itemOrder) itemOrder {
	sorted, compacted := false, false
	ast.Inspect(funcs.Body(lc.fn), func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Pos() >= lc.loop.Pos() || len(call.Args) == 0 || code.RootVar(lc.info, unconvert(lc.info, call.Args[0]), true) != v {
			return true
		}
		switch {
		case typematch.CallsFunc(lc.info, call, "sort", "Strings", "Ints", "Float64s", "Sort", "Stable", "Slice", "SliceStable"),
			typematch.CallsFunc(lc.info, call, "slices", "Sort", "SortFunc", "SortStableFunc"):
			sorted = true
		case typematch.CallsFunc(lc.info, call, "slices", "Compact", "CompactFunc"):
			compacted = true
		}
		return true
	})
	switch {
	case sorted && compacted:
		return fixed
	case sorted:
		return itemOrder{order: orderSorted, items: base.items}
	}
	return base
}

// skipsRepeats reports whether the loop body skips an item equal to one
// it has seen: if seen[id] { continue }, if i > 0 && ids[i] == ids[i-1] {
// continue }. The condition must mention what the loop steps.
func (lc *lockCheck) skipsRepeats() bool {
	r, ok := lc.loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	for _, st := range r.Body.List {
		ifs, ok := st.(*ast.IfStmt)
		if !ok || len(ifs.Body.List) == 0 {
			continue
		}
		br, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.BranchStmt)
		if !ok || br.Tok != token.CONTINUE || br.Label != nil {
			continue
		}
		for _, e := range []ast.Expr{r.Key, r.Value} {
			if id, ok := e.(*ast.Ident); ok && id.Name != "_" && code.Uses(lc.info, ifs.Cond, lc.info.ObjectOf(id)) {
				return true
			}
		}
	}
	return false
}

// walksLinks reports whether v, declared outside the loop body, is only
// ever advanced along a link of its own value (p = p.parent, n = next
// where next := n.next): each call takes the locks of the chain in the
// same order, and an acyclic chain never repeats one.
func (lc *lockCheck) walksLinks(v *types.Var) bool {
	var parts []ast.Node
	switch l := lc.loop.(type) {
	case *ast.ForStmt:
		if l.Post != nil {
			parts = append(parts, l.Post)
		}
		parts = append(parts, l.Body)
	case *ast.RangeStmt:
		parts = append(parts, l.Body)
	}
	assigned, ok := false, true
	for _, p := range parts {
		ast.Inspect(p, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if !isIdentOf(lc.info, lhs, v) {
						continue
					}
					assigned = true
					ok = ok && len(n.Lhs) == len(n.Rhs) && lc.derivedFrom(n.Rhs[i], v, 0)
				}
			case *ast.IncDecStmt:
				ok = ok && !isIdentOf(lc.info, n.X, v)
			case *ast.UnaryExpr:
				ok = ok && !(n.Op == token.AND && isIdentOf(lc.info, n.X, v))
			}
			return ok
		})
	}
	return assigned && ok
}

// derivedFrom reports whether e is reached from v through fields,
// elements and dereferences, possibly via a body variable defined so.
func (lc *lockCheck) derivedFrom(e ast.Expr, v *types.Var, depth int) bool {
	if _, ok := ast.Unparen(e).(*ast.Ident); ok {
		// p = q is no step along a link of p, unless q was defined from p.
		root := code.RootVar(lc.info, e, true)
		if root == nil || root == v || depth > 2 || !code.Contains(code.LoopBody(lc.loop), root.Pos()) {
			return false
		}
		defs := definitions(lc.info, lc.fn, root)
		return len(defs) == 1 && defs[0] != nil && lc.derivedFrom(defs[0], v, depth+1)
	}
	return code.RootVar(lc.info, e, true) == v
}

// blocksOnLock reports whether the loop body takes the lock with a
// blocking Lock or RLock call: TryLock never waits, and a lock taken
// elsewhere is not this loop's to judge.
func (lc *lockCheck) blocksOnLock(u unlock) bool {
	want, name := types.ExprString(u.recv), "Lock"
	if u.read {
		name = "RLock"
	}
	found := false
	ast.Inspect(code.LoopBody(lc.loop), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.DeferStmt:
			return false
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == name && types.ExprString(sel.X) == want {
				found = true
			}
		}
		return !found
	})
	return found
}

// lockMessage says what a per-item lock held across the loop leads to;
// the docs page gives the fix for each order.
func lockMessage(o itemOrder, u unlock, fn string) string {
	repeat := "a repeated item deadlocks on its own lock"
	both := "a repeated item or calls in opposite orders deadlock"
	if u.read {
		repeat = "a repeated item is read-locked twice, which deadlocks once a writer waits"
		both = "a repeated item or calls in opposite orders deadlock behind a writer"
	}
	switch o.order {
	case orderMap:
		return fmt.Sprintf("one lock per entry of %s stays held until %s returns, taken in map order: two calls deadlock each other", o.items, fn)
	case orderSorted:
		return fmt.Sprintf("one lock per item of %s stays held until %s returns: %s", o.items, fn, repeat)
	}
	if o.unique {
		return fmt.Sprintf("one lock per item of %s stays held until %s returns: two calls in opposite orders deadlock each other", o.items, fn)
	}
	return fmt.Sprintf("one lock per item of %s stays held until %s returns: %s", o.items, fn, both)
}

// definitions returns the values assigned to v in fn: the right-hand side
// of each assignment or declaration, nil for one it cannot tell (a tuple,
// a range clause, an increment, its address taken).
func definitions(info *types.Info, fn ast.Node, v *types.Var) []ast.Expr {
	var defs []ast.Expr
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if !isIdentOf(info, lhs, v) {
					continue
				}
				if len(n.Lhs) == len(n.Rhs) && n.Tok != token.ADD_ASSIGN {
					defs = append(defs, n.Rhs[i])
				} else {
					defs = append(defs, nil)
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if info.Defs[id] == v {
					if len(n.Names) == len(n.Values) {
						defs = append(defs, n.Values[i])
					} else {
						defs = append(defs, nil)
					}
				}
			}
		case *ast.RangeStmt:
			if isIdentOf(info, n.Key, v) || isIdentOf(info, n.Value, v) {
				defs = append(defs, nil)
			}
		case *ast.IncDecStmt:
			if isIdentOf(info, n.X, v) {
				defs = append(defs, nil)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && isIdentOf(info, n.X, v) {
				defs = append(defs, nil)
			}
		}
		return true
	})
	return defs
}

// rewritesInPlace reports whether d is v passed through a call that keeps
// its items (ids = slices.Compact(ids)).
func rewritesInPlace(info *types.Info, d ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(d).(*ast.CallExpr)
	return ok && len(call.Args) > 0 && code.RootVar(info, call.Args[0], true) == v &&
		typematch.CallsFunc(info, call, "slices", "Compact", "CompactFunc", "Clip")
}

// isCounter reports whether v is the counter of a counting loop:
// for v := a; cond; v++ (or v--, v += c, v -= c).
func isCounter(info *types.Info, l *ast.ForStmt, v *types.Var) bool {
	switch post := l.Post.(type) {
	case *ast.IncDecStmt:
		return isIdentOf(info, post.X, v)
	case *ast.AssignStmt:
		return len(post.Lhs) == 1 && isIdentOf(info, post.Lhs[0], v) &&
			(post.Tok == token.ADD_ASSIGN || post.Tok == token.SUB_ASSIGN)
	}
	return false
}

func isIdentOf(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name != "_" && info.ObjectOf(id) == v
}

// assignedIn reports whether n assigns to v.
func assignedIn(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.AssignStmt:
			for _, lhs := range m.Lhs {
				found = found || isIdentOf(info, ast.Unparen(lhs), v)
			}
		case *ast.IncDecStmt:
			found = found || isIdentOf(info, ast.Unparen(m.X), v)
		case *ast.RangeStmt:
			found = found || (m.Tok == token.ASSIGN && (isIdentOf(info, m.Key, v) || isIdentOf(info, m.Value, v)))
		}
		return !found
	})
	return found
}

// refersElsewhere reports whether a value of type t names a value stored
// elsewhere: a pointer, interface, map or the like, not a struct or array
// stored in place.
func refersElsewhere(t types.Type) bool {
	if t == nil {
		return true
	}
	switch t.Underlying().(type) {
	case *types.Struct, *types.Array, *types.Basic:
		return false
	}
	return true
}

func isListType(t types.Type) bool {
	if t == nil {
		return false
	}
	switch typematch.UnderPointer(t).(type) {
	case *types.Slice, *types.Array:
		return true
	}
	return false
}

func isFunc(obj types.Object) bool {
	_, ok := obj.(*types.Func)
	return ok
}

// isParam reports whether v is a parameter or the receiver of fn.
func isParam(info *types.Info, fn ast.Node, v *types.Var) bool {
	lists := []*ast.FieldList{funcs.Type(fn).Params}
	if d, ok := fn.(*ast.FuncDecl); ok {
		lists = append(lists, d.Recv)
	}
	for _, l := range lists {
		if l == nil {
			continue
		}
		for _, f := range l.List {
			for _, id := range f.Names {
				if info.Defs[id] == v {
					return true
				}
			}
		}
	}
	return false
}

func isReceiver(info *types.Info, fn ast.Node, v *types.Var) bool {
	d, ok := fn.(*ast.FuncDecl)
	if !ok || d.Recv == nil {
		return false
	}
	for _, f := range d.Recv.List {
		for _, id := range f.Names {
			if info.Defs[id] == v {
				return true
			}
		}
	}
	return false
}

// unconvert strips conversions (sort.Sort(byName(xs))) and address
// operators from e.
func unconvert(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(code.Unconvert(info, e))
		u, ok := e.(*ast.UnaryExpr)
		if !ok || u.Op != token.AND {
			return e
		}
		e = u.X
	}
}

// literalName names the items of a composite literal in a message:
// {from, to}, or "the items" when that is long.
func literalName(lit *ast.CompositeLit) string {
	elts := make([]string, len(lit.Elts))
	for i, e := range lit.Elts {
		elts[i] = types.ExprString(e)
	}
	if s := "{" + strings.Join(elts, ", ") + "}"; len(s) <= 40 {
		return s
	}
	return "the items"
}
