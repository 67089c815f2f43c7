package deferloop

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// releasedByHand reports whether every path from the defer back to the
// head of its loops makes the deferred call again without defer
// (rows, err := db.Query(...); defer rows.Close(); ...; rows.Close()):
// the defer covers the iteration's early returns, and the explicit call
// releases the value before the next iteration takes another. A path
// that leaves the function may skip the explicit call (the defer runs
// there), and so may one that breaks out of the loops, which keeps at
// most the one value to the end. A call made on some paths only (inside
// an if, or after a continue that skips it) still leaves values open.
//
// A deferred Rollback of a transaction counts as released by its Commit
// (tx.Commit(), or tx.Commit(ctx)): the transaction is over, and the
// Rollback at return does nothing.
func releasedByHand(info *types.Info, g *cfg.CFG, def *ast.DeferStmt, loops []ast.Stmt) bool {
	sel, ok := ast.Unparen(def.Call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	want := types.ExprString(def.Call)
	recv := types.ExprString(sel.X)
	commits := sel.Sel.Name == "Rollback" && len(def.Call.Args) == 0 && typematch.HasMethod(info.TypeOf(sel.X), "Commit")
	return everyPathBack(g, def, loops, func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit, *ast.DeferStmt, *ast.GoStmt:
				return false
			case *ast.CallExpr:
				if types.ExprString(m) == want {
					found = true
				} else if s, ok := ast.Unparen(m.Fun).(*ast.SelectorExpr); ok && commits && s.Sel.Name == "Commit" && types.ExprString(s.X) == recv {
					found = true
				}
			}
			return !found
		})
		return found
	})
}

// everyPathBack reports whether every path of g from the statement def
// back to the head of one of loops passes a node for which pass holds
// (after def, in its own block, or in a block on the way).
func everyPathBack(g *cfg.CFG, def ast.Node, loops []ast.Stmt, pass func(ast.Node) bool) bool {
	heads := make(map[*cfg.Block]bool)
	var start *cfg.Block
	at := -1
	for _, b := range g.Blocks {
		if isLoopHead(b) && isOneOf(b.Stmt, loops) {
			heads[b] = true
		}
		if i := slices.Index(b.Nodes, def); i >= 0 {
			start, at = b, i
		}
	}
	if start == nil {
		return false
	}
	if slices.ContainsFunc(start.Nodes[at+1:], pass) {
		return true
	}
	return !funcs.SearchBlocks(start.Succs, func(b *cfg.Block) (bool, []*cfg.Block) {
		if heads[b] {
			return true, nil
		}
		if slices.ContainsFunc(b.Nodes, pass) {
			return false, nil
		}
		return false, b.Succs
	})
}
