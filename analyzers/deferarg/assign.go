package deferarg

import (
	"go/ast"
	"go/token"
	"go/types"
)

// assigns decides which statements change a variable's value: an
// assignment to it or, for a struct or array held by value, to one of its
// fields or elements; ++ and --; a range clause with =; its address
// passed to a call (which may write through it: row.Scan(&status)); a
// return statement, for a named result; a
// call of a function literal that does one of these.
type assigns struct {
	info *types.Info
	// closures maps a local variable to the function literal it is bound
	// to (f := func() { err = g() }), so that a call f() counts.
	closures map[*types.Var]*ast.FuncLit
	// ranged holds the key and value expressions of range clauses that
	// assign (for k, v = range), each a node of its own in the graph.
	ranged map[ast.Expr]bool
	memo   map[litVar]bool
}

type litVar struct {
	lit *ast.FuncLit
	v   *types.Var
}

func newAssigns(info *types.Info, files []*ast.File) *assigns {
	as := &assigns{
		info:     info,
		closures: make(map[*types.Var]*ast.FuncLit),
		ranged:   make(map[ast.Expr]bool),
		memo:     make(map[litVar]bool),
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					break
				}
				for i, lhs := range n.Lhs {
					id, ok := lhs.(*ast.Ident)
					lit, ok2 := ast.Unparen(n.Rhs[i]).(*ast.FuncLit)
					if v, ok3 := info.ObjectOf(id).(*types.Var); ok && ok2 && ok3 {
						as.closures[v] = lit
					}
				}
			case *ast.RangeStmt:
				if n.Tok == token.ASSIGN {
					for _, e := range []ast.Expr{n.Key, n.Value} {
						if e != nil {
							as.ranged[e] = true
						}
					}
				}
			}
			return true
		})
	}
	return as
}

// assigns reports whether node n of function fn's graph changes v, and
// what does.
func (as *assigns) assigns(fn ast.Node, n ast.Node, v *types.Var) (at ast.Node, returned, hit bool) {
	if e, ok := n.(ast.Expr); ok && as.ranged[e] && as.target(e) == v {
		return e, false, true
	}
	if ret, ok := n.(*ast.ReturnStmt); ok {
		if setsResult(as.info, fn, ret, v) {
			return ret, true, true
		}
	}
	ast.Inspect(n, func(m ast.Node) bool {
		if hit {
			return false
		}
		switch m := m.(type) {
		case *ast.FuncLit:
			return false // counted where it is called
		case *ast.CallExpr:
			if a, ok := as.callChanges(m, v); ok {
				at, hit = a, true
				return false
			}
		}
		if e, ok := as.direct(m, v); ok {
			at, hit = e, true
		}
		return !hit
	})
	return at, false, hit
}

// callChanges reports whether call changes v: it runs a literal that
// does, or passes v's address. A pointer method called on v is not
// counted: most read their receiver (rw.NewReader(res) on a pooled value).
func (as *assigns) callChanges(call *ast.CallExpr, v *types.Var) (ast.Node, bool) {
	if as.callAssigns(call, v) {
		return call, true
	}
	for _, arg := range call.Args {
		switch arg := ast.Unparen(arg).(type) {
		case *ast.FuncLit:
			if as.litAssigns(arg, v) {
				return arg, true
			}
		case *ast.UnaryExpr:
			if arg.Op == token.AND && as.target(arg.X) == v {
				return arg, true
			}
		}
	}
	return nil, false
}

// callAssigns reports whether call runs a function literal that changes
// v, called in place or through the variable it is bound to.
func (as *assigns) callAssigns(call *ast.CallExpr, v *types.Var) bool {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		return as.litAssigns(fun, v)
	case *ast.Ident:
		if w, ok := as.info.Uses[fun].(*types.Var); ok && as.closures[w] != nil {
			return as.litAssigns(as.closures[w], v)
		}
	}
	return false
}

// direct reports whether m, a node of a statement, assigns v directly
// (not through a call), and which expression it assigns through.
func (as *assigns) direct(m ast.Node, v *types.Var) (ast.Expr, bool) {
	switch m := m.(type) {
	case *ast.AssignStmt:
		for _, lhs := range m.Lhs {
			if as.target(lhs) == v {
				return lhs, true
			}
		}
	case *ast.IncDecStmt:
		if as.target(m.X) == v {
			return m.X, true
		}
	case *ast.RangeStmt:
		if m.Tok == token.ASSIGN {
			for _, e := range []ast.Expr{m.Key, m.Value} {
				if e != nil && as.target(e) == v {
					return e, true
				}
			}
		}
	}
	return nil, false
}

// litAssigns reports whether the body of lit, or of a literal inside it,
// changes v.
func (as *assigns) litAssigns(lit *ast.FuncLit, v *types.Var) bool {
	key := litVar{lit, v}
	if r, ok := as.memo[key]; ok {
		return r
	}
	as.memo[key] = false // a literal that calls itself
	found := false
	ast.Inspect(lit.Body, func(m ast.Node) bool {
		if found {
			return false
		}
		if _, ok := as.direct(m, v); ok {
			found = true
		} else if call, ok := m.(*ast.CallExpr); ok {
			_, found = as.callChanges(call, v)
		}
		return !found
	})
	as.memo[key] = found
	return found
}

// target returns the variable whose value an assignment to e changes: e
// itself, or the struct or array variable e is a field or element of
// without going through a pointer, slice or map.
func (as *assigns) target(e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := as.info.ObjectOf(e).(*types.Var)
		if v != nil && v.IsField() {
			return nil
		}
		return v
	case *ast.SelectorExpr:
		if s, ok := as.info.Selections[e]; ok && s.Kind() == types.FieldVal && !s.Indirect() {
			return as.target(e.X)
		}
	case *ast.IndexExpr:
		if t := as.info.TypeOf(e.X); t != nil {
			if _, ok := t.Underlying().(*types.Array); ok {
				return as.target(e.X)
			}
		}
	}
	return nil
}

// setsResult reports whether ret, a return statement of fn, sets v, one
// of fn's named results, to a new value: return err for the result err
// itself leaves it as it is.
func setsResult(info *types.Info, fn ast.Node, ret *ast.ReturnStmt, v *types.Var) bool {
	if len(ret.Results) == 0 {
		return false
	}
	results := resultVars(info, fn)
	for i, r := range results {
		if r != v {
			continue
		}
		if len(ret.Results) != len(results) {
			return true // return f(), f returning several values
		}
		id, ok := ast.Unparen(ret.Results[i]).(*ast.Ident)
		return !ok || info.Uses[id] != v
	}
	return false
}

// resultVars returns the result variables of fn's signature.
func resultVars(info *types.Info, fn ast.Node) []*types.Var {
	var sig *types.Signature
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if f, ok := info.Defs[fn.Name].(*types.Func); ok {
			sig = f.Signature()
		}
	case *ast.FuncLit:
		sig, _ = info.TypeOf(fn).(*types.Signature)
	}
	if sig == nil {
		return nil
	}
	var vs []*types.Var
	for r := range sig.Results().Variables() {
		vs = append(vs, r)
	}
	return vs
}

// isNamedResult reports whether v is a named result of fn.
func isNamedResult(info *types.Info, fn ast.Node, v *types.Var) bool {
	for _, r := range resultVars(info, fn) {
		if r == v && r.Name() != "" && r.Name() != "_" {
			return true
		}
	}
	return false
}
