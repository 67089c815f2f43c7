package sliceretain

// The index of local variables: their definitions and uses, built one
// top-level declaration at a time, and the small syntax helpers over it.

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
)

// def is one way a variable gets a value.
type def struct {
	rhs   ast.Expr // the value, or the tuple-valued call when index >= 0
	index int      // result index in a tuple assignment, or -1
	zero  bool     // declared without a value (the zero value)
	bad   bool     // a definition the analysis cannot follow
}

// defsOf, usesOf and funcOf return the definitions, the uses and the
// innermost declaring function of a local variable.
func (c *checker) defsOf(v *types.Var) []def {
	c.indexVar(v)
	return c.defs[v]
}

func (c *checker) usesOf(v *types.Var) []inspector.Cursor {
	c.indexVar(v)
	return c.uses[v]
}

func (c *checker) funcOf(v *types.Var) ast.Node {
	c.indexVar(v)
	return c.fnOf[v]
}

// indexVar indexes the top-level declaration that declares v, which holds
// every use of a local variable, unless it is indexed already.
func (c *checker) indexVar(v *types.Var) {
	cur, ok := c.in.Root().FindByPos(v.Pos(), v.Pos())
	if !ok {
		return
	}
	for {
		parent := cur.Parent()
		if _, isFile := parent.Node().(*ast.File); isFile || parent.Node() == nil {
			break
		}
		cur = parent
	}
	if c.indexed[cur.Node()] {
		return
	}
	c.indexed[cur.Node()] = true
	c.collect(cur)
}

// collect records, for every local variable declared under decl, its
// definitions and uses.
func (c *checker) collect(decl inspector.Cursor) {
	filter := []ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.RangeStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.IncDecStmt)(nil), (*ast.Ident)(nil)}
	for cur := range decl.Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			c.collectAssign(n)
		case *ast.ValueSpec:
			for i, name := range n.Names {
				v := c.localVar(c.info.Defs[name])
				if v == nil {
					continue
				}
				switch {
				case len(n.Values) == 0:
					c.defs[v] = append(c.defs[v], def{index: -1, zero: true})
				case len(n.Values) == len(n.Names):
					c.defs[v] = append(c.defs[v], def{rhs: n.Values[i], index: -1})
				case len(n.Values) == 1:
					c.defs[v] = append(c.defs[v], def{rhs: n.Values[0], index: i})
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if v := c.varOf(e); v != nil {
					c.defs[v] = append(c.defs[v], def{bad: true})
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := c.varOf(n.X); v != nil {
					c.defs[v] = append(c.defs[v], def{bad: true}) // written through a pointer
				}
			}
		case *ast.IncDecStmt:
			if v := c.varOf(n.X); v != nil {
				c.defs[v] = append(c.defs[v], def{bad: true})
			}
		case *ast.Ident:
			if v := c.localVar(c.info.Uses[n]); v != nil {
				c.uses[v] = append(c.uses[v], cur)
			}
			if v := c.localVar(c.info.Defs[n]); v != nil {
				if fn := enclosingFunc(cur); fn != nil {
					c.fnOf[v] = fn
				}
			}
		}
	}
}

func (c *checker) collectAssign(n *ast.AssignStmt) {
	for i, lhs := range n.Lhs {
		v := c.varOf(lhs)
		if v == nil {
			continue
		}
		switch {
		case n.Tok != token.ASSIGN && n.Tok != token.DEFINE:
			c.defs[v] = append(c.defs[v], def{bad: true}) // s += t
		case len(n.Lhs) == len(n.Rhs):
			c.defs[v] = append(c.defs[v], def{rhs: n.Rhs[i], index: -1})
		case len(n.Rhs) == 1:
			c.defs[v] = append(c.defs[v], def{rhs: n.Rhs[0], index: i})
		default:
			c.defs[v] = append(c.defs[v], def{bad: true})
		}
	}
}

// localVar returns obj as a variable local to a function (not a package
// variable, field or parameter), or nil.
func (c *checker) localVar(obj types.Object) *types.Var {
	v, ok := obj.(*types.Var)
	if !ok || v == nil || v.IsField() || v.Pkg() != c.pass.Pkg || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
		return nil
	}
	if v.Kind() != types.LocalVar {
		return nil // parameters, results, receivers: the caller owns them
	}
	return v
}

func (c *checker) varOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	if v := c.localVar(c.info.Defs[id]); v != nil {
		return v
	}
	return c.localVar(c.info.Uses[id])
}

func enclosingFunc(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

// isSelfUpdate reports whether e is v re-sliced, trimmed
// (strings.TrimSpace(v)) or appended to: the value keeps v's array (or a
// grown copy of it).
func (c *checker) isSelfUpdate(v *types.Var, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.SliceExpr:
		return c.varOf(e.X) == v
	case *ast.CallExpr:
		if (c.isBuiltin(e, "append") || c.isTrim(e)) && len(e.Args) > 0 {
			return c.varOf(e.Args[0]) == v
		}
	}
	return false
}

func (c *checker) isBuiltin(call *ast.CallExpr, name string) bool {
	return code.CallsBuiltin(c.info, call, name)
}

func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

func isString(t types.Type) bool {
	b, ok := typeUnder(t).(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isByteOrRuneSlice(t types.Type) bool {
	s, ok := typeUnder(t).(*types.Slice)
	if !ok {
		return false
	}
	b, ok := typeUnder(s.Elem()).(*types.Basic)
	return ok && (b.Kind() == types.Byte || b.Kind() == types.Rune)
}

// isSelfAssigned reports whether the expression at cur is the value of an
// assignment back to v itself (v = v[:n], v = append(v, x)), or the
// left-hand side of an assignment to v or to one of its elements.
func (c *checker) isSelfAssigned(v *types.Var, cur inspector.Cursor) bool {
	e := cur.Node()
	p := parentSkippingParens(cur)
	if call, ok := p.Node().(*ast.CallExpr); ok && c.isBuiltin(call, "append") && len(call.Args) > 0 && ast.Unparen(call.Args[0]) == e {
		e = call
		p = parentSkippingParens(p)
	}
	as, ok := p.Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for i, r := range as.Rhs {
		if ast.Unparen(r) == e {
			return c.varOf(as.Lhs[i]) == v
		}
	}
	return false
}

func parentSkippingParens(cur inspector.Cursor) inspector.Cursor {
	p := cur.Parent()
	for {
		if _, ok := p.Node().(*ast.ParenExpr); !ok {
			return p
		}
		p = p.Parent()
	}
}

// isLHS reports whether the identifier at cur is assigned to (w = ..., or
// w.f = ..., w[i] = ...: stores into it, which storeFlow follows from the
// stored value's side).
func (c *checker) isLHS(cur inspector.Cursor) bool {
	child := cur
	for p := cur.Parent(); ; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ParenExpr, *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
			if ix, ok := n.(*ast.IndexExpr); ok && ix.Index == child.Node() {
				return false
			}
			child = p
			continue
		case *ast.AssignStmt:
			return slices.Contains(n.Lhs, child.Node().(ast.Expr))
		}
		return false
	}
}

func isSliceType(t types.Type) bool {
	_, ok := typeUnder(t).(*types.Slice)
	return ok
}
