package lockescape

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/mutexmodel"
)

// The shutdown-after-wait pattern: a method that waits on a WaitGroup
// (or another join: an errgroup's Wait, go-zero's RoutineGroup) before it
// uses guarded state without the lock runs after every goroutine the
// group counts has returned. When every writer of that state under the
// lock is such a goroutine (a worker deleting itself from the map before
// Done, the dispatcher adding workers), nothing is left to race with the
// access. The group is not matched with the goroutines' Add and Done:
// any join orders the access after the package's goroutines.

// joinedBefore reports whether every path from the entry of the function
// fd to the node at passes a join: a Wait of a sync.WaitGroup, an
// errgroup.Group or go-zero's RoutineGroup, or a call of a function of
// the package that joins on every path that returns (alwaysJoins). A
// deferred Wait runs after the access, and one in a go statement or a
// function literal on whatever goroutine runs it: neither counts.
func (c *checker) joinedBefore(fd *ast.FuncDecl, at ast.Node) bool {
	g := funcs.CFG(c.cfgs, fd)
	if g == nil {
		return false
	}
	return !c.unjoinedPath(g, func(n ast.Node) bool { return code.Encloses(n, at) })
}

// alwaysJoins reports whether the package's function fn joins on every
// path that returns (a path that panics or exits does not return): its
// callers go on only after the group's goroutines have returned. The
// answers form a summary of the package, built as the rules ask and
// reused by every later call; a recursive call proves nothing.
func (c *checker) alwaysJoins(fn *types.Func) bool {
	fn = fn.Origin()
	if r, ok := c.joiners[fn]; ok {
		return r
	}
	if c.joiners == nil {
		c.joiners = make(map[*types.Func]bool)
	}
	c.joiners[fn] = false
	var g *cfg.CFG
	if fd := c.funcDecl(fn); fd != nil {
		g = funcs.CFG(c.cfgs, fd)
	}
	r := g != nil && !c.unjoinedPath(g, nil)
	c.joiners[fn] = r
	return r
}

// unjoinedPath reports whether some path from the entry of g that passes
// no join reaches a node for which target holds or, with no target, the
// function's return.
func (c *checker) unjoinedPath(g *cfg.CFG, target func(ast.Node) bool) bool {
	if len(g.Blocks) == 0 {
		return false
	}
	return funcs.SearchBlocks(g.Blocks[:1], func(b *cfg.Block) (bool, []*cfg.Block) {
		for _, n := range b.Nodes {
			if target != nil && target(n) {
				return true, nil
			}
			if c.joins(n) || c.endsHere(n) {
				return false, nil
			}
		}
		return target == nil && len(b.Succs) == 0, b.Succs
	})
}

// joins reports whether the control-flow node n waits for a group's
// goroutines before the next node runs.
func (c *checker) joins(n ast.Node) bool {
	switch n.(type) {
	case *ast.DeferStmt, *ast.GoStmt:
		return false // the call runs later, or on another goroutine
	}
	return funcs.HasCall(n, func(call *ast.CallExpr) bool {
		if knowledge.CallsJoin(c.info, call) {
			return true
		}
		fn := typeutil.StaticCallee(c.info, call)
		return fn != nil && fn.Pkg() == c.pass.Pkg && c.alwaysJoins(fn)
	})
}

// endsHere reports whether n is a call statement that ends the goroutine
// or the program (panic, log.Fatal): the path goes no further.
func (c *checker) endsHere(n ast.Node) bool {
	es, ok := n.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	return ok && funcs.EndsGoroutine(c.info, c.cfgs, c.pass.Pkg, call)
}

// joinedWriters reports whether the method m uses the map field f at
// after a join on every path (joinedBefore), and every function that
// changes f in place under the lock runs only on goroutines the package
// starts (startedOnly): the join orders the use after all of them. A
// writer that a caller runs on its own goroutine (an exported method, a
// helper it calls outside a go statement, a callback) may run beside the
// use whatever the method waits for.
func (c *checker) joinedWriters(m publicMethod, f *mutexmodel.Field, at ast.Node) bool {
	if len(f.ChangedIn) == 0 || !c.joinedBefore(m.fd, at) {
		return false
	}
	for fn := range f.ChangedIn {
		if !c.startedOnly(fn, 0) {
			return false
		}
	}
	return true
}

// startedOnly reports whether the function node fn (a declaration or a
// literal) runs only on goroutines the package starts: a literal started
// by a go statement or a launcher (errgroup's Go, ...), or run at once in
// a function that does; an unexported function (no importer can call
// it), each of whose uses in the package's non-test files is a call made
// in such a goroutine or in another such function, at most
// maxBackgroundDepth calls away from the go statement (recursion ends
// there too).
func (c *checker) startedOnly(fn ast.Node, depth int) bool {
	if depth > maxBackgroundDepth {
		return false
	}
	switch fn := fn.(type) {
	case *ast.FuncLit:
		cur, ok := c.in.Root().FindNode(fn)
		return ok && c.onStartedGoroutine(cur, depth)
	case *ast.FuncDecl:
		return c.usedOnlyStarted(fn, depth)
	}
	return false
}

// usedOnlyStarted reports whether the function fd is unexported (or an
// exported method that no importer can call) and used, in the package's
// non-test files, only by calls on goroutines the package starts.
func (c *checker) usedOnlyStarted(fd *ast.FuncDecl, depth int) bool {
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok || fd.Name.IsExported() && (fd.Recv == nil || c.calledFromOutside(fn)) {
		return false
	}
	uses := c.funcUses()[fn]
	if len(uses) == 0 {
		return false // called only where no use shows (an interface, reflection)
	}
	for _, use := range uses {
		if !c.startedCall(use, depth) {
			return false
		}
	}
	return true
}

// startedCall reports whether the use of a function at the identifier
// cur is a call, or the function a launcher runs (g.Go(s.work)), on a
// goroutine the package starts.
func (c *checker) startedCall(cur inspector.Cursor, depth int) bool {
	fun := cur
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == cur.Node() {
		fun = cur.Parent()
	}
	if call, ok := fun.Parent().Node().(*ast.CallExpr); ok {
		if _, ok := knowledge.LauncherOf(c.info, call); ok && knowledge.Launched(call) == fun.Node() {
			return true
		}
	}
	if _, ok := callOf(cur); !ok {
		return false // a method value, a function value: run anywhere
	}
	return c.onStartedGoroutine(cur, depth)
}

// onStartedGoroutine reports whether the code at cur runs on a goroutine
// the package starts: inside a go statement's function or a launched
// literal, through literals run at once (func(){...}(), defer), or in a
// function declaration that runs only there (startedOnly).
func (c *checker) onStartedGoroutine(cur inspector.Cursor, depth int) bool {
	for anc := range cur.Enclosing((*ast.GoStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := anc.Node().(type) {
		case *ast.GoStmt:
			if code.Encloses(n.Call.Fun, cur.Node()) {
				return true
			}
			// An argument of the go statement is evaluated by its caller.
		case *ast.FuncLit:
			call, ok := anc.Parent().Node().(*ast.CallExpr)
			if !ok {
				return false // stored or returned: it runs wherever it is called
			}
			if _, ok := knowledge.LauncherOf(c.info, call); ok && knowledge.Launched(call) == n {
				return true
			}
			if ast.Unparen(call.Fun) != n {
				return false // handed to a function: it runs wherever that calls it
			}
			// Called at once: by the enclosing function, or by a go statement.
		case *ast.FuncDecl:
			return c.startedOnly(n, depth+1)
		}
	}
	return false
}

// funcUses indexes, once per package, the uses of the package's
// functions in its non-test files, by function.
func (c *checker) funcUses() map[*types.Func][]inspector.Cursor {
	if c.uses != nil {
		return c.uses
	}
	c.uses = make(map[*types.Func][]inspector.Cursor)
	for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := c.info.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != c.pass.Pkg || code.InTestFile(c.pass.Fset, id.Pos()) {
			continue
		}
		fn = fn.Origin()
		c.uses[fn] = append(c.uses[fn], cur)
	}
	return c.uses
}
