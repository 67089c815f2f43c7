package lockescape

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/goversion"
	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports references to mutex-guarded state that leave the lock,
// and writes to it under a read lock.
var Analyzer = &analysis.Analyzer{
	Name:      "lockescape",
	Doc:       docs.Extract(doc, "lockescape"),
	URL:       "https://github.com/trapvet/trapvet/blob/main/docs/lockescape.md",
	Requires:  []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, mutexmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{(*ReturnsGuarded)(nil)},
}

type checker struct {
	pass     *analysis.Pass
	info     *types.Info
	model    *mutexmodel.Model
	summary  *mutexmodel.Result // what each function of the package locks and unlocks
	r        *report.Reporter
	reported map[token.Pos]bool
	// exported: the function being checked is exported, and so is its
	// receiver's type or an importer can reach it (calledFromOutside), so
	// its callers may be outside the package, where nobody can follow its
	// locking.
	exported bool
	// fn is the function declaration being checked, nil for a literal.
	fn *types.Func
	// handouts: the unexported functions whose results may reach code
	// that races with the lock (computed on demand).
	handouts map[*types.Func]bool
	// frozen caches frozenWhileServing's answers, acquirers
	// hasAcquireMethod's, phases writePhaseOf's.
	frozen    map[*types.Var]bool
	acquirers map[*types.Named]bool
	phases    map[*types.Var]*writePhase
	// sites records where this package's functions with a
	// ReturnsGuarded fact return the reference.
	sites map[*types.Func]returnSite
	// recordWrites: where the package first changes a record of each
	// struct type in place through a pointer (computed on demand).
	recordWrites map[*types.TypeName]ast.Node
	// recordFieldWrites: the same, per field of the record's own struct
	// (the first step of the stored field's path: an embedded struct's
	// promoted fields count as the embedded field).
	recordFieldWrites map[recordSlot]ast.Node
	in                *inspector.Inspector
	// paths: per mutex, the field paths the package reaches through a
	// pointer, map or slice field of guarded records while holding it
	// (computed on demand).
	paths map[*types.Var]map[string]bool
	decls map[*types.Func]*ast.FuncDecl
	// reaching: whether an unexported receiver type reaches importers
	// through an exported declaration (computed on demand).
	reaching map[*types.TypeName]bool
	// ifacesByMethod: the exported interfaces of the package and its
	// imports, by method name (computed on demand).
	ifacesByMethod map[string][]*types.Interface
	// impls: for a method of an interface of the package, the method of
	// the package's type that implements it with a ReturnsGuarded fact,
	// or nil (computed on demand).
	impls map[*types.Func]*types.Func
	// lockedLive: the fields accessed under a write lock outside
	// teardown methods; readLockedIn: the functions accessing each field
	// under a read lock (indexLockedFields, computed on demand).
	lockedLive   map[*types.Var]bool
	readLockedIn map[*types.Var][]ast.Node
	// receiving memoizes funcReceives, joiners alwaysJoins.
	receiving map[*types.Func]bool
	joiners   map[*types.Func]bool
	// uses: the uses of the package's functions in its non-test files
	// (funcUses, computed on demand).
	uses map[*types.Func][]inspector.Cursor
	cfgs *ctrlflow.CFGs
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:     pass,
		info:     pass.TypesInfo,
		r:        report.New(pass),
		reported: make(map[token.Pos]bool),
		sites:    make(map[*types.Func]returnSite),
		in:       in,
		paths:    make(map[*types.Var]map[string]bool),
		cfgs:     pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
	}
	if mayLock(pass.TypesInfo, in) {
		c.summary = pass.ResultOf[mutexmodel.Analyzer].(*mutexmodel.Result)
		c.model = c.summary.Model()
		for cur := range in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			regions := c.model.RegionsOf(cur.Node())
			if len(regions) == 0 {
				continue
			}
			c.checkReadLockWrites(cur.Node(), regions)
			released := releasedRegions(pass.TypesInfo, cur.Node(), regions)
			c.checkEscapes(cur.Node(), released)
			c.summarizeReturns(cur.Node(), released)
		}
		c.checkUnlockedMaps(in)
	}
	if len(pass.AllObjectFacts()) > 0 {
		c.checkCallerWrites(in)
	}
	return nil, nil
}

// mayLock reports whether the package calls Lock or RLock on a mutex at
// all; most packages do not, and the model is not worth building.
func mayLock(info *types.Info, in *inspector.Inspector) bool {
	for cur := range in.Root().Preorder((*ast.ExprStmt)(nil)) {
		if op, _ := mutexmodel.StmtOp(info, cur.Node()); op.Acquires() {
			return true
		}
	}
	return false
}

// ---- references that escape ----

// escape describes a reference into guarded state.
type escape struct {
	region *mutexmodel.Region
	field  *types.Var
	what   string // "*ProjectInfo from c.projects", "map c.items", "&c.n"
	clone  string // "maps" or "slices" when returning a clone is the fix
	// changed is where the package changes the pointed-to record in
	// place, for a container of pointers or an element of one.
	changed ast.Node
}

func (c *checker) checkEscapes(fn ast.Node, regions []*mutexmodel.Region) {
	name := funcs.Name(fn)
	c.exported = isExported(fn)
	c.fn = nil
	if fd, ok := fn.(*ast.FuncDecl); ok {
		c.fn, _ = c.info.Defs[fd.Name].(*types.Func)
	}
	if c.exported && c.fn != nil {
		c.exported = c.calledFromOutside(c.fn)
	}
	tainted := make(map[*types.Var]*escape)
	readFrom := make(map[*types.Var]*ast.IndexExpr) // v := c.f[k]
	ranged := c.taintRanges(funcs.Body(fn), regions, tainted)
	for _, r := range regions {
		r.Nodes(func(n ast.Node) {
			switch n := n.(type) {
			case *ast.ReturnStmt:
				for _, res := range n.Results {
					if e := c.escapes(r, res); e != nil {
						if c.resetsOnReturn(fn, e, n) {
							continue // handed over: a deferred reset gives the field a new value
						}
						if c.frozenByHandout(fn, res) {
							continue // frozen first: every writer backs off
						}
						c.reportEscape(name, res, e, "returns")
					} else if lit, ok := ast.Unparen(res).(*ast.FuncLit); ok {
						c.checkClosure(name, r, lit)
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) && !(len(n.Rhs) == 1 && isCommaOk(n.Rhs[0])) {
					return
				}
				for i, lhs := range n.Lhs {
					rhs := n.Rhs[0]
					if len(n.Rhs) == len(n.Lhs) {
						rhs = n.Rhs[i]
					} else if i > 0 {
						continue
					}
					e := c.escapes(r, rhs)
					if e == nil {
						e = c.appendEscape(rhs, tainted, ranged)
					}
					if e == nil {
						continue
					}
					if out := c.outParam(fn, lhs); out != "" {
						c.reportEscape(name, rhs, e, "stores in "+out)
						continue
					}
					if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
						if v, ok := c.info.ObjectOf(id).(*types.Var); ok && !v.IsField() {
							if ix, ok := ast.Unparen(rhs).(*ast.IndexExpr); ok {
								readFrom[v] = ix
							}
							tainted[v] = e
						}
					}
				}
			}
		})
	}
	if len(tainted) == 0 {
		return
	}
	// A variable loaded from guarded state under the lock and returned,
	// after the unlock or before it, and assigned nowhere else.
	assigns := assignCounts(c.info, funcs.Body(fn))
	ast.Inspect(funcs.Body(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, res := range n.Results {
				id, ok := ast.Unparen(res).(*ast.Ident)
				if !ok {
					continue
				}
				v, _ := c.info.Uses[id].(*types.Var)
				if ix := readFrom[v]; ix != nil && mutexmodel.TakesOut(c.info, funcs.Body(fn), ix, n) {
					continue // popped: the element is the caller's now
				}
				if e := tainted[v]; e != nil && (assigns[v] == 1 || c.onlyAppended(funcs.Body(fn), v)) && !c.replaces(fn, e) {
					c.reportEscape(name, res, e, "returns")
				}
			}
			for _, res := range n.Results {
				if e := c.recordFieldEscape(res, tainted, assigns, ranged); e != nil && !c.replaces(fn, e) {
					c.reportEscape(name, res, e, "returns")
				}
			}
		}
		return true
	})
}

// releasedRegions returns the regions of fn whose lock fn releases
// itself: an unlock of that mutex, deferred or not, outside function
// literals other than a deferred one. A function that takes a lock and
// never releases it returns holding it, and its caller releases it,
// directly or through a release function fn returns (an acquire API:
// storage, release := c.Acquire(); ...; release(storage)): what it
// returns is read under that lock, and escapes nothing.
func releasedRegions(info *types.Info, fn ast.Node, regions []*mutexmodel.Region) []*mutexmodel.Region {
	var out []*mutexmodel.Region
	for _, r := range regions {
		if unlocks(info, funcs.Body(fn), r) {
			out = append(out, r)
		}
	}
	return out
}

// unlocks reports whether n releases r's mutex: a call of its Unlock or
// RUnlock, deferred or not, or a deferred function literal that makes
// one. Other function literals in n do not count.
func unlocks(info *types.Info, n ast.Node, r *mutexmodel.Region) bool {
	mu := types.ExprString(lockExpr(r))
	var isUnlock func(ast.Node) bool
	isUnlock = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			op, x := mutexmodel.CallOp(info, n)
			return op.Releases() && x != nil && types.ExprString(x) == mu
		case *ast.DeferStmt:
			lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit)
			return ok && funcs.Has(lit.Body, isUnlock)
		}
		return false
	}
	return funcs.Has(n, isUnlock)
}

// checkClosure reports a function literal, returned while holding the
// lock, that reads guarded state without taking the lock itself: it runs
// after the lock is gone.
func (c *checker) checkClosure(fnName string, r *mutexmodel.Region, lit *ast.FuncLit) {
	locks := false
	var read *ast.SelectorExpr
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			// A closure that takes the lock reads under it; one that
			// releases this mutex (defer s.mu.Unlock()) is handed the lock
			// the function returned holding: it runs before the unlock.
			if op, mu := mutexmodel.CallOp(c.info, n); op.Acquires() || op.Releases() && types.ExprString(mu) == types.ExprString(lockExpr(r)) {
				locks = true
			}
		case *ast.SelectorExpr:
			if f := r.FieldOf(c.info, n); f != nil && read == nil && c.guardedBy(f, r) && !mutexmodel.SelfSynchronized(f.Type()) {
				if g := c.model.Guarded(f); g.Written || g.InPlace() {
					read = n
				}
			}
		}
		return true
	})
	if locks || read == nil || c.reported[read.Pos()] || c.testsOnly() {
		return
	}
	c.reported[read.Pos()] = true
	mu := types.ExprString(lockExpr(r))
	c.r.Report(analysis.Diagnostic{
		Pos:     read.Pos(),
		End:     read.End(),
		Message: fmt.Sprintf("%s returns a closure that reads %s, guarded by %s, without the lock: it runs after the unlock; lock %s in the closure", fnName, types.ExprString(read), mu, mu),
		Related: report.Related(r.Lock, "%s.%s here", mu, r.Op),
	})
}

func isCommaOk(e ast.Expr) bool {
	switch ast.Unparen(e).(type) {
	case *ast.IndexExpr, *ast.TypeAssertExpr:
		return true
	}
	return false
}

// assignCounts counts the assignments (declarations with a value
// included) of each local variable in body. A declaration without one
// (var g *Guild, before g, err = s.Guild(id)) gives the zero value, which
// refers to nothing: it does not count.
func assignCounts(info *types.Info, body *ast.BlockStmt) map[*types.Var]int {
	counts := make(map[*types.Var]int)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
					if v, ok := info.ObjectOf(id).(*types.Var); ok {
						counts[v]++
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Values) == 0 {
				return true
			}
			for _, id := range n.Names {
				if v, ok := info.ObjectOf(id).(*types.Var); ok {
					counts[v]++
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok {
					if v, ok := info.ObjectOf(id).(*types.Var); ok {
						counts[v] += 2
					}
				}
			}
		case *ast.UnaryExpr:
			// &v lets anything change v.
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
				if v, ok := info.ObjectOf(id).(*types.Var); ok {
					counts[v] += 2
				}
			}
		}
		return true
	})
	return counts
}

// outParam returns "*out" when lhs stores through a pointer parameter of
// fn, where the caller sees the value.
func (c *checker) outParam(fn ast.Node, lhs ast.Expr) string {
	// Only *out = ...: a store into a field of a parameter (req.next =
	// s.free) links the parameter into the guarded structure instead.
	star, ok := ast.Unparen(lhs).(*ast.StarExpr)
	if !ok {
		return ""
	}
	id, ok := ast.Unparen(star.X).(*ast.Ident)
	if !ok {
		return ""
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !isParam(c.info, fn, v) {
		return ""
	}
	return types.ExprString(lhs)
}

func isParam(info *types.Info, fn ast.Node, v *types.Var) bool {
	ft := funcs.Type(fn)
	if ft == nil || ft.Params == nil {
		return false
	}
	for _, f := range ft.Params.List {
		for _, id := range f.Names {
			if info.Defs[id] == v {
				return true
			}
		}
	}
	return false
}

// escapes returns what reference into r's guarded state e is, or nil.
func (c *checker) escapes(r *mutexmodel.Region, e ast.Expr) *escape {
	e = ast.Unparen(e)
	base := types.ExprString(r.Expr)
	switch x := e.(type) {
	case *ast.SelectorExpr:
		f := r.FieldOf(c.info, x)
		if f == nil || !c.guardedBy(f, r) {
			return nil
		}
		g := c.model.Guarded(f)
		switch t := f.Type().Underlying().(type) {
		case *types.Map:
			if g.InPlace() {
				return &escape{r, f, "map " + base + "." + f.Name(), cloneIfValues("maps", t.Key(), t.Elem()), nil}
			}
			if at := c.recordElems(t.Elem()); at != nil {
				return &escape{r, f, "map " + base + "." + f.Name() + " of " + c.typeString(t.Elem()) + ", changed in place", "", at}
			}
		case *types.Slice:
			if g.WriterAtBuffer {
				return nil // an io.WriterAt sink's buffer, read once filled
			}
			if g.InPlace() {
				return &escape{r, f, "slice " + base + "." + f.Name(), cloneIfValues("slices", t.Elem()), nil}
			}
			if at := c.recordElems(t.Elem()); at != nil {
				return &escape{r, f, "slice " + base + "." + f.Name() + " of " + c.typeString(t.Elem()) + ", changed in place", "", at}
			}
		case *types.Pointer:
			if c.sharedPointee(r, t) {
				return &escape{r, f, c.typeString(f.Type()) + " " + base + "." + f.Name(), "", nil}
			}
		case *types.Struct:
			if g.InPlace() && sharesContainers(t) {
				return &escape{r, f, "a copy of " + base + "." + f.Name() + " that shares its maps and slices", "", nil}
			}
		}
	case *ast.SliceExpr:
		if f := r.FieldOf(c.info, x.X); f != nil && c.guardedBy(f, r) {
			if t, ok := f.Type().Underlying().(*types.Slice); ok {
				if g := c.model.Guarded(f); g.WriterAtBuffer {
					return nil
				} else if g.InPlace() {
					return &escape{r, f, "slice " + types.ExprString(x) + " of " + base + "." + f.Name(), "", nil}
				}
				if at := c.recordElems(t.Elem()); at != nil {
					return &escape{r, f, "slice " + types.ExprString(x) + " of " + base + "." + f.Name() + ", whose " + c.typeString(t.Elem()) + " are changed in place", "", at}
				}
			}
		}
	case *ast.IndexExpr:
		f := r.FieldOf(c.info, x.X)
		if f == nil || !c.guardedBy(f, r) {
			return nil
		}
		t := c.info.TypeOf(x)
		if tup, ok := t.(*types.Tuple); ok && tup.Len() == 2 {
			t = tup.At(0).Type() // v, ok := m[k]
		}
		return c.elemEscape(r, f, t)
	case *ast.UnaryExpr:
		if x.Op != token.AND {
			return nil
		}
		if f := c.addressed(r, x.X); f != nil {
			return &escape{r, f, types.ExprString(x) + ", a pointer into " + base + "." + f.Name(), "", nil}
		}
	case *ast.CallExpr:
		return c.callEscape(r, x)
	}
	return nil
}

// callEscape returns the reference into r's guarded state that a method
// called on the region's base returns (q.find(repo), which returns
// &q.jobs[i]), from the package's summary of the method.
func (c *checker) callEscape(r *mutexmodel.Region, call *ast.CallExpr) *escape {
	refs := c.model.CallRefs(r, call)
	if refs == nil {
		return nil
	}
	// Evaluate the method's results as if they were written on the
	// caller's base: the callee's receiver stands for it.
	callee := *r
	callee.Base = []types.Object{refs.Recv}
	for _, ref := range refs.Refs {
		var e *escape
		if ref.Elem != nil {
			f := callee.FieldOf(c.info, ref.Elem)
			if f == nil || !c.guardedBy(f, r) {
				continue
			}
			e = c.elemEscape(r, f, ref.ElemType)
		} else {
			e = c.escapes(&callee, ref.Expr)
		}
		if e == nil {
			continue
		}
		t := c.info.TypeOf(call)
		if t == nil {
			continue
		}
		return &escape{r, e.field, c.typeString(t) + " from " + types.ExprString(r.Expr) + "." + e.field.Name() + " through " + types.ExprString(call.Fun), "", e.changed}
	}
	return nil
}

// elemEscape returns the escape of an element of type t read out of the
// guarded container field f: a pointer to data changed in place.
func (c *checker) elemEscape(r *mutexmodel.Region, f *types.Var, t types.Type) *escape {
	p, ok := types.Unalias(t).Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	// A record the package changes under the same lock. A record nobody
	// in the package writes after it is published is immutable here: only
	// a caller's write could race, and checkCallerWrites reports that
	// write, in this package or in an importer.
	if c.sharedPointee(r, p) {
		return &escape{r, f, c.typeString(t) + " from " + types.ExprString(r.Expr) + "." + f.Name(), "", nil}
	}
	// A record the package changes in place, under the lock or not, is
	// shared with whoever holds the pointer.
	if at := c.recordElems(p); at != nil {
		return &escape{r, f, c.typeString(t) + " from " + types.ExprString(r.Expr) + "." + f.Name() + ", changed in place", "", at}
	}
	return nil
}

// addressed returns the guarded field that &e points into (c.f, c.f[i],
// c.f.g), when the memory it points to is written under the lock: the
// field itself (a struct or array value, reassigned or changed in place),
// or, through an index into a slice, the slice's elements in place. A
// slice the lock only appends to past its length or re-slices from the
// front (c.f = append(c.f, e), c.f = c.f[k:]) leaves every element a
// holder of &c.f[i] sees as it was.
func (c *checker) addressed(r *mutexmodel.Region, e ast.Expr) *types.Var {
	throughSlice := false
	for e = ast.Unparen(e); ; {
		if f := r.FieldOf(c.info, e); f != nil {
			if !c.guardedBy(f, r) || mutexmodel.SelfSynchronized(f.Type()) {
				return nil
			}
			g := c.model.Guarded(f)
			if g.InPlace() || g.Mutated || g.Written && !throughSlice {
				return f
			}
			return nil
		}
		switch x := e.(type) {
		case *ast.IndexExpr:
			// Through a map only as &c.m[k][i], into a slice the map
			// holds: map elements themselves are not addressable.
			if t := c.info.TypeOf(x.X); t != nil {
				if _, ok := t.Underlying().(*types.Slice); ok {
					throughSlice = true
				}
			}
			e = ast.Unparen(x.X)
		case *ast.SelectorExpr:
			t := c.info.TypeOf(x.X)
			if t == nil {
				return nil
			}
			if _, ptr := t.Underlying().(*types.Pointer); ptr {
				return nil
			}
			if mutexmodel.SelfSynchronized(c.info.TypeOf(x)) {
				return nil
			}
			e = ast.Unparen(x.X)
		default:
			return nil
		}
	}
}

// sharedPointee reports whether a pointer of type p, held in guarded
// state, points to data the package changes in place under the same
// lock, and that has no synchronisation of its own.
func (c *checker) sharedPointee(r *mutexmodel.Region, p *types.Pointer) bool {
	// Callers inside the package may well dereference the pointer under
	// the same lock (etcd's leasing cache does); only an exported function
	// hands it to callers that cannot.
	if !c.exported || mutexmodel.SelfSynchronized(p) {
		return false
	}
	if _, ok := p.Elem().Underlying().(*types.Struct); !ok {
		return false
	}
	return c.model.PointeeGuarded(r.Mutex, p)
}

// sharesContainers reports whether a struct value has map or slice fields,
// directly or in struct and array fields, which a copy shares with the
// original.
func sharesContainers(t *types.Struct) bool {
	return holdsContainers(t, 0)
}

func holdsContainers(t types.Type, depth int) bool {
	if depth > 5 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Map, *types.Slice:
		return depth > 0
	case *types.Array:
		return holdsContainers(u.Elem(), depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if holdsContainers(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	}
	return false
}

// cloneIfValues returns pkg when a shallow clone of a container of the
// given key and element types shares nothing with the original.
func cloneIfValues(pkg string, ts ...types.Type) string {
	for _, t := range ts {
		if !pointerFree(t, 0) {
			return ""
		}
	}
	return pkg
}

func pointerFree(t types.Type, depth int) bool {
	if depth > 5 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() != types.UnsafePointer
	case *types.Array:
		return pointerFree(u.Elem(), depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if !pointerFree(u.Field(i).Type(), depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

func (c *checker) typeString(t types.Type) string {
	return types.TypeString(t, types.RelativeTo(c.pass.Pkg))
}

func (c *checker) reportEscape(fnName string, at ast.Expr, e *escape, verb string) {
	if c.reported[at.Pos()] || c.testsOnly() {
		return
	}
	c.reported[at.Pos()] = true
	mu := types.ExprString(lockExpr(e.region))
	d := analysis.Diagnostic{
		Pos:     at.Pos(),
		End:     at.End(),
		Message: fmt.Sprintf("%s %s %s, guarded by %s: callers can change it without the lock", fnName, verb, e.what, mu),
		Related: report.Related(e.region.Lock, "%s.%s here", mu, e.region.Op),
	}
	if e.changed != nil {
		d.Related = append(d.Related, report.Related(e.changed, "the package changes the record in place here")...)
	}
	if e.clone != "" && verb == "returns" {
		file := goversion.FileOf(c.pass, at.Pos())
		_, direct := ast.Unparen(at).(*ast.SelectorExpr)
		if direct && file != nil && goversion.StdlibAtLeast(c.pass, file, goversion.Go1_21) {
			d.Message += fmt.Sprintf("; return %s.Clone(%s)", e.clone, types.ExprString(at))
			d.SuggestedFixes = c.cloneFix(file, at, e.clone)
		}
	}
	c.r.Report(d)
}

// lockExpr returns the expression that names the mutex: c.mu, or c for an
// embedded one.
func lockExpr(r *mutexmodel.Region) ast.Expr {
	call := ast.Unparen(r.Lock.X).(*ast.CallExpr)
	return ast.Unparen(call.Fun).(*ast.SelectorExpr).X
}

func stmtString(n ast.Node) string {
	switch n := n.(type) {
	case *ast.IncDecStmt:
		return types.ExprString(n.X) + n.Tok.String()
	case *ast.ExprStmt:
		return types.ExprString(n.X)
	case *ast.AssignStmt:
		if len(n.Lhs) == 1 {
			return "assignment to " + types.ExprString(n.Lhs[0])
		}
	}
	return "the assignment"
}

// testsOnly reports whether the function being checked is unexported
// and hands its result only to tests that use it on their own goroutine
// (or to no caller at all): see handedOut.
func (c *checker) testsOnly() bool {
	return c.fn != nil && !c.fn.Exported() && !c.handedOut(c.fn)
}

// isExported reports whether fn is an exported function or method.
func isExported(fn ast.Node) bool {
	d, ok := fn.(*ast.FuncDecl)
	return ok && d.Name.IsExported()
}
