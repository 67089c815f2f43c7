package lostunlock

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A condFact is a condition whose value is known on every path from a
// lock statement: the lock sits in the then or else branch of an if on
// it, and nothing the condition reads changes in the function.
type condFact struct {
	cond  ast.Expr
	value bool
}

// lockFacts returns the conditions that the lock statement sits under and
// that keep their value from there on: they read only constants, and
// locals and parameters not assigned after the if statement, nor in a
// loop around it or a function literal (comparisons and negations of
// those included).
func (c *checker) lockFacts(body *ast.BlockStmt, lock ast.Node) []condFact {
	var facts []condFact
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || n.Pos() > lock.Pos() || lock.End() > n.End() {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		ifs, ok := n.(*ast.IfStmt)
		if !ok {
			return true
		}
		value := true
		switch {
		case code.Encloses(ifs.Body, lock):
		case ifs.Else != nil && code.Encloses(ifs.Else, lock):
			value = false
		default:
			return true
		}
		changed := changedAfter(c.info, body, ifs)
		if cond, val, ok := c.stableCond(ifs.Cond, changed); ok {
			facts = append(facts, condFact{cond, val == value})
		}
		return true
	})
	return facts
}

// stableCond strips the negations off e and reports whether what is left
// reads only unchanged locals, parameters and constants; val is false
// when an odd number of negations was stripped.
func (c *checker) stableCond(e ast.Expr, changed map[types.Object]bool) (ast.Expr, bool, bool) {
	val := true
	e = ast.Unparen(e)
	for {
		u, ok := e.(*ast.UnaryExpr)
		if !ok || u.Op != token.NOT {
			break
		}
		val = !val
		e = ast.Unparen(u.X)
	}
	stable := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			switch obj := c.info.Uses[n].(type) {
			case *types.Var:
				if obj.IsField() || obj.Parent() == nil || obj.Parent() == obj.Pkg().Scope() || changed[obj] {
					stable = false
				}
			case *types.Const, *types.Nil:
			default:
				stable = false
			}
		case nil, *ast.BinaryExpr, *ast.UnaryExpr, *ast.ParenExpr, *ast.BasicLit:
		default:
			stable = false
		}
		return stable
	})
	return e, val, stable
}

// changedAfter returns the variables that may hold another value once
// the statement at has run: those assigned (or incremented) after it, in
// a loop around it, or in a function literal, and those whose address is
// taken anywhere.
func changedAfter(info *types.Info, body *ast.BlockStmt, at ast.Node) map[types.Object]bool {
	vars := make(map[types.Object]bool)
	var stack []ast.Node
	mark := func(e ast.Expr, always bool) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok || e == nil {
			return
		}
		obj := info.Uses[id]
		if obj == nil {
			return
		}
		if always || id.Pos() >= at.Pos() {
			vars[obj] = true
			return
		}
		for _, n := range stack {
			switch n.(type) {
			case *ast.FuncLit:
				vars[obj] = true
			case *ast.ForStmt, *ast.RangeStmt:
				if code.Encloses(n, at) {
					vars[obj] = true
				}
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, lhs := range n.Lhs {
					mark(lhs, false)
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				mark(n.Key, false)
				if n.Value != nil {
					mark(n.Value, false)
				}
			}
		case *ast.IncDecStmt:
			mark(n.X, false)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mark(n.X, true)
			}
		}
		stack = append(stack, n)
		return true
	})
	return vars
}

// sameCond reports whether a and b are the same expression over the same
// objects.
func (c *checker) sameCond(a, b ast.Expr) bool {
	if types.ExprString(a) != types.ExprString(b) {
		return false
	}
	var objs []types.Object
	ast.Inspect(a, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			objs = append(objs, c.info.Uses[id])
		}
		return true
	})
	same := true
	i := 0
	ast.Inspect(b, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			same = same && i < len(objs) && objs[i] == c.info.Uses[id]
			i++
		}
		return same
	})
	return same && i == len(objs)
}

// succs returns the successors of b that a path can take: when b ends
// with the condition of an if or for statement whose value is a constant
// (if false { return }: dead code) or one of the facts, only the branch
// that value takes.
func (c *checker) succs(b *cfg.Block, facts []condFact) []*cfg.Block {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return b.Succs
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok || !isCondOf(b.Succs[0], cond) {
		return b.Succs
	}
	val, known := c.condValue(cond, facts)
	switch {
	case !known:
		return b.Succs
	case val:
		return b.Succs[:1]
	default:
		return b.Succs[1:]
	}
}

// isCondOf reports whether cond is the condition of the if or for
// statement whose then block or loop body is then (not a case value of a
// switch, which go/cfg also puts at the end of a two-way block).
func isCondOf(then *cfg.Block, cond ast.Expr) bool {
	switch s := then.Stmt.(type) {
	case *ast.IfStmt:
		return then.Kind == cfg.KindIfThen && s.Cond == cond
	case *ast.ForStmt:
		return then.Kind == cfg.KindForBody && s.Cond == cond
	}
	return false
}

// condValue returns the value of a condition when it is a boolean
// constant or, negations aside, one of the facts.
func (c *checker) condValue(cond ast.Expr, facts []condFact) (bool, bool) {
	if tv, ok := c.info.Types[cond]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
		return constant.BoolVal(tv.Value), true
	}
	if len(facts) == 0 {
		return false, false
	}
	e, val, _ := c.stableCond(cond, nil)
	for _, f := range facts {
		if c.sameCond(e, f.cond) {
			return f.value == val, true
		}
	}
	return false, false
}

// heldDoc matches the comments that say a function is entered holding a
// lock: "must be called with mu held", "Called with c.mu held", "Lock
// should be held", "the caller must hold c.mu", "REQUIRES: mu is held",
// "requires the lock to be held".
var heldDoc = regexp.MustCompile(`(?i)(?:\b(?:called|invoked|entered|run) (?:while holding|holding)\b` +
	`|\b(?:called|invoked|entered|run) under (?:the )?[\w.]*(?:lock|mu|mutex)\b` +
	`|\b(?:must|should|shall|needs to|to) be (?:held|locked|acquired)\b` +
	`|\bcallers? (?:must |should |shall |needs to |is expected to )?(?:hold|holds)\b` +
	`|\b(?:with|while holding) (?:the )?[\w.]+ (?:lock |mutex )?(?:held|locked|acquired)\b` +
	`|\b(?:assumes|expects|requires|precondition):? (?:that )?(?:the )?[\w.]+ (?:lock |mutex )?(?:is |be |to be )?(?:held|locked|acquired)\b)`)

// negation spots a clause that says the opposite ("must not be called
// with the lock held", "is not entered with mu held").
var negation = regexp.MustCompile(`(?i)\b(?:not|never|without)\b|n't\b`)

var clauseEnd = regexp.MustCompile(`[.;]\s`)

// saysHeld reports whether some clause of a doc comment says that the
// function is entered holding a lock.
func saysHeld(doc string) bool {
	clauses := clauseEnd.Split(strings.Join(strings.Fields(doc), " "), -1)
	for _, clause := range clauses {
		if loc := heldDoc.FindStringIndex(clause); loc != nil && !negation.MatchString(clause[:loc[0]]) {
			return true
		}
	}
	return false
}

// enteredHeld reports whether fn is entered with the mutex of key held
// (a helper that may release it and take it again): its first operation
// on the mutex is an unlock on some path, or its name (...Locked) or doc
// comment says so. Its returns leave the lock as they found it.
func (c *checker) enteredHeld(fn ast.Node, g *cfg.CFG, key string) bool {
	if d, ok := fn.(*ast.FuncDecl); ok {
		if strings.HasSuffix(d.Name.Name, "Locked") && !strings.HasSuffix(d.Name.Name, "Unlocked") {
			return true
		}
		if d.Doc != nil && saysHeld(d.Doc.Text()) {
			return true
		}
	}
	if len(g.Blocks) == 0 {
		return false
	}
	return funcs.SearchBlocks(g.Blocks[:1], func(b *cfg.Block) (bool, []*cfg.Block) {
		first := mutexmodel.NoOp
		for _, n := range b.Nodes {
			if op, mu := mutexmodel.StmtOp(c.info, n); op != mutexmodel.NoOp && c.mutexes.Key(mu) == key {
				first = op
				break
			}
		}
		switch {
		case first.Releases():
			return true, nil
		case first == mutexmodel.NoOp:
			return false, c.succs(b, nil)
		}
		return false, nil
	})
}

// A deferredUnlock is an unlock of a mutex that runs when the function
// returns: defer mu.Unlock(), or a deferred closure that unlocks under a
// flag, as in defer func() { if !unlocked { mu.Unlock() } }().
type deferredUnlock struct {
	stmt *ast.DeferStmt
	call *ast.CallExpr
	flag types.Object // nil: unconditional
	when bool         // with a flag: the unlock runs when flag == when
}

// deferredUnlocks returns, per mutex key, the one deferred unlock the
// function has of it; a mutex unlocked by several defers, or in another
// shape, is left out.
func (c *checker) deferredUnlocks(body *ast.BlockStmt) map[string]*deferredUnlock {
	found := make(map[string]*deferredUnlock)
	bad := make(map[string]bool)
	add := func(key string, d *deferredUnlock) {
		if key == "" {
			return
		}
		if found[key] != nil {
			bad[key] = true
		}
		found[key] = d
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if op, mu := mutexmodel.CallOp(c.info, n.Call); op.Releases() {
				add(c.mutexes.Key(mu), &deferredUnlock{stmt: n, call: n.Call})
				return false
			}
			lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit)
			if !ok || len(n.Call.Args) > 0 {
				return false
			}
			for key, d := range c.closureUnlocks(lit) {
				if d == nil {
					bad[key] = true
					continue
				}
				d.stmt = n
				add(key, d)
			}
			return false
		}
		return true
	})
	for key := range bad {
		delete(found, key)
	}
	return found
}

// closureUnlocks returns the unlocks of a deferred closure: unconditional
// ones at the top of its body, ones under `if flag` or `if !flag` on a
// variable of the enclosing function, and nil for any other shape.
func (c *checker) closureUnlocks(lit *ast.FuncLit) map[string]*deferredUnlock {
	out := make(map[string]*deferredUnlock)
	top := make(map[*ast.CallExpr]*deferredUnlock)
	for _, s := range lit.Body.List {
		if op, _ := mutexmodel.StmtOp(c.info, s); op.Releases() {
			call := ast.Unparen(s.(*ast.ExprStmt).X).(*ast.CallExpr)
			top[call] = &deferredUnlock{call: call}
			continue
		}
		ifs, ok := s.(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil {
			continue
		}
		cond, when := ast.Unparen(ifs.Cond), true
		if u, ok := cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
			cond, when = ast.Unparen(u.X), false
		}
		id, ok := cond.(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || v.IsField() || (lit.Pos() <= v.Pos() && v.Pos() < lit.End()) || !isBool(v.Type()) {
			continue
		}
		for _, s := range ifs.Body.List {
			if op, _ := mutexmodel.StmtOp(c.info, s); op.Releases() {
				call := ast.Unparen(s.(*ast.ExprStmt).X).(*ast.CallExpr)
				top[call] = &deferredUnlock{call: call, flag: v, when: when}
			}
		}
	}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if op, mu := mutexmodel.CallOp(c.info, call); op.Acquires() {
				// The closure takes the lock itself (defer func() {
				// mu.Lock(); ...; mu.Unlock() }()): it unlocks its own.
				out[c.mutexes.Key(mu)] = nil
			} else if op.Releases() {
				key := c.mutexes.Key(mu)
				if _, dup := out[key]; dup || top[call] == nil {
					out[key] = nil
				} else {
					out[key] = top[call]
				}
			}
		}
		return true
	})
	return out
}

type posNode token.Pos

func (p posNode) Pos() token.Pos { return token.Pos(p) }
func (p posNode) End() token.Pos { return token.Pos(p) }

// flagState is what a path knows of a deferred unlock's flag.
type flagState int8

const (
	flagUnknown flagState = iota
	flagFalse
	flagTrue
)

// unlockState is the state of one path of the double-unlock search.
type unlockState struct {
	deferred bool          // the defer statement has run
	flag     flagState     // the flag's value
	released *ast.ExprStmt // the explicit unlock the mutex is released by, or nil
	// relocked: a deferred lock of the mutex was registered after the
	// deferred unlock (mu.RUnlock(); defer mu.RLock()), so it runs first
	// at return and the deferred unlock finds the mutex held.
	relocked bool
}

// checkDoubleUnlocks reports, for each mutex with a deferred unlock, an
// explicit unlock after which a path returns, without locking again, while
// the deferred unlock still runs: it unlocks a mutex no longer held.
func (c *checker) checkDoubleUnlocks(fn ast.Node, g *cfg.CFG, body *ast.BlockStmt, locks []lockStmt, reassigned map[types.Object]bool) {
	defers := c.deferredUnlocks(body)
	for _, l := range locks {
		d := defers[l.key]
		if d == nil || reassigned[mutexmodel.Chain(c.info, l.mu)[0]] {
			continue
		}
		delete(defers, l.key)
		if d.flag != nil && !c.plainFlag(body, d.flag) {
			continue
		}
		c.searchDoubleUnlock(fn, g, body, l, d)
	}
}

// plainFlag reports whether flag is a local variable of the function, set
// only by boolean constants (or its zero value) outside closures, whose
// address is never taken.
func (c *checker) plainFlag(body *ast.BlockStmt, flag types.Object) bool {
	if flag.Pos() < body.Pos() || flag.Pos() >= body.End() {
		return false // a parameter, or a variable others may set
	}
	ok := true
	var visit func(n ast.Node, nested bool)
	visit = func(root ast.Node, nested bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				if root != n {
					visit(n, true)
					return false
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if id, isID := ast.Unparen(lhs).(*ast.Ident); isID && c.info.ObjectOf(id) == flag {
						if nested || len(n.Lhs) != len(n.Rhs) || c.boolConst(n.Rhs[i]) == flagUnknown {
							ok = false
						}
					}
				}
			case *ast.UnaryExpr:
				if id, isID := ast.Unparen(n.X).(*ast.Ident); isID && n.Op == token.AND && c.info.Uses[id] == flag {
					ok = false
				}
			case *ast.RangeStmt:
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if id, isID := e.(*ast.Ident); isID && c.info.ObjectOf(id) == flag {
						ok = false
					}
				}
			}
			return ok
		})
	}
	visit(body, false)
	return ok
}

func (c *checker) boolConst(e ast.Expr) flagState {
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
		if constant.BoolVal(tv.Value) {
			return flagTrue
		}
		return flagFalse
	}
	return flagUnknown
}

// searchDoubleUnlock follows every path from the function's entry,
// tracking whether the defer has run, the flag's value and the explicit
// unlock that released the mutex last.
func (c *checker) searchDoubleUnlock(fn ast.Node, g *cfg.CFG, body *ast.BlockStmt, l lockStmt, d *deferredUnlock) {
	if len(g.Blocks) == 0 {
		return
	}
	type item struct {
		b  *cfg.Block
		st unlockState
	}
	seen := make(map[item]bool)
	stack := []item{{g.Blocks[0], unlockState{}}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[it] {
			continue
		}
		seen[it] = true
		st, goOn := c.stepDoubleUnlock(fn, body, l, d, it.b.Nodes, it.st)
		if !goOn {
			continue
		}
		for _, s := range c.succs(it.b, nil) {
			stack = append(stack, item{s, st})
		}
	}
}

// stepDoubleUnlock scans the nodes of one block; it reports a return
// reached in the double-unlock state, and whether the path goes on.
func (c *checker) stepDoubleUnlock(fn ast.Node, body *ast.BlockStmt, l lockStmt, d *deferredUnlock, nodes []ast.Node, st unlockState) (unlockState, bool) {
	for _, n := range nodes {
		if n == d.stmt {
			st.deferred = true
			continue
		}
		if ds, ok := n.(*ast.DeferStmt); ok && st.deferred {
			if op, mu := mutexmodel.CallOp(c.info, ds.Call); op.Acquires() && c.mutexes.Key(mu) == l.key {
				st.relocked = true
				continue
			}
		}
		if d.flag != nil {
			st.flag = c.flagAfter(n, d.flag, st.flag)
		}
		if op, mu := mutexmodel.StmtOp(c.info, n); op != mutexmodel.NoOp && c.mutexes.Key(mu) == l.key {
			if op.Acquires() {
				st.released = nil
			} else {
				st.released = n.(*ast.ExprStmt)
			}
			continue
		}
		if c.mayReleaseThroughCall(n, l) || c.mayLockThroughCall(n, l) || c.triesLock(n, l) {
			return st, false
		}
		if ret, ok := n.(*ast.ReturnStmt); ok {
			if st.deferred && st.released != nil && !st.relocked && d.runs(st.flag) {
				c.reportDoubleUnlock(fn, body, d, st.released, ret)
			}
			return st, false
		}
	}
	return st, true
}

// runs reports whether the deferred unlock runs with the flag in state f.
func (d *deferredUnlock) runs(f flagState) bool {
	if d.flag == nil {
		return true
	}
	return (d.when && f == flagTrue) || (!d.when && f == flagFalse)
}

// flagAfter returns the flag's state after the control-flow node n.
func (c *checker) flagAfter(n ast.Node, flag types.Object, f flagState) flagState {
	switch n := n.(type) {
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && c.info.ObjectOf(id) == flag {
				if len(n.Lhs) != len(n.Rhs) {
					return flagUnknown
				}
				return c.boolConst(n.Rhs[i])
			}
		}
	case *ast.DeclStmt:
		gd, ok := n.Decl.(*ast.GenDecl)
		if !ok {
			return f
		}
		for _, spec := range gd.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			for i, id := range vs.Names {
				if c.info.Defs[id] != flag {
					continue
				}
				if len(vs.Values) == 0 {
					return flagFalse
				}
				if len(vs.Values) != len(vs.Names) {
					return flagUnknown
				}
				return c.boolConst(vs.Values[i])
			}
		}
	}
	return f
}

// mayLockThroughCall reports whether n calls a function of this package
// that locks a mutex in the same field: the mutex may be held again.
func (c *checker) mayLockThroughCall(n ast.Node, l lockStmt) bool {
	chain := mutexmodel.Chain(c.info, l.mu)
	last := chain[len(chain)-1]
	return funcs.HasCall(n, func(call *ast.CallExpr) bool {
		fn := typematch.Callee(c.info, call)
		return fn != nil && c.mutexes.Locks(fn)[last]
	})
}

// triesLock reports whether n calls TryLock or TryRLock on the mutex: it
// may hold the mutex again.
func (c *checker) triesLock(n ast.Node, l lockStmt) bool {
	return funcs.HasCall(n, func(call *ast.CallExpr) bool {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && (typematch.CallsMethod(c.info, call, "sync", "Mutex", "TryLock") ||
			typematch.CallsMethod(c.info, call, "sync", "RWMutex", "TryLock", "TryRLock")) &&
			c.mutexes.Key(sel.X) == l.key
	})
}

func (c *checker) reportDoubleUnlock(fn ast.Node, body *ast.BlockStmt, d *deferredUnlock, unlock *ast.ExprStmt, ret *ast.ReturnStmt) {
	if c.reported[unlock.Pos()] {
		return
	}
	c.reported[unlock.Pos()] = true
	call := types.ExprString(unlock.X)
	where := "return"
	if ret.Return == body.Rbrace {
		where = "the end of " + funcs.Name(fn)
	}
	advice := "drop this unlock or the deferred one"
	if d.flag != nil {
		advice = "set " + d.flag.Name() + " = " + map[bool]string{true: "false", false: "true"}[d.when] + " after this unlock"
	}
	related := report.Related(d.call, "deferred %s here", types.ExprString(d.call))
	related = append(related, report.Related(retNode(ret, body), "%s here", where)...)
	c.r.Report(analysis.Diagnostic{
		Pos:     unlock.Pos(),
		End:     unlock.End(),
		Message: call + " is followed by the deferred " + types.ExprString(d.call) + " on the path to " + where + ": unlock of unlocked mutex; " + advice,
		Related: related,
	})
}

func retNode(ret *ast.ReturnStmt, body *ast.BlockStmt) ast.Node {
	if ret.Return == body.Rbrace {
		return posNode(body.Rbrace)
	}
	return ret
}
