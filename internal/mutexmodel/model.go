package mutexmodel

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A Region is the part of a function that runs holding one lock: from a
// Lock or RLock call statement on a mutex field of a struct, along every
// path of the control-flow graph, up to an unlock of the same mutex, a
// call that may release it, or a return (a deferred unlock runs after
// the return's results are evaluated, so they count as held).
type Region struct {
	Func ast.Node // *ast.FuncDecl or *ast.FuncLit
	Lock *ast.ExprStmt
	Op   Op // Lock or RLock
	// Base is the chain of objects of the struct value the mutex belongs
	// to (c for c.mu, s.inner for s.inner.mu, s for s.Lock()), and Expr
	// that expression.
	Base  []types.Object
	Expr  ast.Expr
	Mutex *types.Var // the mutex field, or the embedded mutex field
	Owner *types.Named
	held  map[ast.Node]bool
	// derived are the local variables the region assigns a pointer read
	// from guarded state (derivedPointers).
	derived map[types.Object]bool
}

// Holds reports whether the control-flow node n (a statement, or a
// condition) runs holding the lock.
func (r *Region) Holds(n ast.Node) bool { return r.held[n] }

// Derived reports whether the region assigns v a reference read from
// the state its mutex guards: p := c.f, p := c.f[k], p, ok := c.f[k], or
// the result of a method returning one (p := c.find(k)).
func (r *Region) Derived(v types.Object) bool { return r.derived[v] }

// Nodes calls f for every control-flow node of the region.
func (r *Region) Nodes(f func(ast.Node)) {
	for n := range r.held {
		f(n)
	}
}

// Field is what the model knows of a field accessed under a lock.
type Field struct {
	Var   *types.Var
	Mutex *types.Var
	// Written: the field is assigned under the lock somewhere.
	Written bool
	// ChangedIn holds the functions (declarations and literals) whose
	// lock regions change its map or slice elements (or, for a struct
	// value, its own fields) in place: the writers that a use of the
	// elements without the lock races with (InPlace).
	ChangedIn map[ast.Node]bool
	// Locked: the field is accessed under the write lock (Lock, not
	// RLock) somewhere: the mutex guards it for writers.
	Locked bool
	// WriterAtBuffer: the field is a byte slice whose only changes in
	// place are an io.WriterAt's fills (copy(b.buf[off:], p) in a
	// WriteAt method): the buffer of a sink that parallel WriteAt calls
	// fill and that is read once they have all returned.
	WriterAtBuffer bool
	// Mutated: the field is a struct or array value whose own fields
	// are assigned under the lock (c.stats.n++): a pointer to it held
	// outside the lock races with those writes.
	Mutated bool
	// Under holds every mutex the field is accessed under; Mutex is the
	// first one seen.
	Under map[*types.Var]bool
	// Always holds the mutexes held at every access of the field under
	// a lock: with nested locks (leaveLock, then nodeLock), the inner
	// one may be held at every access while the outer one is not.
	Always map[*types.Var]bool
}

// InPlace reports whether the field's elements are changed in place under
// the lock somewhere: a reference to them held outside the lock races with
// those writes.
func (f *Field) InPlace() bool { return len(f.ChangedIn) > 0 }

// GuardedBy reports whether mu is held at every access of the field
// under a lock, so that mu alone guards it: not so for a field read
// under one mutex in one place and under another elsewhere.
func (f *Field) GuardedBy(mu *types.Var) bool {
	return f != nil && f.Always[mu]
}

// Model is the guard model of one package: for each struct type with a
// sync.Mutex or sync.RWMutex field, the fields that its methods and
// functions access while holding the mutex. A field accessed only outside
// the lock (set in a constructor before the value is shared, say) is not
// guarded.
type Model struct {
	info    *types.Info
	regions map[ast.Node][]*Region
	fields  map[*types.Var]*Field
	// pointees records, per mutex, the struct types whose fields are
	// written through a pointer while holding it: the pointers to them in
	// guarded state point to guarded data.
	pointees map[*types.Var]map[*types.TypeName]bool
	summary  *Result // the declarations and what each function unlocks
	refs     map[*types.Func]*Refs
	// truncated and appended record the slice fields cut back to a
	// prefix (c.f = c.f[:0]) and grown by append under a lock: together,
	// the appends overwrite elements a holder of the old slice sees.
	// Each holds the regions that do so.
	truncated map[*types.Var][]*Region
	appended  map[*types.Var][]*Region
	// heldAt records, per field, the mutexes held at each of its
	// accesses (selector expressions) in a lock region.
	heldAt map[*types.Var]map[ast.Node][]*types.Var
	// fills and rewrites split the in-place changes of each field into
	// io.WriterAt fills and every other kind (Field.WriterAtBuffer).
	fills, rewrites map[*types.Var]bool
}

// build computes the model of the package of r.
func build(r *Result) *Model {
	info, files, cfgs := r.info, r.files, r.cfgs
	m := &Model{
		info:     info,
		regions:  make(map[ast.Node][]*Region),
		fields:   make(map[*types.Var]*Field),
		pointees: make(map[*types.Var]map[*types.TypeName]bool),
		summary:  r,
		refs:     make(map[*types.Func]*Refs),

		truncated: make(map[*types.Var][]*Region),
		appended:  make(map[*types.Var][]*Region),
		fills:     make(map[*types.Var]bool),
		rewrites:  make(map[*types.Var]bool),
		heldAt:    make(map[*types.Var]map[ast.Node][]*types.Var),
	}
	for _, f := range files {
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			if es, ok := n.(*ast.ExprStmt); ok {
				for i := len(stack) - 1; i >= 0; i-- {
					switch fn := stack[i].(type) {
					case *ast.FuncDecl, *ast.FuncLit:
						m.addRegion(cfgs, fn, es)
						i = -1
					}
				}
			}
			stack = append(stack, n)
			return true
		})
	}
	for _, rs := range m.regions {
		for _, r := range rs {
			m.recordAccesses(r)
		}
	}
	for v, cuts := range m.truncated {
		if appends := m.appended[v]; len(appends) > 0 {
			for _, r := range append(cuts, appends...) {
				m.inPlace(v, r)
			}
		}
	}
	for v, f := range m.fields {
		f.WriterAtBuffer = m.fills[v] && !m.rewrites[v]
		f.Always = always(m.heldAt[v])
	}
	m.heldAt = nil
	return m
}

// always returns the mutexes that every access in held holds.
func always(held map[ast.Node][]*types.Var) map[*types.Var]bool {
	var common map[*types.Var]bool
	for _, mus := range held {
		if common == nil {
			common = make(map[*types.Var]bool, len(mus))
			for _, mu := range mus {
				common[mu] = true
			}
			continue
		}
		for mu := range common {
			if !slices.Contains(mus, mu) {
				delete(common, mu)
			}
		}
	}
	return common
}

// RegionsOf returns the lock regions of the function fn.
func (m *Model) RegionsOf(fn ast.Node) []*Region { return m.regions[fn] }

// Guarded returns what the model knows of field v, or nil when v is never
// accessed under a lock of its struct.
func (m *Model) Guarded(v *types.Var) *Field { return m.fields[v] }

// PointeeGuarded reports whether fields of the struct type named by t
// (or pointed to by t) are written in place while holding mu.
func (m *Model) PointeeGuarded(mu *types.Var, t types.Type) bool {
	obj := typematch.NamedObj(t)
	return obj != nil && m.pointees[mu][obj]
}

func (m *Model) addRegion(cfgs *ctrlflow.CFGs, fn ast.Node, stmt *ast.ExprStmt) {
	op, mu := StmtOp(m.info, stmt)
	if !op.Acquires() {
		return
	}
	chain := Chain(m.info, mu)
	if chain == nil {
		return
	}
	r := &Region{Func: fn, Lock: stmt, Op: op, held: make(map[ast.Node]bool)}
	if v, ok := chain[len(chain)-1].(*types.Var); ok && v.IsField() && isMutex(v.Type()) && len(chain) > 1 {
		sel, ok := stripAddr(mu).(*ast.SelectorExpr)
		if !ok {
			return
		}
		r.Base, r.Mutex, r.Expr = chain[:len(chain)-1], v.Origin(), sel.X
	} else if emb := embeddedMutex(m.info, stmt); emb != nil {
		r.Base, r.Mutex, r.Expr = chain, emb.Origin(), mu
	} else {
		return
	}
	r.Owner = ownerOf(r.Base[len(r.Base)-1].Type(), r.Mutex)
	if r.Owner == nil {
		return
	}
	var g *cfg.CFG
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		g = cfgs.FuncDecl(fn)
	case *ast.FuncLit:
		g = cfgs.FuncLit(fn)
	}
	if g == nil {
		return
	}
	m.walk(g, r, Chain(m.info, mu))
	m.regions[fn] = append(m.regions[fn], r)
}

// walk marks the nodes reached from the lock before the lock is released.
func (m *Model) walk(g *cfg.CFG, r *Region, mu []types.Object) {
	var start *cfg.Block
	idx := 0
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n == r.Lock {
				start, idx = b, i
			}
		}
	}
	if start == nil || !start.Live {
		return
	}
	// scan marks nodes as held and reports whether control falls through.
	scan := func(nodes []ast.Node) bool {
		for _, n := range nodes {
			if n == r.Lock {
				return false
			}
			if op, e := StmtOp(m.info, n); op != NoOp && sameChain(Chain(m.info, e), mu) {
				return false
			}
			if m.mayRelease(n, mu) {
				return false
			}
			r.held[n] = true
			if _, ok := n.(*ast.ReturnStmt); ok {
				return false
			}
		}
		return true
	}
	if !scan(start.Nodes[idx+1:]) {
		return
	}
	funcs.SearchBlocks(start.Succs, func(b *cfg.Block) (bool, []*cfg.Block) {
		if b == start || !scan(b.Nodes) {
			return false, nil // the start block is scanned once, from idx on
		}
		return false, b.Succs
	})
}

// mayRelease reports whether n calls a function that may release the
// mutex: one that is passed the mutex, or a function of this package that
// unlocks a mutex in the same field.
func (m *Model) mayRelease(n ast.Node, mu []types.Object) bool {
	last := mu[len(mu)-1]
	return funcs.HasCall(n, func(call *ast.CallExpr) bool {
		fn := typematch.Callee(m.info, call)
		for i, a := range call.Args {
			if !sameChain(Chain(m.info, a), mu) {
				continue
			}
			// The mutex, or the struct embedding it, is handed on: a
			// function of the package releases it when its body unlocks
			// that parameter; any other may.
			if fn == nil || m.summary.Decl(fn.Origin()) == nil {
				return true
			}
			if p := paramAt(fn.Origin(), i); p == nil || m.summary.Unlocks(fn)[p] {
				return true
			}
		}
		return fn != nil && m.summary.Unlocks(fn)[last]
	})
}

// paramAt returns the parameter of fn that the call's argument i binds.
func paramAt(fn *types.Func, i int) *types.Var {
	params := fn.Signature().Params()
	switch {
	case i < params.Len():
		return params.At(i)
	case fn.Signature().Variadic() && params.Len() > 0:
		return params.At(params.Len() - 1)
	}
	return nil
}

// recordAccesses records the fields of the region's struct accessed in the
// region, and how they are written.
func (m *Model) recordAccesses(r *Region) {
	r.derived = m.derivedPointers(r)
	derived := r.derived
	replaced := make(map[*types.Var]bool)
	for n := range r.held {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				if f := r.FieldOf(m.info, lhs); f != nil {
					replaced[f] = true
				}
			}
		}
	}
	fresh := m.freshFields(r)
	inPlace := func(f *types.Var, at ast.Node) {
		if fresh.covers(f, at.Pos()) {
			return
		}
		if call, ok := at.(*ast.CallExpr); ok && m.writerAtFill(r, call) {
			m.changed(f, r)
			m.fills[f] = true
			return
		}
		m.inPlace(f, r)
	}
	for n := range r.held {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.SelectorExpr:
				if f := r.FieldOf(m.info, n); f != nil {
					m.field(f, r.Mutex).Locked = m.fields[f].Locked || r.Op == Lock
					m.held(f, n, r.Mutex)
				}
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					m.recordWrite(r, lhs, derived, replaced, fresh)
				}
				if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
					m.recordReslice(r, n.Lhs[0], n.Rhs[0])
				}
			case *ast.IncDecStmt:
				m.recordWrite(r, n.X, derived, replaced, fresh)
			case *ast.CallExpr:
				if len(n.Args) == 0 {
					return true
				}
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
					if b, ok := m.info.Uses[id].(*types.Builtin); ok {
						switch b.Name() {
						case "delete", "clear", "copy":
							if f := r.FieldOf(m.info, unslice(n.Args[0])); f != nil {
								inPlace(f, n)
							}
						}
					}
				}
				if typematch.CallsFunc(m.info, n, "sort", sortsInPlace...) || typematch.CallsFunc(m.info, n, "slices", slicesInPlace...) {
					if f := r.FieldOf(m.info, unslice(code.Unconvert(m.info, n.Args[0]))); f != nil {
						inPlace(f, n)
					}
				}
			}
			return true
		})
	}
}

// derivedPointers returns the local variables that the region assigns a
// pointer read from guarded state: p := c.f, p := c.f[k], p, ok := c.f[k].
func (m *Model) derivedPointers(r *Region) map[types.Object]bool {
	derived := make(map[types.Object]bool)
	for n := range r.held {
		lhs, rhs, ok := code.Sides(n)
		if !ok {
			continue
		}
		if len(rhs) != len(lhs) && len(rhs) != 1 {
			continue
		}
		for i, l := range lhs {
			e := rhs[0]
			if len(rhs) == len(lhs) {
				e = rhs[i]
			} else if i > 0 {
				continue
			}
			e = ast.Unparen(e)
			if ix, ok := e.(*ast.IndexExpr); ok {
				e = ast.Unparen(ix.X)
			}
			if r.FieldOf(m.info, e) == nil && m.CallRefs(r, e) == nil {
				continue
			}
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				if obj := m.info.ObjectOf(id); obj != nil {
					derived[obj] = true
				}
			}
		}
	}
	return derived
}

// inPlace records that field v's elements are changed in place under r's
// lock other than by an io.WriterAt's fill.
func (m *Model) inPlace(v *types.Var, r *Region) {
	m.changed(v, r)
	m.rewrites[v] = true
}

// changed records that field v is changed in place under r's lock, in
// r's function.
func (m *Model) changed(v *types.Var, r *Region) {
	f := m.field(v, r.Mutex)
	if f.ChangedIn == nil {
		f.ChangedIn = make(map[ast.Node]bool)
	}
	f.ChangedIn[r.Func] = true
}

// held records that the access at n of field f holds mu.
func (m *Model) held(f *types.Var, n ast.Node, mu *types.Var) {
	at := m.heldAt[f]
	if at == nil {
		at = make(map[ast.Node][]*types.Var)
		m.heldAt[f] = at
	}
	if !slices.Contains(at[n], mu) {
		at[n] = append(at[n], mu)
	}
}

func (m *Model) field(v, mu *types.Var) *Field {
	f := m.fields[v]
	if f == nil {
		f = &Field{Var: v, Mutex: mu, Under: make(map[*types.Var]bool)}
		m.fields[v] = f
	}
	f.Under[mu] = true
	return f
}

// recordWrite records what storing into lhs, under r's lock, writes.
func (m *Model) recordWrite(r *Region, lhs ast.Expr, derived map[types.Object]bool, replaced map[*types.Var]bool, fresh freshSpans) {
	lhs = ast.Unparen(lhs)
	if f := r.FieldOf(m.info, lhs); f != nil {
		m.field(f, r.Mutex).Written = true
		return
	}
	// Walk down to the guarded field the store goes through.
	inPlace, member := false, false
	throughPointer := types.Type(nil)
	for e := lhs; ; {
		switch x := ast.Unparen(e).(type) {
		case *ast.IndexExpr:
			inPlace = true
			e = x.X
			continue
		case *ast.SelectorExpr:
			if f := r.FieldOf(m.info, x); f != nil {
				switch {
				case throughPointer != nil:
					// c.cur = &v; c.cur.x = 1 initialises a new value
					// before anyone else can reach it.
					if !replaced[f] {
						m.pointee(r, throughPointer)
					}
				case fresh.covers(f, lhs.Pos()):
					// Filling a value made just before.
				case inPlace:
					m.inPlace(f, r)
				case member:
					m.field(f, r.Mutex).Mutated = true
				}
				return
			}
			member = true
			if tv, ok := m.info.Types[x.X]; ok {
				if _, isPtr := tv.Type.Underlying().(*types.Pointer); isPtr && throughPointer == nil {
					throughPointer = tv.Type
				}
			}
			e = x.X
			continue
		case *ast.StarExpr:
			if throughPointer == nil {
				if tv, ok := m.info.Types[x.X]; ok {
					throughPointer = tv.Type
				}
			}
			e = x.X
			continue
		case *ast.Ident:
			// A store through a local pointer loaded from guarded state
			// (p.Status = s after p := c.projects[id]): the pointee type
			// is guarded data. A store through a parameter initialises
			// a value before it is published, and proves nothing.
			if throughPointer != nil && derived[m.info.ObjectOf(x)] {
				m.pointee(r, throughPointer)
			}
		}
		return
	}
}

// pointee records that the struct type t points to is written in place
// under r's mutex, when the type belongs to the package of the struct
// that holds the mutex: other packages' types are not this package's
// guarded data.
func (m *Model) pointee(r *Region, t types.Type) {
	obj := typematch.NamedObj(t)
	if obj == nil || obj.Pkg() != r.Owner.Obj().Pkg() {
		return
	}
	mu := r.Mutex
	if m.pointees[mu] == nil {
		m.pointees[mu] = make(map[*types.TypeName]bool)
	}
	m.pointees[mu][obj] = true
}

// FieldOf returns the field of the region's struct that e selects
// directly on the region's base (c.f for the lock c.mu), other than the
// mutex itself, or nil.
func (r *Region) FieldOf(info *types.Info, e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return nil
	}
	v, ok := s.Obj().(*types.Var)
	if !ok {
		return nil
	}
	// Methods of a generic type see the fields of their own instance;
	// the model keys them by the declared field.
	v = v.Origin()
	if v == r.Mutex || !sameChain(Chain(info, sel.X), r.Base) {
		return nil
	}
	return v
}

// stripAddr removes parentheses, & and * around e.
func stripAddr(e ast.Expr) ast.Expr {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return x
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return x
		}
	}
}

func sameChain(a, b []types.Object) bool {
	if len(a) != len(b) || a == nil {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func isMutex(t types.Type) bool {
	return typematch.IsNamed(t, "sync", "Mutex") || typematch.IsNamed(t, "sync", "RWMutex") || IsLockInterface(t)
}

// embeddedMutex returns the embedded mutex field through which the lock
// statement's method is promoted (s.Lock() with s embedding sync.Mutex).
func embeddedMutex(info *types.Info, stmt *ast.ExprStmt) *types.Var {
	call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := info.Selections[sel]
	if s == nil || len(s.Index()) < 2 {
		return nil
	}
	st := structOf(s.Recv())
	if st == nil {
		return nil
	}
	f := st.Field(s.Index()[0])
	if f.Embedded() && isMutex(f.Type()) {
		return f
	}
	return nil
}

func structOf(t types.Type) *types.Struct {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

// ownerOf returns the named struct type (t, or what t points to) that
// declares the field mu directly.
func ownerOf(t types.Type, mu *types.Var) *types.Named {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok {
		return nil
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i := range st.NumFields() {
		if st.Field(i) == mu || st.Field(i).Origin() == mu.Origin() {
			return n
		}
	}
	return nil
}

// SelfSynchronized reports whether values of t are safe to share without
// the lock: channels, types of sync and sync/atomic, and structs that
// carry their own mutex or atomics (or pointers to those), directly or
// in an embedded struct: a value-embedded struct of any package, whose
// mutex the outer value carries and whose locking methods it promotes
// (type RemoteParticipant struct{ baseParticipant; ... }), and a pointer
// to a struct of the outer type's own package (*baseParticipant), whose
// methods the package writes to lock it. A pointer to another package's
// struct (*log.Logger, *sql.DB) is a shared handle the outer type
// forwards to: its mutex guards that type's own fields, not the outer
// type's.
func SelfSynchronized(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if isSyncType(t) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Chan:
		return true
	case *types.Struct:
		var pkg *types.Package
		if obj := typematch.NamedObj(t); obj != nil {
			pkg = obj.Pkg()
		}
		return carriesSync(u, pkg, make(map[*types.Struct]bool))
	}
	return false
}

// isSyncType reports whether t is a named type of sync or sync/atomic.
func isSyncType(t types.Type) bool {
	obj := typematch.NamedObj(types.Unalias(t))
	return obj != nil && obj.Pkg() != nil &&
		(typematch.PathIs(obj.Pkg().Path(), "sync") || typematch.PathIs(obj.Pkg().Path(), "sync/atomic"))
}

// carriesSync reports whether the struct st, of a type declared in pkg
// (nil for a struct literal type), has a field of a type of sync or
// sync/atomic (or a pointer to one), directly or in an embedded struct
// that SelfSynchronized follows.
func carriesSync(st *types.Struct, pkg *types.Package, seen map[*types.Struct]bool) bool {
	if seen[st] {
		return false
	}
	seen[st] = true
	for i := range st.NumFields() {
		f := st.Field(i)
		ft := types.Unalias(f.Type())
		if isSyncType(ft) {
			return true
		}
		if p, ok := ft.Underlying().(*types.Pointer); ok && isSyncType(p.Elem()) {
			return true
		}
		if !f.Embedded() {
			continue
		}
		inner := ft
		if p, ok := ft.(*types.Pointer); ok {
			// Through a pointer only to a struct of the same package.
			obj := typematch.NamedObj(p.Elem())
			if obj == nil || pkg == nil || obj.Pkg() != pkg {
				continue
			}
			inner = types.Unalias(p.Elem())
		}
		ist, ok := inner.Underlying().(*types.Struct)
		if !ok {
			continue
		}
		ipkg := pkg
		if obj := typematch.NamedObj(inner); obj != nil {
			ipkg = obj.Pkg()
		}
		if carriesSync(ist, ipkg, seen) {
			return true
		}
	}
	return false
}
