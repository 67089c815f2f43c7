package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkAbandonedSenders reports goroutines that send on an unbuffered
// channel whose only receiver is a select that can give up first.
func (c *checker) checkAbandonedSenders() {
	for cur := range c.in.Root().Preorder((*ast.SelectStmt)(nil)) {
		sel := cur.Node().(*ast.SelectStmt)
		fn, fcur, ok := enclosingFunc(cur)
		if !ok || hasDefault(sel) {
			continue
		}
		giveUp, what, stop := c.giveUpCase(sel)
		if giveUp == nil || !c.leavesThrough(cur, fn, giveUp) || c.failsTest(giveUp) {
			continue
		}
		for _, stmt := range sel.Body.List {
			cc := stmt.(*ast.CommClause)
			if cc == giveUp {
				continue
			}
			ch, recv := c.receivedLocal(cc.Comm)
			if ch == nil || !code.Contains(funcs.Body(fn), ch.Pos()) {
				continue
			}
			if stop == ch {
				continue
			}
			a := abandonment{
				when:  fmt.Sprintf("the select in %s gives up through %s first", funcs.Name(fn), what),
				at:    giveUp.Comm,
				atMsg: "the select gives up here",
				stop:  stop,
			}
			if _, _, made := c.unbufferedMake(fcur, ch); !made {
				c.checkHelperSenders(fcur, sel, ch, a) // out, errc := c.start()
				continue
			}
			c.checkSender(fn, fcur, recv, ch, a)
		}
	}
}

// failsTest reports whether the case marks a test as failed: then the
// goroutine is stranded only in a test that already fails, when the test
// binary's leaks no longer matter.
func (c *checker) failsTest(cc *ast.CommClause) bool {
	fails := false
	ast.Inspect(cc, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			fn := typematch.Callee(c.info, call)
			for _, t := range []string{"T", "B", "F", "TB", "common"} {
				if typematch.IsMethod(fn, "testing", t, "Error", "Errorf", "Fatal", "Fatalf", "Fail", "FailNow") {
					fails = true
				}
			}
		}
		return !fails
	})
	return fails
}

func hasDefault(sel *ast.SelectStmt) bool {
	for _, s := range sel.Body.List {
		if s.(*ast.CommClause).Comm == nil {
			return true
		}
	}
	return false
}

// giveUpCase returns the select's case that receives from a timer, a
// context's Done channel or a stop channel, and says which. For a stop
// channel it also returns the channel's variable or field: a sender that
// refers to it may close it itself after its last send, and then the
// receiver cannot give up before the sends are done.
func (c *checker) giveUpCase(sel *ast.SelectStmt) (*ast.CommClause, string, *types.Var) {
	var stopCase *ast.CommClause
	var stop *types.Var
	for _, s := range sel.Body.List {
		cc := s.(*ast.CommClause)
		x := code.RecvOperand(cc.Comm)
		if x == nil {
			continue
		}
		if what := c.timeoutChan(x); what != "" {
			return cc, what, nil
		}
		if obj := c.stopChan(cc.Comm, x); obj != nil && stopCase == nil {
			stopCase, stop = cc, obj
		}
	}
	if stopCase != nil {
		return stopCase, "<-" + exprString(code.RecvOperand(stopCase.Comm)), stop
	}
	return nil, "", nil
}

// isSignalChan reports whether t is a channel of struct{}: a signal,
// closed or sent on to say that something happened.
func isSignalChan(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	st, ok := ch.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

// stopChan returns the variable or field of a plain stop signal received
// by the case "<-x": a channel of struct{} whose value is discarded.
func (c *checker) stopChan(comm ast.Stmt, x ast.Expr) *types.Var {
	if _, ok := comm.(*ast.ExprStmt); !ok {
		return nil
	}
	if !isSignalChan(c.info.TypeOf(x)) {
		return nil
	}
	if ix, ok := ast.Unparen(x).(*ast.IndexExpr); ok {
		x = ix.X // <-c.subscribed[ch]: the map or slice of stop channels
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return varOf(c.info, x)
	case *ast.SelectorExpr:
		if f := c.chanFieldOf(x); f != nil && !c.signalled(f) {
			return nil // only the package's tests give this signal
		}
		if v, ok := c.info.Uses[x.Sel].(*types.Var); ok && v.IsField() {
			return v.Origin()
		}
	}
	return nil
}

// senderSignals reports whether the goroutine at l may itself give the
// stop signal: its literal, its arguments or (for a field) its named
// function's body refers to stop. A named function of another package
// cannot be read, so a field counts as referred to.
func (c *checker) senderSignals(l launch, stop *types.Var) bool {
	if stop == nil {
		return false
	}
	if l.call != nil {
		for _, a := range l.call.Args {
			if c.mentionsField(a, stop) {
				return true
			}
		}
	}
	if l.lit != nil {
		return c.mentionsField(l.lit, stop)
	}
	if stop.IsField() {
		fd := c.decls[l.callee]
		return fd == nil || c.mentionsField(fd, stop)
	}
	return false
}

// timeoutChan describes x when it is a channel that delivers on a timeout
// or a cancellation: time.After(d), a Timer's C, ctx.Done().
func (c *checker) timeoutChan(x ast.Expr) string {
	x = ast.Unparen(x)
	switch x := x.(type) {
	case *ast.CallExpr:
		fn := typematch.Callee(c.info, x)
		switch {
		case typematch.IsFunc(fn, "time", "After"):
			return "<-" + exprString(x)
		case typematch.IsMethod(fn, "context", "Context", "Done"):
			return "<-" + exprString(x)
		}
	case *ast.SelectorExpr:
		if x.Sel.Name == "C" {
			if tv, ok := c.info.Types[x.X]; ok && typematch.IsNamed(tv.Type, "time", "Timer") {
				return "<-" + exprString(x)
			}
		}
	}
	return ""
}

// receivedLocal returns the local channel variable a case receives from.
func (c *checker) receivedLocal(comm ast.Stmt) (*types.Var, *ast.Ident) {
	id, ok := ast.Unparen(code.RecvOperand(comm)).(*ast.Ident)
	if !ok {
		return nil, nil
	}
	v := varOf(c.info, id)
	if v == nil {
		return nil, nil
	}
	if _, ok := v.Type().Underlying().(*types.Chan); !ok {
		return nil, nil
	}
	return v, id
}

// leavesThrough reports whether taking the give-up case ends the wait:
// the select is not in a loop of its function, or the case returns,
// panics or jumps out.
func (c *checker) leavesThrough(cur inspector.Cursor, fn ast.Node, cc *ast.CommClause) bool {
	if len(loopsBetween(cur, fn)) == 0 {
		return true
	}
	return c.caseLeaves(cc)
}

// caseLeaves reports whether the select case cc returns, panics or jumps
// out of the loop around the select.
func (c *checker) caseLeaves(cc *ast.CommClause) bool {
	leaves := false
	ast.Inspect(cc, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaves = true
		case *ast.BranchStmt:
			if n.Tok == token.GOTO || (n.Tok == token.BREAK && n.Label != nil) {
				leaves = true
			}
		case *ast.CallExpr:
			leaves = c.isBuiltin(n, "panic")
		}
		return !leaves
	})
	return leaves
}

// A sender is a goroutine that sends on the channel outside a select.
type sender struct {
	l     launch
	send  ast.Node // the send statement, or the launch for named functions
	name  string   // the goroutine's function, for the message
	sends int      // number of send statements; 2 stands for "several"
}

// An abandonment is how the receiver of a channel can stop receiving
// while a goroutine still has to send: a select's give-up case, or a
// return before the receive.
type abandonment struct {
	when    string         // the end of the message: "when ..."
	at      analysis.Range // where the receiver leaves
	atMsg   string         // the related message at at
	stop    *types.Var     // a stop channel the sender may signal itself
	oneSend bool           // report only one goroutine, started once per make, that sends once
}

// The senders of a channel: the goroutines that send on it, and its make.
type senders struct {
	mk    *ast.CallExpr
	mkCur inspector.Cursor
	order []*sender
	// closer is the function's own defer close(ch), if any: it closes
	// the channel on the way out, under a sender that has not sent yet.
	closer *ast.DeferStmt
}

// total is the number of sends of all senders (2 standing for several).
func (ss *senders) total() int {
	n := 0
	for _, s := range ss.order {
		n += s.sends
	}
	return n
}

// sendersOf returns the goroutines that send on ch when ch is made
// unbuffered in fn and its only other uses there are the receives recvs:
// no goroutine it starts receives from ch, and ch is not passed on other
// than to a goroutine that sends on it.
func (c *checker) sendersOf(fn ast.Node, fcur inspector.Cursor, recvs []*ast.Ident, ch *types.Var) (*senders, bool) {
	mk, mkCur, ok := c.unbufferedMake(fcur, ch)
	if !ok {
		return nil, false
	}
	launches := launchesIn(c.info, fcur)
	litLaunch := func(lit *ast.FuncLit) (launch, bool) {
		for _, l := range launches {
			if l.lit == lit {
				return l, true
			}
		}
		return launch{}, false
	}
	ss := &senders{mk: mk, mkCur: mkCur}
	byLaunch := make(map[ast.Node]*sender)
	addSender := func(l launch, send ast.Node, name string, n int) {
		s := byLaunch[l.node]
		if s == nil {
			s = &sender{l: l, send: send, name: name}
			byLaunch[l.node] = s
			ss.order = append(ss.order, s)
		}
		s.sends += n
	}
	for u := range fcur.Preorder((*ast.Ident)(nil)) {
		id := u.Node().(*ast.Ident)
		if c.info.Uses[id] != ch {
			continue
		}
		if slices.Contains(recvs, id) || code.Encloses(mk, id) || c.isDefinition(u, mk) {
			continue
		}
		lit := outermostLit(u, fn)
		if lit != nil {
			l, ok := litLaunch(lit)
			if !ok {
				return nil, false // used in a callback: unknown
			}
			if receivesAt(u) {
				return nil, false // another goroutine receives: it may take the value
			}
			if s, ok := u.Parent().Node().(*ast.SendStmt); ok && s.Chan == id && isPlainSend(u.Parent()) {
				n := 1
				if len(loopsBetween(u.Parent(), lit)) > 0 {
					n = 2
				}
				addSender(l, s, "the goroutine", n)
			}
			continue
		}
		// Outside any literal: only "go f(ch)" and the function's own
		// defer close(ch) are understood.
		call, ok := u.Parent().Node().(*ast.CallExpr)
		if !ok {
			return nil, false
		}
		if d := c.deferredClose(u, fn); d != nil {
			if ss.closer != nil {
				return nil, false
			}
			ss.closer = d
			continue
		}
		l, ok := launchAt(c.info, u.Parent().Parent().Node())
		if !ok || l.call != call {
			return nil, false
		}
		i := argIndex(call, id)
		if l.lit != nil {
			// go func(done chan bool) { ... done <- v }(ch): the
			// literal's parameter is ch.
			send, n, ok := c.litParamSends(l.lit, i)
			if !ok {
				return nil, false
			}
			addSender(l, send, "the goroutine", n)
			continue
		}
		if l.callee == nil {
			return nil, false
		}
		ps, ok := c.factOf(l.callee).send(i)
		if !ok {
			return nil, false
		}
		n := 1
		if !ps.Once {
			n = 2
		}
		addSender(l, call, l.callee.Name(), n)
	}
	return ss, len(ss.order) > 0
}

// litParamSends returns the first plain send on the i-th parameter of a
// launched function literal and the number of sends (2 standing for
// several): false when the literal does anything else with it but send
// on it outside a select (receives, passes it on, uses it in a nested
// literal).
func (c *checker) litParamSends(lit *ast.FuncLit, i int) (ast.Node, int, bool) {
	var params []*ast.Ident
	for _, f := range lit.Type.Params.List {
		params = append(params, f.Names...)
	}
	if i < 0 || i >= len(params) {
		return nil, 0, false
	}
	p, _ := c.info.Defs[params[i]].(*types.Var)
	if p == nil {
		return nil, 0, false
	}
	lcur, ok := c.in.Root().FindNode(lit)
	if !ok {
		return nil, 0, false
	}
	var first ast.Node
	n := 0
	for u := range lcur.Preorder((*ast.Ident)(nil)) {
		id := u.Node().(*ast.Ident)
		if c.info.Uses[id] != p {
			continue
		}
		s, ok := u.Parent().Node().(*ast.SendStmt)
		if !ok || s.Chan != id || !isPlainSend(u.Parent()) || inNestedLit(u, lit) {
			return nil, 0, false
		}
		if first == nil {
			first = s
		}
		n++
		if len(loopsBetween(u.Parent(), lit)) > 0 {
			n = 2
		}
	}
	if first == nil {
		return nil, 0, false
	}
	return first, min(n, 2), true
}

// deferredClose returns the statement defer close(ch) of the channel
// identifier at u when it is a statement of fn's own body, not of a
// block inside it (which may run on some paths only).
func (c *checker) deferredClose(u inspector.Cursor, fn ast.Node) *ast.DeferStmt {
	call, ok := u.Parent().Node().(*ast.CallExpr)
	if !ok || !c.isBuiltin(call, "close") {
		return nil
	}
	d, ok := u.Parent().Parent().Node().(*ast.DeferStmt)
	if !ok || d.Call != call || u.Parent().Parent().Parent().Node() != funcs.Body(fn) {
		return nil
	}
	return d
}

// receivesAt reports whether the channel identifier at u is received
// from: <-ch, or range ch.
func receivesAt(u inspector.Cursor) bool {
	switch p := u.Parent().Node().(type) {
	case *ast.UnaryExpr:
		return p.Op == token.ARROW
	case *ast.RangeStmt:
		return p.X == u.Node()
	}
	return false
}

// checkSender reports the goroutines that send on ch when the only other
// use of ch in fn is the receive recv, which the receiver can abandon as a
// says.
func (c *checker) checkSender(fn ast.Node, fcur inspector.Cursor, recv *ast.Ident, ch *types.Var, a abandonment) {
	ss, ok := c.sendersOf(fn, fcur, []*ast.Ident{recv}, ch)
	if !ok {
		return
	}
	c.reportSenders(fn, ch, ss, a)
}

// reportSenders reports each sender of ss as blocked forever once the
// receiver has left as a says.
func (c *checker) reportSenders(fn ast.Node, ch *types.Var, ss *senders, a abandonment) {
	for _, s := range ss.order {
		if c.senderSignals(s.l, a.stop) {
			return
		}
	}
	fixable := len(ss.order) == 1 && ss.total() == 1 && c.launchedOncePerMake(ss.order[0].l, ss.mkCur, fn)
	if a.oneSend && !fixable {
		return
	}
	for _, s := range ss.order {
		d := analysis.Diagnostic{
			Pos:     s.send.Pos(),
			End:     s.send.End(),
			Message: fmt.Sprintf("%s blocks forever sending on unbuffered %s when %s", s.name, ch.Name(), a.when),
			Related: append(report.Related(a.at, "%s", a.atMsg),
				report.Related(ss.mk, "%s is made unbuffered here", ch.Name())...),
		}
		if ss.closer != nil {
			// The deferred close runs as the receiver leaves: the
			// send, blocked or yet to come, panics and takes the
			// process down. A buffer does not help: a send on a
			// closed channel panics whatever its capacity.
			d.Message = fmt.Sprintf("%s panics sending on %s, closed by the deferred close, when %s", s.name, ch.Name(), a.when)
			d.Related = append(d.Related, report.Related(ss.closer, "%s is closed here as %s returns", ch.Name(), funcs.Name(fn))...)
			c.r.Report(d)
			continue
		}
		if fixable {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("Give %s a buffer of 1", ch.Name()),
				TextEdits: []analysis.TextEdit{{Pos: ss.mk.Rparen, End: ss.mk.Rparen, NewText: []byte(", 1")}},
			}}
		}
		c.r.Report(d)
	}
}

// unbufferedMake returns the make(chan T) call that is the only value
// ever assigned to ch in the function.
func (c *checker) unbufferedMake(fcur inspector.Cursor, ch *types.Var) (*ast.CallExpr, inspector.Cursor, bool) {
	call, cur, ok := c.soleMake(fcur, ch)
	if !ok || len(call.Args) != 1 {
		return nil, inspector.Cursor{}, false
	}
	mkCur, _ := cur.FindNode(call)
	return call, mkCur, true
}

// soleMake returns the make call that the one assignment of ch in the
// function at fcur gives it, and that assignment's cursor.
func (c *checker) soleMake(fcur inspector.Cursor, ch *types.Var) (*ast.CallExpr, inspector.Cursor, bool) {
	cur, v, tuple, ok := c.soleAssignment(fcur, ch)
	if !ok || tuple >= 0 {
		return nil, inspector.Cursor{}, false
	}
	call, ok := ast.Unparen(v).(*ast.CallExpr)
	if !ok || !c.isBuiltin(call, "make") {
		return nil, inspector.Cursor{}, false
	}
	return call, cur, true
}

// soleAssignment returns the one assignment or declaration of ch in the
// function and the value it assigns: the expression, or, for a call
// whose results are spread over the left side (out, errc := c.start()),
// the call and the index of ch among its results (tuple, -1 otherwise).
// It is false when ch is assigned more than once, or not at all.
func (c *checker) soleAssignment(fcur inspector.Cursor, ch *types.Var) (inspector.Cursor, ast.Expr, int, bool) {
	var at inspector.Cursor
	var value ast.Expr
	tuple, count := -1, 0
	for cur := range fcur.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		lhs, rhs, _ := code.Sides(cur.Node())
		for i, e := range lhs {
			id, ok := ast.Unparen(e).(*ast.Ident)
			if !ok || c.info.ObjectOf(id) != ch {
				continue
			}
			count++
			at, value, tuple = cur, nil, -1
			switch {
			case len(rhs) == len(lhs):
				value = rhs[i]
			case len(rhs) == 1:
				value, tuple = rhs[0], i
			}
		}
	}
	return at, value, tuple, count == 1 && value != nil
}

// isBuiltin reports whether call calls the builtin function name (make,
// close, panic), not a function of that name.
func (c *checker) isBuiltin(call *ast.CallExpr, name string) bool {
	return code.CallsBuiltin(c.info, call, name)
}

// isDefinition reports whether the identifier at u is assigned the make.
func (c *checker) isDefinition(u inspector.Cursor, mk *ast.CallExpr) bool {
	switch p := u.Parent().Node().(type) {
	case *ast.AssignStmt:
		for _, r := range p.Rhs {
			if r == mk {
				return true
			}
		}
	case *ast.ValueSpec:
		for _, r := range p.Values {
			if r == mk {
				return true
			}
		}
	}
	return false
}

// outermostLit returns the outermost function literal inside fn that
// contains cur, or nil.
func outermostLit(cur inspector.Cursor, fn ast.Node) *ast.FuncLit {
	var lit *ast.FuncLit
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if c.Node() == fn {
			break
		}
		if l, ok := c.Node().(*ast.FuncLit); ok {
			lit = l
		}
	}
	return lit
}

func argIndex(call *ast.CallExpr, e ast.Expr) int {
	for i, a := range call.Args {
		if a == e {
			return i
		}
	}
	return -1
}

// launchedOncePerMake reports whether the goroutine starts at most once
// for each channel made: no loop encloses the launch but not the make.
func (c *checker) launchedOncePerMake(l launch, mkCur inspector.Cursor, fn ast.Node) bool {
	lcur, ok := mkCur.Inspector().Root().FindNode(l.node)
	if !ok {
		return false
	}
	mkLoops := loopsBetween(mkCur, fn)
	for _, loop := range loopsBetween(lcur, fn) {
		found := false
		for _, m := range mkLoops {
			found = found || m == loop
		}
		if !found {
			return false
		}
	}
	return true
}
