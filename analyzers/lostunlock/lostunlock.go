package lostunlock

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

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
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

// Analyzer reports locks whose manual unlock some path skips.
var Analyzer = &analysis.Analyzer{
	Name:     "lostunlock",
	Doc:      docs.Extract(doc, "lostunlock"),
	URL:      "https://github.com/trapvet/trapvet/blob/main/docs/lostunlock.md",
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, mutexmodel.Analyzer},
	Run:      run,
}

type checker struct {
	pass *analysis.Pass
	info *types.Info
	cfgs *ctrlflow.CFGs
	r    *report.Reporter
	// mutexes decides which expressions denote the same mutex, and what
	// the package's functions lock and unlock.
	mutexes  *mutexmodel.Result
	reported map[token.Pos]bool
	// leaks are the function's leaks found so far, one per place, each
	// naming every lock it leaves held (flushLeaks).
	leaks []*leak
}

// lockStmt is a Lock or RLock call statement of a function.
type lockStmt struct {
	stmt *ast.ExprStmt
	op   mutexmodel.Op
	mu   ast.Expr
	key  string
	// inLoop: the lock is taken inside a loop of its function, where a
	// deferred unlock would keep it across iterations.
	inLoop bool
	// relockedBy is a deferred function literal of the function that
	// locks this mutex again before it unlocks it: its unlock releases
	// its own lock, not this one, and a return still holding this one
	// deadlocks when the literal runs.
	relockedBy *ast.DeferStmt
	// local: the mutex is a variable declared in the function's body,
	// which only the function and its closures can reach.
	local bool
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:     pass,
		info:     pass.TypesInfo,
		cfgs:     pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		mutexes:  pass.ResultOf[mutexmodel.Analyzer].(*mutexmodel.Result),
		reported: make(map[token.Pos]bool),
	}

	// Group the lock statements by their function.
	var order []inspector.Cursor
	locks := make(map[ast.Node][]lockStmt)
	for cur := range in.Root().Preorder((*ast.ExprStmt)(nil)) {
		es := cur.Node().(*ast.ExprStmt)
		op, mu := mutexmodel.StmtOp(c.info, es)
		if !op.Acquires() {
			continue
		}
		key := c.mutexes.Key(mu)
		if key == "" {
			continue
		}
		fn, ok := funcs.Enclosing(cur)
		if !ok {
			continue
		}
		if _, seen := locks[fn.Node()]; !seen {
			order = append(order, fn)
		}
		locks[fn.Node()] = append(locks[fn.Node()], lockStmt{stmt: es, op: op, mu: mu, key: key, inLoop: funcs.InLoop(cur)})
	}
	if len(order) == 0 {
		return nil, nil
	}
	c.r = report.New(pass)
	for _, fn := range order {
		c.checkFunc(fn, locks[fn.Node()])
		c.checkNamedResultUnlocks(fn)
	}
	return nil, nil
}

// checkFunc checks each lock statement of the function fn: the mutexes it
// releases in unusual ways, reaches through reassigned variables or is
// entered holding are left alone.
func (c *checker) checkFunc(fn inspector.Cursor, locks []lockStmt) {
	g := funcs.CFG(c.cfgs, fn.Node())
	body := funcs.Body(fn.Node())
	if g == nil || body == nil {
		return
	}
	unusual, relocks := c.unusualReleases(fn.Node())
	reassigned := reassignedVars(c.info, body)
	held := make(map[string]bool)
	for _, l := range locks {
		if unusual[l.key] || reassigned[mutexmodel.Chain(c.info, l.mu)[0]] {
			continue
		}
		l.relockedBy = relocks[l.key]
		l.local = c.localMutex(body, l.mu)
		entered, ok := held[l.key]
		if !ok {
			entered = c.enteredHeld(fn.Node(), g, l.key)
			held[l.key] = entered
		}
		if entered {
			continue
		}
		c.checkLock(fn, g, body, l, locks)
	}
	c.checkDoubleUnlocks(fn.Node(), g, body, locks, reassigned)
	c.flushLeaks()
}

// reassignedVars returns the variables assigned with = (or an operator
// assignment) in body: a mutex reached through one of them may be another
// mutex after the assignment (hand-over-hand locking of a list), so its
// identity is not tracked.
func reassignedVars(info *types.Info, body *ast.BlockStmt) map[types.Object]bool {
	vars := make(map[types.Object]bool)
	mark := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if obj := info.Uses[id]; obj != nil {
				vars[obj] = true
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, lhs := range n.Lhs {
					mark(lhs)
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				mark(n.Key)
				if n.Value != nil {
					mark(n.Value)
				}
			}
		}
		return true
	})
	return vars
}

// An end is where a path that holds the lock stops.
type endKind int

const (
	endNone     endKind = iota
	endRelease          // the lock is released
	endMismatch         // released with the other kind of unlock
	endReturn           // an explicit return
	endImplicit         // the end of the function body
	endRelock           // the lock statement is reached again
	endUnknown          // a call that may release the lock
)

// walk holds what the search from one lock statement found.
type walk struct {
	lock       lockStmt
	released   bool
	unknown    bool
	returns    []*ast.ReturnStmt
	mismatches []*ast.ExprStmt
	// releases are the nodes that release the lock.
	releases []ast.Node
	// ends records, for each block entered with the lock held, how its
	// scan ended (endNone: it falls through to its successors).
	ends map[*cfg.Block]endKind
	// afterRelease records the blocks that control leaves with the lock
	// released, after one of the releases, and afterReturns the returns
	// so reached: leak points reached there too are a deliberate
	// conditional unlock.
	afterRelease  map[*cfg.Block]bool
	afterReturns  map[ast.Node]bool
	afterImplicit bool
}

func (c *checker) checkLock(fn inspector.Cursor, g *cfg.CFG, body *ast.BlockStmt, l lockStmt, all []lockStmt) {
	start, idx := findNode(g, l.stmt)
	if start == nil || !start.Live {
		return
	}
	w := &walk{
		lock:         l,
		ends:         make(map[*cfg.Block]endKind),
		afterRelease: make(map[*cfg.Block]bool),
		afterReturns: make(map[ast.Node]bool),
	}
	// The block of the lock statement is scanned from the statement after
	// it; should a path come back to it, the lock statement itself ends
	// the scan as a relock.
	facts := c.lockFacts(body, l.stmt)
	var stack []*cfg.Block
	if end, n := c.scan(w, start.Nodes[idx+1:], body); end == endNone {
		stack = append(stack, c.succs(start, facts)...)
	} else {
		w.record(end, n)
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, seen := w.ends[b]; seen {
			continue
		}
		end, n := c.scan(w, b.Nodes, body)
		w.ends[b] = end
		w.record(end, n)
		if end == endNone {
			stack = append(stack, c.succs(b, facts)...)
		}
	}
	if w.unknown {
		return
	}
	for _, m := range w.mismatches {
		c.reportMismatch(l, m)
	}
	if !w.released {
		// Every path leaves the lock held: an acquire helper, or a
		// function whose contract is to return holding the lock.
		return
	}
	if conditionalAcquire(c.info, fn.Node(), w.returns) || c.countsLocks(fn, l, w) {
		return
	}
	c.followReleases(g, w, body)
	var leaks []*ast.ReturnStmt
	for _, ret := range w.returns {
		if !w.afterReturns[ret] {
			leaks = append(leaks, ret)
		}
	}
	var fix []analysis.SuggestedFix
	if len(leaks) > 0 {
		fix = c.deferFix(body, l, all)
	}
	for i, ret := range leaks {
		if i > 0 {
			fix = nil // one fix mends every return
		}
		c.reportLeak(l, ret, "return", fix)
	}
	reported := false
	for cur := range fn.Preorder((*ast.BranchStmt)(nil)) {
		br := cur.Node().(*ast.BranchStmt)
		if br.Tok == token.FALLTHROUGH {
			continue
		}
		if f, _ := funcs.Enclosing(cur); f.Node() != fn.Node() {
			continue
		}
		b := branchBlock(g, cur)
		if b == nil || len(b.Succs) != 1 || !w.heldAtEnd(b) || w.afterRelease[b] || !w.leaksWithoutReturn(b.Succs[0]) {
			continue
		}
		c.reportLeak(l, br, br.Tok.String(), nil)
		reported = true
	}
	if !reported && w.reachesImplicitEnd() && !w.afterImplicit {
		c.reportLeak(l, &ast.ReturnStmt{Return: body.Rbrace}, "the end of "+funcs.Name(fn.Node()), nil)
	}
}

func (w *walk) record(end endKind, n ast.Node) {
	switch end {
	case endRelease:
		w.released = true
		w.releases = append(w.releases, n)
	case endMismatch:
		w.released = true
		w.releases = append(w.releases, n)
		w.mismatches = append(w.mismatches, n.(*ast.ExprStmt))
	case endReturn:
		w.returns = append(w.returns, n.(*ast.ReturnStmt))
	case endUnknown:
		w.unknown = true
	}
}

// followReleases walks on from every release with the lock released,
// until the lock is taken again, and records the blocks and returns it
// reaches.
func (c *checker) followReleases(g *cfg.CFG, w *walk, body *ast.BlockStmt) {
	var stack []*cfg.Block
	// scanFrom scans nodes with the lock released; it reports whether
	// control falls through to the successors.
	scanFrom := func(nodes []ast.Node) bool {
		for _, n := range nodes {
			if n == w.lock.stmt {
				return false
			}
			if op, mu := mutexmodel.StmtOp(c.info, n); op.Acquires() && c.mutexes.Key(mu) == w.lock.key {
				return false
			}
			if ret, ok := n.(*ast.ReturnStmt); ok {
				if ret.Return == body.Rbrace {
					w.afterImplicit = true
				} else {
					w.afterReturns[ret] = true
				}
				return false
			}
		}
		return true
	}
	for _, r := range w.releases {
		b, i := findNode(g, r)
		if b == nil {
			continue
		}
		if scanFrom(b.Nodes[i+1:]) {
			w.afterRelease[b] = true
			stack = append(stack, b.Succs...)
		}
	}
	// The releases' own blocks are scanned above from the release on; met
	// again through a loop, they are scanned whole.
	funcs.SearchBlocks(stack, func(b *cfg.Block) (bool, []*cfg.Block) {
		if !scanFrom(b.Nodes) {
			return false, nil
		}
		w.afterRelease[b] = true
		return false, b.Succs
	})
}

// countsLocks reports whether the lock is taken in a loop and released
// outside it: the function counts acquisitions (n RLocks, then n
// RUnlocks), which the graph cannot pair.
func (c *checker) countsLocks(fn inspector.Cursor, l lockStmt, w *walk) bool {
	cur, ok := fn.FindNode(l.stmt)
	if !ok {
		return false
	}
	for loop := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch loop.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		}
		for _, r := range w.releases {
			if r.Pos() < loop.Node().Pos() || r.Pos() >= loop.Node().End() {
				return true
			}
		}
		return false
	}
	return false
}

// heldAtEnd reports whether the lock is held when control leaves b for
// its successors.
func (w *walk) heldAtEnd(b *cfg.Block) bool {
	end, ok := w.ends[b]
	return ok && end == endNone
}

// leaksWithoutReturn reports whether, from b entered holding the lock,
// some path reaches the end of the function or the lock statement again
// without releasing the lock.
func (w *walk) leaksWithoutReturn(b *cfg.Block) bool {
	return funcs.SearchBlocks([]*cfg.Block{b}, func(b *cfg.Block) (bool, []*cfg.Block) {
		end, ok := w.ends[b]
		if !ok {
			// The lock statement's own block, or a block never entered
			// held.
			return containsNode(b, w.lock.stmt), nil
		}
		switch end {
		case endImplicit, endRelock:
			return true, nil
		case endNone:
			return false, b.Succs
		}
		return false, nil
	})
}

func (w *walk) reachesImplicitEnd() bool {
	for _, end := range w.ends {
		if end == endImplicit {
			return true
		}
	}
	return false
}

// scan scans the nodes of a block entered with the lock held, and says
// how the scan ends, and at which node.
func (c *checker) scan(w *walk, nodes []ast.Node, body *ast.BlockStmt) (endKind, ast.Node) {
	for _, n := range nodes {
		if n == w.lock.stmt {
			return endRelock, n
		}
		op, mu := mutexmodel.StmtOp(c.info, n)
		if op != mutexmodel.NoOp && c.mutexes.Key(mu) == w.lock.key {
			switch {
			case op.Acquires():
				return endRelock, n
			case op == w.lock.op.Release():
				return endRelease, n
			default:
				return endMismatch, n
			}
		}
		if c.mayReleaseThroughCall(n, w.lock) {
			return endUnknown, n
		}
		if ret, ok := n.(*ast.ReturnStmt); ok {
			if ret.Return == body.Rbrace {
				return endImplicit, n
			}
			return endReturn, n
		}
	}
	return endNone, nil
}

// mayReleaseThroughCall reports whether n calls a function of this
// package that unlocks a mutex in the same field, or passes the mutex to a
// function (sync.NewCond(&c.mu), release(mu)): either may release the
// lock, or keep it, and the analysis cannot tell which.
func (c *checker) mayReleaseThroughCall(n ast.Node, l lockStmt) bool {
	chain := mutexmodel.Chain(c.info, l.mu)
	last := chain[len(chain)-1]
	return funcs.HasCall(n, func(call *ast.CallExpr) bool {
		for _, a := range call.Args {
			if c.mutexes.Key(a) == l.key {
				return true
			}
		}
		fn := typematch.Callee(c.info, call)
		return fn != nil && c.mutexes.Unlocks(fn)[last]
	})
}

// conditionalAcquire reports whether the function returns holding the
// lock exactly when a bool or error result says it succeeded: every
// return that leaves the lock held returns true or nil in that position,
// and every other return in the function does not. Such a function is a
// conditional acquire (lockIfPresent), and its callers unlock.
func conditionalAcquire(info *types.Info, fn ast.Node, held []*ast.ReturnStmt) bool {
	ft := funcs.Type(fn)
	if ft == nil || ft.Results == nil || len(held) == 0 {
		return false
	}
	var results []types.Type
	for _, f := range ft.Results.List {
		t := info.TypeOf(f.Type)
		n := len(f.Names)
		if n == 0 {
			n = 1
		}
		for range n {
			results = append(results, t)
		}
	}
	isHeld := make(map[*ast.ReturnStmt]bool)
	for _, r := range held {
		isHeld[r] = true
	}
	var others []*ast.ReturnStmt
	ast.Inspect(funcs.Body(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if !isHeld[n] {
				others = append(others, n)
			}
		}
		return true
	})
	named := resultVars(info, ft)
	for i, t := range results {
		if t == nil || !(isBool(t) || typematch.IsError(t)) {
			continue
		}
		// outcome says whether the return r reports success in result i,
		// and whether that is known: an explicit true or nil, or, for a
		// bare return, the named error result's value there (bareErr).
		outcome := func(r *ast.ReturnStmt) (success, known bool) {
			if len(r.Results) == 0 && i < len(named) && named[i] != nil && typematch.IsError(t) {
				return bareErr(info, fn, r, named[i])
			}
			if len(r.Results) != len(results) {
				return false, false
			}
			e := ast.Unparen(r.Results[i])
			if isBool(t) {
				return isConst(info, e, "true"), true
			}
			return code.IsNil(info, e), true
		}
		ok := true
		for _, r := range held {
			s, known := outcome(r)
			ok = ok && known && s
		}
		for _, r := range others {
			s, known := outcome(r)
			ok = ok && known && !s
		}
		if ok {
			return true
		}
	}
	return false
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

func isConst(info *types.Info, e ast.Expr, want string) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.ExactString() == want
}

// findNode returns the live block holding n and n's index in it.
func findNode(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		for i, m := range b.Nodes {
			if m == n {
				return b, i
			}
		}
	}
	return nil, 0
}

func containsNode(b *cfg.Block, n ast.Node) bool {
	for _, m := range b.Nodes {
		if m == n {
			return true
		}
	}
	return false
}

// branchBlock returns the block that ends with the branch statement at
// cur, or nil when it cannot tell. go/cfg does not record branch
// statements as nodes; the block is found from the statement before the
// branch, or from the construct whose body the branch starts.
func branchBlock(g *cfg.CFG, cur inspector.Cursor) *cfg.Block {
	br := cur.Node()
	parent := cur.Parent()
	list, ok := funcs.StmtList(parent.Node())
	if !ok {
		return nil
	}
	idx := -1
	for i, s := range list {
		if s == br {
			idx = i
		}
	}
	if idx < 0 {
		return nil
	}
	byKind := func(kind cfg.BlockKind, stmt ast.Stmt) *cfg.Block {
		for _, b := range g.Blocks {
			if b.Kind == kind && b.Stmt == stmt {
				return b
			}
		}
		return nil
	}
	if idx > 0 {
		prev := list[idx-1]
		for {
			l, ok := prev.(*ast.LabeledStmt)
			if !ok {
				break
			}
			prev = l.Stmt
		}
		switch prev := prev.(type) {
		case *ast.IfStmt:
			return byKind(cfg.KindIfDone, prev)
		case *ast.ForStmt:
			return byKind(cfg.KindForDone, prev)
		case *ast.RangeStmt:
			return byKind(cfg.KindRangeDone, prev)
		case *ast.SwitchStmt:
			return byKind(cfg.KindSwitchDone, prev)
		case *ast.TypeSwitchStmt:
			return byKind(cfg.KindSwitchDone, prev)
		case *ast.SelectStmt:
			return byKind(cfg.KindSelectDone, prev)
		case *ast.ExprStmt, *ast.AssignStmt, *ast.IncDecStmt, *ast.SendStmt, *ast.GoStmt, *ast.DeferStmt:
			for _, b := range g.Blocks {
				if len(b.Nodes) > 0 && b.Nodes[len(b.Nodes)-1] == prev {
					return b
				}
			}
		}
		return nil
	}
	switch p := parent.Node().(type) {
	case *ast.CaseClause:
		return byKind(cfg.KindSwitchCaseBody, p)
	case *ast.CommClause:
		return byKind(cfg.KindSelectCaseBody, p)
	case *ast.BlockStmt:
		switch gp := parent.Parent().Node().(type) {
		case *ast.IfStmt:
			if gp.Body == p {
				return byKind(cfg.KindIfThen, gp)
			}
			return byKind(cfg.KindIfElse, gp)
		case *ast.ForStmt:
			return byKind(cfg.KindForBody, gp)
		case *ast.RangeStmt:
			return byKind(cfg.KindRangeBody, gp)
		}
	}
	return nil
}
