package loopcapture

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
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
	loops := c.sharedLoopsAt(cur, g)
	if loops == nil {
		return
	}
	var operands []ast.Expr // what the goroutine gets the address of
	if sel, ok := ast.Unparen(g.Call.Fun).(*ast.SelectorExpr); ok && c.takesAddress(sel) {
		operands = append(operands, sel.X) // go v.run(): &v
	}
	for _, a := range g.Call.Args {
		operands = append(operands, addressed(a))
	}
	for _, x := range operands {
		if id, v := loopVarOf(c.pass.TypesInfo, x, loops); v != nil {
			c.r.Report(analysis.Diagnostic{
				Pos: id.Pos(), End: id.End(),
				Message: fmt.Sprintf("goroutine gets the address of loop variable %s, which the next iteration overwrites (before Go 1.22 every goroutine shares it)", v.Name()),
			})
		}
	}
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
	fn := typematch.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return
	}
	loops := c.sharedLoopsAt(cur, call)
	if loops == nil {
		return
	}
	params := fn.Signature().Params()
	for i, a := range call.Args {
		id, v := loopVarOf(c.pass.TypesInfo, addressed(a), loops)
		if v == nil || i >= params.Len() || !c.launchesWith(fn, params.At(i)) {
			continue
		}
		c.r.Report(analysis.Diagnostic{
			Pos: id.Pos(), End: id.End(),
			Message: fmt.Sprintf("%s starts a goroutine with the address of loop variable %s, which the next iteration overwrites (before Go 1.22 every goroutine shares it)", fn.Name(), v.Name()),
		})
	}
}

// sharedLoopsAt returns the loops around n, in a file before Go 1.22
// where a loop's header declares one variable for all its iterations,
// unless the innermost one waits, after n, for what it started; nil
// otherwise.
func (c *checker) sharedLoopsAt(cur inspector.Cursor, n ast.Node) []ast.Stmt {
	file := goversion.FileOf(c.pass, n.Pos())
	if file == nil || goversion.LangAtLeast(c.pass, file, goversion.Go1_22) {
		return nil
	}
	loops, _ := enclosingLoops(cur, n)
	if len(loops) == 0 || c.joinsInIteration(loops[0], n) {
		return nil
	}
	return loops
}

// takesAddress reports whether calling the method value sel takes the
// address of its receiver: a method with a pointer receiver called on a
// value that is not a pointer.
func (c *checker) takesAddress(sel *ast.SelectorExpr) bool {
	info := c.pass.TypesInfo
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || s.Indirect() {
		return false
	}
	sig, ok := s.Obj().Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	_, ptrRecv := sig.Recv().Type().(*types.Pointer)
	_, ptrValue := info.TypeOf(sel.X).Underlying().(*types.Pointer)
	return ptrRecv && !ptrValue
}

// addressed returns x when a is &x, and nil otherwise.
func addressed(a ast.Expr) ast.Expr {
	if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return u.X
	}
	return nil
}

// loopVarOf returns the variable x names, when it is one the header of
// one of loops declares.
func loopVarOf(info *types.Info, x ast.Expr, loops []ast.Stmt) (*ast.Ident, *types.Var) {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil, nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || !isLoopVar(info, v, loops) {
		return nil, nil
	}
	return id, v
}

// joinsInIteration reports whether the loop's body, after n, waits for
// the goroutines it started (a WaitGroup's or an errgroup's Wait): the
// iteration ends after them.
func (c *checker) joinsInIteration(loop ast.Stmt, n ast.Node) bool {
	return funcs.HasCall(code.LoopBody(loop), func(call *ast.CallExpr) bool {
		return call.Pos() > n.End() && knowledge.CallsJoin(c.pass.TypesInfo, call)
	})
}

// launchesWith reports whether the body of fn, a function of this
// package, starts a goroutine that is given the parameter p (go f(p), go
// x.m(p)) or that reads it (go func() { ... p ... }()).
func (c *checker) launchesWith(fn *types.Func, p *types.Var) bool {
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	return funcs.Has(decl.Body, func(n ast.Node) bool {
		g, ok := n.(*ast.GoStmt)
		return ok && code.Uses(c.pass.TypesInfo, g.Call, p)
	})
}

// declOf returns the declaration of fn in this package, or nil.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = funcs.DeclsOf(c.pass.TypesInfo, c.pass.Files)
	}
	return c.decls[fn]
}
