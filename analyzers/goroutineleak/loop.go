package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/scope"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkEndlessLoops reports goroutines whose function runs a for loop
// that nothing can leave.
func (c *checker) checkEndlessLoops() {
	for cur := range c.in.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		l, ok := launchAt(c.info, cur.Node())
		if !ok || c.livesAsLongAsTheProcess(cur) {
			continue
		}
		switch {
		case l.lit != nil:
			lcur, ok := cur.FindNode(l.lit)
			if !ok {
				continue
			}
			loop := c.endlessLoop(lcur, l.lit)
			if loop == nil {
				if r := c.tickerRange(lcur, l.lit); r != nil {
					fn, _, _ := enclosingFunc(cur)
					c.r.Report(analysis.Diagnostic{
						Pos: r.For, End: r.Body.Lbrace,
						Message: fmt.Sprintf("the goroutine started in %s ranges over %s, which Stop never closes, so the goroutine can never stop",
							funcs.Name(fn), exprString(r.X)),
						Related: []analysis.RelatedInformation{{Pos: l.node.Pos(), End: launchEnd(l), Message: "the goroutine starts here"}},
					})
				}
				continue
			}
			idles := c.idlesEachIteration(loop, l.lit)
			shutdown, ok := c.piles(cur, l, idles, c.triesToStop(lcur, l.lit, loop))
			if !ok {
				continue // a background loop of its caller's design
			}
			fn, _, _ := enclosingFunc(cur)
			c.r.ReportRule(endlessRule(idles), analysis.Diagnostic{
				Pos: loop.For, End: loop.Body.Lbrace,
				Message: fmt.Sprintf("the goroutine started in %s runs a for loop with no way out, so it can never stop%s",
					funcs.Name(fn), notEvenAfter(shutdown)),
				Related: append([]analysis.RelatedInformation{{Pos: l.node.Pos(), End: launchEnd(l), Message: "the goroutine starts here"}},
					shutdownRelated(shutdown)...),
			})
		case l.call != nil && l.callee != nil:
			f := c.factOf(l.callee)
			if f != nil && !f.Endless && f.TickerRange {
				c.r.Report(analysis.Diagnostic{
					Pos: l.call.Pos(), End: l.call.End(),
					Message: fmt.Sprintf("goroutine %s ranges over a time.Ticker's C, which Stop never closes, so it can never stop",
						l.callee.Name()),
				})
				continue
			}
			if f == nil || !f.Endless {
				continue
			}
			shutdown, ok := c.piles(cur, l, f.Idles, f.TriesToStop)
			if !ok {
				continue // a background loop of its caller's design
			}
			c.r.ReportRule(endlessRule(f.Idles), analysis.Diagnostic{
				Pos: l.call.Pos(), End: l.call.End(),
				Message: fmt.Sprintf("goroutine %s runs a for loop with no way out, so it can never stop%s",
					l.callee.Name(), notEvenAfter(shutdown)),
				Related: shutdownRelated(shutdown),
			})
		}
	}
}

// endlessRule is the scope row of a goroutine that can never stop: a
// loop that idles between its rounds is reported in production code only
// (the analyzer's default row), one that spins everywhere
// (goroutineleak.endless).
func endlessRule(idles bool) string {
	if idles {
		return ""
	}
	return scope.RuleEndless
}

// livesAsLongAsTheProcess reports whether the launch at cur starts a
// goroutine meant to run for the life of the program: in main or init,
// in a package variable's initializer, or in a function run once per
// process by sync.Once.
func (c *checker) livesAsLongAsTheProcess(cur inspector.Cursor) bool {
	if c.pass.Pkg.Path() == "runtime" {
		return true // the scheduler's own goroutines
	}
	if c.runsUntilTermination(cur) {
		return true
	}
	inLoop := false
	for e := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil), (*ast.IfStmt)(nil), (*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		switch n := e.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			inLoop = true
		case *ast.FuncLit:
			if !inLoop && e != cur && c.commandAction(e) {
				return true // a command's action, run once
			}
			inLoop = false
		case *ast.FuncDecl:
			fn, ok := c.info.Defs[n.Name].(*types.Func)
			return ok && fn != nil && c.runsOncePerProcess(fn, map[*types.Func]bool{})
		case *ast.CallExpr:
			if n != cur.Node() && c.packageOnceDo(n) {
				return true
			}
		case *ast.IfStmt:
			if code.Contains(n.Body, cur.Node().Pos()) && c.processFlagOnce(n) {
				return true
			}
		}
	}
	return true // a package variable's initializer
}

// runsOncePerProcess reports whether fn is main or init, or a function
// that only main, init, other such functions of this package and a
// package-level sync.Once (once.Do(fn)) call (and that nothing outside
// the package can call or take as a value).
func (c *checker) runsOncePerProcess(fn *types.Func, seen map[*types.Func]bool) bool {
	if fn.Signature().Recv() == nil && (fn.Name() == "init" || (fn.Name() == "main" && c.pass.Pkg.Name() == "main")) {
		return true
	}
	if seen[fn] || (fn.Exported() && c.pass.Pkg.Name() != "main") {
		return false
	}
	seen[fn] = true
	callers, ok := c.callersOf()[fn]
	if !ok || len(callers) == 0 {
		return false
	}
	for _, caller := range callers {
		if caller == oncePerProcess {
			continue
		}
		if caller == nil || !c.runsOncePerProcess(caller, seen) {
			return false
		}
	}
	return true
}

// callersOf maps each function of the package to the functions whose
// bodies call it (and, in c.callSites, to the calls themselves); a call in a package variable's initializer counts as
// once per process (oncePerProcess), and a nil caller stands for a use
// other than a call (a function value).
func (c *checker) callersOf() map[*types.Func][]*types.Func {
	if c.callers != nil {
		return c.callers
	}
	c.callers = make(map[*types.Func][]*types.Func)
	c.callSites = make(map[*types.Func][]inspector.Cursor)
	for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := c.info.Uses[id].(*types.Func)
		if !ok || fn == nil || fn.Pkg() != c.pass.Pkg {
			continue
		}
		fn = fn.Origin()
		var caller *types.Func
		switch {
		case isCalled(cur) && inPackageVarInit(cur):
			caller = oncePerProcess // var cache = newCache(): runs once, at start-up
		case isCalled(cur):
			c.callSites[fn] = append(c.callSites[fn], cur)
			// The function declaration around the call, unless a
			// function literal in between is a request handler, which
			// runs once per request.
			for e := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
				if lit, ok := e.Node().(*ast.FuncLit); ok {
					if c.handlesRequests(lit) {
						break
					}
					continue
				}
				caller, _ = c.info.Defs[e.Node().(*ast.FuncDecl).Name].(*types.Func)
				break
			}
		case c.passedToPackageOnce(cur) || c.commandAction(cur):
			caller = oncePerProcess
		}
		c.callers[fn] = append(c.callers[fn], caller)
	}
	return c.callers
}

// inPackageVarInit reports whether cur lies in the initializer of a
// package-level variable, outside any function literal: it runs once,
// when the package is initialized.
func inPackageVarInit(cur inspector.Cursor) bool {
	for e := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil), (*ast.GenDecl)(nil)) {
		gd, ok := e.Node().(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return false
		}
		_, top := e.Parent().Node().(*ast.File)
		return top
	}
	return false
}

// handlesRequests reports whether a function literal is a request
// handler: it takes an *http.Request (net/http's, or a handler of the
// package's own that takes one), so it runs once per request.
func (c *checker) handlesRequests(lit *ast.FuncLit) bool {
	for _, f := range lit.Type.Params.List {
		t := c.info.TypeOf(f.Type)
		if p, ok := t.(*types.Pointer); ok && typematch.IsNamed(p.Elem(), "net/http", "Request") {
			return true
		}
	}
	return false
}

// commandAction reports whether the expression at cur (a function, or a
// function literal) is stored as a command-line framework's action
// (&cobra.Command{RunE: run}, cmd.Action = serve): the framework runs it
// once, for the command the process was started with.
func (c *checker) commandAction(cur inspector.Cursor) bool {
	switch p := cur.Parent().Node().(type) {
	case *ast.KeyValueExpr:
		key, ok := p.Key.(*ast.Ident)
		if !ok || p.Value != cur.Node() {
			return false
		}
		lit, ok := cur.Parent().Parent().Node().(*ast.CompositeLit)
		return ok && knowledge.IsCommandAction(c.info.TypeOf(lit), key.Name)
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return false
		}
		for i, r := range p.Rhs {
			if r != cur.Node() {
				continue
			}
			sel, ok := ast.Unparen(p.Lhs[i]).(*ast.SelectorExpr)
			return ok && knowledge.IsCommandAction(c.info.TypeOf(sel.X), sel.Sel.Name)
		}
	}
	return false
}

// oncePerProcess stands, among a function's callers, for a package-level
// sync.Once that runs it (once.Do(f)).
var oncePerProcess = types.NewFunc(token.NoPos, nil, "once.Do", types.NewSignatureType(nil, nil, nil, nil, nil, false))

// passedToPackageOnce reports whether the identifier at cur is the
// argument of once.Do for a sync.Once of the process: the function runs
// once per process.
func (c *checker) passedToPackageOnce(cur inspector.Cursor) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	return ok && len(call.Args) == 1 && call.Args[0] == cur.Node() && c.packageOnceDo(call)
}

// packageOnceDo reports whether call is once.Do on a sync.Once with one
// address for the whole process: a package-level variable, or a field
// reached from one through struct values only (queue.once, in a
// package-level struct variable, with the queue and mutex the Once sets
// up). A Once in a field reached through a pointer (c.once on a *Conn, or
// cur.once where cur can be replaced) or in an element runs once per
// value, not per process.
func (c *checker) packageOnceDo(call *ast.CallExpr) bool {
	if !typematch.CallsMethod(c.info, call, "sync", "Once", "Do") {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if s := c.info.Selections[sel]; s == nil || s.Indirect() {
		return false
	}
	return c.processValue(sel.X)
}

// processFlagOnce reports whether the if statement runs its body once
// per process by a flag of the process, sync.Once written by hand: if
// !started { started = true; ... } on a bool that is a process value
// (processValue: a package-level variable, or a field of one reached
// through struct values, such as arbiter.started), or
// if started.CompareAndSwap(false, true) { ... } on such an atomic.Bool.
func (c *checker) processFlagOnce(ifs *ast.IfStmt) bool {
	return c.flagOnce(ifs, c.processValue)
}

// flagOnce reports whether the if statement runs its body once per flag,
// sync.Once written by hand (if !started { started = true; ... }, or
// if started.CompareAndSwap(false, true) { ... } on an atomic.Bool), for
// a flag that holder accepts.
func (c *checker) flagOnce(ifs *ast.IfStmt, holder func(ast.Expr) bool) bool {
	cond := ast.Unparen(ifs.Cond)
	if call, ok := cond.(*ast.CallExpr); ok && typematch.CallsMethod(c.info, call, "sync/atomic", "Bool", "CompareAndSwap") && len(call.Args) == 2 {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && holder(sel.X) && isBoolConst(c.info, call.Args[0], false) && isBoolConst(c.info, call.Args[1], true)
	}
	not, ok := cond.(*ast.UnaryExpr)
	if !ok || not.Op != token.NOT || !holder(not.X) {
		return false
	}
	flag := types.ExprString(ast.Unparen(not.X))
	for _, st := range ifs.Body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Tok != token.ASSIGN {
			continue
		}
		if types.ExprString(ast.Unparen(as.Lhs[0])) == flag && isBoolConst(c.info, as.Rhs[0], true) {
			return true
		}
	}
	return false
}

// isBoolConst reports whether e is the boolean constant want.
func isBoolConst(info *types.Info, e ast.Expr, want bool) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value) == want
}

// processValue reports whether e denotes a variable with one address for
// the life of the process: a package-level variable that is no pointer,
// or a field of one reached through struct values only.
func (c *checker) processValue(e ast.Expr) bool {
	e = ast.Unparen(e)
	t := c.info.TypeOf(e)
	if t == nil {
		return false
	}
	if _, ptr := t.Underlying().(*types.Pointer); ptr {
		return false
	}
	switch x := e.(type) {
	case *ast.Ident:
		v, ok := c.info.Uses[x].(*types.Var)
		return ok && typematch.IsPackageLevel(v)
	case *ast.SelectorExpr:
		if s := c.info.Selections[x]; s != nil {
			return s.Kind() == types.FieldVal && !s.Indirect() && c.processValue(x.X)
		}
		v, ok := c.info.Uses[x.Sel].(*types.Var) // pkg.Var
		return ok && typematch.IsPackageLevel(v)
	}
	return false
}

// isCalled reports whether the identifier at cur is the function of a
// call: f(...) or x.f(...).
func isCalled(cur inspector.Cursor) bool {
	p := cur.Parent()
	if sel, ok := p.Node().(*ast.SelectorExpr); ok && sel.Sel == cur.Node() {
		cur, p = p, p.Parent()
	}
	call, ok := p.Node().(*ast.CallExpr)
	return ok && call.Fun == cur.Node()
}

// endlessLoop returns a for loop without condition in fn (outside nested
// function literals) that nothing leaves, or nil.
func (c *checker) endlessLoop(fcur inspector.Cursor, fn ast.Node) *ast.ForStmt {
	for lc := range fcur.Preorder((*ast.ForStmt)(nil)) {
		loop := lc.Node().(*ast.ForStmt)
		if loop.Cond == nil && !inNestedLit(lc, fn) && !c.loopExits(loop) {
			return loop
		}
	}
	return nil
}

// idlesEachIteration reports whether every round of the loop waits, in
// one of the body's own statements before any continue: time.Sleep (a
// goroutine that does its round once a period), a receive (v := <-ch), a
// send (ch <- v: a producer paced by its consumer, blocked for good once
// the consumer is gone), a Read or Accept on a net connection nothing
// closes (blockingNetRead), a select without default, or reflect.Select
// in a function that builds no default case (a server's event loop). Such a
// goroutine idles between its rounds: it is reported in production code
// only (docs/scope.md), where it outlives its owner, while in a test it
// costs the tests after it next to nothing, unlike a loop that spins. A receive from a channel
// closed during the loop returns at once every round, and is not told
// apart.
func (c *checker) idlesEachIteration(loop *ast.ForStmt, fn ast.Node) bool {
	for _, st := range loop.Body.List {
		if c.blocksRound(st, fn) || c.branchBlocks(st, fn) {
			return true
		}
		if continues(st) {
			return false
		}
	}
	return false
}

// branchBlocks reports whether st is an if or a switch some branch of
// which blocks (a state machine's loop, waiting in most states and moving
// on at once from the others): not every round waits, but nothing says
// that the rounds that do not wait follow one another forever, so the
// loop is not taken to spin.
func (c *checker) branchBlocks(st ast.Stmt, fn ast.Node) bool {
	var branches [][]ast.Stmt
	switch st := st.(type) {
	case *ast.IfStmt:
		branches = append(branches, st.Body.List)
		if st.Else != nil {
			branches = append(branches, []ast.Stmt{st.Else})
		}
	case *ast.SwitchStmt:
		for _, cc := range st.Body.List {
			branches = append(branches, cc.(*ast.CaseClause).Body)
		}
	case *ast.TypeSwitchStmt:
		for _, cc := range st.Body.List {
			branches = append(branches, cc.(*ast.CaseClause).Body)
		}
	case *ast.BlockStmt:
		branches = append(branches, st.List)
	}
	for _, b := range branches {
		for _, s := range b {
			if c.blocksRound(s, fn) || c.branchBlocks(s, fn) {
				return true
			}
		}
	}
	return false
}

// blocksRound reports whether the statement blocks until something happens.
func (c *checker) blocksRound(st ast.Stmt, fn ast.Node) bool {
	var e ast.Expr
	switch st := st.(type) {
	case *ast.SelectStmt:
		for _, cc := range st.Body.List {
			if cc.(*ast.CommClause).Comm == nil {
				return false // a default: the select never waits
			}
		}
		return true
	case *ast.SendStmt:
		return true
	case *ast.ExprStmt:
		e = st.X
	case *ast.AssignStmt:
		if len(st.Rhs) != 1 {
			return false
		}
		e = st.Rhs[0]
	default:
		return false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		return x.Op == token.ARROW
	case *ast.CallExpr:
		if typematch.CallsFunc(c.info, x, "time", "Sleep") {
			return true
		}
		for _, a := range x.Args {
			if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				return true // out(<-in): the receive waits before the call
			}
		}
		if c.blockingNetRead(x, fn) {
			return true
		}
		return typematch.CallsFunc(c.info, x, "reflect", "Select") && !c.mentionsSelectDefault(fn)
	}
	return false
}

// mentionsSelectDefault reports whether fn names reflect.SelectDefault.
func (c *checker) mentionsSelectDefault(fn ast.Node) bool {
	for _, imp := range c.pass.Pkg.Imports() {
		if imp.Path() == "reflect" {
			return code.Uses(c.info, fn, imp.Scope().Lookup("SelectDefault"))
		}
	}
	return false
}

// continues reports whether st holds a continue outside nested loops and
// function literals: a round that may skip what follows.
func continues(st ast.Stmt) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.BranchStmt:
			found = found || n.Tok == token.CONTINUE
		}
		return !found
	})
	return found
}

// loopExits reports whether something in the loop's body may end it or
// the goroutine: a return, goto, labeled break, a break of this loop, a
// panic or a call that ends the goroutine or program.
func (c *checker) loopExits(loop *ast.ForStmt) bool {
	return c.bodyExits(loop.Body)
}

// bodyExits reports whether something in a loop's body may end the loop
// or the goroutine (see loopExits).
func (c *checker) bodyExits(body *ast.BlockStmt) bool {
	return firstExit(body, c.endsGoroutine) != nil
}

// firstExit returns the first statement or call in a loop's body that
// may leave the loop: a return, a goto, a break of the loop (an unlabeled
// break outside inner loops, switches and selects, or a labeled break
// whose label is not inside the body), or a call for which ends, when
// set, reports true. Function literals are not entered.
func firstExit(body *ast.BlockStmt, ends func(*ast.CallExpr) bool) ast.Node {
	return firstExitSkipping(body, ends, nil)
}

// firstExitSkipping is firstExit, not entering the select cases for which
// skip, when set, reports true.
func firstExitSkipping(body *ast.BlockStmt, ends func(*ast.CallExpr) bool, skip func(*ast.CommClause) bool) ast.Node {
	inner := make(map[string]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			inner[ls.Label.Name] = true
		}
		_, lit := n.(*ast.FuncLit)
		return !lit
	})
	var exit ast.Node
	var visit func(n ast.Node, breakable bool)
	visit = func(n ast.Node, breakable bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if exit != nil || m == nil {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CommClause:
				return skip == nil || !skip(m)
			case *ast.ReturnStmt:
				exit = m
			case *ast.BranchStmt:
				switch {
				case m.Tok == token.GOTO,
					m.Tok == token.BREAK && m.Label != nil && !inner[m.Label.Name],
					m.Tok == token.BREAK && m.Label == nil && breakable:
					exit = m
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if m == n {
					return true
				}
				visit(m, false)
				return false
			case *ast.CallExpr:
				if ends != nil && ends(m) {
					exit = m
				}
			}
			return exit == nil
		})
	}
	visit(body, true)
	return exit
}

// endsGoroutine reports whether call may end the goroutine or the program
// (funcs.EndsGoroutine).
func (c *checker) endsGoroutine(call *ast.CallExpr) bool {
	return funcs.EndsGoroutine(c.info, c.cfgs, c.pass.Pkg, call)
}

// tickerRange returns a range loop over a time.Ticker's C in fn (outside
// nested function literals) that nothing leaves, or nil. Ticker.Stop does
// not close C, so such a loop waits forever once the ticker stops.
func (c *checker) tickerRange(fcur inspector.Cursor, fn ast.Node) *ast.RangeStmt {
	for rc := range fcur.Preorder((*ast.RangeStmt)(nil)) {
		r := rc.Node().(*ast.RangeStmt)
		sel, ok := ast.Unparen(r.X).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "C" || inNestedLit(rc, fn) {
			continue
		}
		tv, ok := c.info.Types[sel.X]
		if !ok || !isTicker(tv.Type) || c.bodyExits(r.Body) {
			continue
		}
		return r
	}
	return nil
}

func isTicker(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return typematch.IsNamed(t, "time", "Ticker")
}
