package rpctimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
)

// copiesWithContextFact marks a method that, given a context, returns a
// copy of its receiver carrying it and leaves the receiver as it was:
// (*http.Request).WithContext and Clone, a client library's
// (*Request).WithContext that wraps a new *http.Request. A call of it
// whose result is dropped gives the context to nothing.
type copiesWithContextFact struct{}

func (*copiesWithContextFact) AFact()         {}
func (*copiesWithContextFact) String() string { return "copiesWithContext" }

// exportContextCopiers exports copiesWithContextFact for this package's
// methods that return a copy of their receiver with a context
// (contextCopier), and records them for this package's own calls.
func (c *checker) exportContextCopiers(in *inspector.Inspector) {
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		fn, ok := c.info.Defs[fd.Name].(*types.Func)
		if !ok || fn == nil || !c.contextCopier(fd, fn) {
			continue
		}
		c.copiers[fn] = true
		c.pass.ExportObjectFact(fn, new(copiesWithContextFact))
	}
}

// contextCopier reports whether the method fd takes a context.Context
// and returns one value of its receiver's pointer type that is never the
// receiver itself, without writing through the receiver, calling a
// method on it or handing it to a call: a fluent setter (r.ctx = ctx;
// return r) changes its receiver, and dropping its result is harmless.
func (c *checker) contextCopier(fd *ast.FuncDecl, fn *types.Func) bool {
	sig := fn.Signature()
	recv := sig.Recv()
	if recv == nil || fd.Body == nil || sig.Results().Len() != 1 || !takesContext(fn) {
		return false
	}
	if _, ptr := types.Unalias(recv.Type()).(*types.Pointer); !ptr || !types.Identical(recv.Type(), sig.Results().At(0).Type()) {
		return false
	}
	isRecv := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.info.Uses[id] == recv
	}
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			ok = !code.Uses(c.info, n, recv)
			return false
		case *ast.ReturnStmt:
			ok = len(n.Results) == 1 && !isRecv(n.Results[0])
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if v := code.RootVar(c.info, lhs, true); v == recv {
					ok = false
				}
			}
			for _, rhs := range n.Rhs {
				ok = ok && !isRecv(rhs) // an alias of the receiver
			}
		case *ast.IncDecStmt:
			ok = code.RootVar(c.info, n.X, true) != recv
		case *ast.UnaryExpr:
			ok = n.Op != token.AND || code.RootVar(c.info, n.X, true) != recv
		case *ast.CallExpr:
			if sel, isSel := ast.Unparen(n.Fun).(*ast.SelectorExpr); isSel && isRecv(sel.X) {
				ok = false
			}
			for _, a := range n.Args {
				ok = ok && !isRecv(a)
			}
		}
		return ok
	})
	return ok
}

// isContextCopier reports whether fn returns a copy of its receiver with
// a context, from this package's methods or a fact.
func (c *checker) isContextCopier(fn *types.Func) bool {
	if fn.Pkg() == c.pass.Pkg {
		return c.copiers[fn]
	}
	return c.pass.ImportObjectFact(fn, new(copiesWithContextFact))
}

// checkDroppedContextCopy reports a call of a context copier used as a
// statement: req.WithContext(ctx) returns a new request and leaves req
// with the context it had, so the request sent afterwards never sees
// ctx's deadline or cancellation.
func (c *checker) checkDroppedContextCopy(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	if _, ok := cur.Parent().Node().(*ast.ExprStmt); !ok || !c.isContextCopier(fn) {
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	recv := types.ExprString(sel.X)
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("the result of %s.%s is dropped: %s keeps its old context, so the deadline and cancellation given here never reach it",
			recv, fn.Name(), recv),
	}
	if assignable(sel.X) {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   fmt.Sprintf("Assign the result to %s", recv),
			TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.Pos(), NewText: []byte(recv + " = ")}},
		}}
	}
	c.r.Report(d)
}

// assignable reports whether e is a variable or a chain of field
// selections on one, which an assignment can store into.
func assignable(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name != "_"
	case *ast.SelectorExpr:
		return assignable(e.X)
	}
	return false
}
