package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A workerSend is a worker's select { case ch <- r: case <-ctx.Done(): }.
type workerSend struct {
	l    launch
	send *ast.SendStmt
	ctx  *types.Var // the context whose Done the worker also waits on
}

// checkEarlyCollectors reports a collector that returns before it has
// received every worker's result, when the workers (started in a loop)
// wait in select { case results <- r: case <-ctx.Done(): } on an
// unbuffered channel and nothing cancels ctx on that return: up to N-1
// workers stay blocked, holding what they captured, until ctx ends,
// which for the caller's context may be never.
func (c *checker) checkEarlyCollectors() {
	if !typematch.Imports(c.pass.Pkg, "context") {
		return
	}
	for fcur := range c.in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn := fcur.Node()
		if funcs.Body(fn) == nil {
			continue
		}
		byChan := make(map[*types.Var][]workerSend)
		var chans []*types.Var
		for _, l := range launchesIn(c.info, fcur) {
			if l.lit == nil {
				continue
			}
			lcur, ok := fcur.FindNode(l.node)
			if !ok {
				continue
			}
			if owner, _, ok := enclosingFunc(lcur); !ok || owner != fn || len(loopsBetween(lcur, fn)) == 0 {
				continue
			}
			for _, ws := range c.workerSends(fcur, l) {
				ch := varOf(c.info, ast.Unparen(ws.send.Chan).(*ast.Ident))
				if byChan[ch] == nil {
					chans = append(chans, ch)
				}
				byChan[ch] = append(byChan[ch], ws)
			}
		}
		for _, ch := range chans {
			c.checkCollector(fcur, fn, ch, byChan[ch])
		}
	}
}

// workerSends returns the sends of the launched literal l that are cases
// of a two-case select whose other case is <-v.Done() for a context
// variable v.
func (c *checker) workerSends(fcur inspector.Cursor, l launch) []workerSend {
	lcur, ok := fcur.FindNode(l.lit)
	if !ok {
		return nil
	}
	var out []workerSend
	for sc := range lcur.Preorder((*ast.SendStmt)(nil)) {
		send := sc.Node().(*ast.SendStmt)
		if inNestedLit(sc, l.lit) {
			continue
		}
		id, ok := ast.Unparen(send.Chan).(*ast.Ident)
		if !ok || varOf(c.info, id) == nil {
			continue
		}
		cc, ok := sc.Parent().Node().(*ast.CommClause)
		if !ok || cc.Comm != send {
			continue
		}
		sel, ok := sc.Parent().Parent().Parent().Node().(*ast.SelectStmt)
		if !ok || len(sel.Body.List) != 2 {
			continue
		}
		for _, s := range sel.Body.List {
			other := s.(*ast.CommClause)
			if other == cc {
				continue
			}
			if v := c.doneOf(code.RecvOperand(other.Comm)); v != nil {
				out = append(out, workerSend{l: l, send: send, ctx: v})
			}
		}
	}
	return out
}

// doneOf returns v when x is v.Done() for a context variable v.
func (c *checker) doneOf(x ast.Expr) *types.Var {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || !typematch.CallsMethod(c.info, call, "context", "Context", "Done") {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	return varOf(c.info, id)
}

// checkCollector reports the early returns of fn's loop that collects
// from ch.
func (c *checker) checkCollector(fcur inspector.Cursor, fn ast.Node, ch *types.Var, workers []workerSend) {
	ctx := workers[0].ctx
	for _, w := range workers[1:] {
		if w.ctx != ctx {
			return
		}
	}
	if _, _, ok := c.unbufferedMake(fcur, ch); !ok {
		return
	}
	isWorkerSend := func(n ast.Node) bool {
		for _, w := range workers {
			if w.send == n {
				return true
			}
		}
		return false
	}
	// Every other use of ch must be a receive of fn's own (outside any
	// literal): a drain in a deferred literal, or ch handed on, frees
	// the workers in ways this rule does not follow.
	var loop ast.Node
	var firstRecv token.Pos
	for u := range fcur.Preorder((*ast.Ident)(nil)) {
		id := u.Node().(*ast.Ident)
		if c.info.Uses[id] != ch {
			continue
		}
		p := u.Parent()
		if s, ok := p.Node().(*ast.SendStmt); ok && s.Chan == id && isWorkerSend(s) {
			continue
		}
		if outermostLit(u, fn) != nil {
			return
		}
		var loops []ast.Node
		switch n := p.Node().(type) {
		case *ast.UnaryExpr:
			if n.Op != token.ARROW {
				return
			}
			loops = loopsBetween(p, fn)
		case *ast.RangeStmt:
			if n.X != id {
				return
			}
			loops = []ast.Node{n}
		default:
			return
		}
		if len(loops) == 0 || (loop != nil && loops[0] != loop) {
			return
		}
		loop = loops[0]
		if !firstRecv.IsValid() {
			firstRecv = id.Pos()
		}
	}
	if loop == nil {
		return
	}
	cancel, owned, known := c.ownedCancel(fcur, fn, ctx)
	if !known || owned && cancel == nil {
		return // bounded by a deadline, or cancelled on every return
	}
	if !owned && !c.isParamOf(fn, ctx) {
		return
	}
	lcur, ok := fcur.FindNode(loop)
	if !ok {
		return
	}
	for rc := range lcur.Preorder((*ast.ReturnStmt)(nil)) {
		ret := rc.Node().(*ast.ReturnStmt)
		if ret.Pos() < firstRecv || inNestedLit(rc, fn) || c.returnSeesDone(rc, ctx) {
			continue
		}
		if cancel != nil && c.cancelledBefore(rc, cancel) {
			continue
		}
		w := workers[0]
		c.r.Report(analysis.Diagnostic{
			Pos: ret.Pos(), End: ret.End(),
			Message: fmt.Sprintf("%s returns before receiving every result from unbuffered %s, so the other workers block on their send until %s is done",
				funcs.Name(fn), ch.Name(), ctx.Name()),
			Related: append(report.Related(w.send, "a worker sends here"),
				analysis.RelatedInformation{Pos: w.l.node.Pos(), End: launchEnd(w.l), Message: "the workers start here"}),
		})
		return // one report per collector
	}
}

// ownedCancel reports whether ctx is made in fn by context.WithCancel or
// WithCancelCause (owned), and returns its cancel function unless fn
// defers it or hands it on (then nil). A context made with a deadline
// counts as owned and cancelled: its workers end when it expires. known
// is false when ctx is assigned in a way the rule does not follow.
func (c *checker) ownedCancel(fcur inspector.Cursor, fn ast.Node, ctx *types.Var) (cancel *types.Var, owned, known bool) {
	for ac := range fcur.Preorder((*ast.AssignStmt)(nil)) {
		as := ac.Node().(*ast.AssignStmt)
		at := -1
		for i, l := range as.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok && c.info.ObjectOf(id) == ctx {
				at = i
			}
		}
		if at < 0 {
			continue
		}
		if at != 0 || len(as.Lhs) != 2 || len(as.Rhs) != 1 || owned {
			return nil, false, false
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return nil, false, false
		}
		switch {
		case typematch.CallsFunc(c.info, call, "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"):
			return nil, true, true
		case typematch.CallsFunc(c.info, call, "context", "WithCancel", "WithCancelCause"):
			cid, ok := ast.Unparen(as.Lhs[1]).(*ast.Ident)
			if !ok {
				return nil, false, false
			}
			cancel, _ = c.info.ObjectOf(cid).(*types.Var)
			if cancel == nil {
				return nil, false, false
			}
			owned = true
		default:
			return nil, false, false
		}
	}
	if !owned {
		return nil, false, true
	}
	// defer cancel(), or cancel used other than by a plain call.
	for u := range fcur.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[u.Node().(*ast.Ident)] != cancel {
			continue
		}
		call, ok := u.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != u.Node() {
			return nil, true, true
		}
		if _, ok := u.Parent().Parent().Node().(*ast.DeferStmt); ok {
			return nil, true, true
		}
		if outermostLit(u, fn) != nil {
			return nil, true, true
		}
	}
	return cancel, true, true
}

func (c *checker) isParamOf(fn ast.Node, v *types.Var) bool {
	ft := funcs.Type(fn)
	if ft == nil || ft.Params == nil {
		return false
	}
	for _, f := range ft.Params.List {
		for _, name := range f.Names {
			if c.info.Defs[name] == v {
				return isContext(v.Type())
			}
		}
	}
	return false
}

// returnSeesDone reports whether the return at rc is taken because ctx
// is done (in a case <-ctx.Done(), or under a condition that mentions
// ctx, such as ctx.Err() != nil): the workers see it too.
func (c *checker) returnSeesDone(rc inspector.Cursor, ctx *types.Var) bool {
	for e := range rc.Enclosing((*ast.CommClause)(nil), (*ast.IfStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := e.Node().(type) {
		case *ast.CommClause:
			if c.doneOf(code.RecvOperand(n.Comm)) == ctx {
				return true
			}
		case *ast.IfStmt:
			if code.Uses(c.info, n.Cond, ctx) || (n.Init != nil && code.Uses(c.info, n.Init, ctx)) {
				return true
			}
		default:
			return false
		}
	}
	return false
}

// cancelledBefore reports whether cancel() is called in the block of the
// return at rc, before it.
func (c *checker) cancelledBefore(rc inspector.Cursor, cancel *types.Var) bool {
	block, ok := rc.Parent().Node().(*ast.BlockStmt)
	if !ok {
		if cl, ok := rc.Parent().Node().(*ast.CaseClause); ok {
			return c.callsBefore(cl.Body, rc.Node(), cancel)
		}
		if cl, ok := rc.Parent().Node().(*ast.CommClause); ok {
			return c.callsBefore(cl.Body, rc.Node(), cancel)
		}
		return false
	}
	return c.callsBefore(block.List, rc.Node(), cancel)
}

func (c *checker) callsBefore(stmts []ast.Stmt, end ast.Node, cancel *types.Var) bool {
	for _, s := range stmts {
		if s == end {
			return false
		}
		if code.Uses(c.info, s, cancel) {
			return true
		}
	}
	return false
}
