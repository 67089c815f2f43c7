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
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkSkippedStops reports a goroutine that can end only once the
// function that started it closes, or sends on, a channel of its own (a
// stop or done channel), when some path of that function from the launch
// returns without doing so: an error check between the launch and the
// close leaves the goroutine waiting forever.
//
// The goroutine is a function literal, or a function whose fact says it
// ends only after a receive from the channel parameter it is given. The
// channel is made by the function and used nowhere else: only the
// goroutine receives from it, and only the function (or a deferred
// literal of it) closes it or sends on it.
func (c *checker) checkSkippedStops() {
	for cur := range c.in.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		fn, fcur, ok := enclosingFunc(cur)
		if !ok || funcs.Body(fn) == nil || len(loopsBetween(cur, fn)) > 0 {
			continue // started in a loop: one close per goroutine is not the question
		}
		// The channels the goroutine waits for, and whether it ranges
		// over each (then only a close ends its wait).
		type awaitedChan struct {
			v      *types.Var
			ranges bool
		}
		var awaited []awaitedChan
		lit, _ := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
		var lcur inspector.Cursor
		if lit != nil {
			if lcur, ok = cur.FindNode(lit); !ok {
				continue
			}
			for _, ch := range c.awaitedLocals(lit, fn) {
				if c.endsOnlyThrough(lcur, ch) {
					awaited = append(awaited, awaitedChan{ch, c.rangesOver(lit.Body, ch)})
				}
			}
		} else if f := c.factOf(typematch.Callee(c.info, g.Call)); f != nil {
			for _, p := range f.Awaits {
				if p.Index < len(g.Call.Args) {
					if v := c.exprVar(g.Call.Args[p.Index]); v != nil && code.Contains(funcs.Body(fn), v.Pos()) {
						awaited = append(awaited, awaitedChan{v, p.Ranges})
					}
				}
			}
		}
		if len(awaited) == 0 || c.livesAsLongAsTheProcess(cur) {
			continue
		}
		for _, a := range awaited {
			ch := a.v
			sig, ok := c.stopSignals(fcur, fn, g, ch, a.ranges)
			if !ok {
				continue
			}
			exit, ok := c.exitWithoutSignal(fn, g, sig)
			if !ok {
				continue
			}
			c.reportSkippedStop(fn, g, ch, sig, exit)
			break
		}
	}
}

// awaitedLocals returns the channels declared in fn, outside lit, that
// lit receives from: the candidates for a stop signal.
func (c *checker) awaitedLocals(lit *ast.FuncLit, fn ast.Node) []*types.Var {
	var out []*types.Var
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		var x ast.Expr
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				x = n.X
			}
		case *ast.RangeStmt:
			x = n.X
		}
		v := c.exprVar(x)
		if v == nil || slices.Contains(out, v) || code.Contains(lit, v.Pos()) || !code.Contains(funcs.Body(fn), v.Pos()) {
			return true
		}
		if _, ok := v.Type().Underlying().(*types.Chan); ok {
			out = append(out, v)
		}
		return true
	})
	return out
}

// endsOnlyThrough reports whether every way out of the function at fcur
// (a return, or the end of its body; not a panic or a call that never
// returns) lies past a receive from ch, and the function has a way out:
// it waits for ch before it can end, and ends once it has. It must use ch
// only to receive from it.
func (c *checker) endsOnlyThrough(fcur inspector.Cursor, ch *types.Var) bool {
	fn := fcur.Node()
	g := funcs.CFG(c.cfgs, fn)
	if g == nil || len(g.Blocks) == 0 || !c.onlyReceives(fcur, ch) {
		return false
	}
	comms := selectComms(fn)
	chans := map[*types.Var]bool{ch: true}
	// receives reports whether the block receives from ch: at its start
	// (a select case on ch, a range over ch) or in one of its nodes.
	receives := func(b *cfg.Block) bool {
		switch s := b.Stmt.(type) {
		case *ast.CommClause:
			if b.Kind == cfg.KindSelectCaseBody && c.receivesFrom(s.Comm, chans) {
				return true
			}
		case *ast.RangeStmt:
			if b.Kind == cfg.KindRangeLoop && c.exprVar(s.X) == ch {
				return true
			}
		}
		for _, n := range b.Nodes {
			if !comms[n] && c.receivesFrom(n, chans) {
				return true
			}
		}
		return false
	}
	// exits reports whether the block leaves the function; a block that
	// ends the process first leaves nowhere, and its path ends there.
	exits := func(b *cfg.Block) bool {
		if c.endsProcess(b) {
			return false
		}
		if slices.ContainsFunc(b.Nodes, func(n ast.Node) bool { _, ok := n.(*ast.ReturnStmt); return ok }) {
			return true
		}
		return len(b.Succs) == 0 && b.Kind != cfg.KindSelectAfterCase
	}
	free := funcs.SearchBlocks(g.Blocks[:1], func(b *cfg.Block) (bool, []*cfg.Block) {
		if !b.Live || receives(b) || c.endsProcess(b) {
			return false, nil
		}
		return exits(b), b.Succs
	})
	if free {
		return false // a way out that needs nothing from ch
	}
	return slices.ContainsFunc(g.Blocks, func(b *cfg.Block) bool { return b.Live && exits(b) })
}

// rangesOver reports whether n has a range statement over ch.
func (c *checker) rangesOver(n ast.Node, ch *types.Var) bool {
	return funcs.Has(n, func(m ast.Node) bool {
		r, ok := m.(*ast.RangeStmt)
		return ok && c.exprVar(r.X) == ch
	})
}

// onlyReceives reports whether every use of ch under the cursor receives
// from it: a receive expression, or a range over it (in parentheses or
// not).
func (c *checker) onlyReceives(fcur inspector.Cursor, ch *types.Var) bool {
	for cur := range fcur.Preorder((*ast.Ident)(nil)) {
		if varOf(c.info, cur.Node().(*ast.Ident)) != ch {
			continue
		}
		e, p := cur, cur.Parent()
		for {
			if _, ok := p.Node().(*ast.ParenExpr); !ok {
				break
			}
			e, p = p, p.Parent()
		}
		switch p := p.Node().(type) {
		case *ast.UnaryExpr:
			if p.Op != token.ARROW {
				return false
			}
		case *ast.RangeStmt:
			if p.X != e.Node() {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// signals are the statements of a function that stop its goroutine: a
// close of the channel or a send on it, and defer statements that close it
// or send on it when the function returns.
type signals struct {
	stmts []ast.Node
	sends bool // some signal sends rather than closes
}

// stopSignals returns the statements of fn that close ch or send on it,
// when these, the make that assigns it, and the goroutine's receives are
// all of ch's uses: no other function can signal it, nor can the
// goroutine do without. It also fails when fn signals nothing (the
// goroutine may be meant to live on), when ch is assigned more than once,
// and when a deferred signal precedes the launch (every return signals).
//
// A goroutine that ranges over ch waits for its close: a send is then a
// value for it, not a signal.
func (c *checker) stopSignals(fcur inspector.Cursor, fn ast.Node, g *ast.GoStmt, ch *types.Var, closeOnly bool) (signals, bool) {
	var sig signals
	assigned := 0
	for cur := range fcur.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if c.info.Defs[id] == ch {
			if !c.assignsMake(cur) {
				return sig, false // var ch chan T, or a channel from a call
			}
			assigned++
			continue
		}
		if varOf(c.info, id) != ch {
			continue
		}
		if code.Encloses(g, id) {
			continue // the goroutine's own use: its literal only receives (endsOnlyThrough), f's argument
		}
		if c.assignsMake(cur) {
			assigned++
			continue
		}
		stmt, ok := c.signalAt(cur, fn)
		if !ok {
			return sig, false
		}
		if d, deferred := stmt.(*ast.DeferStmt); deferred && d.Pos() < g.Pos() {
			return sig, false
		}
		if _, isSend := cur.Parent().Node().(*ast.SendStmt); isSend {
			if closeOnly {
				continue
			}
			sig.sends = true
		}
		sig.stmts = append(sig.stmts, stmt)
	}
	return sig, assigned == 1 && len(sig.stmts) > 0
}

// assignsMake reports whether the identifier at cur is assigned or
// declared with a make call (ch := make(chan T), var ch = make(chan T)).
func (c *checker) assignsMake(cur inspector.Cursor) bool {
	var lhs []*ast.Ident
	var rhs []ast.Expr
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			id, _ := l.(*ast.Ident)
			lhs = append(lhs, id)
		}
		rhs = p.Rhs
	case *ast.ValueSpec:
		lhs, rhs = p.Names, p.Values
	}
	if len(lhs) != len(rhs) {
		return false
	}
	for i, l := range lhs {
		if l == cur.Node() {
			call, ok := ast.Unparen(rhs[i]).(*ast.CallExpr)
			return ok && c.isBuiltin(call, "make")
		}
	}
	return false
}

// signalAt returns the statement of fn that the use of the channel at cur
// signals with: close(ch) or ch <- v in fn's body, outside any select, or
// the defer statement of a deferred close(ch) or of a deferred literal
// that closes ch or sends on it. It fails for any other use.
func (c *checker) signalAt(cur inspector.Cursor, fn ast.Node) (ast.Node, bool) {
	var stmt ast.Node
	switch p := cur.Parent().Node().(type) {
	case *ast.SendStmt:
		if p.Chan != cur.Node() || !isPlainSend(cur.Parent()) {
			return nil, false
		}
		stmt = p
	case *ast.CallExpr:
		if !c.isBuiltin(p, "close") {
			return nil, false
		}
		stmt = cur.Parent().Parent().Node()
	default:
		return nil, false
	}
	switch stmt.(type) {
	case *ast.ExprStmt, *ast.SendStmt, *ast.DeferStmt:
	default:
		return nil, false
	}
	// In fn itself, or in a literal deferred by fn.
	for e := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if e.Node() == fn {
			return stmt, true
		}
		lit := e.Node()
		call, ok := e.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != lit {
			return nil, false
		}
		d, ok := e.Parent().Parent().Node().(*ast.DeferStmt)
		if !ok {
			return nil, false
		}
		if outer, _, ok := enclosingFunc(e.Parent()); !ok || outer != fn {
			return nil, false
		}
		return d, true
	}
	return nil, false
}

// exitWithoutSignal returns a way out of fn that a path from the launch
// g reaches without passing a signal: a return statement, or the end of
// the body.
func (c *checker) exitWithoutSignal(fn ast.Node, g *ast.GoStmt, sig signals) (analysis.Range, bool) {
	return c.exitAvoiding(fn, g, nil, func(n ast.Node) bool {
		return slices.ContainsFunc(sig.stmts, func(s ast.Node) bool { return code.Encloses(n, s) })
	})
}

// reportSkippedStop reports the goroutine launched at g, stranded by the
// way out of fn at exit.
func (c *checker) reportSkippedStop(fn ast.Node, g *ast.GoStmt, ch *types.Var, sig signals, exit analysis.Range) {
	name := funcs.Name(fn)
	verb, done := "closing", "closed"
	if sig.sends {
		verb, done = "closing or sending on", "signalled"
	}
	leaves := "returns"
	if exit.Pos() == funcs.Body(fn).Rbrace {
		leaves = "ends"
	}
	line := c.pass.Fset.Position(exit.Pos()).Line
	related := report.Related(exit, "%s %s here without %s %s", name, leaves, verb, ch.Name())
	related = append(related, report.Related(sig.stmts[0], "%s is %s here, on other paths", ch.Name(), done)...)
	c.r.Report(analysis.Diagnostic{
		Pos:     g.Pos(),
		End:     launchEnd(launch{node: g}),
		Message: fmt.Sprintf("the goroutine started in %s waits for %s, but %s %s at line %d without %s it: the goroutine never stops", name, ch.Name(), name, leaves, line, verb),
		Related: related,
	})
}
