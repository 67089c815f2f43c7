package rpctimeout

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// reportIgnoredContext reports a network call made with the context of
// another function's parameter (kept in a field at setup, say) while the
// function that makes it was given a context of its own and never uses
// it: a TLS GetCertificate that sends with the server's context and
// ignores hello.Context(). The given context's deadline never reaches
// the call, and nothing else bounds it. It reports whether it did.
func (c *checker) reportIgnoredContext(cur inspector.Cursor, ctx ast.Expr, o origin, what string) bool {
	if o.kind != caller || o.param == nil {
		return false
	}
	var fn inspector.Cursor
	found := false
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if funcs.Type(fc.Node()) == c.params[o.param].fn {
			return false // the context of an enclosing function
		}
		if !found {
			fn, found = fc, true
		}
	}
	if !found {
		return false
	}
	given, use, ok := c.ignoredContext(fn)
	if !ok {
		return false
	}
	c.r.Report(analysis.Diagnostic{
		Pos: ctx.Pos(), End: ctx.End(),
		Message: fmt.Sprintf("%s is called with %s, not %s's %s: the caller's deadline and cancellation never reach it",
			what, types.ExprString(ctx), funcs.Name(fn.Node()), use),
		Related: []analysis.RelatedInformation{
			{Pos: given.Pos(), End: given.Pos() + 1, Message: fmt.Sprintf("%s is given here and not used", use)},
			{Pos: o.param.Pos(), End: o.param.Pos() + 1, Message: fmt.Sprintf("%s comes from this parameter of another function", types.ExprString(ctx))},
		},
	})
	return true
}

// ignoredContext returns a parameter of the function at fn that carries
// a context the function never uses: a context.Context it never refers
// to, or a TLS hello, certificate request or HTTP request whose
// Context() it never calls. use says how to get the context.
func (c *checker) ignoredContext(fn inspector.Cursor) (*types.Var, string, bool) {
	ft := funcs.Type(fn.Node())
	if ft == nil || ft.Params == nil {
		return nil, "", false
	}
	for _, f := range ft.Params.List {
		for _, name := range f.Names {
			p, ok := c.info.Defs[name].(*types.Var)
			if !ok || p.Name() == "_" {
				continue
			}
			switch {
			case isContext(p.Type()):
				if !c.usesVar(fn, p, "") {
					return p, p.Name(), true
				}
			case carriesContext(p.Type()):
				if !c.usesVar(fn, p, "Context") {
					return p, p.Name() + ".Context()", true
				}
			}
		}
	}
	return nil, "", false
}

// carriesContext reports whether t is a standard type whose Context
// method gives the context its receiver was made for.
func carriesContext(t types.Type) bool {
	return typematch.IsNamed(t, "crypto/tls", "ClientHelloInfo") ||
		typematch.IsNamed(t, "crypto/tls", "CertificateRequestInfo") ||
		typematch.IsNamed(t, "net/http", "Request")
}

// usesVar reports whether the function at fn refers to v (sel == ""), or
// selects v.sel.
func (c *checker) usesVar(fn inspector.Cursor, v *types.Var, sel string) bool {
	for u := range fn.Preorder((*ast.Ident)(nil)) {
		id := u.Node().(*ast.Ident)
		if c.info.Uses[id] != v {
			continue
		}
		if sel == "" {
			return true
		}
		if s, ok := u.Parent().Node().(*ast.SelectorExpr); ok && s.X == id && s.Sel.Name == sel {
			return true
		}
		if _, ok := u.Parent().Node().(*ast.SelectorExpr); !ok {
			return true // passed on whole: its context may be used
		}
	}
	return false
}
