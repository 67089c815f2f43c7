package deferloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"iter"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/scope"
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

// Analyzer reports defer statements that accumulate in a loop.
var Analyzer = newAnalyzer()

// config holds the analyzer's flags.
type config struct {
	maxFixed int
}

func newAnalyzer() *analysis.Analyzer {
	cfg := &config{maxFixed: 8}
	a := &analysis.Analyzer{
		Name:     "deferloop",
		Doc:      docs.Extract(doc, "deferloop"),
		URL:      "https://github.com/trapvet/trapvet/blob/main/docs/deferloop.md",
		Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, funcs.DeclsAnalyzer},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
	}
	a.Flags.Bool("tests", false, "also report in _test.go files (the spelling before -deferloop.scope, which it extends with test)")
	a.Flags.IntVar(&cfg.maxFixed, "maxfixed", cfg.maxFixed, "loops with a trip count fixed in the code at or below this are not reported")
	return a
}

func run(pass *analysis.Pass, cfg *config) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	r := report.New(pass)
	decls := pass.ResultOf[funcs.DeclsAnalyzer].(funcs.Decls)
	rel := newReleaseSummaries(pass.TypesInfo, pass.Pkg, decls)

	for cur := range in.Root().Preorder((*ast.DeferStmt)(nil)) {
		def := cur.Node().(*ast.DeferStmt)
		loops, fn := enclosingLoops(cur)
		if len(loops) == 0 {
			continue
		}
		if !r.InScope(def.Pos()) {
			continue
		}
		g := funcs.CFG(cfgs, fn)
		if g == nil {
			continue
		}
		if !repeats(pass.TypesInfo, g, def, loops) {
			continue
		}
		inner := loops[0]
		if onceGuarded(cur, inner) || leftOnceSet(pass.TypesInfo, cur, inner) || markedOnce(pass.TypesInfo, g, cur, loops) || deliberate(pass, rel, cur, fn, loops) ||
			releasedByHand(pass.TypesInfo, g, def, loops) ||
			closesNopCloser(pass.TypesInfo, decls, cur, inner) {
			continue
		}
		what, perItem, ok := judge(pass.TypesInfo, def.Call, fn, loops, cfg.maxFixed)
		if !ok {
			continue
		}
		// A defer that holds nothing (a state change undone late, a
		// function of the package that releases nothing) is worth a
		// finding only beside a resource the iteration holds; wrapping
		// the body in a function would run it earlier, so no fix is
		// offered beside one.
		body := code.LoopBody(inner)
		u := undoer{pass.TypesInfo, decls, fn, rel}
		quiet := holdsNothing(u, def, body)
		if quiet && !holdsResource(u, body, loops, cfg.maxFixed) {
			continue
		}
		d := analysis.Diagnostic{
			Pos:     def.Pos(),
			End:     def.End(),
			Message: fmt.Sprintf("defer %s in loop: %s", callString(def.Call), what),
			Related: report.Related(inner, "the loop"),
		}
		// Holding a set of per-item locks is the point of such a loop: a
		// literal per iteration would release each lock at once.
		if !perItem && !quiet && !anyHoldsNothing(u, body) && bodyIsSelfContained(body) && releasesIterationResource(pass.TypesInfo, def.Call, inner) &&
			!handedToGoroutine(pass.TypesInfo, def.Call, inner) {
			d.SuggestedFixes = []analysis.SuggestedFix{wrapBody(code.LoopBody(inner))}
		}
		// A deferred cancel holds a context, and at most its timer, per
		// iteration: in test support, whose loops end with the test, that
		// costs nothing, so in any loop it is the analyzer's finding
		// (production code), not deferloop.unbounded's.
		rule := ""
		if unbounded(pass.TypesInfo, loops) && !cancelsContextOnly(pass.TypesInfo, def.Call, fn) {
			rule = scope.RuleUnbounded
		}
		r.ReportRule(rule, d)
	}
	return nil, nil
}

// holdsNothing reports whether the deferred call holds nothing until
// return: it undoes a state change of the iteration, or calls a function
// of the package that releases nothing.
func holdsNothing(u undoer, def *ast.DeferStmt, body *ast.BlockStmt) bool {
	return undoesIterationState(u, def, body) || u.rel.releasesNothing(def.Call)
}

// holdsResource reports whether a defer of the loop body that holds
// something is reported: the iteration holds a resource.
func holdsResource(u undoer, body *ast.BlockStmt, loops []ast.Stmt, maxFixed int) bool {
	for _, d := range deferStmtsOf(body) {
		if holdsNothing(u, d, body) {
			continue
		}
		if _, _, ok := judge(u.info, d.Call, u.fn, loops, maxFixed); ok {
			return true
		}
	}
	return false
}

// anyHoldsNothing reports whether a defer of the loop body holds nothing:
// a function per iteration would run it at the end of each iteration.
func anyHoldsNothing(u undoer, body *ast.BlockStmt) bool {
	for _, d := range deferStmtsOf(body) {
		if holdsNothing(u, d, body) {
			return true
		}
	}
	return false
}

// judge decides whether a defer that repeats in its loops is reported, and
// says its consequence. A deferred Unlock of one lock per item is judged
// by the order the loop takes the locks in; any other defer is exempt when
// the loop's trip count is small and fixed, when the iteration keeps what
// it releases for use after the loop, or when it cancels a context with a
// deadline in a loop over data at hand.
func judge(info *types.Info, call *ast.CallExpr, fn ast.Node, loops []ast.Stmt, maxFixed int) (what string, perItem, ok bool) {
	inner := loops[0]
	if u, isUnlock := deferredUnlock(info, call); isUnlock {
		o, same := newLockCheck(info, fn, inner).order(u)
		if !same {
			switch o.order {
			case orderFixed, orderUnknown:
				return "", true, false
			}
			return lockMessage(o, u, funcs.Name(fn)), true, true
		}
	}
	if fixedTripCount(info, loops, fn, maxFixed) || releasesValueKeptAfterIteration(info, call, inner) ||
		releasesPreviousExplicitly(info, call, fn, inner) ||
		cancelsDeadlineContext(info, call, inner) && !unboundedInTime(info, fn, loops) ||
		cancelVar(info, call) != nil && !unbounded(info, loops) && handedToGoroutine(info, call, inner) {
		return "", false, false
	}
	return consequence(info, call, funcs.Name(fn)), false, true
}

// releasesPreviousExplicitly reports whether the deferred call releases a
// variable declared outside the loop body that the loop reassigns, and the
// loop also makes the same call without defer, directly or in a function
// literal it calls (conn.Close(); conn, err = server.Connection(ctx);
// defer conn.Close()): each value is released by hand before the variable
// takes the next one, and the defer covers the last.
func releasesPreviousExplicitly(info *types.Info, call *ast.CallExpr, fn ast.Node, loop ast.Stmt) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	root := code.RootVar(info, sel.X, true)
	body := code.LoopBody(loop)
	if root == nil || code.Contains(body, root.Pos()) || !assignedIn(info, loop, root) {
		return false
	}
	want := types.ExprString(call)
	// Function literals bound to a local variable: calling the variable in
	// the loop runs the literal there.
	literals := make(map[*types.Var]*ast.FuncLit)
	ast.Inspect(fn, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for i, lhs := range as.Lhs {
				id, ok := lhs.(*ast.Ident)
				lit, ok2 := ast.Unparen(as.Rhs[i]).(*ast.FuncLit)
				if v, ok3 := info.ObjectOf(id).(*types.Var); ok && ok2 && ok3 {
					literals[v] = lit
				}
			}
		}
		return true
	})
	var callsRelease func(n ast.Node, depth int) bool
	callsRelease = func(n ast.Node, depth int) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.DeferStmt:
				return false
			case *ast.CallExpr:
				if types.ExprString(m) == want {
					found = true
				} else if id, ok := ast.Unparen(m.Fun).(*ast.Ident); ok && depth < 2 {
					if v, ok := info.Uses[id].(*types.Var); ok && literals[v] != nil {
						found = callsRelease(literals[v].Body, depth+1)
					}
				}
			}
			return !found
		})
		return found
	}
	return callsRelease(body, 0)
}

// enclosingLoops returns the for and range loops whose bodies contain the
// statement at cur, innermost first, up to the nearest enclosing function,
// which it also returns.
func enclosingLoops(cur inspector.Cursor) (loops []ast.Stmt, fn ast.Node) {
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return loops, n
		case *ast.ForStmt, *ast.RangeStmt:
			if n.(ast.Stmt) != cur.Node() {
				loops = append(loops, n.(ast.Stmt))
			}
		}
	}
	return nil, nil
}

// repeats reports whether control can flow from def back to the head of
// one of the loops, so that def can execute more than once before the
// function returns.
func repeats(info *types.Info, g *cfg.CFG, def *ast.DeferStmt, loops []ast.Stmt) bool {
	heads := make(map[*cfg.Block]bool)
	var start *cfg.Block
	for _, b := range g.Blocks {
		if isLoopHead(b) && isOneOf(b.Stmt, loops) {
			heads[b] = true
		}
		for _, n := range b.Nodes {
			if n == def {
				start = b
			}
		}
	}
	if start == nil || !start.Live {
		return false
	}
	return funcs.SearchBlocks(start.Succs, func(b *cfg.Block) (bool, []*cfg.Block) {
		if noCaseMatches(info, b) {
			return false, nil // a value of the switch's type matches a case
		}
		return heads[b], b.Succs
	})
}

// isLoopHead reports whether b is the target of its loop's back edge: the
// condition block, or for a loop without condition, the body itself.
func isLoopHead(b *cfg.Block) bool {
	switch b.Kind {
	case cfg.KindForLoop, cfg.KindRangeLoop:
		return true
	case cfg.KindForBody:
		return b.Stmt.(*ast.ForStmt).Cond == nil
	}
	return false
}

func isOneOf(s ast.Stmt, loops []ast.Stmt) bool {
	for _, l := range loops {
		if s == l {
			return true
		}
	}
	return false
}

// callString renders the deferred call for a message, abbreviating a
// function literal's body.
func callString(call *ast.CallExpr) string {
	s := types.ExprString(call)
	if _, ok := call.Fun.(*ast.FuncLit); ok {
		s = "func() {...}()"
	}
	return s
}

// callsCancelFunc reports whether call calls a context's cancel function
// (a context.CancelFunc or CancelCauseFunc value).
func callsCancelFunc(info *types.Info, call *ast.CallExpr) bool {
	tv, ok := info.Types[call.Fun]
	return ok && (typematch.IsNamed(tv.Type, "context", "CancelFunc") || typematch.IsNamed(tv.Type, "context", "CancelCauseFunc"))
}

// unlocksMutex reports whether call releases a sync.Mutex, sync.RWMutex
// or sync.Locker.
func unlocksMutex(info *types.Info, call *ast.CallExpr) bool {
	op, _ := mutexmodel.CallOp(info, call)
	return op.Releases()
}

// consequence says what stays held, as precisely as the deferred call
// tells.
func consequence(info *types.Info, call *ast.CallExpr, fn string) string {
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		recv := types.ExprString(sel.X)
		callee := typematch.Callee(info, call)
		switch {
		case unlocksMutex(info, call):
			return fmt.Sprintf("%s stays locked until %s returns (a Lock in the next iteration deadlocks)", recv, fn)
		case sel.Sel.Name == "Close": // by name: files, bodies, rows, connections alike
			return fmt.Sprintf("every %s stays open until %s returns", recv, fn)
		case typematch.IsMethod(callee, "database/sql", "Tx", "Rollback"):
			return fmt.Sprintf("every transaction %s stays open until %s returns", recv, fn)
		}
	}
	if callsCancelFunc(info, call) {
		return fmt.Sprintf("every context made in the loop lives until %s returns", fn)
	}
	return fmt.Sprintf("it runs only when %s returns, once for every iteration, not at the end of each", fn)
}

// onceGuarded reports whether the defer sits in a branch that runs at most
// once per call: if !done { ...; done = true }, if x == nil { x = ... }
// or if dir == "" { if dir, err = os.MkdirTemp(...); err != nil {...} }.
func onceGuarded(cur inspector.Cursor, loop ast.Stmt) bool {
	for c := range cur.Enclosing((*ast.IfStmt)(nil)) {
		ifs := c.Node().(*ast.IfStmt)
		if !code.Contains(loop, ifs.Pos()) {
			return false
		}
		if !code.Contains(ifs.Body, cur.Node().Pos()) {
			continue
		}
		guards := onceGuards(ifs.Cond)
		if len(guards) == 0 {
			continue
		}
		for _, st := range ifs.Body.List {
			if inner, ok := st.(*ast.IfStmt); ok && inner.Init != nil {
				st = inner.Init // if x, err = open(); err != nil { return err }
			}
			if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN {
				for _, lhs := range as.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && guards[id.Name] {
						return true
					}
				}
			}
		}
	}
	return false
}

// onceGuards returns the variables a condition requires to be false, nil
// or empty (x == "", x == 0), in any conjunct of an && chain: candidates
// for a once-guard.
func onceGuards(cond ast.Expr) map[string]bool {
	guards := make(map[string]bool)
	var visit func(e ast.Expr)
	visit = func(e ast.Expr) {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			if id, ok := x.X.(*ast.Ident); ok && x.Op == token.NOT {
				guards[id.Name] = true
			}
		case *ast.BinaryExpr:
			switch x.Op {
			case token.LAND:
				visit(x.X)
				visit(x.Y)
			case token.EQL:
				if id, ok := x.X.(*ast.Ident); ok && isZeroLiteral(x.Y) {
					guards[id.Name] = true
				}
			}
		}
	}
	visit(cond)
	return guards
}

// fixedTripCount reports whether every enclosing loop runs a number of
// times fixed in the code and at most max: a range over a short literal
// (or a local variable holding one, or an array), a range over a small
// constant, or for i := c0; i < c1; i++ with small c1-c0.
func fixedTripCount(info *types.Info, loops []ast.Stmt, fn ast.Node, max int) bool {
	for _, loop := range loops {
		n, ok := tripCount(info, loop, fn)
		if !ok || n > max {
			return false
		}
	}
	return true
}

func tripCount(info *types.Info, loop ast.Stmt, fn ast.Node) (int, bool) {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if tv, ok := info.Types[l.X]; ok && tv.Value != nil {
			if n, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
				return int(n), true
			}
		}
		if t := info.TypeOf(l.X); t != nil {
			if arr, ok := typematch.UnderPointer(t).(*types.Array); ok {
				return int(arr.Len()), true
			}
		}
		if lit := literalOf(info, l.X, fn); lit != nil {
			return len(lit.Elts), true
		}
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		cond, ok2 := l.Cond.(*ast.BinaryExpr)
		post, ok3 := l.Post.(*ast.IncDecStmt)
		if !ok || !ok2 || !ok3 || len(init.Lhs) != 1 || len(init.Rhs) != 1 || post.Tok != token.INC {
			return 0, false
		}
		lo, ok := constInt(info, init.Rhs[0])
		hi, ok2 := constInt(info, cond.Y)
		if !ok || !ok2 {
			return 0, false
		}
		switch cond.Op {
		case token.LSS:
			return int(max(hi-lo, 0)), true
		case token.LEQ:
			return int(max(hi-lo+1, 0)), true
		}
	}
	return 0, false
}

func constInt(info *types.Info, e ast.Expr) (int64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(tv.Value))
}

// literalOf returns the composite literal e is, or that the local variable
// e was initialised with and never assigned again in fn.
func literalOf(info *types.Info, e ast.Expr, fn ast.Node) *ast.CompositeLit {
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return x
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return nil
		}
		var lit *ast.CompositeLit
		assignments := 0
		ast.Inspect(fn, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					id, ok := ast.Unparen(lhs).(*ast.Ident)
					if !ok || info.ObjectOf(id) != v {
						continue
					}
					if len(n.Lhs) == len(n.Rhs) && n.Tok == token.ASSIGN && reslicesItself(info, n.Rhs[i], v) {
						continue // probes = probes[:1] only shortens it
					}
					assignments++
					if len(n.Lhs) == len(n.Rhs) {
						lit, _ = ast.Unparen(n.Rhs[i]).(*ast.CompositeLit)
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if info.ObjectOf(id) == v && i < len(n.Values) {
						assignments++
						lit, _ = ast.Unparen(n.Values[i]).(*ast.CompositeLit)
					}
				}
			case *ast.UnaryExpr:
				if id, ok := n.X.(*ast.Ident); ok && n.Op == token.AND && info.ObjectOf(id) == v {
					assignments += 2 // its address is taken: it may change
				}
			}
			return true
		})
		if assignments == 1 {
			return lit
		}
	}
	return nil
}

// reslicesItself reports whether e is v[i:j]: a slice of v itself, no
// longer than v.
func reslicesItself(info *types.Info, e ast.Expr, v *types.Var) bool {
	sl, ok := ast.Unparen(e).(*ast.SliceExpr)
	if !ok || sl.Slice3 {
		return false
	}
	id, ok := ast.Unparen(sl.X).(*ast.Ident)
	return ok && info.Uses[id] == v
}

// bodyIsSelfContained reports whether wrapping body in func() { ... }()
// keeps its meaning: no return, goto or label anywhere in it (outside
// function literals), and no break or continue that would leave it.
func bodyIsSelfContained(body *ast.BlockStmt) bool {
	ok := true
	var visit func(n ast.Node, breakable, continuable bool) bool
	visit = func(n ast.Node, breakable, continuable bool) bool {
		ast.Inspect(n, func(m ast.Node) bool {
			if !ok || m == nil {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt, *ast.LabeledStmt:
				ok = false
			case *ast.BranchStmt:
				switch {
				case m.Label != nil, m.Tok == token.GOTO:
					ok = false
				case m.Tok == token.BREAK && !breakable, m.Tok == token.CONTINUE && !continuable:
					ok = false
				}
			case *ast.ForStmt:
				visit(m.Body, true, true)
				return false
			case *ast.RangeStmt:
				visit(m.Body, true, true)
				return false
			case *ast.SwitchStmt:
				visit(m.Body, true, continuable)
				return false
			case *ast.TypeSwitchStmt:
				visit(m.Body, true, continuable)
				return false
			case *ast.SelectStmt:
				visit(m.Body, true, continuable)
				return false
			}
			return true
		})
		return ok
	}
	return visit(body, false, false)
}

// releasesIterationResource reports whether the deferred call releases
// something the iteration itself acquired, so that releasing it at the end
// of the iteration is what the code means: a method on a value declared in
// the loop (f.Close(), tx.Rollback()), a function value made there
// (cancel()), or an Unlock whose Lock is in the same loop body. Other calls
// (os.RemoveAll(dir), registry.Remove(id), <-sem) may be observed after the
// loop, so moving them is no mechanical fix.
func releasesIterationResource(info *types.Info, call *ast.CallExpr, loop ast.Stmt) bool {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		v, ok := info.Uses[fun].(*types.Var)
		return ok && code.Contains(loop, v.Pos())
	case *ast.SelectorExpr:
		root := code.RootVar(info, fun.X, true)
		if root == nil {
			return false
		}
		if code.Contains(loop, root.Pos()) {
			return true
		}
		// By name and spelling, for any type with a Lock and Unlock
		// (a custom lock too): the same mutex is the same expression.
		if fun.Sel.Name == "Unlock" || fun.Sel.Name == "RUnlock" {
			lock := strings.Replace(fun.Sel.Name, "Unlock", "Lock", 1) // RUnlock pairs with RLock
			want := types.ExprString(fun.X)
			found := false
			ast.Inspect(code.LoopBody(loop), func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == lock && types.ExprString(sel.X) == want {
						found = true
					}
				}
				return !found
			})
			return found
		}
	}
	return false
}

// wrapBody rewrites the loop body { S } as { func() { S }() }.
func wrapBody(body *ast.BlockStmt) analysis.SuggestedFix {
	return analysis.SuggestedFix{
		Message: "Run each iteration in a function literal, so the defer runs per iteration",
		TextEdits: []analysis.TextEdit{
			{Pos: body.Lbrace + 1, End: body.Lbrace + 1, NewText: []byte("\nfunc() {")},
			{Pos: body.Rbrace, End: body.Rbrace, NewText: []byte("}()\n")},
		},
	}
}

// isZeroLiteral reports whether e is nil, "" or 0 written out.
func isZeroLiteral(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name == "nil"
	case *ast.BasicLit:
		return e.Value == `""` || e.Value == "``" || e.Value == "0"
	}
	return false
}

// leftOnceSet reports whether an earlier statement of a statement list
// that holds the defer (inside the loop) leaves the iteration unless a
// variable or field is nil, false or empty (if sess.pty != nil
// { continue }, if done || ... { return }), and a statement between that
// guard and the defer sets it (sess.pty = &req): after the first time
// through, the guard leaves, so the defer runs once per call.
func leftOnceSet(info *types.Info, cur inspector.Cursor, loop ast.Stmt) bool {
	for list, at := range listsInLoop(cur, loop) {
		set := make(map[string]bool) // set between a guard and the defer
		for i := at - 1; i >= 0; i-- {
			switch st := list[i].(type) {
			case *ast.IfStmt:
				if st.Init == nil && st.Else == nil && funcs.LeavesList(st.Body) &&
					slices.ContainsFunc(zeroToPass(info, st.Cond), func(x string) bool { return set[x] }) {
					return true
				}
			case *ast.AssignStmt:
				if st.Tok == token.ASSIGN && len(st.Lhs) == len(st.Rhs) {
					for k, lhs := range st.Lhs {
						if !isZeroLiteral(st.Rhs[k]) {
							set[types.ExprString(lhs)] = true
						}
					}
				}
			}
		}
	}
	return false
}

// listsInLoop yields the statement lists that hold the statement at cur,
// from the innermost out to the loop's body, each with the index of the
// statement of it that holds cur's.
func listsInLoop(cur inspector.Cursor, loop ast.Stmt) iter.Seq2[[]ast.Stmt, int] {
	return func(yield func([]ast.Stmt, int) bool) {
		child := cur.Node()
		for p := range cur.Enclosing() {
			n := p.Node()
			if n == child {
				continue
			}
			if n == loop {
				return
			}
			if list, ok := funcs.StmtList(n); ok {
				if !yield(list, slices.Index(list, child.(ast.Stmt))) {
					return
				}
			}
			if _, ok := n.(ast.Stmt); ok {
				child = n
			}
		}
	}
}

// zeroToPass returns the variables and fields (as written) that cond
// requires to be nil, false or empty for the code after if cond
// { leave } to run: each disjunct x != nil, x != "", x != 0 or a bare x.
func zeroToPass(info *types.Info, cond ast.Expr) []string {
	var out []string
	var visit func(e ast.Expr)
	visit = func(e ast.Expr) {
		switch x := ast.Unparen(e).(type) {
		case *ast.BinaryExpr:
			switch x.Op {
			case token.LOR:
				visit(x.X)
				visit(x.Y)
			case token.NEQ:
				if isZeroLiteral(x.Y) {
					out = append(out, types.ExprString(x.X))
				}
			}
		case *ast.Ident, *ast.SelectorExpr:
			if t := info.TypeOf(x); t == nil {
				return
			} else if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsBoolean != 0 {
				out = append(out, types.ExprString(x))
			}
		}
	}
	visit(cond)
	return out
}
