package deferarg

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A later is an assignment to a variable after a defer, on a path on
// which the function then returns or panics and so runs the deferred call.
type later struct {
	v *types.Var
	// at is what assigns: the left-hand side, the return statement, the
	// call of a closure, the address taken.
	at ast.Node
	// returned: the assignment is a return statement setting a named
	// result.
	returned bool
}

// flow answers the flow questions of one function: where each node
// stands in its control-flow graph, and which variables it assigns.
type flow struct {
	as    *assigns
	cfgs  *ctrlflow.CFGs
	g     *cfg.CFG
	fn    ast.Node
	loc   map[ast.Node]nodeLoc
	loops []ast.Stmt // for and range statements of the function, outside literals
}

type nodeLoc struct {
	b *cfg.Block
	i int
}

func newFlow(as *assigns, cfgs *ctrlflow.CFGs, g *cfg.CFG, fn ast.Node) *flow {
	f := &flow{as: as, cfgs: cfgs, g: g, fn: fn, loc: make(map[ast.Node]nodeLoc)}
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			f.loc[n] = nodeLoc{b, i}
		}
	}
	ast.Inspect(funcs.Body(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			f.loops = append(f.loops, n.(ast.Stmt))
		}
		return true
	})
	return f
}

// assignedLater returns, for variable v, the first assignment found after
// def on a path from def to an exit that runs deferred calls (a return, a
// panic, the end of the function), or false. A path that reaches def
// again stops there: that defer takes the new value, as a deferred call
// per loop iteration means to.
func (f *flow) assignedLater(def *ast.DeferStmt, v *types.Var) (later, bool) {
	start, ok := f.loc[def]
	if !ok {
		return later{}, false
	}
	// A variable declared inside a loop that also holds the defer is a
	// new variable each time round: going round the loop leaves the
	// deferred call's one behind. The header of any loop around the defer
	// (its condition, post statement, range step) moves to the next
	// iteration, whose defer takes the new value.
	var fresh, around []ast.Stmt
	for _, l := range f.loops {
		if !code.Contains(l, def.Pos()) {
			continue
		}
		around = append(around, l)
		if code.Contains(l, v.Pos()) {
			fresh = append(fresh, l)
		}
	}
	var found later
	ok = f.search(start.b, start.i+1, def, func(b *cfg.Block) (stop, skip bool) {
		if isHeaderOf(b, fresh) {
			return true, true
		}
		return false, isHeaderOf(b, around)
	}, func(n ast.Node, b *cfg.Block, i int) bool {
		at, returned, hit := f.as.assigns(f.fn, n, v)
		if !hit || !f.runsDeferAfter(b, i, def) {
			return false
		}
		found = later{v: v, at: at, returned: returned}
		return true
	})
	return found, ok
}

// runsDeferAfter reports whether, from just after node i of b, the
// function can leave through an exit that runs its deferred calls,
// without passing def again.
func (f *flow) runsDeferAfter(b *cfg.Block, i int, def *ast.DeferStmt) bool {
	return f.search(b, i+1, def, nil, nil)
}

// search walks the graph from node i of block b, stopping a path at def.
// enter says, for each further block, whether to stop the path there or
// to skip its nodes; visit is called for each node and reports whether
// the search is done. With visit nil, search looks for an exit that runs
// deferred calls and reports whether it found one; otherwise it reports
// whether visit did.
func (f *flow) search(b *cfg.Block, i int, def *ast.DeferStmt,
	enter func(b *cfg.Block) (stop, skip bool),
	visit func(n ast.Node, b *cfg.Block, i int) bool) bool {
	// scan reports whether the search is done (found) or the path stops.
	scan := func(b *cfg.Block, from int) (found, stop bool) {
		for j := from; j < len(b.Nodes); j++ {
			n := b.Nodes[j]
			if n == def {
				return false, true
			}
			if visit != nil && visit(n, b, j) {
				return true, true
			}
		}
		if visit == nil && len(b.Succs) == 0 && f.exitRunsDefers(b) {
			return true, true
		}
		return false, false
	}
	if found, stop := scan(b, i); found || stop {
		return found
	}
	return funcs.SearchBlocks(b.Succs, func(b *cfg.Block) (bool, []*cfg.Block) {
		if !b.Live {
			return false, nil
		}
		from := 0
		if enter != nil {
			stop, skip := enter(b)
			if stop {
				return false, nil
			}
			if skip {
				from = len(b.Nodes)
			}
		}
		found, stop := scan(b, from)
		if found {
			return true, nil
		}
		if stop {
			return false, nil
		}
		return false, b.Succs
	})
}

// exitRunsDefers reports whether a block without successors leaves the
// function in a way that runs deferred calls: a return, falling off the
// end, a panic, runtime.Goexit or a test's FailNow family. A call that
// never returns for another reason (os.Exit, log.Fatal) ends the process
// without running them.
func (f *flow) exitRunsDefers(b *cfg.Block) bool {
	call, ok := funcs.EndingCall(b)
	if !ok {
		return true
	}
	info := f.as.info
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if bi, ok := info.Uses[id].(*types.Builtin); ok && bi.Name() == "panic" {
			return true
		}
	}
	callee := typematch.Callee(info, call)
	switch {
	case callee == nil, unwinds(callee):
		return true
	case f.cfgs.NoReturn(callee), knownExit(callee):
		return false
	}
	return true // the call returns: the function falls off its end
}

// unwinds reports whether callee leaves by unwinding the stack, running
// deferred calls: log.Panic, runtime.Goexit, a test's FailNow family.
func unwinds(callee *types.Func) bool {
	return typematch.IsFunc(callee, "log", "Panic", "Panicf", "Panicln") ||
		typematch.IsMethod(callee, "log", "Logger", "Panic", "Panicf", "Panicln") ||
		typematch.IsFunc(callee, "runtime", "Goexit") ||
		typematch.IsMethod(callee, "testing", "common", "FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf") ||
		typematch.IsMethod(callee, "testing", "TB", "FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf")
}

// knownExit reports whether callee ends the process, running no deferred
// call; ctrlflow learns the same from facts when a driver provides them.
func knownExit(callee *types.Func) bool {
	return typematch.IsFunc(callee, "os", "Exit") || typematch.IsFunc(callee, "syscall", "Exit") ||
		typematch.IsFunc(callee, "log", "Fatal", "Fatalf", "Fatalln") ||
		typematch.IsMethod(callee, "log", "Logger", "Fatal", "Fatalf", "Fatalln")
}

// isHeaderOf reports whether b is the condition, post statement or range
// step of one of loops.
func isHeaderOf(b *cfg.Block, loops []ast.Stmt) bool {
	switch b.Kind {
	case cfg.KindForLoop, cfg.KindForPost, cfg.KindRangeLoop:
		for _, l := range loops {
			if b.Stmt == l {
				return true
			}
		}
	}
	return false
}
