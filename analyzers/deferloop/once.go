package deferloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// oncePerReceiver reports whether the deferred call is a method of this
// package, without arguments, on the same value in every iteration (a
// variable declared before the loop and not assigned in it), whose body acts at most once per value: it sets a flag that
// its guard tests (if !f.closed { f.closed = true; close(f.done) }, or
// if f.closed { return }; f.closed = true; ...), or it runs a sync.Once.
// The deferred copies run one after another on return, and all but the
// first find the flag set: together they do what one deferred call
// does. Nothing is held per iteration, and client-go's FIFO.Pop defers
// its checkSynced so that it runs after the item is processed.
func oncePerReceiver(pass *analysis.Pass, call *ast.CallExpr, loop ast.Stmt) bool {
	info := pass.TypesInfo
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return false
	}
	// A variable, not a field of one: the loop may store a new value in
	// the field (f.sub = newSub()) and defer on each.
	root := identVar(info, sel.X)
	if root == nil || code.Contains(loop, root.Pos()) || assignedIn(info, loop, root) {
		return false
	}
	m, ok := s.Obj().(*types.Func)
	if !ok {
		return false
	}
	decl := pass.ResultOf[funcs.DeclsAnalyzer].(funcs.Decls)[m.Origin()]
	if decl == nil {
		return false
	}
	recv := funcs.Receiver(info, decl)
	if recv == nil {
		return false
	}
	return actsOnce(info, decl.Body.List, recv)
}

// actsOnce reports whether a method body, after definitions of local
// variables from expressions without calls, is guarded by a flag of its
// receiver that the guarded code sets, or runs a sync.Once of it.
func actsOnce(info *types.Info, body []ast.Stmt, recv *types.Var) bool {
	for len(body) > 0 && pureDefine(body[0]) {
		body = body[1:]
	}
	if len(body) == 0 {
		return false
	}
	switch s := body[0].(type) {
	case *ast.ExprStmt:
		c, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok || len(body) != 1 || !typematch.CallsMethod(info, c, "sync", "Once", "Do") {
			return false
		}
		sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		return ok && code.RootVar(info, sel.X, false) == recv
	case *ast.IfStmt:
		if s.Init != nil || s.Else != nil {
			return false
		}
		// if !r.done { r.done = true; ... }: the whole body is guarded.
		if len(body) == 1 {
			for _, flag := range falseFlags(s.Cond) {
				if code.RootVar(info, flag, false) == recv && setsTrue(info, s.Body.List, flag) {
					return true
				}
			}
			return false
		}
		// if r.done { return }; r.done = true; ...
		flag := ast.Unparen(s.Cond)
		if _, isSel := flag.(*ast.SelectorExpr); !isSel || code.RootVar(info, flag, false) != recv || len(s.Body.List) != 1 {
			return false
		}
		if _, ret := s.Body.List[0].(*ast.ReturnStmt); !ret {
			return false
		}
		return setsTrue(info, body[1:2], flag)
	}
	return false
}

// pureDefine reports whether s is x := e (or several) with no calls in e:
// it changes nothing outside the function.
func pureDefine(s ast.Stmt) bool {
	as, ok := s.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return false
	}
	for _, rhs := range as.Rhs {
		if funcs.HasCall(rhs, func(*ast.CallExpr) bool { return true }) {
			return false
		}
	}
	return true
}

// falseFlags returns the selectors x.f that cond requires to be false:
// !x.f, alone or as a conjunct of an && chain.
func falseFlags(cond ast.Expr) []ast.Expr {
	switch x := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if sel, ok := ast.Unparen(x.X).(*ast.SelectorExpr); ok && x.Op == token.NOT {
			return []ast.Expr{sel}
		}
	case *ast.BinaryExpr:
		if x.Op == token.LAND {
			return append(falseFlags(x.X), falseFlags(x.Y)...)
		}
	}
	return nil
}

// setsTrue reports whether one of stmts (not nested) is flag = true.
func setsTrue(info *types.Info, stmts []ast.Stmt, flag ast.Expr) bool {
	want := types.ExprString(flag)
	for _, st := range stmts {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		if id, ok := ast.Unparen(as.Rhs[0]).(*ast.Ident); ok && info.Uses[id] == types.Universe.Lookup("true") && types.ExprString(as.Lhs[0]) == want {
			return true
		}
	}
	return false
}

// markedOnce reports whether the defer sits behind a guard that leaves
// the iteration depending on a variable (if checkFlag(state, seen)
// { return err }), and every path from the defer back to the head of the
// loops marks that variable with a constant (seen = true, state |= done,
// appendFlag(&state, done)) before it gets there: the guard reads the
// mark, so the branch that defers runs once per call. A guard whose
// variable the iteration sets to a computed value (found = check(f)) may
// let every iteration through, and is no guard here.
func markedOnce(info *types.Info, g *cfg.CFG, cur inspector.Cursor, loops []ast.Stmt) bool {
	guarded := guardVars(info, cur, loops[0])
	if len(guarded) == 0 {
		return false
	}
	return everyPathBack(g, cur.Node(), loops, func(n ast.Node) bool { return marksConst(info, n, guarded) })
}

// guardVars returns the variables (as written) read by the condition of
// an earlier statement if cond { leave } of a statement list that holds
// the defer inside the loop.
func guardVars(info *types.Info, cur inspector.Cursor, loop ast.Stmt) map[string]bool {
	vars := make(map[string]bool)
	for list, at := range listsInLoop(cur, loop) {
		for _, st := range list[:max(at, 0)] {
			is, ok := st.(*ast.IfStmt)
			if !ok || is.Init != nil || is.Else != nil || !funcs.LeavesList(is.Body) {
				continue
			}
			ast.Inspect(is.Cond, func(e ast.Node) bool {
				switch e := e.(type) {
				case *ast.Ident:
					if v, ok := info.Uses[e].(*types.Var); ok && !v.IsField() {
						vars[e.Name] = true
					}
				case *ast.SelectorExpr:
					if s := info.Selections[e]; s != nil && s.Kind() == types.FieldVal {
						vars[types.ExprString(e)] = true
						return false
					}
				case *ast.FuncLit:
					return false
				}
				return true
			})
		}
	}
	return vars
}

// marksConst reports whether n sets one of vars to a constant other than
// its zero value (v = true, v = 1, v |= c), or calls f(&v, c...) with
// constants for every other argument: a deterministic mark, not a value
// computed per iteration.
func marksConst(info *types.Info, n ast.Node, vars map[string]bool) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		if (n.Tok != token.ASSIGN && n.Tok != token.OR_ASSIGN) || len(n.Lhs) != len(n.Rhs) {
			return false
		}
		for i, lhs := range n.Lhs {
			if vars[types.ExprString(lhs)] && nonZeroConst(info, n.Rhs[i]) {
				return true
			}
		}
	case *ast.ExprStmt:
		call, ok := ast.Unparen(n.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		marked := false
		for _, a := range call.Args {
			if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND && vars[types.ExprString(u.X)] {
				marked = true
			} else if tv, ok := info.Types[a]; !ok || tv.Value == nil {
				return false
			}
		}
		return marked
	}
	return false
}

// nonZeroConst reports whether e is a constant other than false, 0 or "".
func nonZeroConst(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	switch v := tv.Value; v.Kind() {
	case constant.Bool:
		return constant.BoolVal(v)
	case constant.String:
		return constant.StringVal(v) != ""
	case constant.Int, constant.Float:
		return constant.Sign(v) != 0
	}
	return false
}
