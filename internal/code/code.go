// Package code holds the small questions every analyzer asks of syntax
// and type information: does this node contain that position, does this
// expression use that variable, is it nil. Each is answered once here, so
// that two analyzers asking the same question get the same answer.
package code

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strings"
)

// Contains reports whether pos lies in the source range of n, its end
// excluded. A nil n, or a nil pointer in an ast.Node (an absent result
// list), contains nothing.
func Contains(n ast.Node, pos token.Pos) bool {
	return !isNilNode(n) && n.Pos() <= pos && pos < n.End()
}

// Encloses reports whether the source range of inner lies within that of
// outer (a node encloses itself). A nil outer encloses nothing.
func Encloses(outer, inner ast.Node) bool {
	return !isNilNode(outer) && outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
}

func isNilNode(n ast.Node) bool {
	if n == nil {
		return true
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// Uses reports whether an identifier in n refers to obj.
func Uses(info *types.Info, n ast.Node, obj types.Object) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}

// IsNil reports whether e is the untyped nil.
func IsNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// NilComparison returns the operand that e compares with nil, and the
// comparison's operator, when e is x == nil or x != nil (nil on either
// side).
func NilComparison(info *types.Info, e ast.Expr) (ast.Expr, token.Token, bool) {
	be, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || be.Op != token.EQL && be.Op != token.NEQ {
		return nil, 0, false
	}
	switch {
	case IsNil(info, be.Y):
		return be.X, be.Op, true
	case IsNil(info, be.X):
		return be.Y, be.Op, true
	}
	return nil, 0, false
}

// Unconvert strips the parentheses and type conversions around e:
// sort.Sort(byName(xs)) sorts xs.
func Unconvert(info *types.Info, e ast.Expr) ast.Expr {
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
}

// Sides returns the left- and right-hand sides of an assignment or of a
// var declaration's spec (var a, b = f()), and false for any other node.
// The right-hand side is empty for a spec without values, and holds one
// expression for a tuple assignment (a, b := f()).
func Sides(n ast.Node) (lhs, rhs []ast.Expr, ok bool) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Lhs, n.Rhs, true
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
		return lhs, n.Values, true
	}
	return nil, nil, false
}

// LoopBody returns the body of a for or range statement, and nil for any
// other statement.
func LoopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

// RootVar returns the variable at the root of a chain of field selections,
// dereferences and address operators (x in x.f.g, *x, &x.f), and, when
// throughIndex, of index expressions too (x in x[i].f); nil for any other
// root (a call, a package-level name of another package, a literal).
// Without index expressions the chain denotes the same location each time
// it is evaluated while x is not assigned.
func RootVar(info *types.Info, e ast.Expr, throughIndex bool) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.SelectorExpr:
			if s := info.Selections[x]; s == nil || s.Kind() != types.FieldVal {
				return nil
			}
			e = x.X
		case *ast.IndexExpr:
			if !throughIndex {
				return nil
			}
			e = x.X
		default:
			return nil
		}
	}
}

// InTestFile reports whether pos lies in a _test.go file of fset. What a
// package's tests do (store another channel into a field, import a
// logger) says nothing of the code it ships, and a package and its test
// variant must get the same findings for that code: go vet analyses only
// the test variant of a package that has tests in the same package.
func InTestFile(fset *token.FileSet, pos token.Pos) bool {
	tf := fset.File(pos)
	return tf != nil && strings.HasSuffix(tf.Name(), "_test.go")
}

// CallsBuiltin reports whether call calls one of the named builtin
// functions (append, len, make, panic, ...), not a function that shadows
// the name.
func CallsBuiltin(info *types.Info, call *ast.CallExpr, names ...string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	if !ok {
		return false
	}
	for _, n := range names {
		if b.Name() == n {
			return true
		}
	}
	return false
}

// NameIdent returns the identifier that names e when e is a name, x, or a
// qualified name or selector, pkg.x or v.x (its x); nil otherwise.
func NameIdent(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		return e.Sel
	case *ast.Ident:
		return e
	}
	return nil
}

// RecvOperand returns x when the select case's communication comm
// receives from it: "<-x", "v := <-x" or "v, ok = <-x"; nil for a send or
// a default case.
func RecvOperand(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch s := comm.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// ConstString returns the value of e when it is a constant string (a
// literal, a named constant, a constant expression).
func ConstString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}
