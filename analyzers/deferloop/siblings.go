package deferloop

// A deferred cancel whose context a goroutine of the iteration uses.

import (
	"go/ast"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/knowledge"
)

// handedToGoroutine reports whether a goroutine started in the loop body
// (a go statement, or a known launcher such as errgroup's Go) is given or
// captures what the deferred call releases, or, for a cancel function
// assigned in the body with what it cancels (cctx, cancel :=
// context.WithCancel(ctx)), that context or a value holding it. The
// goroutine goes on using it after the iteration: releasing it at the
// end of each iteration would pull it from under the goroutine, so the
// function-per-iteration fix is wrong there.
func handedToGoroutine(info *types.Info, call *ast.CallExpr, loop ast.Stmt) bool {
	k := &keeper{info: info, body: code.LoopBody(loop), holders: make(map[*types.Var]bool)}
	ast.Inspect(call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && code.Contains(k.body, v.Pos()) {
				k.holders[v] = true
				k.released = append(k.released, v.Type())
			}
		}
		return true
	})
	if cancel := cancelVar(info, call); cancel != nil && code.Contains(k.body, cancel.Pos()) {
		for _, v := range siblingsOf(info, k.body, cancel) {
			k.holders[v] = true
			k.released = append(k.released, v.Type())
		}
	}
	if len(k.holders) == 0 {
		return false
	}
	k.spread()
	handed := false
	ast.Inspect(k.body, func(n ast.Node) bool {
		if handed {
			return false
		}
		var fun ast.Expr
		var args []ast.Expr
		switch n := n.(type) {
		case *ast.GoStmt:
			fun, args = n.Call.Fun, n.Call.Args
		case *ast.CallExpr:
			if _, ok := knowledge.LauncherOf(info, n); ok {
				fun = knowledge.Launched(n)
			}
		}
		if fun != nil {
			handed = k.holds(fun)
			for _, a := range args {
				handed = handed || k.holds(a)
			}
		}
		return true
	})
	return handed
}

// cancelVar returns the variable a deferred cancel() calls.
func cancelVar(info *types.Info, call *ast.CallExpr) *types.Var {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || !isCancelType(v.Type()) {
		return nil
	}
	return v
}

// siblingsOf returns the other variables that the assignment defining v
// in body assigns from the same call (cctx of cctx, cancel :=
// context.WithCancel(ctx)).
func siblingsOf(info *types.Info, body *ast.BlockStmt, v *types.Var) []*types.Var {
	var out []*types.Var
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 2 {
			return true
		}
		mine := false
		var others []*types.Var
		for _, lhs := range as.Lhs {
			id, ok := lhs.(*ast.Ident)
			if !ok {
				continue
			}
			w, _ := info.ObjectOf(id).(*types.Var)
			switch {
			case w == v:
				mine = true
			case w != nil:
				others = append(others, w)
			}
		}
		if mine {
			out = append(out, others...)
		}
		return true
	})
	return out
}

// isCancelType reports whether t is a function type without results, as
// context.CancelFunc and CancelCauseFunc are.
func isCancelType(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	return ok && sig.Results().Len() == 0
}
