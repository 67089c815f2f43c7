package deferloop

// A deferred Close that releases nothing: io.NopCloser's.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// closesNopCloser reports whether the deferred call is X.Close() where X
// is, in this iteration, a value io.NopCloser made (a retry loop that
// resets a request's body from bytes in memory): its Close does nothing,
// so deferring it holds nothing. X is a local variable of the loop body
// that every assignment gives such a value, or a getter of this package
// (Body() returning r.body) whose field a setter of this package
// (SetBody(b) storing r.body = b) was last given such a value, by the
// nearest earlier statement of a list around the defer that sets the
// field through the same receiver.
func closesNopCloser(info *types.Info, decls funcs.Decls, cur inspector.Cursor, loop ast.Stmt) bool {
	call := cur.Node().(*ast.DeferStmt).Call
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Close" || len(call.Args) != 0 {
		return false
	}
	body := code.LoopBody(loop)
	switch x := ast.Unparen(sel.X).(type) {
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok || !code.Contains(body, v.Pos()) {
			return false
		}
		assigned, other := false, false
		ast.Inspect(body, func(n ast.Node) bool {
			lhs, rhs, ok := code.Sides(n)
			if !ok {
				return true
			}
			for i, l := range lhs {
				if !isIdentOf(info, ast.Unparen(l), v) {
					continue
				}
				if len(lhs) == len(rhs) && isNopCloser(info, rhs[i]) {
					assigned = true
				} else {
					other = true
				}
			}
			return true
		})
		return assigned && !other
	case *ast.CallExpr:
		field := getterField(info, decls, x)
		if field == nil {
			return false
		}
		recv := ast.Unparen(x.Fun).(*ast.SelectorExpr).X
		for list, at := range listsInLoop(cur, loop) {
			for i := at - 1; i >= 0; i-- {
				if arg, ok := setsField(info, decls, list[i], recv, field); ok {
					return isNopCloser(info, arg)
				}
			}
		}
	}
	return false
}

// isNopCloser reports whether e is a call of io.NopCloser (or
// ioutil.NopCloser).
func isNopCloser(info *types.Info, e ast.Expr) bool {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && (typematch.CallsFunc(info, c, "io", "NopCloser") || typematch.CallsFunc(info, c, "io/ioutil", "NopCloser"))
}

// getterField returns the field that call's method, declared in this
// package, only returns (func (r *T) Body() io.ReadCloser { return
// r.body }).
func getterField(info *types.Info, decls funcs.Decls, call *ast.CallExpr) *types.Var {
	if _, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); !ok || len(call.Args) != 0 {
		return nil
	}
	fd := methodDecl(info, decls, call)
	if fd == nil || len(fd.Body.List) != 1 {
		return nil
	}
	ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	return receiverField(info, fd, ret.Results[0])
}

// setsField reports whether st is a call recv.M(arg) of a method of this
// package whose body only stores its argument in field
// (r.body = b), and returns the argument; or a direct store recv.f = arg.
func setsField(info *types.Info, decls funcs.Decls, st ast.Stmt, recv ast.Expr, field *types.Var) (ast.Expr, bool) {
	want := types.ExprString(recv)
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok != token.ASSIGN || len(st.Lhs) != 1 || len(st.Rhs) != 1 {
			return nil, false
		}
		if s, ok := ast.Unparen(st.Lhs[0]).(*ast.SelectorExpr); ok && info.Uses[s.Sel] == field && types.ExprString(s.X) == want {
			return st.Rhs[0], true
		}
	case *ast.ExprStmt:
		call, ok := ast.Unparen(st.X).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return nil, false
		}
		s, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || types.ExprString(s.X) != want {
			return nil, false
		}
		fd := methodDecl(info, decls, call)
		if fd == nil || len(fd.Body.List) != 1 || len(fd.Type.Params.List) != 1 || len(fd.Type.Params.List[0].Names) != 1 {
			return nil, false
		}
		as, ok := fd.Body.List[0].(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || receiverField(info, fd, as.Lhs[0]) != field {
			return nil, false
		}
		if p, ok := ast.Unparen(as.Rhs[0]).(*ast.Ident); ok && info.Uses[p] == info.Defs[fd.Type.Params.List[0].Names[0]] {
			return call.Args[0], true
		}
	}
	return nil, false
}

// methodDecl returns the declaration, in this package, of the method
// call calls.
func methodDecl(info *types.Info, decls funcs.Decls, call *ast.CallExpr) *ast.FuncDecl {
	fn := typematch.Callee(info, call)
	if fn == nil || fn.Signature().Recv() == nil {
		return nil
	}
	fd := decls[fn.Origin()]
	if fd == nil || fd.Body == nil || fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
		return nil
	}
	return fd
}

// receiverField returns the field f of e, when e is r.f for fd's
// receiver r.
func receiverField(info *types.Info, fd *ast.FuncDecl, e ast.Expr) *types.Var {
	s, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	r, ok := ast.Unparen(s.X).(*ast.Ident)
	if !ok || info.Uses[r] != info.Defs[fd.Recv.List[0].Names[0]] {
		return nil
	}
	f, ok := info.Uses[s.Sel].(*types.Var)
	if !ok || !f.IsField() {
		return nil
	}
	return f
}
