package lockescape

import (
	"fmt"
	"go/ast"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/astedit"
)

// cloneFix wraps the returned container in maps.Clone or slices.Clone,
// when the file may use them (Go 1.21) and the name is free or already
// the standard package.
func (c *checker) cloneFix(file *ast.File, at ast.Expr, pkg string) []analysis.SuggestedFix {
	edits := []analysis.TextEdit{
		{Pos: at.Pos(), End: at.Pos(), NewText: []byte(pkg + ".Clone(")},
		{Pos: at.End(), End: at.End(), NewText: []byte(")")},
	}
	imported := false
	for _, imp := range file.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if path == pkg && (imp.Name == nil || imp.Name.Name == pkg) {
			imported = true
		}
	}
	if !imported {
		scope := c.pass.Pkg.Scope().Innermost(at.Pos())
		if scope != nil {
			if _, obj := scope.LookupParent(pkg, at.Pos()); obj != nil {
				return nil // the name means something else here
			}
		}
		edits = append(edits, astedit.AddImport(file, pkg))
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Return %s.Clone(%s)", pkg, types.ExprString(at)),
		TextEdits: edits,
	}}
}
