package goroutineleak

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
)

// maxCallDepth bounds how many plain calls the field rule follows from a
// goroutine to the function that sends.
const maxCallDepth = 3

// A runner is the goroutine that runs a piece of code.
type runner struct {
	fn       string // the function started with go, or "" for a literal
	launcher string // the function holding the go statement
	via      string // the called function holding the code, if any
}

func (r runner) String() string {
	g := "the goroutine started in " + r.launcher
	if r.fn != "" {
		g = r.fn + ", started as a goroutine in " + r.launcher + ","
		if r.via != "" {
			g = r.fn + "'s goroutine (started in " + r.launcher + ")"
		}
	}
	if r.via != "" {
		return r.via + ", called from " + g + ","
	}
	return g
}

// goroutineAt says which goroutine runs the code at cur: the launched
// literal around it; the function around it, when the package only
// starts that function with a go statement; or, up to depth-1 calls
// away, a goroutine of those two kinds that is the only caller of the
// function around it (goroutineCaller). It is false when a goroutine on
// the way may be counted by a WaitGroup.
func (c *checker) goroutineAt(cur inspector.Cursor, launched map[*types.Func]*ast.GoStmt, depth int) (runner, bool) {
	lcur, started := launchedLit(c.info, cur)
	if started {
		if c.countedByWaitGroup(lcur) {
			return runner{}, false
		}
		launcher, _, _ := enclosingFunc(lcur)
		return runner{launcher: funcs.Name(launcher)}, true
	}
	fd, ok := lcur.Node().(*ast.FuncDecl)
	if !ok || c.countedByWaitGroup(lcur) {
		return runner{}, false // in a literal that is not started
	}
	fn, _ := c.info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return runner{}, false
	}
	if gs, ok := launched[fn.Origin()]; ok {
		gcur, ok := c.in.Root().FindNode(gs)
		if !ok {
			return runner{}, false
		}
		launcher, _, _ := enclosingFunc(gcur)
		return runner{fn: fn.Name(), launcher: funcs.Name(launcher)}, true
	}
	r, ok := c.goroutineCaller(fn, launched, depth-1)
	r.via = fn.Name()
	return r, ok
}

// goroutineCaller says which goroutine runs the body of fn when the
// package calls fn only plainly, and only from code that runs as a
// goroutine (goroutineAt), depth calls deep at most. fn must be
// unexported and not a method an interface of the package declares, so
// that every call names it: s.remove(x) in go func() { <-done;
// s.remove(x) }() sends on the goroutine's behalf.
func (c *checker) goroutineCaller(fn *types.Func, launched map[*types.Func]*ast.GoStmt, depth int) (runner, bool) {
	if depth <= 0 || fn.Exported() {
		return runner{}, false
	}
	if c.calls == nil {
		c.calls = c.senderCalls()
	}
	refs := c.calls.refs[fn.Origin()]
	if len(refs) == 0 || c.calls.viaInterface(fn) {
		return runner{}, false
	}
	var first runner
	for i, ref := range refs {
		if !isCalled(ref) {
			return runner{}, false // a function value may run anywhere
		}
		if _, ok := goCallee(ref); ok {
			return runner{}, false // also started by itself
		}
		r, ok := c.goroutineAt(ref, launched, depth)
		if !ok {
			return runner{}, false
		}
		if i == 0 {
			first = r
		}
	}
	return first, true
}

// senderCalls indexes, for the field rule, the references to this
// package's unexported functions and methods outside test files, and the
// package's interfaces by method name: a method such an interface
// declares may be called through it, where no reference names it.
type senderCalls struct {
	refs   map[*types.Func][]inspector.Cursor
	ifaces map[string][]*types.Interface
	live   map[*types.Func]bool // the live unexported functions, computed on demand
	// signalled holds signalled's answers, by field.
	signalled map[*types.Var]bool
}

func (c *checker) senderCalls() *senderCalls {
	sc := &senderCalls{
		refs:      make(map[*types.Func][]inspector.Cursor),
		ifaces:    make(map[string][]*types.Interface),
		signalled: make(map[*types.Var]bool),
	}
	for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if fn, ok := c.info.Uses[id].(*types.Func); ok && fn.Pkg() == c.pass.Pkg && !fn.Exported() && !code.InTestFile(c.pass.Fset, id.Pos()) {
			sc.refs[fn.Origin()] = append(sc.refs[fn.Origin()], cur)
		}
	}
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if tn, ok := scope.Lookup(name).(*types.TypeName); ok {
			if it, ok := tn.Type().Underlying().(*types.Interface); ok {
				for m := range it.Methods() {
					sc.ifaces[m.Name()] = append(sc.ifaces[m.Name()], it)
				}
			}
		}
	}
	return sc
}

// viaInterface reports whether fn is a method that an interface of the
// package declares and its receiver type implements: a call through the
// interface may run it.
func (sc *senderCalls) viaInterface(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	for _, it := range sc.ifaces[fn.Name()] {
		if types.Implements(t, it) || types.Implements(types.NewPointer(t), it) {
			return true
		}
	}
	return false
}

// live reports whether the code the package ships may run fn: fn is
// exported, main or init, a method an interface of the package lets
// callers reach (viaInterface), used other than by a call, called from a
// package variable's initializer, or called from a live function. A
// function that nothing outside the package's _test.go files calls is
// not: transactionCoordinatorClient.close, called only by a test.
func (c *checker) live(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Exported() || fn.Pkg() != c.pass.Pkg {
		return true
	}
	if c.calls == nil {
		c.calls = c.senderCalls()
	}
	if c.calls.live == nil {
		c.calls.live = c.liveFuncs()
	}
	return c.calls.live[fn]
}

// liveAt reports whether the code at cur may run in the shipped package:
// it lies outside any function (a package variable's initializer) or in
// a live function.
func (c *checker) liveAt(cur inspector.Cursor) bool {
	fn := enclosingDecl(c.info, cur)
	return fn == nil || c.live(fn)
}

// liveFuncs computes live for the package's unexported functions at
// once: the roots, then whatever a live function calls.
func (c *checker) liveFuncs() map[*types.Func]bool {
	live := make(map[*types.Func]bool)
	var work []*types.Func
	mark := func(fn *types.Func) {
		if !live[fn] {
			live[fn] = true
			work = append(work, fn)
		}
	}
	callees := make(map[*types.Func][]*types.Func)
	for fn, refs := range c.calls.refs {
		root := c.calls.viaInterface(fn)
		for _, ref := range refs {
			caller := enclosingDecl(c.info, ref)
			if !isCalled(ref) || caller == nil {
				root = true // a function value, or a package variable's initializer
				continue
			}
			callees[caller] = append(callees[caller], fn)
		}
		if root {
			mark(fn)
		}
	}
	for caller := range callees {
		if caller.Exported() || caller.Signature().Recv() == nil && (caller.Name() == "init" || caller.Name() == "main") {
			mark(caller)
		}
	}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, g := range callees[fn] {
			mark(g)
		}
	}
	return live
}

// enclosingDecl returns the function declared around cur, or nil.
func enclosingDecl(info *types.Info, cur inspector.Cursor) *types.Func {
	for e := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fn, _ := info.Defs[e.Node().(*ast.FuncDecl).Name].(*types.Func)
		if fn != nil {
			return fn.Origin()
		}
	}
	return nil
}

// signalled reports whether the code the package ships may close or
// send on the channel field f, and so give the stop signal a receiver
// waits for: a close or send in a live function, or any use that hands
// the channel on (it may be closed anywhere). A stop channel only the
// package's tests close never stops the loop that waits on it.
func (c *checker) signalled(f *types.Var) bool {
	if c.calls == nil {
		c.calls = c.senderCalls()
	}
	f = f.Origin()
	v, ok := c.calls.signalled[f]
	if !ok {
		v = c.signalledNow(f)
		c.calls.signalled[f] = v
	}
	return v
}

// signalledNow computes signalled.
func (c *checker) signalledNow(f *types.Var) bool {
	for cur := range c.in.Root().Preorder((*ast.SelectorExpr)(nil)) {
		sel := cur.Node().(*ast.SelectorExpr)
		if code.InTestFile(c.pass.Fset, sel.Pos()) {
			continue
		}
		if g := c.chanFieldOf(sel); g == nil || g.Origin() != f {
			continue
		}
		switch p := cur.Parent().Node().(type) {
		case *ast.UnaryExpr:
			if p.Op == token.ARROW {
				continue // a receive
			}
		case *ast.AssignStmt:
			if stored(p, sel) {
				continue // a store into the field
			}
		case *ast.CallExpr:
			if c.isBuiltin(p, "len") || c.isBuiltin(p, "cap") {
				continue
			}
		}
		if c.liveAt(cur) {
			return true
		}
	}
	return false
}

// stored reports whether the assignment assigns to the expression e
// itself (one of its left-hand sides).
func stored(as *ast.AssignStmt, e ast.Expr) bool {
	for _, l := range as.Lhs {
		if l == e {
			return true
		}
	}
	return false
}
