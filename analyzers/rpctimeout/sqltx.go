package rpctimeout

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// txFromBegin reports whether x, the receiver of a transaction's
// statement, holds only transactions this package begins: a variable only
// ever assigned what Begin or BeginTx returns (or a wrapper's Begin, such
// as sqlx's Beginx: wrapperBegin), or a *sql.Tx parameter of a
// function whose every call in the package passes such a transaction
// (an unexported function, or a function literal kept in an unexported
// package variable and called through it: migrations[v](tx)). Its
// statements are then one defect with the Begin: database/sql rolls the
// transaction back when BeginTx's context ends, which ends its
// statements too, and BeginTx without a deadline, or Begin, is reported
// where it is called.
func (c *checker) txFromBegin(x ast.Expr, seen map[*types.Var]bool) bool {
	v := c.varOf(x)
	if v == nil || c.escapes[v] || seen[v] {
		return false
	}
	seen[v] = true
	if p, ok := c.params[v]; ok {
		return c.callersPassTx(p, v, seen)
	}
	if len(c.assigns[v]) == 0 {
		return false
	}
	for _, val := range c.assigns[v] {
		call, ok := ast.Unparen(val.expr).(*ast.CallExpr)
		if !ok || val.index != 0 {
			return false
		}
		begin := typematch.Callee(c.info, call)
		if !typematch.IsMethod(begin, "database/sql", "DB", "Begin", "BeginTx") && !typematch.IsMethod(begin, "database/sql", "Conn", "BeginTx") && !isWrapperBegin(begin) {
			return false
		}
	}
	return true
}

// callersPassTx reports whether every call of the function declaring the
// parameter v passes, for v, a transaction txFromBegin accepts; the
// function must be called, and only called, where this package can see.
func (c *checker) callersPassTx(p param, v *types.Var, seen map[*types.Var]bool) bool {
	args, ok := c.callArgs(p, v)
	if !ok {
		return false
	}
	for _, a := range args {
		if !c.txFromBegin(a, seen) {
			return false
		}
	}
	return true
}

// callArgs returns, for the parameter v, the argument each call of its
// function in the package passes: false when the function can be called
// where this package cannot see (exported, a method, a literal not kept
// in an unexported package variable), is used other than by calls, or is
// never called.
func (c *checker) callArgs(p param, v *types.Var) ([]ast.Expr, bool) {
	idx := paramIndex(p.fn, v)
	if idx < 0 || len(c.assigns[v]) > 0 {
		return nil, false
	}
	var args []ast.Expr
	var ok bool
	switch fn := c.funcs[p.fn].(type) {
	case *ast.FuncDecl:
		obj, _ := c.info.Defs[fn.Name].(*types.Func)
		if obj == nil || (obj.Exported() && c.pass.Pkg.Name() != "main") {
			return nil, false
		}
		if fn.Recv != nil && (obj.Exported() || c.interfaceNames(obj.Name())) {
			return nil, false // called through an interface the package declares
		}
		args, ok = c.argsOfCalls(obj, idx, false)
	case *ast.FuncLit:
		holder := c.packageVarHolding(fn)
		if holder == nil {
			return nil, false
		}
		args, ok = c.argsOfCalls(holder, idx, true)
	}
	return args, ok && len(args) > 0
}

// interfaceNames reports whether an interface type declared in the
// package has a method of that name: a method of the name may be called
// through it, where its uses do not show.
func (c *checker) interfaceNames(name string) bool {
	if c.ifaceMethods == nil {
		c.ifaceMethods = make(map[string]bool)
		for _, obj := range c.info.Defs {
			tn, ok := obj.(*types.TypeName)
			if !ok {
				continue
			}
			if it, ok := tn.Type().Underlying().(*types.Interface); ok {
				for m := range it.Methods() {
					c.ifaceMethods[m.Name()] = true
				}
			}
		}
	}
	return c.ifaceMethods[name]
}

// paramIndex returns the position of v among the parameters of ft.
func paramIndex(ft *ast.FuncType, v *types.Var) int {
	i := 0
	for _, f := range ft.Params.List {
		if len(f.Names) == 0 {
			i++
			continue
		}
		for _, n := range f.Names {
			if n.Pos() == v.Pos() {
				return i
			}
			i++
		}
	}
	return -1
}

// packageVarHolding returns the unexported package variable whose
// initializer is a composite literal holding lit as an element
// (var migrations = []func(*sql.Tx) error{func(tx *sql.Tx) error {...}}).
func (c *checker) packageVarHolding(lit *ast.FuncLit) *types.Var {
	cur, ok := c.in.Root().FindNode(lit)
	if !ok {
		return nil
	}
	p := cur.Parent()
	if kv, isKV := p.Node().(*ast.KeyValueExpr); isKV && kv.Value == lit {
		p = p.Parent()
	}
	if _, isLit := p.Node().(*ast.CompositeLit); !isLit {
		return nil
	}
	spec, ok := p.Parent().Node().(*ast.ValueSpec)
	if !ok || len(spec.Names) != 1 || len(spec.Values) != 1 || spec.Values[0] != p.Node() {
		return nil
	}
	v, _ := c.info.Defs[spec.Names[0]].(*types.Var)
	if v == nil || v.Exported() || !typematch.IsPackageLevel(v) || len(c.assigns[v]) != 1 {
		return nil
	}
	return v
}

// argsOfCalls returns the argument at idx of every call of obj in the
// package, and false when obj is used other than by being called: for a
// variable holding functions (elements), calls through an index
// (obj[k](...)) or through the value of a range over it (for _, m :=
// range obj { m(...) }).
func (c *checker) argsOfCalls(obj types.Object, idx int, elements bool) ([]ast.Expr, bool) {
	var args []ast.Expr
	argAt := func(call *ast.CallExpr) bool {
		if idx >= len(call.Args) || call.Ellipsis != token.NoPos {
			return false
		}
		args = append(args, call.Args[idx])
		return true
	}
	for _, u := range c.usesOf(obj) {
		if !elements {
			fun := u
			if sel, ok := u.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == u.Node() {
				fun = u.Parent() // a method, or a function of another file's import
			}
			call, ok := fun.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun != fun.Node() || !argAt(call) {
				return nil, false
			}
			continue
		}
		switch p := u.Parent().Node().(type) {
		case *ast.IndexExpr:
			call, ok := u.Parent().Parent().Node().(*ast.CallExpr)
			if !ok || p.X != u.Node() || call.Fun != p || !argAt(call) {
				return nil, false
			}
		case *ast.RangeStmt:
			if p.X != u.Node() {
				return nil, false
			}
			if p.Value == nil {
				continue // the keys only
			}
			m := c.varOf(p.Value)
			if m == nil {
				return nil, false
			}
			inner, ok := c.argsOfCalls(m, idx, false)
			if !ok {
				return nil, false
			}
			args = append(args, inner...)
		case *ast.CallExpr:
			if !code.CallsBuiltin(c.info, p, "len") {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return args, true
}

// usesOf returns the identifiers that refer to obj, a function or a
// variable of function type or holding functions.
func (c *checker) usesOf(obj types.Object) []inspector.Cursor {
	if c.uses == nil {
		c.uses = make(map[types.Object][]inspector.Cursor)
		for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
			o := c.info.Uses[cur.Node().(*ast.Ident)]
			switch o := o.(type) {
			case *types.Func:
				if o.Pkg() == c.pass.Pkg {
					c.uses[o] = append(c.uses[o], cur)
				}
			case *types.Var:
				if o.Pkg() == c.pass.Pkg && holdsFuncs(o.Type()) {
					c.uses[o] = append(c.uses[o], cur)
				}
			}
		}
	}
	return c.uses[obj]
}

// holdsFuncs reports whether t is a function type or a slice, array or map
// of them.
func holdsFuncs(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Signature:
		return true
	case *types.Slice:
		_, ok := u.Elem().Underlying().(*types.Signature)
		return ok
	case *types.Array:
		_, ok := u.Elem().Underlying().(*types.Signature)
		return ok
	case *types.Map:
		_, ok := u.Elem().Underlying().(*types.Signature)
		return ok
	}
	return false
}

// wrapperBegin reports whether fn is a database wrapper's Begin: a method
// of a type embedding *sql.DB or *sql.Conn (sqlx's DB, an application's
// own DB struct) whose first result embeds *sql.Tx (sqlx's Beginx,
// MustBegin, BeginTxx). ctx reports a first parameter of type
// context.Context: the wrapper's BeginTx.
func wrapperBegin(fn *types.Func) (ctx, ok bool) {
	sig := fn.Signature()
	if sig.Recv() == nil || fn.Pkg() == nil || fn.Pkg().Path() == "database/sql" || sig.Results().Len() == 0 {
		return false, false
	}
	if !embeds(sig.Recv().Type(), "DB") && !embeds(sig.Recv().Type(), "Conn") || !embeds(sig.Results().At(0).Type(), "Tx") {
		return false, false
	}
	ctx = sig.Params().Len() > 0 && typematch.IsNamed(sig.Params().At(0).Type(), "context", "Context")
	return ctx, true
}

// embeds reports whether t, or what it points to, is a struct embedding
// database/sql's type name, by value or by pointer.
func embeds(t types.Type, name string) bool {
	st, ok := typematch.UnderPointer(t).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		ft := f.Type()
		if p, ok := ft.(*types.Pointer); ok {
			ft = p.Elem()
		}
		if f.Embedded() && typematch.IsNamed(ft, "database/sql", name) {
			return true
		}
	}
	return false
}

// contextBegin returns the name of the method of fn's receiver that
// begins the same transaction with a context (sqlx's BeginTxx beside
// Beginx), or "BeginTx".
func contextBegin(fn *types.Func) string {
	ms := types.NewMethodSet(fn.Signature().Recv().Type())
	for sel := range ms.Methods() {
		m, ok := sel.Obj().(*types.Func)
		if !ok || m == fn {
			continue
		}
		if ctx, ok := wrapperBegin(m); ok && ctx {
			return m.Name()
		}
	}
	return "BeginTx"
}

func isWrapperBegin(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	_, ok := wrapperBegin(fn)
	return ok
}
