package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
)

// checkEarlyReturns reports a goroutine that sends once on an unbuffered
// channel whose receives, plain <-ch in the function that made the
// channel and started the goroutine, can all be skipped: some path from
// the launch leaves the function without passing any of them (an error
// check that returns first, a receive under a condition). On that path
// nobody will ever receive, and the send blocks forever.
func (c *checker) checkEarlyReturns() {
	type receives struct {
		fn   ast.Node
		fcur inspector.Cursor
		ids  []*ast.Ident
		at   []ast.Node // the receive expressions
		ok   bool       // every receive is a plain one
	}
	byChan := make(map[*types.Var]*receives)
	var chans []*types.Var
	for cur := range c.in.Root().Preorder((*ast.UnaryExpr)(nil)) {
		u := cur.Node().(*ast.UnaryExpr)
		if u.Op != token.ARROW {
			continue
		}
		id, ok := ast.Unparen(u.X).(*ast.Ident)
		if !ok {
			continue
		}
		ch := varOf(c.info, id)
		if ch == nil {
			continue
		}
		if _, ok := ch.Type().Underlying().(*types.Chan); !ok {
			continue
		}
		fn, fcur, ok := enclosingFunc(cur)
		if !ok || funcs.Body(fn) == nil || !code.Contains(funcs.Body(fn), ch.Pos()) {
			continue // in a literal, or of a channel declared elsewhere
		}
		r := byChan[ch]
		if r == nil {
			r = &receives{fn: fn, fcur: fcur, ok: true}
			byChan[ch] = r
			chans = append(chans, ch)
		}
		r.ids = append(r.ids, id)
		r.at = append(r.at, u)
		r.ok = r.ok && !inSelectCase(cur)
	}
	for _, ch := range chans {
		r := byChan[ch]
		if !r.ok {
			continue // the select rule judges receives in select cases
		}
		ss, ok := c.sendersOf(r.fn, r.fcur, r.ids, ch)
		if !ok || len(ss.order) != 1 || ss.total() != 1 {
			continue
		}
		l := ss.order[0].l
		if lcur, ok := r.fcur.FindNode(l.node); !ok || outermostLit(lcur, r.fn) != nil {
			continue // launched from a nested literal: its own paths
		}
		exit, ok := c.exitSkipping(r.fn, l.node, r.at)
		if !ok {
			continue
		}
		name := funcs.Name(r.fn)
		at := fmt.Sprintf("%s returns here without receiving from %s", name, ch.Name())
		if _, ok := exit.(*ast.ReturnStmt); !ok {
			at = fmt.Sprintf("%s ends here without receiving from %s", name, ch.Name())
		}
		c.reportSenders(r.fn, ch, ss, abandonment{
			when:    fmt.Sprintf("%s returns before receiving from it", name),
			at:      exit,
			atMsg:   at,
			oneSend: true,
		})
	}
}

// inSelectCase reports whether the receive at cur is the communication of
// a select case: the select rule judges those.
func inSelectCase(cur inspector.Cursor) bool {
	for p := range cur.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.CommClause:
			return n.Comm != nil && code.Encloses(n.Comm, cur.Node())
		case *ast.FuncLit, *ast.FuncDecl, *ast.BlockStmt:
			return false
		}
	}
	return false
}

// exitSkipping returns a way out of fn that a path from the launch
// reaches without evaluating any of the receives recvs: a return statement, or the
// end of the body. Paths that panic or call a function that never
// returns (os.Exit, log.Fatal, t.FailNow) do not count: the process or
// the test ends there.
func (c *checker) exitSkipping(fn ast.Node, launchNode ast.Node, recvs []ast.Node) (analysis.Range, bool) {
	g := funcs.CFG(c.cfgs, fn)
	if g == nil {
		return nil, false
	}
	start, i := blockOf(g, launchNode)
	if start == nil {
		return nil, false
	}
	var exit analysis.Range
	// scan looks at b's nodes from i on: it stops the path at the receive
	// and at a return, which it records.
	scan := func(b *cfg.Block, i int) (blocked bool) {
		for _, n := range b.Nodes[i:] {
			for _, r := range recvs {
				if code.Encloses(n, r) {
					return true
				}
			}
			if r, ok := n.(*ast.ReturnStmt); ok {
				exit = r
				return true
			}
		}
		if len(b.Succs) == 0 && !c.endsProcess(b) {
			exit = bodyEnd{funcs.Body(fn)}
			return true
		}
		return false
	}
	if scan(start, i+1) {
		return exit, exit != nil
	}
	funcs.SearchBlocks(start.Succs, func(b *cfg.Block) (bool, []*cfg.Block) {
		if !b.Live {
			return false, nil
		}
		if scan(b, 0) {
			return exit != nil, nil
		}
		return false, b.Succs
	})
	return exit, exit != nil
}

// blockOf returns the block whose node holds n, and the node's index.
func blockOf(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		for i, bn := range b.Nodes {
			if code.Encloses(bn, n) {
				return b, i
			}
		}
	}
	return nil, 0
}

// endsProcess reports whether the block, which has no successors without
// returning, ends in a call that never returns (panic, os.Exit, log.Fatal,
// t.FailNow, ...).
func (c *checker) endsProcess(b *cfg.Block) bool {
	if len(b.Nodes) == 0 {
		return false
	}
	es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	return ok && c.endsGoroutine(call)
}

// bodyEnd is the closing brace of a function body, where a function
// without a final return leaves.
type bodyEnd struct{ body *ast.BlockStmt }

func (e bodyEnd) Pos() token.Pos { return e.body.Rbrace }
func (e bodyEnd) End() token.Pos { return e.body.Rbrace + 1 }
