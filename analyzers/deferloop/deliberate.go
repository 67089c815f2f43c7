package deferloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// deliberate reports whether a defer that repeats in its loops holds,
// until return, what the code means to hold until return, or runs at most
// once by construction: a select case on a timer that fires once, a loop
// that takes every slot of a semaphore, a set of per-item locks taken by
// lock/unlock functions in sorted order, a callback deferred so that it
// runs after the function's own work, a method that acts once per value,
// deferred on the same value in every iteration, a rollback that acts
// only when the function fails, or a completion step that acts only when
// it succeeds.
func deliberate(pass *analysis.Pass, rel *releaseSummaries, cur inspector.Cursor, fn ast.Node, loops []ast.Stmt) bool {
	def := cur.Node().(*ast.DeferStmt)
	info := pass.TypesInfo
	return onceTimerCase(info, cur, fn, loops[0]) ||
		fillsSemaphore(pass, def.Call, fn, loops) ||
		sortedLockSet(info, def.Call, fn, loops[0]) ||
		defersCallback(info, def.Call, fn, loops[0]) ||
		oncePerReceiver(pass, def.Call, loops[0]) ||
		rollsBackOnFailure(info, def.Call, loops[0]) ||
		completesOnSuccess(rel, def.Call, loops[0]) ||
		holdsOnlyToReturn(info, def, fn, loops[0])
}

// holdsOnlyToReturn reports whether the iteration opens a span only to
// hold it until the function returns: the loop ranges over data at hand
// (a slice, array, map or string), its body's last statement is the
// defer, which ends (End, Finish) a variable the body declares (_, span :=
// tr.Start(ctx, name); defer span.End()), and nothing but the defer uses
// that variable or the acquisition's other results. The held value does
// nothing in the iteration: holding it over the rest of the function (a
// tracing span per waiting caller around the fetch that follows) is the
// point, and a function per iteration would end it at once. A lock, whose
// order matters, stays with its own rules.
func holdsOnlyToReturn(info *types.Info, def *ast.DeferStmt, fn ast.Node, loop ast.Stmt) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	switch t := info.TypeOf(rs.X).Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
	case *types.Basic:
		if t.Info()&types.IsString == 0 {
			return false // a count, not data at hand
		}
	default:
		return false
	}
	list := rs.Body.List
	if len(list) < 2 || list[len(list)-1] != def {
		return false
	}
	sel, ok := ast.Unparen(def.Call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "End" && sel.Sel.Name != "Finish" {
		return false // a descriptor, connection, lock or context held is a cost
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || !code.Contains(rs.Body, v.Pos()) {
		return false
	}
	// The acquisition: v and its siblings, declared by one statement.
	var acquired []types.Object
	for _, st := range list {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		for _, l := range as.Lhs {
			if lid, ok := l.(*ast.Ident); ok && info.Defs[lid] == v {
				for _, l := range as.Lhs {
					if lid, ok := l.(*ast.Ident); ok && info.Defs[lid] != nil {
						acquired = append(acquired, info.Defs[lid])
					}
				}
			}
		}
	}
	if len(acquired) == 0 {
		return false
	}
	used := false
	ast.Inspect(funcs.Body(fn), func(n ast.Node) bool {
		if u, ok := n.(*ast.Ident); ok && u != id {
			for _, obj := range acquired {
				used = used || info.Uses[u] == obj
			}
		}
		return !used
	})
	return !used
}

// rollsBackOnFailure reports whether the deferred call is a function
// literal that acts only when the function fails: its body starts with
// if err == nil { return } (err == nil may be one operand of a || chain),
// or is a single if err != nil { ... } (err != nil may be one operand of
// a && chain), for an error variable declared outside the loop (the
// function's error result, or one it returns). On success it releases
// nothing: what the iterations opened is kept, as the function means to;
// on failure it undoes every iteration at return, which is the point.
func rollsBackOnFailure(info *types.Info, call *ast.CallExpr, loop ast.Stmt) bool {
	lit, ifs, ok := leadingIf(call)
	if !ok {
		return false
	}
	isNilCheck := func(e ast.Expr) bool { return outerErrTest(info, e, token.EQL, loop) }
	isErrCheck := func(e ast.Expr) bool { return outerErrTest(info, e, token.NEQ, loop) }
	if returnsOnly(ifs.Body) && ifs.Else == nil && anyOperand(ifs.Cond, token.LOR, isNilCheck) {
		return true
	}
	return len(lit.Body.List) == 1 && ifs.Else == nil && anyOperand(ifs.Cond, token.LAND, isErrCheck)
}

// completesOnSuccess reports whether the deferred call is a function
// literal whose body is a single if err == nil { ... } (err == nil may be
// one operand of a && chain), for an error variable declared outside the
// loop, that releases nothing: a step that completes the function's work
// once it has succeeded (creating each table's indexes after the table),
// deferred to the return on purpose. A body that makes a call that
// releases (closes, unlocks, cancels, stops, rolls back, ends, removes:
// see releases), or calls a function of the package that may, is a
// release held until return, and is judged as one.
func completesOnSuccess(rel *releaseSummaries, call *ast.CallExpr, loop ast.Stmt) bool {
	info := rel.info
	lit, ifs, ok := leadingIf(call)
	if !ok || len(lit.Body.List) != 1 || ifs.Else != nil {
		return false
	}
	if !anyOperand(ifs.Cond, token.LAND, func(e ast.Expr) bool { return outerErrTest(info, e, token.EQL, loop) }) {
		return false
	}
	return !funcs.HasCall(ifs.Body, func(c *ast.CallExpr) bool { return releases(info, c) || rel.callsReleasing(c) })
}

// leadingIf returns the deferred function literal and the if statement
// (without an init) its body starts with.
func leadingIf(call *ast.CallExpr) (*ast.FuncLit, *ast.IfStmt, bool) {
	lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 {
		return nil, nil, false
	}
	ifs, ok := lit.Body.List[0].(*ast.IfStmt)
	if !ok || ifs.Init != nil {
		return nil, nil, false
	}
	return lit, ifs, true
}

// outerErrTest reports whether e is err == nil (op EQL) or err != nil
// (op NEQ) for an error variable declared outside the loop.
func outerErrTest(info *types.Info, e ast.Expr, op token.Token, loop ast.Stmt) bool {
	be, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || be.Op != op || !code.IsNil(info, be.Y) {
		return false
	}
	id, ok := ast.Unparen(be.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	return ok && typematch.IsError(v.Type()) && !code.Contains(loop, v.Pos())
}

// anyOperand reports whether e, or an operand of a chain of the logical
// operator, satisfies ok.
func anyOperand(e ast.Expr, logical token.Token, ok func(ast.Expr) bool) bool {
	if be, isBin := ast.Unparen(e).(*ast.BinaryExpr); isBin && be.Op == logical {
		return anyOperand(be.X, logical, ok) || anyOperand(be.Y, logical, ok)
	}
	return ok(e)
}

// returnsOnly reports whether the block is a lone return statement.
func returnsOnly(b *ast.BlockStmt) bool {
	if len(b.List) != 1 {
		return false
	}
	_, ok := b.List[0].(*ast.ReturnStmt)
	return ok
}

// onceTimerCase reports whether the defer is in a select case that
// receives from a timer made before the loop and never reset or remade
// (case <-t.C with t := time.NewTimer(d), or case <-after with after :=
// time.After(d)): the timer fires once, so the case runs at most once per
// call however often the loop turns.
func onceTimerCase(info *types.Info, cur inspector.Cursor, fn ast.Node, loop ast.Stmt) bool {
	var clause *ast.CommClause
	for c := range cur.Enclosing((*ast.CommClause)(nil)) {
		clause = c.Node().(*ast.CommClause)
		break
	}
	if clause == nil || !code.Contains(loop, clause.Pos()) {
		return false
	}
	ch := code.RecvOperand(clause.Comm)
	if ch == nil {
		return false
	}
	x := ast.Unparen(ch)
	timer := false
	if sel, ok := x.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		x, timer = ast.Unparen(sel.X), true
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || typematch.IsPackageLevel(v) || code.Contains(loop, v.Pos()) {
		return false
	}
	defs := definitions(info, fn, v)
	if len(defs) != 1 || defs[0] == nil {
		return false
	}
	call, ok := ast.Unparen(defs[0]).(*ast.CallExpr)
	if !ok {
		return false
	}
	if timer && !typematch.CallsFunc(info, call, "time", "NewTimer") || !timer && !typematch.CallsFunc(info, call, "time", "After") {
		return false
	}
	// A Reset under if t.Stop() re-arms only a timer that has not fired
	// (net's dialParallel starts its fallback at once that way).
	var armed []*ast.BlockStmt
	reset := false
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			if stopsFirst(info, n.Cond, v) {
				armed = append(armed, n.Body)
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Reset" && isIdentOf(info, ast.Unparen(sel.X), v) {
				reset = true
				for _, b := range armed {
					if code.Contains(b, n.Pos()) {
						reset = false
					}
				}
			}
		}
		return !reset
	})
	return !reset
}

// stopsFirst reports whether cond requires t.Stop() to be true: the call
// itself or a conjunct of an && chain.
func stopsFirst(info *types.Info, cond ast.Expr, t *types.Var) bool {
	switch x := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		return x.Op == token.LAND && (stopsFirst(info, x.X, t) || stopsFirst(info, x.Y, t))
	case *ast.CallExpr:
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Stop" && isIdentOf(info, ast.Unparen(sel.X), t)
	}
	return false
}

// fillsSemaphore reports whether the deferred call gives back a slot of a
// buffered channel (defer func() { <-sem }()) that the iteration takes
// (sem <- token), in a single loop that runs exactly as many times as the
// channel has slots: the function takes every slot to wait out all other
// holders and returns them all on return.
func fillsSemaphore(pass *analysis.Pass, call *ast.CallExpr, fn ast.Node, loops []ast.Stmt) bool {
	info := pass.TypesInfo
	lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
	if !ok || len(loops) != 1 || len(lit.Body.List) != 1 {
		return false
	}
	es, ok := lit.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	recv, ok := ast.Unparen(es.X).(*ast.UnaryExpr)
	if !ok || recv.Op != token.ARROW {
		return false
	}
	want := types.ExprString(recv.X)
	sends := false
	ast.Inspect(code.LoopBody(loops[0]), func(n ast.Node) bool {
		if s, ok := n.(*ast.SendStmt); ok && types.ExprString(s.Chan) == want {
			sends = true
		}
		return !sends
	})
	if !sends {
		return false
	}
	n, ok := tripCount(info, loops[0], fn)
	if !ok {
		return false
	}
	c, ok := channelCapacity(pass, recv.X)
	return ok && c == int64(n)
}

// channelCapacity returns the capacity of the channel e denotes, when every
// make of it in the package (assigned to the variable or field e names)
// gives the same constant capacity.
func channelCapacity(pass *analysis.Pass, e ast.Expr) (int64, bool) {
	info := pass.TypesInfo
	var obj types.Object
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj = info.Uses[x]
	case *ast.SelectorExpr:
		obj = info.Uses[x.Sel]
	}
	if obj == nil {
		return 0, false
	}
	refers := func(lhs ast.Expr) bool {
		switch x := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			return info.ObjectOf(x) == obj
		case *ast.SelectorExpr:
			return info.Uses[x.Sel] == obj
		}
		return false
	}
	capacity, found, ok := int64(0), false, true
	note := func(rhs ast.Expr) {
		c, isMake := makeCapacity(info, rhs)
		if !isMake || found && c != capacity {
			ok = false
			return
		}
		capacity, found = c, true
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if refers(lhs) && len(n.Lhs) == len(n.Rhs) {
						note(n.Rhs[i])
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if info.Defs[id] == obj && i < len(n.Values) {
						note(n.Values[i])
					}
				}
			case *ast.KeyValueExpr:
				if id, isID := n.Key.(*ast.Ident); isID && info.Uses[id] == obj {
					note(n.Value)
				}
			}
			return ok
		})
	}
	return capacity, ok && found
}

// makeCapacity returns c of make(chan T, c) with a constant c.
func makeCapacity(info *types.Info, e ast.Expr) (int64, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return 0, false
	}
	if b, ok := info.Uses[astIdent(call.Fun)].(*types.Builtin); !ok || b.Name() != "make" {
		return 0, false
	}
	tv, ok := info.Types[call.Args[1]]
	if !ok || tv.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(tv.Value))
}

func astIdent(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// sortedLockSet reports whether the deferred call is unlockX(args) (or
// UnlockX) whose lockX(args) the loop body also calls, with arguments that
// vary per item, over a list the function sorts first: a set of per-item
// locks (lock files, named locks) taken in the same order by every call,
// held together until return on purpose.
func sortedLockSet(info *types.Info, call *ast.CallExpr, fn ast.Node, loop ast.Stmt) bool {
	name := calleeName(call)
	i := strings.Index(strings.ToLower(name), "unlock")
	if i < 0 || len(call.Args) == 0 {
		return false
	}
	lock := name[:i] + name[i+2:] // unlockFile -> lockFile
	if name[i] == 'U' {
		lock = name[:i] + "L" + name[i+3:]
	}
	args := make([]string, len(call.Args))
	for k, a := range call.Args {
		args[k] = types.ExprString(a)
	}
	locks := false
	ast.Inspect(code.LoopBody(loop), func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || calleeName(c) != lock || len(c.Args) != len(args) {
			return true
		}
		for k, a := range c.Args {
			if types.ExprString(a) != args[k] {
				return true
			}
		}
		locks = true
		return false
	})
	if !locks {
		return false
	}
	lc := newLockCheck(info, fn, loop)
	o, varies := lc.exprOrder(call.Args[0], 0, false)
	if varies && (o.order == orderFixed || o.order == orderSorted) {
		return true
	}
	// A list of any origin that the function sorts before ranging over it
	// (names := src.Names(); sort.Strings(names); for _, n := range names).
	l, ok := loop.(*ast.RangeStmt)
	if !ok || !isIdentOf(info, ast.Unparen(call.Args[0]), identVar(info, l.Value)) {
		return false
	}
	v := identVar(info, l.X)
	if v == nil || !code.Contains(fn, v.Pos()) {
		return false
	}
	o = lc.sortedness(v, unknown)
	return o.order == orderFixed || o.order == orderSorted
}

// identVar returns the variable e names, or nil.
func identVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// calleeName returns the name of the function or method a call calls.
func calleeName(call *ast.CallExpr) string {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// defersCallback reports whether the deferred call calls a function value
// read from a field before the loop (a registered error handler) that the
// loop never reassigns: it releases nothing the
// iteration acquired, and deferring it is how code runs a callback once
// per item after its own work is done (after it unlocks the mutex the
// loop ran under).
func defersCallback(info *types.Info, call *ast.CallExpr, fn ast.Node, loop ast.Stmt) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || typematch.IsPackageLevel(v) || code.Contains(loop, v.Pos()) || assignedIn(info, loop, v) {
		return false
	}
	if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc || typematch.IsNamed(v.Type(), "context", "CancelFunc") {
		return false
	}
	// A function value the code made itself (a method value such as
	// mu.Unlock, a literal, a call's result) may release what the loop
	// takes; a callback the function reads from a field is not.
	defs := definitions(info, fn, v)
	if len(defs) == 0 {
		return false
	}
	for _, d := range defs {
		sel, ok := ast.Unparen(d).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if s := info.Selections[sel]; s == nil || s.Kind() != types.FieldVal {
			return false
		}
	}
	return true
}
