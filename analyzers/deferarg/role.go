package deferarg

import (
	"go/ast"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
)

// A role says what a variable passed to a deferred call stands for,
// which decides whether a later assignment is reported.
type role int

const (
	// outcome: the value at return is what the call means to see: an
	// error, a named result, or a variable that holds only a placeholder
	// (var status int, code := 0, var tx *Tx) when the defer is made.
	// Reported, with the fix where it is safe.
	outcome role = iota
	// held: a value computed before the defer, which the call takes as it
	// is then. It releases that very value (f, err := os.Open(name);
	// defer f.Close(); dir, err := os.MkdirTemp(...); defer
	// os.RemoveAll(dir); lease := acquire(); defer lease.release()), and
	// a later value of the variable comes with a defer of its own; or it
	// snapshots the value on purpose (start := time.Now(); n :=
	// len(queue) before a loop that counts it down). Not reported.
	held
)

// roleOf decides v's role for the deferred call def in fn.
func (a *checker) roleOf(fn ast.Node, def *ast.DeferStmt, v *types.Var) role {
	if isNamedResult(a.info, fn, v) || isError(v.Type()) || a.placeholderAt(fn, def, v) {
		return outcome
	}
	return held
}

var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// isError reports whether t is an interface type that includes error.
func isError(t types.Type) bool {
	return types.IsInterface(t) && types.Implements(t, errorType)
}

// refLike reports whether a value of type t refers to other memory, so
// that what a deferred call does with it follows the memory, not the
// variable.
func refLike(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Slice, *types.Chan, *types.Signature, *types.Interface:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	}
	return false
}

// placeholderAt reports whether v holds a placeholder when def is made:
// every assignment to it in fn before def stores a constant, nil or an
// empty composite literal, or it is declared without a value. A parameter
// holds the caller's value; a range or type switch variable, a computed
// one.
func (a *checker) placeholderAt(fn ast.Node, def *ast.DeferStmt, v *types.Var) bool {
	if code.Contains(fn, v.Pos()) && !code.Contains(funcs.Body(fn), v.Pos()) && !isNamedResult(a.info, fn, v) {
		return false // a parameter or receiver
	}
	declared, placeholder := false, true
	ast.Inspect(funcs.Body(fn), func(n ast.Node) bool {
		if !placeholder || n == nil || n.Pos() >= def.Pos() {
			return false
		}
		switch n := n.(type) {
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if a.info.Defs[name] != v {
					continue
				}
				declared = true
				if len(n.Values) == len(n.Names) && !a.isZero(n.Values[i]) || len(n.Values) != 0 && len(n.Values) != len(n.Names) {
					placeholder = false
				}
			}
			return true
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok || a.info.ObjectOf(id) != v {
					if a.as.target(lhs) == v {
						placeholder = false // a field or element
					}
					continue
				}
				declared = true
				if len(n.Lhs) != len(n.Rhs) || !a.isZero(n.Rhs[i]) {
					placeholder = false
				}
			}
			return true
		case *ast.CallExpr:
			if _, ok := a.as.callChanges(n, v); ok {
				placeholder = false
			}
		}
		if _, ok := a.as.direct(n, v); ok {
			placeholder = false
		}
		return true
	})
	return placeholder && (declared || isNamedResult(a.info, fn, v))
}

// isZero reports whether e is a constant, nil, or a composite literal
// with no elements.
func (a *checker) isZero(e ast.Expr) bool {
	e = ast.Unparen(e)
	if tv, ok := a.info.Types[e]; ok && (tv.Value != nil || tv.IsNil()) {
		return true
	}
	lit, ok := e.(*ast.CompositeLit)
	return ok && len(lit.Elts) == 0
}
