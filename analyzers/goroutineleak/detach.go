package goroutineleak

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// detaches reports whether every return of fd hands back, as its first
// result, a value of a detached context type (see detachedType): the
// function is a hand-written context.WithoutCancel, as written before Go
// 1.21 (x/tools' xcontext.Detach).
func (c *checker) detaches(cur inspector.Cursor, fd *ast.FuncDecl, fn *types.Func, ctx *types.Interface) bool {
	res := fn.Signature().Results()
	if res.Len() == 0 || !types.Implements(res.At(0).Type(), ctx) {
		return false
	}
	n := 0
	for rc := range cur.Preorder((*ast.ReturnStmt)(nil)) {
		if inNestedLit(rc, fd) {
			continue
		}
		ret := rc.Node().(*ast.ReturnStmt)
		if len(ret.Results) == 0 || !c.detachedType(c.info.TypeOf(ret.Results[0]), ctx) {
			return false
		}
		n++
	}
	return n > 0
}

// detachedType reports whether t, or the type t points to, is a struct
// type of this package that implements context.Context and declares its
// own Done method, whose body uses none of the type's context fields
// (embedded or not): a request's cancellation never reaches it. A type
// that only adds values (it embeds a context and no Done) is not
// detached, nor is one whose Done returns its context's Done().
func (c *checker) detachedType(t types.Type, ctx *types.Interface) bool {
	if t == nil || !types.Implements(t, ctx) {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != c.pass.Pkg {
		return false
	}
	named = named.Origin()
	if d, ok := c.detached[named]; ok {
		return d
	}
	d := c.doneIgnoresContexts(named)
	c.detached[named] = d
	return d
}

// doneIgnoresContexts reports whether named declares its own Done, with a
// body, that selects none of named's context fields, directly or through
// them (a promoted method), calls no other method of named, and uses its
// receiver only to select.
func (c *checker) doneIgnoresContexts(named *types.Named) bool {
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	ctxFields := make(map[int]bool)
	for i := range st.NumFields() {
		if isContext(st.Field(i).Type()) {
			ctxFields[i] = true
		}
	}
	obj, index, _ := types.LookupFieldOrMethod(types.NewPointer(named), false, c.pass.Pkg, "Done")
	done, ok := obj.(*types.Func)
	if !ok || len(index) != 1 {
		return false // promoted from an embedded context: the request's own
	}
	fd := c.decls[done]
	if fd == nil || fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	var recv *types.Var
	if names := fd.Recv.List[0].Names; len(names) > 0 {
		recv, _ = c.info.Defs[names[0]].(*types.Var)
	}
	selected := make(map[*ast.Ident]bool) // receiver idents used to select
	ignores := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if sel, ok := c.info.Selections[n]; ok && sameNamed(sel.Recv(), named) && mayReachField(sel, ctxFields) {
				ignores = false
			}
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				selected[id] = true
			}
		case *ast.Ident:
			if recv != nil && c.info.Uses[n] == recv && !selected[n] {
				ignores = false // the whole receiver, handed on
			}
		}
		return ignores
	})
	return ignores
}

// mayReachField reports whether the selection is one of the fields,
// reaches a field or method through one of them, or is a method of the
// type itself, whose body is not read.
func mayReachField(sel *types.Selection, fields map[int]bool) bool {
	index := sel.Index()
	if sel.Kind() != types.FieldVal && len(index) == 1 {
		return true
	}
	return fields[index[0]]
}

// sameNamed reports whether t is named or a pointer to it.
func sameNamed(t types.Type, named *types.Named) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Origin() == named
}
