package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// The receives from a channel variable in the function that declares it
// and starts goroutines, in the order of the package's source.
type receives struct {
	fn     ast.Node
	fcur   inspector.Cursor
	ids    []*ast.Ident       // the channel's identifier in each receive and range
	plain  []inspector.Cursor // the plain receive expressions
	cases  []*ast.CommClause  // the select cases that receive from it
	ranges []inspector.Cursor // the range statements over it
	giveUp bool               // a select with a give-up case receives from it
}

// receivesByChan returns, for each channel declared in a function that
// starts goroutines, the receives from it in that function (not in
// function literals).
func (c *checker) receivesByChan() ([]*types.Var, map[*types.Var]*receives) {
	byChan := make(map[*types.Var]*receives)
	var chans []*types.Var
	for cur := range c.in.Root().Preorder((*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)) {
		var x ast.Expr
		switch n := cur.Node().(type) {
		case *ast.UnaryExpr:
			if n.Op != token.ARROW {
				continue
			}
			x = n.X
		case *ast.RangeStmt:
			x = n.X
		}
		id, ok := ast.Unparen(x).(*ast.Ident)
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
		if !ok || funcs.Body(fn) == nil || !code.Contains(funcs.Body(fn), ch.Pos()) || !c.startsGoroutines(fn) {
			continue // in a literal, of a channel declared elsewhere, or nothing to strand
		}
		r := byChan[ch]
		if r == nil {
			r = &receives{fn: fn, fcur: fcur}
			byChan[ch] = r
			chans = append(chans, ch)
		}
		r.ids = append(r.ids, id)
		if _, isRange := cur.Node().(*ast.RangeStmt); isRange {
			r.ranges = append(r.ranges, cur)
		} else if cc := selectCase(cur); cc != nil {
			r.cases = append(r.cases, cc)
			for p := range cur.Enclosing((*ast.SelectStmt)(nil)) {
				if giveUp, _, _ := c.giveUpCase(p.Node().(*ast.SelectStmt)); giveUp != nil {
					r.giveUp = true
				}
				break
			}
		} else {
			r.plain = append(r.plain, cur)
		}
	}
	return chans, byChan
}

// checkEarlyReturns reports a goroutine that sends once on an unbuffered
// channel whose receives, in the function that made the channel and
// started the goroutine, can all be skipped: some path from the launch
// leaves the function without passing any of them (an error check that
// returns first, a receive under a condition, a select that returns
// through another case). On that path nobody will ever receive, and the
// send blocks forever.
func (c *checker) checkEarlyReturns(chans []*types.Var, byChan map[*types.Var]*receives) {
	for _, ch := range chans {
		r := byChan[ch]
		if len(r.ranges) > 0 {
			continue // a range receives until the channel is closed: checkLoopExits
		}
		if r.giveUp && len(r.ids) == 1 {
			continue // a select that gives up on a timer or a signal: the select rule's
		}
		if c.tracksReceive(r) {
			continue
		}
		ss, ok := c.sendersOf(r.fn, r.fcur, r.ids, ch)
		if !ok || len(ss.order) != 1 || ss.total() != 1 {
			continue
		}
		l := ss.order[0].l
		lcur, ok := r.fcur.FindNode(l.node)
		if !ok || outermostLit(lcur, r.fn) != nil {
			continue // launched from a nested literal: its own paths
		}
		if c.livesAsLongAsTheProcess(lcur) {
			continue // main, init, sync.Once: one goroutine at most, and the process ends with it
		}
		exit, ok := c.exitSkipping(r, l, c.relatedChans(l, ch))
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

// tracksReceive reports whether the function records a receive from the
// channel in a local flag (case v = <-stop: stopped = true) and receives
// where the flag is unset (if !stopped { <-stop }): the author follows
// which paths have received, which the control-flow graph does not.
func (c *checker) tracksReceive(r *receives) bool {
	set := make(map[*types.Var]bool) // flags set to true in a receiving case
	for _, cc := range r.cases {
		for _, st := range cc.Body {
			if as, ok := st.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && isTrue(c.info, as.Rhs[0]) {
				if v := c.exprVar(as.Lhs[0]); v != nil {
					set[v] = true
				}
			}
		}
	}
	if len(set) == 0 {
		return false
	}
	for _, p := range r.plain {
		for e := range p.Enclosing((*ast.IfStmt)(nil)) {
			ifs := e.Node().(*ast.IfStmt)
			if not, ok := ast.Unparen(ifs.Cond).(*ast.UnaryExpr); ok && not.Op == token.NOT && set[c.exprVar(not.X)] && code.Encloses(ifs.Body, p.Node()) {
				return true
			}
			break
		}
	}
	return false
}

// isTrue reports the constant true.
func isTrue(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.String() == "true"
}

// selectCase returns the select case whose communication is the receive
// at cur, or nil.
func selectCase(cur inspector.Cursor) *ast.CommClause {
	for p := range cur.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.CommClause:
			if n.Comm != nil && code.Encloses(n.Comm, cur.Node()) {
				return n
			}
			return nil
		case *ast.FuncLit, *ast.FuncDecl, *ast.BlockStmt:
			return nil
		}
	}
	return nil
}

// relatedChans returns the other local channels the goroutine at l refers
// to (sends on, closes, receives from): once the function has received
// from one of them, the goroutine may have taken a path that does not
// send on ch at all (it reports an error instead of a result).
func (c *checker) relatedChans(l launch, ch *types.Var) map[*types.Var]bool {
	related := make(map[*types.Var]bool)
	add := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v := varOf(c.info, id); v != nil && v != ch {
					if _, ok := v.Type().Underlying().(*types.Chan); ok {
						related[v] = true
					}
				}
			}
			return true
		})
	}
	if l.lit != nil {
		add(l.lit)
	}
	if l.call != nil {
		for _, a := range l.call.Args {
			add(a)
		}
	}
	return related
}

// exitSkipping returns a way out of r.fn that a path from the launch l
// reaches without receiving from the channel: a return statement, or the
// end of the body. A path stops at a receive from the channel, and at a
// receive from a related channel of the goroutine.
func (c *checker) exitSkipping(r *receives, l launch, related map[*types.Var]bool) (analysis.Range, bool) {
	comms := selectComms(r.fn)
	caseReceives := func(b *cfg.Block) bool {
		cc, ok := b.Stmt.(*ast.CommClause)
		return ok && b.Kind == cfg.KindSelectCaseBody && (slices.Contains(r.cases, cc) || c.receivesFrom(cc.Comm, related))
	}
	receives := func(n ast.Node) bool {
		for _, p := range r.plain {
			if code.Encloses(n, p.Node()) {
				return true
			}
		}
		return !comms[n] && c.receivesFrom(n, related)
	}
	return c.exitAvoiding(r.fn, l.node, caseReceives, receives)
}

// exitAvoiding returns a way out of fn, a return statement or the end of
// its body, that a path from the node at reaches without passing a node
// that stops says stops the path, or entering a block that stopsAt says
// does (nil: none). Paths that panic or call a function that never
// returns (os.Exit, log.Fatal, t.FailNow) do not count: the process or
// the test ends there.
func (c *checker) exitAvoiding(fn, at ast.Node, stopsAt func(b *cfg.Block) bool, stops func(n ast.Node) bool) (analysis.Range, bool) {
	g := funcs.CFG(c.cfgs, fn)
	if g == nil {
		return nil, false
	}
	start, i := blockOf(g, at)
	if start == nil {
		return nil, false
	}
	var exit analysis.Range
	// scan looks at b's nodes from i on: it stops the path at a node that
	// stops it and at a return, which it records.
	scan := func(b *cfg.Block, i int) (stop bool) {
		if i == 0 && stopsAt != nil && stopsAt(b) {
			return true
		}
		for _, n := range b.Nodes[i:] {
			if stops(n) || c.stmtEndsProcess(n) {
				return true // the path waits, or the process ends here
			}
			if ret, ok := n.(*ast.ReturnStmt); ok {
				exit = ret
				if ret.Return == funcs.Body(fn).Rbrace {
					// The graph's implicit return at the closing brace:
					// its End would run past the brace.
					exit = bodyEnd{funcs.Body(fn)}
				}
				return true
			}
		}
		// A select without default never leaves through the block after
		// its last case: the graph gives that block no successor.
		if len(b.Succs) == 0 && b.Kind != cfg.KindSelectAfterCase && !c.endsProcess(b) {
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

// selectComms returns the communications of the select cases in fn: the
// control-flow graph evaluates them all before the select chooses.
func selectComms(fn ast.Node) map[ast.Node]bool {
	comms := make(map[ast.Node]bool)
	ast.Inspect(funcs.Body(fn), func(n ast.Node) bool {
		if cc, ok := n.(*ast.CommClause); ok && cc.Comm != nil {
			comms[cc.Comm] = true
		}
		return true
	})
	return comms
}

// receivesFrom reports whether n receives from one of the channels.
func (c *checker) receivesFrom(n ast.Node, chans map[*types.Var]bool) bool {
	if n == nil || len(chans) == 0 {
		return false
	}
	return funcs.Has(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.UnaryExpr:
			return m.Op == token.ARROW && chans[c.exprVar(m.X)]
		case *ast.RangeStmt:
			return chans[c.exprVar(m.X)]
		}
		return false
	})
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

// endsProcess reports whether the block ends the process: one of its
// statements calls a function that never returns (panic, os.Exit,
// log.Fatal, t.FailNow, ...) or ends a fatal logger event (see
// stmtEndsProcess). The graph ends a block only at the first kind, and
// only when the facts know the callee: a path that reaches such a block
// goes no further.
func (c *checker) endsProcess(b *cfg.Block) bool {
	return slices.ContainsFunc(b.Nodes, c.stmtEndsProcess)
}

// stmtEndsProcess reports whether n is a statement that ends the process
// or the goroutine: a call that never returns, or a chain of method calls
// on an event that a fatal logger call builds and that the chain's last
// call emits (log.Fatal().Err(err).Msg("serve"), which exits in the
// event's done hook, where no body shows it).
func (c *checker) stmtEndsProcess(n ast.Node) bool {
	es, ok := n.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	if c.endsGoroutine(call) {
		// A name alone (an interface's Fatal) counts for a call that
		// returns nothing: xml.Decoder.Skip returns an error, and skips
		// an element.
		fn := typematch.Callee(c.info, call)
		return fn == nil || c.cfgs.NoReturn(fn) || fn.Signature().Results().Len() == 0
	}
	return c.emitsFatalEvent(call)
}

// emitsFatalEvent reports whether call is the last of a chain of method
// calls whose receiver is, further down the chain, a call of a function
// or method named after a fatal level (Fatal, Panic) that returns one
// value, not an error: an event builder (zerolog's log.Fatal(),
// logger.Panic()) that exits or panics when the event is sent. Another
// level's builder (WithLevel(FatalLevel)) is not known to, nor is an
// event that is built but never sent (ev := log.Fatal()).
func (c *checker) emitsFatalEvent(call *ast.CallExpr) bool {
	for {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
			return false // a package-level function or a field: no chain
		}
		recv, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if c.buildsFatalEvent(recv) {
			return true
		}
		call = recv
	}
}

// buildsFatalEvent reports whether call calls a function or method
// named after a fatal level that returns a single value other than an
// error.
func (c *checker) buildsFatalEvent(call *ast.CallExpr) bool {
	fn := typematch.Callee(c.info, call)
	if fn == nil || !fatalLevels[fn.Name()] {
		return false
	}
	res := fn.Signature().Results()
	return res.Len() == 1 && !typematch.IsError(res.At(0).Type())
}

// fatalLevels name the logger levels whose events end the process (Fatal)
// or panic (Panic) once sent. The other names funcs.EndsGoroutine knows (Exit, FailNow, Skip)
// name no level: a builder called Skip is a query's, not a logger's.
var fatalLevels = map[string]bool{"Fatal": true, "Panic": true}

// bodyEnd is the closing brace of a function body, where a function
// without a final return leaves.
type bodyEnd struct{ body *ast.BlockStmt }

func (e bodyEnd) Pos() token.Pos { return e.body.Rbrace }
func (e bodyEnd) End() token.Pos { return e.body.Rbrace + 1 }
