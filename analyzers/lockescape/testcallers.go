package lockescape

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// An unexported function's callers are all in the package, and in view.
// When every one of them is in a _test.go file and uses the result on the
// test's own goroutine, the reference it hands out is read by nobody who
// races with the lock's holders: the test runs one step after another.
// Judged this way, a package and its test variant agree on the code the
// package ships: without its tests the function has no caller left and
// is not reported either, and a production caller is in both variants.

// handedOut reports whether the unexported function fn hands its result
// to code that may race with the lock's holders: a caller in a file
// that is not a _test.go file, a use that is not a call (a method value,
// a function value, an interface method of the same name declared in the
// package), or a test caller that uses the result in a goroutine (in a go
// statement, in a function literal that something other than t.Run
// without t.Parallel, t.Cleanup, defer or an immediate call runs, or
// through a variable such code reads).
func (c *checker) handedOut(fn *types.Func) bool {
	if c.handouts == nil {
		c.handouts = c.findHandouts()
	}
	return c.handouts[fn]
}

func (c *checker) findHandouts() map[*types.Func]bool {
	out := make(map[*types.Func]bool)
	pkg := c.pass.Pkg
	for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := c.info.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != pkg || fn.Exported() {
			continue
		}
		fn = fn.Origin()
		if out[fn] {
			continue
		}
		if !code.InTestFile(c.pass.Fset, id.Pos()) || c.concurrentUse(cur) {
			out[fn] = true
		}
	}
	// A method an interface of the package names may be called through
	// it, where no use of the method shows.
	for cur := range c.in.Root().Preorder((*ast.InterfaceType)(nil)) {
		iface, ok := c.info.TypeOf(cur.Node().(*ast.InterfaceType)).(*types.Interface)
		if !ok {
			continue
		}
		for i := range iface.NumMethods() {
			c.markMethods(out, iface.Method(i).Name())
		}
	}
	return out
}

// markMethods marks the unexported methods of the package's named types
// called name as handed out.
func (c *checker) markMethods(out map[*types.Func]bool, name string) {
	if token.IsExported(name) {
		return
	}
	scope := c.pass.Pkg.Scope()
	for _, tname := range scope.Names() {
		tn, ok := scope.Lookup(tname).(*types.TypeName)
		if !ok {
			continue
		}
		n, ok := types.Unalias(tn.Type()).(*types.Named)
		if !ok {
			continue
		}
		for i := range n.NumMethods() {
			if m := n.Method(i); m.Name() == name {
				out[m.Origin()] = true
			}
		}
	}
}

// concurrentUse reports whether the use of a function at the identifier
// cur, in a test file, may run its result on another goroutine than the
// test's: anything but a call, a call in a goroutine, or a call whose
// result, assigned to local variables, is read by code in a goroutine.
func (c *checker) concurrentUse(cur inspector.Cursor) bool {
	call, ok := callOf(cur)
	if !ok {
		return true
	}
	if c.mayRunConcurrently(call) {
		return true
	}
	as, ok := call.Parent().Node().(*ast.AssignStmt)
	if !ok {
		return false
	}
	vars := make(map[types.Object]bool)
	for _, lhs := range as.Lhs {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
			if obj := c.info.ObjectOf(id); obj != nil {
				vars[obj] = true
			}
		}
	}
	for decl := range call.Enclosing((*ast.FuncDecl)(nil)) {
		for use := range decl.Preorder((*ast.Ident)(nil)) {
			if vars[c.info.Uses[use.Node().(*ast.Ident)]] && c.mayRunConcurrently(use) {
				return true
			}
		}
	}
	return false
}

// callOf returns the call whose function the identifier cur names, f or
// x.f in f(...) or x.f(...).
func callOf(cur inspector.Cursor) (inspector.Cursor, bool) {
	id := cur.Node()
	fun := cur
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
		fun = cur.Parent()
	}
	for {
		if _, ok := fun.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		fun = fun.Parent()
	}
	p := fun.Parent()
	if call, ok := p.Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) == ast.Unparen(fun.Node().(ast.Expr)) {
		return p, true
	}
	return inspector.Cursor{}, false
}

// mayRunConcurrently reports whether the code at cur may run on another
// goroutine than the function declaration it is in: under a go
// statement, or in a function literal that is not known to run on the
// caller's goroutine.
func (c *checker) mayRunConcurrently(cur inspector.Cursor) bool {
	for anc := range cur.Enclosing((*ast.GoStmt)(nil), (*ast.FuncLit)(nil)) {
		switch n := anc.Node().(type) {
		case *ast.GoStmt:
			return true
		case *ast.FuncLit:
			if !c.runsInline(anc, n) {
				return true
			}
		}
	}
	return false
}

// runsInline reports whether the function literal lit, at cur, runs on
// the goroutine that evaluates it: called at once (func(){...}(), defer
// func(){...}()), a subtest or sub-benchmark that does not call
// t.Parallel, or a cleanup function.
func (c *checker) runsInline(cur inspector.Cursor, lit *ast.FuncLit) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	if ast.Unparen(call.Fun) == lit {
		_, inGo := cur.Parent().Parent().Node().(*ast.GoStmt)
		return !inGo
	}
	fn := typematch.Callee(c.info, call)
	if fn == nil || fn.Pkg() == nil || !typematch.PathIs(fn.Pkg().Path(), "testing") {
		return false
	}
	switch fn.Name() {
	case "Cleanup":
		return true
	case "Run":
		return !callsParallel(c.info, lit)
	}
	return false
}

// callsParallel reports whether the body of lit calls a Parallel method
// of package testing, outside nested function literals.
func callsParallel(info *types.Info, lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if fn := typematch.Callee(info, n); fn != nil && fn.Name() == "Parallel" && fn.Pkg() != nil && typematch.PathIs(fn.Pkg().Path(), "testing") {
				found = true
			}
		}
		return !found
	})
	return found
}
