package lockescape

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
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
		edit, ok := addImport(file, pkg)
		if !ok {
			return nil
		}
		edits = append(edits, edit)
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Return %s.Clone(%s)", pkg, types.ExprString(at)),
		TextEdits: edits,
	}}
}

// addImport adds path to the file's parenthesised import declaration, or
// a new one after the package clause.
func addImport(file *ast.File, path string) (analysis.TextEdit, bool) {
	for _, d := range file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		if !g.Lparen.IsValid() {
			return analysis.TextEdit{}, false
		}
		return analysis.TextEdit{Pos: g.Lparen + 1, End: g.Lparen + 1, NewText: []byte("\n\t" + strconv.Quote(path))}, true
	}
	return analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + strconv.Quote(path))}, true
}
