package loopcapture

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
)

// waits describes what makes the loop wait for a goroutine: any
// WaitGroup or errgroup Wait, or a receive from a channel the literal
// refers to (it sends on or closes it).
type waits struct {
	none  bool // the literal runs late whatever the loop waits for
	objs  map[types.Object]bool
	exprs map[string]bool
}

func (c *checker) waitsFor(s site) *waits {
	w := &waits{none: s.kind != goroutine, objs: make(map[types.Object]bool), exprs: make(map[string]bool)}
	if w.none {
		return w
	}
	info := c.pass.TypesInfo
	add := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			e, ok := n.(ast.Expr)
			if !ok {
				return true
			}
			if t := info.TypeOf(e); t == nil {
				return true
			} else if _, ok := t.Underlying().(*types.Chan); !ok {
				return true
			}
			switch e := ast.Unparen(e).(type) {
			case *ast.Ident:
				if obj := info.ObjectOf(e); obj != nil {
					w.objs[obj] = true
				}
			case *ast.SelectorExpr:
				w.exprs[types.ExprString(e)] = true
			}
			return true
		})
	}
	add(s.lit)
	if s.call != nil {
		for _, a := range s.call.Args {
			add(a)
		}
	}
	return w
}

func (w *waits) isChan(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.ObjectOf(e)
		return obj != nil && w.objs[obj]
	case *ast.SelectorExpr:
		return w.exprs[types.ExprString(e)]
	}
	return false
}

// waitsIn reports whether evaluating n blocks until a goroutine the waits
// describe has finished or signalled.
func (c *checker) waitsIn(w *waits, n ast.Node) bool {
	if w.none || n == nil {
		return false
	}
	info := c.pass.TypesInfo
	return funcs.Has(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			return knowledge.CallsJoin(info, n)
		case *ast.UnaryExpr:
			return n.Op == token.ARROW && w.isChan(info, n.X)
		}
		return false
	})
}

// commStmts returns the communication statements of the select cases in
// fn. The CFG evaluates them all before the select chooses; each really
// happens only in its own case.
func commStmts(fn ast.Node) map[ast.Node]*ast.CommClause {
	m := make(map[ast.Node]*ast.CommClause)
	ast.Inspect(fn, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CommClause); ok && cc.Comm != nil {
			m[cc.Comm] = cc
		}
		return true
	})
	return m
}

// inRegion reports whether b belongs to the iterations of region: it is
// not the block after the loop, and what it holds lies inside the loop.
func inRegion(b *cfg.Block, region ast.Stmt) bool {
	if b.Stmt == region && (b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone) {
		return false
	}
	if len(b.Nodes) > 0 {
		return code.Contains(region, b.Nodes[0].Pos())
	}
	return b.Stmt != nil && code.Contains(region, b.Stmt.Pos())
}

// endsHere reports whether n is a call statement that ends the goroutine
// or the program: ctrlflow cuts the graph at functions it knows never
// return, but not at a method called through an interface (tb.Fatal on a
// testing.TB) or a function of another package that calls one (testify's
// require.FailNow), which funcs.EndsGoroutine knows by name.
func (c *checker) endsHere(n ast.Node) bool {
	es, ok := n.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	return ok && funcs.EndsGoroutine(c.pass.TypesInfo, c.cfgs, c.pass.Pkg, call)
}

// reachesChange looks for a path from just after node startIndex of
// startBlock, staying inside region and passing no wait, to a place where
// the loop changes the variable. It returns that place, or nil. Branches
// on the flags known at the site that disagree with them are not
// followed.
func (c *checker) reachesChange(startBlock *cfg.Block, startIndex int, region ast.Stmt, ch *changes, w *waits, comms map[ast.Node]*ast.CommClause, known flags) ast.Node {
	info := c.pass.TypesInfo
	// scan walks the nodes of b from index i; it returns the change found,
	// and whether control goes on to b's successors.
	scan := func(b *cfg.Block, i int) (ast.Node, bool) {
		if i == 0 {
			switch s := b.Stmt.(type) {
			case *ast.RangeStmt:
				if b.Kind == cfg.KindRangeLoop {
					if w.isChan(info, s.X) && !w.none {
						return nil, false // receives from the goroutine's channel
					}
					if id := ch.ranges[s]; id != nil {
						return id, false
					}
				}
			case *ast.CommClause:
				if b.Kind == cfg.KindSelectCaseBody {
					if c.waitsIn(w, s.Comm) {
						return nil, false
					}
					if id := ch.stmts[s.Comm]; id != nil {
						return id, false
					}
				}
			}
		}
		for _, n := range b.Nodes[i:] {
			if _, ok := comms[n]; ok {
				continue
			}
			if c.waitsIn(w, n) {
				return nil, false
			}
			if id := ch.stmts[n]; id != nil {
				return id, false
			}
			if c.endsHere(n) {
				return nil, false // the loop's goroutine stops: nothing changes
			}
		}
		return nil, true
	}
	found, goOn := scan(startBlock, startIndex+1)
	if found != nil || !goOn {
		return found
	}
	// A block is searched once for each state of the flags known at the
	// site: a branch on a flag that disagrees with it is not followed.
	type state struct {
		b *cfg.Block
		f flags
	}
	type key struct {
		b int32
		f string
	}
	seen := make(map[key]bool)
	var stack []state
	push := func(from *cfg.Block, f flags) {
		for _, s := range from.Succs {
			if nf, ok := c.follows(f, from, s); ok {
				stack = append(stack, state{s, nf})
			}
		}
	}
	push(startBlock, c.afterNodes(known, startBlock.Nodes[startIndex+1:]))
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		k := key{st.b.Index, st.f.key()}
		if seen[k] || !inRegion(st.b, region) {
			continue
		}
		seen[k] = true
		if found, goOn = scan(st.b, 0); found != nil {
			return found
		}
		if goOn {
			push(st.b, c.afterNodes(st.f, st.b.Nodes))
		}
	}
	return nil
}
