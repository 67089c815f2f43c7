package loopcapture

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/goversion"
	"github.com/trapvet/trapvet/internal/knowledge"
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
