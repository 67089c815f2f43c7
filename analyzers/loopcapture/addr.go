package loopcapture

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/goversion"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkAddressHandedOn reports a go statement that hands the goroutine
// the address of a loop variable of a file before Go 1.22, where the loop
// declares one variable for all its iterations: go update(&svc), or go
// svc.run() with run's pointer receiver. The goroutine reads it while the
// next iteration overwrites it: a data race, and every goroutine may see
// a later item.
func (c *checker) checkAddressHandedOn(cur inspector.Cursor, g *ast.GoStmt) {
	if _, lit := ast.Unparen(g.Call.Fun).(*ast.FuncLit); lit {
		return // a literal's captures are judged by check
	}
	file := goversion.FileOf(c.pass, g.Pos())
	if file == nil || goversion.LangAtLeast(c.pass, file, goversion.Go1_22) {
		return
	}
	loops, _ := enclosingLoops(cur, g)
	if len(loops) == 0 || c.joinsInIteration(loops[0], g) {
		return
	}
	info := c.pass.TypesInfo
	var addrs []ast.Expr
	for _, a := range g.Call.Args {
		if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
			addrs = append(addrs, u.X)
		}
	}
	if sel, ok := ast.Unparen(g.Call.Fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal && !s.Indirect() {
			if sig, ok := s.Obj().Type().(*types.Signature); ok && sig.Recv() != nil {
				if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
					if _, isPtr := info.TypeOf(sel.X).Underlying().(*types.Pointer); !isPtr {
						addrs = append(addrs, sel.X) // go v.run(): &v
					}
				}
			}
		}
	}
	for _, x := range addrs {
		id, ok := ast.Unparen(x).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || !isLoopVar(info, v, loops) {
			continue
		}
		c.r.Report(analysis.Diagnostic{
			Pos: id.Pos(), End: id.End(),
			Message: fmt.Sprintf("goroutine gets the address of loop variable %s, which the next iteration overwrites (before Go 1.22 every goroutine shares it)", v.Name()),
		})
	}
}

// joinsInIteration reports whether the loop's body, after the go
// statement, waits for the goroutines it started (a WaitGroup's or an
// errgroup's Wait): the iteration ends after them.
func (c *checker) joinsInIteration(loop ast.Stmt, g *ast.GoStmt) bool {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok && call.Pos() > g.End() && knowledge.CallsJoin(c.pass.TypesInfo, call) {
			found = true
		}
		return !found
	})
	return found
}

// checkAddressToLauncher reports, in a file before Go 1.22, a call in a
// loop that hands the address of a loop variable to a function of the
// package whose body starts a goroutine with that parameter (go
// c.update(svc), or a go func literal reading it): the goroutine reads
// the one variable every iteration shares while the next iteration
// overwrites it. lbc.allocateService(&svc), with allocateService starting
// go lbc.updateService(svc).
func (c *checker) checkAddressToLauncher(cur inspector.Cursor, call *ast.CallExpr) {
	if len(call.Args) == 0 {
		return
	}
	file := goversion.FileOf(c.pass, call.Pos())
	if file == nil || goversion.LangAtLeast(c.pass, file, goversion.Go1_22) {
		return
	}
	info := c.pass.TypesInfo
	fn := typematch.Callee(info, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return
	}
	loops, _ := enclosingLoops(cur, call)
	if len(loops) == 0 {
		return
	}
	for i, a := range call.Args {
		u, ok := ast.Unparen(a).(*ast.UnaryExpr)
		if !ok || u.Op != token.AND {
			continue
		}
		id, ok := ast.Unparen(u.X).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || !isLoopVar(info, v, loops) || c.joinsAfter(loops[0], call) {
			continue
		}
		if i >= fn.Signature().Params().Len() || !c.launchesWith(fn, fn.Signature().Params().At(i)) {
			continue
		}
		c.r.Report(analysis.Diagnostic{
			Pos: id.Pos(), End: id.End(),
			Message: fmt.Sprintf("%s starts a goroutine with the address of loop variable %s, which the next iteration overwrites (before Go 1.22 every goroutine shares it)", fn.Name(), v.Name()),
		})
	}
}

// launchesWith reports whether the body of fn, a function of this
// package, starts a goroutine that is given the parameter p (go f(p), go
// x.m(p)) or that reads it (go func() { ... p ... }()).
func (c *checker) launchesWith(fn *types.Func, p *types.Var) bool {
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		g, ok := n.(*ast.GoStmt)
		if !ok || found {
			return !found
		}
		ast.Inspect(g.Call, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok && info.Uses[id] == p {
				found = true
			}
			return !found
		})
		return !found
	})
	return found
}

// joinsAfter reports whether the loop's body waits, after call, for what
// it started.
func (c *checker) joinsAfter(loop ast.Stmt, call *ast.CallExpr) bool {
	return c.joinsInIteration(loop, &ast.GoStmt{Go: call.Pos(), Call: call})
}

// declOf returns the declaration of fn in this package, or nil.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = funcs.DeclsOf(c.pass.TypesInfo, c.pass.Files)
	}
	return c.decls[fn]
}
