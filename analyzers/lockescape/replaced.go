package lockescape

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A backgroundWrite is a field that a goroutine the package starts and
// does not wait for assigns while holding a write lock.
type backgroundWrite struct {
	mutex *types.Var
	// starter is the function whose go statement starts the goroutine.
	starter *ast.FuncDecl
	// whole: the field itself is assigned; subs: the fields of a struct
	// field assigned one by one (c.s.f = v).
	whole bool
	subs  map[*types.Var]bool
}

// conflicts reports whether an access of the field, or of its struct
// field sub when sub is not nil, races with the write.
func (w *backgroundWrite) conflicts(sub *types.Var) bool {
	return w.whole || sub == nil || w.subs[sub]
}

// maxBackgroundDepth bounds how far calls are followed from a goroutine's
// function: a refresher calling its refresh method, which assigns the
// cache, is two steps.
const maxBackgroundDepth = 3

// selfVars are the variables that hold the one value a background
// goroutine works on: the receiver of the method starting it, or the
// value a constructor allocates, and the receivers and parameters it is
// passed on as.
type selfVars map[types.Object]bool

// backgroundWrites returns the fields of the package's structs that a
// goroutine started by a method of the struct, or by a constructor on the
// value it allocates, and not waited for by the function starting it,
// assigns on that same value while holding a write lock of their mutex (a
// cache refresher replacing r.cache under r.mu.Lock() every minute), and
// the function nodes such goroutines run. Such a goroutine runs while
// callers use the value, so every access of the field without the lock
// races with it. Values the goroutine reaches otherwise (a parameter, an
// element of a list) may be other instances, and are not followed.
func (c *checker) backgroundWrites() (map[*types.Var]*backgroundWrite, map[ast.Node]bool) {
	writes := make(map[*types.Var]*backgroundWrite)
	runs := make(map[ast.Node]bool)
	for cur := range c.in.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		if code.InTestFile(c.pass.Fset, g.Pos()) {
			continue
		}
		fc, ok := funcs.Enclosing(cur)
		if !ok || waitsAfter(c.info, fc.Node(), g) {
			continue // fan-out joined before the starter returns
		}
		var decl *ast.FuncDecl
		for e := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			decl = e.Node().(*ast.FuncDecl)
		}
		if decl == nil {
			continue
		}
		selfs := c.selfsOf(decl)
		if len(selfs) == 0 {
			continue
		}
		if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
			c.followBackground(lit, selfs, 0, decl, runs, writes)
			continue
		}
		c.followCall(g.Call, selfs, 0, decl, runs, writes)
	}
	return writes, runs
}

// selfsOf returns the values a function works on as their owner: a
// method's receiver, and the local variables it assigns a new struct
// (&T{...}, new(T)), as a constructor does.
func (c *checker) selfsOf(fd *ast.FuncDecl) selfVars {
	selfs := make(selfVars)
	if v := funcs.Receiver(c.info, fd); v != nil {
		selfs[v] = true
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, rhs := range as.Rhs {
			if !allocatesStruct(c.info, rhs) {
				continue
			}
			if id, ok := as.Lhs[i].(*ast.Ident); ok {
				if v := c.info.ObjectOf(id); v != nil {
					selfs[v] = true
				}
			}
		}
		return true
	})
	return selfs
}

// allocatesStruct reports &T{...} and new(T) of a struct type T.
func allocatesStruct(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		_, lit := ast.Unparen(e.X).(*ast.CompositeLit)
		return e.Op == token.AND && lit
	case *ast.CallExpr:
		return code.CallsBuiltin(info, e, "new")
	}
	return false
}

// followCall follows a call on a self value into the package's function
// it calls: s.refresh() runs refresh with its receiver as the self, and
// f(s) runs f with the parameter s is passed as.
func (c *checker) followCall(call *ast.CallExpr, selfs selfVars, depth int, starter *ast.FuncDecl, runs map[ast.Node]bool, writes map[*types.Var]*backgroundWrite) {
	fn := typeutil.StaticCallee(c.info, call)
	if fn == nil {
		return
	}
	fd := c.funcDecl(fn.Origin())
	if fd == nil {
		return
	}
	next := make(selfVars)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isSelf(c.info, sel.X, selfs) {
		if v := funcs.Receiver(c.info, fd); v != nil {
			next[v] = true
		}
	}
	var params []*ast.Ident
	for _, field := range fd.Type.Params.List {
		params = append(params, field.Names...)
	}
	for i, arg := range call.Args {
		if i < len(params) && isSelf(c.info, arg, selfs) {
			if v := c.info.Defs[params[i]]; v != nil {
				next[v] = true
			}
		}
	}
	if len(next) > 0 {
		c.followBackground(fd, next, depth, starter, runs, writes)
	}
}

// isSelf reports whether e is one of the self variables.
func isSelf(info *types.Info, e ast.Expr, selfs selfVars) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && selfs[info.Uses[id]]
}

// followBackground records what the function node n, run by a background
// goroutine started in starter, assigns on its self values under a write
// lock, and follows the calls it makes on them.
func (c *checker) followBackground(n ast.Node, selfs selfVars, depth int, starter *ast.FuncDecl, runs map[ast.Node]bool, writes map[*types.Var]*backgroundWrite) {
	if runs[n] {
		return
	}
	runs[n] = true
	body := funcs.Body(n)
	if body == nil {
		return
	}
	for _, r := range c.model.RegionsOf(n) {
		if r.Op != mutexmodel.Lock || len(r.Base) != 1 || !selfs[r.Base[0]] {
			continue
		}
		r.Nodes(func(held ast.Node) {
			var lhs []ast.Expr
			switch s := held.(type) {
			case *ast.AssignStmt:
				lhs = s.Lhs
			case *ast.IncDecStmt:
				lhs = []ast.Expr{s.X}
			}
			for _, e := range lhs {
				f, sub := assignedField(c.info, r, e)
				if f == nil {
					continue
				}
				w := writes[f]
				if w == nil {
					w = &backgroundWrite{mutex: r.Mutex, starter: starter, subs: make(map[*types.Var]bool)}
					writes[f] = w
				}
				if sub == nil {
					w.whole = true
				} else {
					w.subs[sub] = true
				}
			}
		})
	}
	if depth == maxBackgroundDepth {
		return
	}
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			c.followBackground(x, selfs, depth+1, starter, runs, writes)
			return false
		case *ast.CallExpr:
			c.followCall(x, selfs, depth+1, starter, runs, writes)
		}
		return true
	})
}

// assignedField returns the field of the region's struct that an
// assignment to e changes: c.f for c.f = v, and the struct field c.s with
// its field f for c.s.f = v when c.s is a struct value. Writes through a
// pointer or into a map or slice element change no field of the struct.
func assignedField(info *types.Info, r *mutexmodel.Region, e ast.Expr) (field, sub *types.Var) {
	if f := r.FieldOf(info, e); f != nil {
		return f, nil
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	f := r.FieldOf(info, sel.X)
	if f == nil {
		return nil, nil
	}
	if _, isStruct := f.Type().Underlying().(*types.Struct); !isStruct {
		return nil, nil
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil, nil
	}
	v, _ := s.Obj().(*types.Var)
	if v == nil {
		return nil, nil
	}
	return f, v.Origin()
}

// waitsAfter reports whether the function fn calls the Wait of a join (a
// sync.WaitGroup's, an errgroup.Group's) after the go statement g: a
// fan-out whose goroutines end before fn returns.
func waitsAfter(info *types.Info, fn ast.Node, g *ast.GoStmt) bool {
	return funcs.HasCall(fn, func(call *ast.CallExpr) bool {
		return call.Pos() > g.End() && knowledge.CallsJoin(info, call)
	})
}

// checkReplacedFields reports an exported method that reads or writes a
// field without holding the mutex under which a background goroutine of
// the package assigns it (backgroundWrites): a data race with every
// assignment the goroutine makes. A teardown method (Close, Stop,
// Shutdown) is the last call of the value's users, but not of its
// goroutine: it is judged for the fields of a mutex it takes itself,
// which shows it runs beside that lock's other holders (Stop locking
// p.mu to test p.state, then reading p.state after the unlock).
func (c *checker) checkReplacedFields(m publicMethod, writes map[*types.Var]*backgroundWrite) bool {
	reported := false
	// Where the method first receives, and last refers to each starter,
	// found once per method.
	firstReceive := token.NoPos
	received := false
	lastStart := make(map[*ast.FuncDecl]token.Pos)
	ordered := func(sel ast.Node, starter *ast.FuncDecl) bool {
		if !received {
			firstReceive, received = c.firstReceive(m.fd.Body), true
		}
		if firstReceive.IsValid() && firstReceive < sel.Pos() {
			return true
		}
		last, ok := lastStart[starter]
		if !ok {
			last = c.lastStart(m.fd.Body, starter)
			lastStart[starter] = last
		}
		return last.IsValid() && last >= sel.Pos()
	}
	ast.Inspect(m.fd.Body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || reported {
			return false
		}
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		// c.s.f reads c.s's field f alone; c.s reads all of it.
		var sub *types.Var
		outer := sel
		if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok && c.recvField(inner, m.recv) != nil {
			if s := c.info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
				sub, _ = s.Obj().(*types.Var)
				if sub != nil {
					sub = sub.Origin()
				}
			}
			sel = inner
		}
		f := c.recvField(sel, m.recv)
		if f == nil {
			return true
		}
		w, ok := writes[f]
		if !ok || m.teardown && len(m.held[w.mutex]) == 0 || !w.conflicts(sub) || c.heldAny(m, f, w.mutex, sel) || ordered(sel, w.starter) || c.joinedBefore(m.fd, sel) {
			return outer == sel
		}
		reported = true
		c.r.Report(analysis.Diagnostic{
			Pos: sel.Pos(), End: sel.End(),
			Message: fmt.Sprintf("%s reads %s without holding %s, under which the goroutine started in %s assigns it: a data race",
				m.fd.Name.Name, types.ExprString(sel), m.recv.Name()+"."+w.mutex.Name(), w.starter.Name.Name),
		})
		return false
	})
	return reported
}

// heldAny reports whether m holds, at sel, the mutex mu or any other
// mutex the field f is accessed under: a write made holding several
// (fs.mu and fs.wfsmu) is ordered with a read holding one of them.
func (c *checker) heldAny(m publicMethod, f, mu *types.Var, sel ast.Node) bool {
	mutexes := []*types.Var{mu}
	if g := c.model.Guarded(f); g != nil {
		for other := range g.Under {
			mutexes = append(mutexes, other)
		}
	}
	for _, mu := range mutexes {
		for _, h := range m.held[mu] {
			if code.Encloses(h, sel) {
				return true
			}
		}
	}
	return false
}

// recvField returns the field sel selects directly on the receiver recv.
func (c *checker) recvField(sel *ast.SelectorExpr, recv *types.Var) *types.Var {
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || c.info.Uses[id] != recv {
		return nil
	}
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return nil
	}
	v, _ := s.Obj().(*types.Var)
	if v == nil {
		return nil
	}
	return v.Origin()
}

// firstReceive returns the position of the first receive of body that
// may order a background write before what follows (isReceive, or a call
// of a function of the package that receives; a clock's channel does not
// count), or token.NoPos: the goroutine may publish its write by closing
// or sending on that channel (s.err set under the lock, then
// close(s.done); a reader returning s.err after <-s.done).
func (c *checker) firstReceive(body *ast.BlockStmt) token.Pos {
	first := token.NoPos
	funcs.Has(body, func(n ast.Node) bool {
		if first.IsValid() && n.Pos() >= first {
			return false
		}
		receives := isReceive(c.info, n)
		if call, ok := n.(*ast.CallExpr); ok && !receives {
			if fn := typeutil.StaticCallee(c.info, call); fn != nil {
				receives = c.funcReceives(fn.Origin())
			}
		}
		if receives {
			first = n.Pos()
		}
		return false
	})
	return first
}

// funcReceives reports whether the body of the package's function fn
// receives from a channel (isReceive), memoized per function.
func (c *checker) funcReceives(fn *types.Func) bool {
	if r, ok := c.receiving[fn]; ok {
		return r
	}
	fd := c.funcDecl(fn)
	r := fd != nil && fd.Body != nil && funcs.Has(fd.Body, func(n ast.Node) bool { return isReceive(c.info, n) })
	if c.receiving == nil {
		c.receiving = make(map[*types.Func]bool)
	}
	c.receiving[fn] = r
	return r
}

// isReceive reports a receive that may order the goroutine's write before
// what follows: <-ch (also as a select's case), or a range over a
// channel, other than from a clock (a Ticker's or Timer's C, time.After,
// time.Tick), which no goroutine of the package closes or sends on.
func isReceive(info *types.Info, n ast.Node) bool {
	switch n := n.(type) {
	case *ast.UnaryExpr:
		return n.Op == token.ARROW && !isClockChan(info, n.X)
	case *ast.RangeStmt:
		_, ok := info.TypeOf(n.X).Underlying().(*types.Chan)
		return ok && !isClockChan(info, n.X)
	}
	return false
}

// isClockChan reports a channel of the time package's clocks: t.C of a
// time.Ticker or time.Timer, or time.After(d) and time.Tick(d).
func isClockChan(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		x := info.TypeOf(e.X)
		if p, ok := x.(*types.Pointer); ok {
			x = p.Elem()
		}
		return e.Sel.Name == "C" && (typematch.IsNamed(x, "time", "Ticker") || typematch.IsNamed(x, "time", "Timer"))
	case *ast.CallExpr:
		return typematch.CallsFunc(info, e, "time", "After", "Tick")
	}
	return false
}

// lastStart returns the position of the last reference in body to the
// function starter whose go statement starts the goroutine, or to a
// function of the package referring to it (a handler registered as
// s.handleAction, which calls the starter), or token.NoPos: a read before
// it runs before the method itself starts the goroutine, or serves the
// requests that do.
func (c *checker) lastStart(body *ast.BlockStmt, starter *ast.FuncDecl) token.Pos {
	target, _ := c.info.Defs[starter.Name].(*types.Func)
	if target == nil {
		return token.NoPos
	}
	refersTo := func(n ast.Node, match func(*types.Func) bool) token.Pos {
		last := token.NoPos
		funcs.Has(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if fn, ok := c.info.Uses[id].(*types.Func); ok && match(fn.Origin()) {
					last = id.Pos()
				}
			}
			return false
		})
		return last
	}
	starts := map[*types.Func]bool{target: true} // functions referring to target, by their bodies
	return refersTo(body, func(fn *types.Func) bool {
		r, ok := starts[fn]
		if !ok {
			fd := c.funcDecl(fn)
			r = fd != nil && fd.Body != nil && refersTo(fd.Body, func(g *types.Func) bool { return g == target }).IsValid()
			starts[fn] = r
		}
		return r
	})
}
