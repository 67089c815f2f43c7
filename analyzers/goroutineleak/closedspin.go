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
	"github.com/trapvet/trapvet/internal/scope"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkClosedSpins reports a for-select loop with a receive case that
// stays ready once its channel is closed and whose path then goes back to
// the loop: from the close on, every pass takes that case at once, and
// the loop spins at full CPU (v, ok := <-ch handled only when ok, or a
// break that leaves only the select; a context's Done case, or a plain
// case on a signal channel the package closes, that does not leave).
func (c *checker) checkClosedSpins() {
	for cur := range c.in.Root().Preorder((*ast.ForStmt)(nil)) {
		loop := cur.Node().(*ast.ForStmt)
		var sels []*ast.SelectStmt
		paced := false
		for _, st := range loop.Body.List {
			// A select whose default waits counts too: once a case's
			// channel is closed, that ready case wins over the default
			// each pass, and the wait that paced the loop never runs. A
			// default that does not wait makes a busy poll, which spins
			// before any close.
			if sel, ok := st.(*ast.SelectStmt); ok && (!hasDefault(sel) || c.defaultWaits(sel)) {
				sels = append(sels, sel)
			} else if c.mayWait(st) {
				paced = true // the loop waits elsewhere each pass: no spin
			}
		}
		if paced || len(sels) != 1 || (loop.Cond != nil && c.mayWait(loop.Cond)) || loop.Post != nil {
			// A condition that calls (ctx.Err() == nil) may see the
			// close; a counted loop (i++) ends after its count.
			continue
		}
		c.checkSpinningSelect(cur, loop, sels[0])
	}
}

func (c *checker) checkSpinningSelect(cur inspector.Cursor, loop *ast.ForStmt, sel *ast.SelectStmt) {
	for _, st := range sel.Body.List {
		cc := st.(*ast.CommClause)
		x, path, ok := c.closedPath(cc)
		if !ok {
			continue
		}
		root := code.RootVar(c.info, x, false)
		if root == nil && !c.sameChannelEachPass(x) {
			continue
		}
		if c.pathLeaves(cur, loop, path, x) {
			continue
		}
		if !c.loopLeavesElsewhere(cur, loop, cc) {
			continue // no way out at all: the endless-loop rule's finding
		}
		what := "once " + exprString(x) + " is closed"
		if ctx := c.contextOfDone(x); ctx != nil {
			what = "once " + exprString(ctx) + " is done"
		}
		msg := fmt.Sprintf("%s, this case is taken at once on every pass and the loop spins at full CPU", what)
		if selectBreak(path) != nil {
			msg += " (this break leaves only the select)"
		}
		fn, _, _ := enclosingFunc(cur)
		c.r.ReportRule(scope.RuleEndless, analysis.Diagnostic{
			Pos: cc.Case, End: cc.Colon + 1,
			Message: msg,
			Related: []analysis.RelatedInformation{{Pos: loop.For, End: loop.Body.Lbrace,
				Message: fmt.Sprintf("the loop in %s", funcs.Name(fn))}},
		})
	}
}

// closedPath returns the channel a case receives from and the statements
// its case runs once the channel is closed: for v, ok := <-ch, those the
// test of ok leads to when ok is false (the case's body has to test ok in
// one if statement of its own list, and use ok nowhere else); for a
// receive from a context's Done, the whole body.
func (c *checker) closedPath(cc *ast.CommClause) (ast.Expr, []ast.Stmt, bool) {
	x := code.RecvOperand(cc.Comm)
	if x == nil {
		return nil, nil, false
	}
	if as, ok := cc.Comm.(*ast.AssignStmt); ok && len(as.Lhs) == 2 {
		okID, _ := as.Lhs[1].(*ast.Ident)
		if okID == nil || okID.Name == "_" {
			return nil, nil, false
		}
		path, ok := pathWhenFalse(c.info, cc.Body, c.info.ObjectOf(okID))
		return x, path, ok
	}
	if c.contextOfDone(x) != nil {
		return x, cc.Body, true
	}
	if _, plain := cc.Comm.(*ast.ExprStmt); plain && c.closedSignal(x) {
		return x, cc.Body, true // case <-done: on a signal channel the package closes
	}
	return nil, nil, false
}

// defaultWaits reports whether the default case of sel has a statement
// that may wait (a call, a receive: st.Recv() in a stream loop).
func (c *checker) defaultWaits(sel *ast.SelectStmt) bool {
	for _, st := range sel.Body.List {
		if cc := st.(*ast.CommClause); cc.Comm == nil {
			for _, s := range cc.Body {
				if c.mayWait(s) {
					return true
				}
			}
		}
	}
	return false
}

// closedSignal reports whether x is a signal channel (chan struct{}) that
// the package closes: a local variable closed in its function, or an
// unexported channel field of the package closed in code the package
// ships (live). A close is what makes a plain case <-x ready for good.
func (c *checker) closedSignal(x ast.Expr) bool {
	if !isSignalChan(c.info.TypeOf(x)) {
		return false
	}
	if id, ok := ast.Unparen(x).(*ast.Ident); ok {
		local := varOf(c.info, id)
		if local == nil || local.Parent() == nil || local.Parent() == c.pass.Pkg.Scope() {
			return false
		}
		return len(c.closesOf(local)) > 0
	}
	field := c.chanFieldOf(x)
	if field == nil {
		return false
	}
	for _, cur := range c.closesOf(field.Origin()) {
		if c.liveAt(cur) {
			return true
		}
	}
	return false
}

// closesOf returns the close(v) calls of the package's non-test files for
// a variable, or close(x.f) for a channel field f of the package (by its
// origin). The index is built on the first question.
func (c *checker) closesOf(v *types.Var) []inspector.Cursor {
	if c.closeCalls == nil {
		c.closeCalls = make(map[*types.Var][]inspector.Cursor)
		for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			if !c.isBuiltin(call, "close") || len(call.Args) != 1 || code.InTestFile(c.pass.Fset, call.Pos()) {
				continue
			}
			arg := ast.Unparen(call.Args[0])
			if id, ok := arg.(*ast.Ident); ok {
				if w := varOf(c.info, id); w != nil {
					c.closeCalls[w] = append(c.closeCalls[w], cur)
				}
			} else if f := c.chanFieldOf(arg); f != nil {
				c.closeCalls[f.Origin()] = append(c.closeCalls[f.Origin()], cur)
			}
		}
	}
	return c.closeCalls[v]
}

// pathWhenFalse returns the statements of list that run when ok is false:
// those before the one if statement testing ok, the branch it takes, and
// those after it.
func pathWhenFalse(info *types.Info, list []ast.Stmt, ok types.Object) ([]ast.Stmt, bool) {
	var path []ast.Stmt
	tested := false
	for _, st := range list {
		if !code.Uses(info, st, ok) {
			path = append(path, st)
			continue
		}
		ifs, isIf := st.(*ast.IfStmt)
		if tested || !isIf || ifs.Init != nil || code.Uses(info, ifs.Body, ok) || (ifs.Else != nil && code.Uses(info, ifs.Else, ok)) {
			return nil, false
		}
		val, known := evalWhenFalse(info, ifs.Cond, ok)
		if !known {
			return nil, false
		}
		tested = true
		if val {
			path = append(path, ifs.Body)
		} else if ifs.Else != nil {
			path = append(path, ifs.Else)
		}
	}
	return path, tested
}

// evalWhenFalse evaluates cond with ok false, when that decides it.
func evalWhenFalse(info *types.Info, cond ast.Expr, ok types.Object) (val, known bool) {
	switch e := ast.Unparen(cond).(type) {
	case *ast.Ident:
		if info.ObjectOf(e) == ok {
			return false, true
		}
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			v, k := evalWhenFalse(info, e.X, ok)
			return !v, k
		}
	case *ast.BinaryExpr:
		l, lk := evalWhenFalse(info, e.X, ok)
		r, rk := evalWhenFalse(info, e.Y, ok)
		switch e.Op {
		case token.LAND:
			if (lk && !l) || (rk && !r) {
				return false, true
			}
			return l && r, lk && rk
		case token.LOR:
			if (lk && l) || (rk && r) {
				return true, true
			}
			return l || r, lk && rk
		}
	}
	return false, false
}

// contextOfDone returns ctx when x is ctx.Done() of a context (its
// receiver also has Deadline and Err, the methods of a context.Context),
// and nil otherwise.
func (c *checker) contextOfDone(x ast.Expr) ast.Expr {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" {
		return nil
	}
	t := c.info.TypeOf(sel.X)
	if !typematch.HasMethod(t, "Deadline") || !typematch.HasMethod(t, "Err") {
		return nil
	}
	return sel.X
}

// sameChannelEachPass reports whether evaluating x again on the next pass
// gives the same channel: a getter without arguments on a chain of fields
// (w.Updates(), ctx.Done()), which hands out the channel it holds.
func (c *checker) sameChannelEachPass(x ast.Expr) bool {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || c.info.Selections[sel] == nil || c.info.Selections[sel].Kind() != types.MethodVal {
		return false
	}
	return code.RootVar(c.info, sel.X, false) != nil
}

// mayWait reports whether a statement of the loop's body, or its
// condition, may wait: it sends, receives, selects or calls anything but
// a builtin or a conversion.
func (c *checker) mayWait(st ast.Node) bool {
	return funcs.Has(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt, *ast.SelectStmt:
			return true
		case *ast.UnaryExpr:
			return n.Op == token.ARROW
		case *ast.RangeStmt:
			_, isChan := c.info.TypeOf(n.X).Underlying().(*types.Chan)
			return isChan
		case *ast.CallExpr:
			if tv, ok := c.info.Types[n.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
				return false
			}
			return true
		}
		return false
	})
}

// pathLeaves reports whether the statements of a closed case may leave
// the loop, change the channel or wait: a return, a goto, a break or
// continue aimed past the loop, a call that ends the goroutine, an
// assignment to the channel's variable or to one declared outside the
// loop's body (the condition's, a flag an exit reads), a channel
// operation, or a call of a function of this package (which may do any
// of these, or change the channel's holder).
func (c *checker) pathLeaves(cur inspector.Cursor, loop *ast.ForStmt, path []ast.Stmt, x ast.Expr) bool {
	// The channel's variable, and a getter's receiver (w in
	// w.Updates()); the variables of the loop's condition are declared
	// outside its body, which leavesOrChanges watches as a whole.
	watched := make(map[types.Object]bool)
	if v := code.RootVar(c.info, x, false); v != nil {
		watched[v] = true
	}
	if call, ok := ast.Unparen(x).(*ast.CallExpr); ok {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if v := code.RootVar(c.info, sel.X, false); v != nil {
				watched[v] = true
			}
		}
	}
	label := loopLabel(cur)
	for _, st := range path {
		if funcs.Has(st, func(n ast.Node) bool { return c.leavesOrChanges(n, loop, label, watched) }) {
			return true
		}
	}
	return false
}

func (c *checker) leavesOrChanges(n ast.Node, loop *ast.ForStmt, label *ast.Ident, watched map[types.Object]bool) bool {
	switch n := n.(type) {
	case *ast.ReturnStmt, *ast.SendStmt, *ast.SelectStmt:
		return true
	case *ast.UnaryExpr:
		return n.Op == token.ARROW
	case *ast.BranchStmt:
		switch n.Tok {
		case token.GOTO:
			return true
		case token.BREAK, token.CONTINUE:
			// An unlabelled one leaves the select or an inner loop;
			// a labelled one leaves this loop unless it continues it,
			// and leaves an inner statement only.
			if n.Label == nil {
				return false
			}
			if label != nil && c.info.ObjectOf(n.Label) == c.info.ObjectOf(label) {
				return n.Tok == token.BREAK
			}
			return !labelInside(c.info, loop.Body, n.Label)
		}
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if v := code.RootVar(c.info, l, true); v != nil && (watched[v] || !code.Contains(loop.Body, v.Pos())) {
				return true // the channel, the condition, or state kept across passes (a flag an exit reads)
			}
		}
	case *ast.IncDecStmt:
		if v := code.RootVar(c.info, n.X, true); v != nil && (watched[v] || !code.Contains(loop.Body, v.Pos())) {
			return true
		}
	case *ast.CallExpr:
		if funcs.EndsGoroutine(c.info, c.cfgs, c.pass.Pkg, n) {
			return true
		}
		fn := typematch.Callee(c.info, n)
		if fn == nil {
			if tv, ok := c.info.Types[n.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
				return false
			}
			return true // a function value: anything
		}
		return fn.Pkg() == c.pass.Pkg || typematch.IsFunc(fn, "time", "Sleep")
	}
	return false
}

// loopLabel returns the label of the loop at cur, or nil.
func loopLabel(cur inspector.Cursor) *ast.Ident {
	if l, ok := cur.Parent().Node().(*ast.LabeledStmt); ok {
		return l.Label
	}
	return nil
}

// labelInside reports whether the label is declared inside body.
func labelInside(info *types.Info, body *ast.BlockStmt, label *ast.Ident) bool {
	obj := info.ObjectOf(label)
	return obj != nil && code.Contains(body, obj.Pos())
}

// loopLeavesElsewhere reports whether some statement of the loop outside
// the case cc may leave it: a return, a goto, a call that ends the
// goroutine, or a labelled break of the loop.
func (c *checker) loopLeavesElsewhere(cur inspector.Cursor, loop *ast.ForStmt, cc *ast.CommClause) bool {
	label := loopLabel(cur)
	if loop.Cond != nil {
		return true
	}
	found := false
	ast.Inspect(loop.Body, func(n ast.Node) bool {
		if found || n == nil || n == cc {
			return false
		}
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		found = c.isExit(n, func(l *ast.Ident) bool { return label != nil && c.info.ObjectOf(l) == c.info.ObjectOf(label) })
		return !found
	})
	return found
}

// isExit reports whether n leaves the loop around it: a return, a goto,
// a break whose label breaks names (or any labelled break, when breaks is
// nil), or a call that ends the goroutine.
func (c *checker) isExit(n ast.Node, breaks func(label *ast.Ident) bool) bool {
	switch n := n.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return n.Tok == token.GOTO || n.Tok == token.BREAK && n.Label != nil && (breaks == nil || breaks(n.Label))
	case *ast.CallExpr:
		return funcs.EndsGoroutine(c.info, c.cfgs, c.pass.Pkg, n)
	}
	return false
}

// selectBreak returns an unlabelled break among the statements that ends
// the select, not an inner loop, switch or select.
func selectBreak(path []ast.Stmt) *ast.BranchStmt {
	var found *ast.BranchStmt
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			return false
		case *ast.BranchStmt:
			if n.Tok == token.BREAK && n.Label == nil && found == nil {
				found = n
			}
		}
		return true
	}
	for _, st := range path {
		ast.Inspect(st, walk)
	}
	return found
}
