package lostunlock

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/report"
)

// A resultUnlock is an unlock, in a deferred function literal, of a
// mutex reached through a named pointer result: the literal reads the
// result when it runs, after a return statement has assigned it.
type resultUnlock struct {
	deferStmt *ast.DeferStmt
	call      *ast.CallExpr  // the unlock call in the literal
	result    *types.Var     // the named result the mutex is reached through
	index     int            // the result's position in the result list
	flags     []types.Object // the locals the unlock's conditions read
}

// checkNamedResultUnlocks reports the returns that set a named pointer
// result to nil while a deferred literal unlocks a mutex through it:
//
//	func open() (fs *fileStore, err error) {
//		fs = &fileStore{}
//		fs.mu.Lock()
//		defer func() { if !unlocked { fs.mu.Unlock() } }()
//		if err := fs.load(); err != nil {
//			return nil, err // fs is nil when the deferred call runs
//		}
//
// The deferred call dereferences nil and panics, and the lock it meant
// to release stays held. defer fs.mu.Unlock() (its receiver is evaluated
// at the defer) and a literal given fs as an argument are safe.
func (c *checker) checkNamedResultUnlocks(fn inspector.Cursor) {
	ft, body := funcs.Type(fn.Node()), funcs.Body(fn.Node())
	if ft == nil || body == nil || ft.Results == nil {
		return
	}
	results := namedResults(c.info, ft)
	if len(results) == 0 {
		return
	}
	var deferred []resultUnlock
	for dc := range fn.Preorder((*ast.DeferStmt)(nil)) {
		ds := dc.Node().(*ast.DeferStmt)
		lit, ok := ast.Unparen(ds.Call.Fun).(*ast.FuncLit)
		if !ok || enclosingFuncNode(dc) != fn.Node() {
			continue
		}
		lcur, _ := dc.FindNode(lit)
		deferred = append(deferred, c.unlocksThroughResults(ds, lcur, results)...)
	}
	if len(deferred) == 0 {
		return
	}
	for rc := range fn.Preorder((*ast.ReturnStmt)(nil)) {
		ret := rc.Node().(*ast.ReturnStmt)
		if enclosingFuncNode(rc) != fn.Node() || len(ret.Results) != len(resultVars(c.info, ft)) {
			continue
		}
		for _, d := range deferred {
			if !code.IsNil(c.info, ret.Results[d.index]) || !c.registeredBefore(d.deferStmt, rc) || c.flagSetBetween(d, rc) {
				continue
			}
			mu := types.ExprString(ast.Unparen(d.call.Fun))
			c.r.Report(analysis.Diagnostic{
				Pos: ret.Pos(), End: ret.End(),
				Message: fmt.Sprintf("this return sets the named result %s to nil before the deferred %s() runs: it panics with a nil dereference and the lock stays held",
					d.result.Name(), mu),
				Related: report.Related(d.call, "deferred %s() here", mu),
			})
			break
		}
	}
}

// namedResults returns the function's named results of pointer type, by
// their position in the result list.
func namedResults(info *types.Info, ft *ast.FuncType) map[*types.Var]int {
	out := make(map[*types.Var]int)
	for i, v := range resultVars(info, ft) {
		if v == nil || v.Name() == "_" {
			continue
		}
		if _, ok := v.Type().Underlying().(*types.Pointer); ok {
			out[v] = i
		}
	}
	return out
}

// resultVars lists the function's results in order, nil for unnamed ones.
func resultVars(info *types.Info, ft *ast.FuncType) []*types.Var {
	var out []*types.Var
	for _, f := range ft.Results.List {
		if len(f.Names) == 0 {
			out = append(out, nil)
			continue
		}
		for _, name := range f.Names {
			v, _ := info.Defs[name].(*types.Var)
			out = append(out, v)
		}
	}
	return out
}

// unlocksThroughResults returns the unlocks in the deferred literal at
// lcur whose mutex chain starts at one of the named results, unless a
// condition around the unlock reads that result (if fs != nil).
func (c *checker) unlocksThroughResults(ds *ast.DeferStmt, lcur inspector.Cursor, results map[*types.Var]int) []resultUnlock {
	var out []resultUnlock
	for cc := range lcur.Preorder((*ast.CallExpr)(nil)) {
		call := cc.Node().(*ast.CallExpr)
		op, mu := mutexmodel.CallOp(c.info, call)
		if !op.Releases() {
			continue
		}
		chain := mutexmodel.Chain(c.info, mu)
		if len(chain) < 2 {
			continue // the result itself is the mutex: no dereference
		}
		v, ok := chain[0].(*types.Var)
		i, isResult := results[v]
		if !ok || !isResult {
			continue
		}
		flags, checksResult := c.conditionsAround(cc, lcur, v)
		if checksResult {
			continue
		}
		out = append(out, resultUnlock{deferStmt: ds, call: call, result: v, index: i, flags: flags})
	}
	return out
}

// conditionsAround returns the variables read by the conditions of the
// if statements between the call at cc and the literal at lcur, and
// whether one of them is the result v itself.
func (c *checker) conditionsAround(cc, lcur inspector.Cursor, v *types.Var) ([]types.Object, bool) {
	var flags []types.Object
	for ic := range cc.Enclosing((*ast.IfStmt)(nil)) {
		ifs := ic.Node().(*ast.IfStmt)
		if !code.Encloses(lcur.Node(), ifs) {
			break
		}
		checks := false
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if obj := c.info.Uses[id]; obj != nil {
					checks = checks || obj == v
					flags = append(flags, obj)
				}
			}
			return true
		})
		if checks {
			return nil, true
		}
	}
	return flags, false
}

// registeredBefore reports whether the defer statement has run whenever
// the return at rc runs: it comes first, in a block that holds the
// return.
func (c *checker) registeredBefore(ds *ast.DeferStmt, rc inspector.Cursor) bool {
	if ds.End() > rc.Node().Pos() {
		return false
	}
	dc, ok := rc.Inspector().Root().FindNode(ds)
	if !ok {
		return false
	}
	block := dc.Parent().Node()
	return code.Encloses(block, rc.Node())
}

// flagSetBetween reports whether a statement between the defer and the
// return at rc, on the way to it, assigns a variable the unlock's
// conditions read (unlocked = true before an early return): the rule
// cannot tell whether the deferred unlock still runs.
func (c *checker) flagSetBetween(d resultUnlock, rc inspector.Cursor) bool {
	if len(d.flags) == 0 {
		return false
	}
	for cur := rc; ; cur = cur.Parent() {
		list, ok := funcs.StmtList(cur.Parent().Node())
		if !ok {
			if _, isFunc := cur.Parent().Node().(*ast.FuncDecl); isFunc {
				return false
			}
			if _, isFunc := cur.Parent().Node().(*ast.FuncLit); isFunc {
				return false
			}
			continue
		}
		for _, s := range list {
			if s.Pos() >= cur.Node().Pos() {
				break
			}
			if s.Pos() > d.deferStmt.Pos() && c.assignsAny(s, d.flags) {
				return true
			}
		}
	}
}

// assignsAny reports whether n assigns one of objs.
func (c *checker) assignsAny(n ast.Node, objs []types.Object) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		as, ok := m.(*ast.AssignStmt)
		if !ok {
			return !found
		}
		for _, l := range as.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				obj := c.info.ObjectOf(id)
				for _, o := range objs {
					found = found || obj == o
				}
			}
		}
		return !found
	})
	return found
}

// enclosingFuncNode returns the function declaration or literal that
// holds cur (not cur itself).
func enclosingFuncNode(cur inspector.Cursor) ast.Node {
	for c := range cur.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

// bareErr says whether the named error result err is nil at the bare
// return r, and whether that is known: not nil inside the body of an if
// err != nil; nil elsewhere when every assignment to err in the function
// is followed at once by an if err != nil whose body leaves (returns,
// or jumps out with continue, break or goto), or when nothing assigns
// it. A lockID(id) (owner string, err error) that unlocks and returns in
// its if err != nil, and otherwise returns holding the lock, is then a
// conditional acquire, written with bare returns.
func bareErr(info *types.Info, fn ast.Node, r *ast.ReturnStmt, err *types.Var) (isNil, known bool) {
	body := funcs.Body(fn)
	inCheck, checkedAfterEach := false, true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if code.Contains(n.Body, r.Pos()) && isErrCheck(info, n.Cond, err) {
				inCheck = true
			}
		case *ast.BlockStmt:
			for j, st := range n.List {
				if !assigns(info, st, err) {
					continue
				}
				next, ok := nextStmt(n.List, j)
				if !ok || !isErrCheck(info, next.Cond, err) || !funcs.LeavesList(next.Body) {
					checkedAfterEach = false
				}
			}
		}
		return true
	})
	if inCheck {
		return false, true
	}
	return checkedAfterEach, checkedAfterEach
}

func nextStmt(list []ast.Stmt, j int) (*ast.IfStmt, bool) {
	if j+1 >= len(list) {
		return nil, false
	}
	ifs, ok := list[j+1].(*ast.IfStmt)
	return ifs, ok && ifs.Init == nil
}

// isErrCheck reports whether cond is err != nil.
func isErrCheck(info *types.Info, cond ast.Expr, err *types.Var) bool {
	x, op, ok := code.NilComparison(info, cond)
	if !ok || op != token.NEQ {
		return false
	}
	id, ok := ast.Unparen(x).(*ast.Ident)
	return ok && info.Uses[id] == err
}

// assigns reports whether the statement st assigns to v.
func assigns(info *types.Info, st ast.Stmt, v *types.Var) bool {
	as, ok := st.(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, l := range as.Lhs {
		if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
			return true
		}
	}
	return false
}
