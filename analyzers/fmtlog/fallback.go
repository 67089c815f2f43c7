package fmtlog

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// isFallback reports whether the print is the default of an output the
// program may configure:
//
//   - in the else branch of an if that tests a hook and calls it (if
//     s.ErrorLog != nil { s.ErrorLog.Printf(...) } else { log.Printf(...) },
//     net/http's pattern; if info.errorFunc != nil { info.errorFunc(err) });
//   - after such an if that returns (if s.Error != nil { s.Error(s, msg);
//     return }, text/scanner's);
//   - in a function literal stored in a field left nil (if conf.Error ==
//     nil { conf.Error = func(e error) {...} }) or in a package-level
//     variable (var reportError = func(...) {...}): a default the program
//     replaces.
func (c *checker) isFallback(pc printCall) bool {
	for e := range pc.cur.Enclosing((*ast.IfStmt)(nil), (*ast.BlockStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := e.Node().(type) {
		case *ast.IfStmt:
			if n.Else != nil && code.Contains(n.Else, pc.call.Pos()) && c.callsHook(n) {
				return true
			}
		case *ast.BlockStmt:
			for _, st := range n.List {
				if st.Pos() >= pc.call.Pos() {
					break
				}
				if ifs, ok := st.(*ast.IfStmt); ok && ifs.Else == nil && c.callsHook(ifs) && endsInReturn(ifs.Body) {
					return true
				}
			}
		case *ast.FuncLit:
			switch p := e.Parent().Node().(type) {
			case *ast.AssignStmt:
				if p.Tok == token.ASSIGN && len(p.Lhs) == 1 {
					if _, isField := p.Lhs[0].(*ast.SelectorExpr); isField && setsDefault(e.Parent(), p.Lhs[0]) {
						return true
					}
				}
			case *ast.ValueSpec:
				if len(p.Names) > 0 && c.pass.TypesInfo.Defs[p.Names[0]] != nil && c.pass.TypesInfo.Defs[p.Names[0]].Parent() == c.pass.Pkg.Scope() {
					return true
				}
			}
			return false
		case *ast.FuncDecl:
			return false
		}
	}
	return false
}

// setsDefault reports whether the assignment at cur to lhs is the body of
// an if that tests lhs against nil: it fills in a default.
func setsDefault(cur inspector.Cursor, lhs ast.Expr) bool {
	for e := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		ifs, ok := e.Node().(*ast.IfStmt)
		if !ok {
			return false
		}
		bin, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if ok && bin.Op == token.EQL && types.ExprString(bin.X) == types.ExprString(lhs) {
			if id, ok := bin.Y.(*ast.Ident); ok && id.Name == "nil" {
				return true
			}
		}
	}
	return false
}

// callsHook reports whether the if tests a hook against nil and its body
// calls it: a function-typed field or variable, or a *log.Logger.
func (c *checker) callsHook(ifs *ast.IfStmt) bool {
	for _, cond := range conjuncts(ifs.Cond) {
		if c.callsHookIf(cond, ifs.Body) {
			return true
		}
	}
	return false
}

// conjuncts returns the operands of a chain of && (s != nil && s.ErrorLog
// != nil), or e itself.
func conjuncts(e ast.Expr) []ast.Expr {
	if bin, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && bin.Op == token.LAND {
		return append(conjuncts(bin.X), conjuncts(bin.Y)...)
	}
	return []ast.Expr{e}
}

// callsHookIf reports whether cond tests a hook against nil and body
// calls it.
func (c *checker) callsHookIf(cond ast.Expr, body *ast.BlockStmt) bool {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || bin.Op != token.NEQ {
		return false
	}
	hook := bin.X
	if id, ok := bin.Y.(*ast.Ident); !ok || id.Name != "nil" {
		return false
	}
	want := types.ExprString(hook)
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return !found
		}
		fun := ast.Unparen(call.Fun)
		if types.ExprString(fun) == want {
			found = true
		}
		if sel, ok := fun.(*ast.SelectorExpr); ok && types.ExprString(sel.X) == want &&
			typematch.CallsMethod(c.pass.TypesInfo, call, "log", "Logger", "Print", "Printf", "Println", "Output") {
			found = true
		}
		return !found
	})
	return found
}

func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}
