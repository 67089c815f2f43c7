// Package astedit builds the text edits of trapvet's suggested fixes that
// several analyzers need.
package astedit

import (
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// AddImport returns the edit that imports path into f: in sorted position
// in the first parenthesised import declaration, else as a declaration of
// its own after the package clause. A lone unparenthesised import becomes
// a group of two.
func AddImport(f *ast.File, path string) analysis.TextEdit {
	quoted := strconv.Quote(path)
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			break
		}
		if !gd.Lparen.IsValid() {
			// import "fmt": make it a group of two, in order.
			spec := gd.Specs[0].(*ast.ImportSpec)
			old := spec.Path.Value
			if spec.Name != nil {
				old = spec.Name.Name + " " + old
			}
			first, second := old, quoted
			if p, _ := strconv.Unquote(spec.Path.Value); p > path {
				first, second = quoted, old
			}
			return analysis.TextEdit{Pos: spec.Pos(), End: spec.End(), NewText: []byte("(\n\t" + first + "\n\t" + second + "\n)")}
		}
		for _, s := range gd.Specs {
			spec := s.(*ast.ImportSpec)
			if p, _ := strconv.Unquote(spec.Path.Value); p > path {
				return analysis.TextEdit{Pos: spec.Pos(), End: spec.Pos(), NewText: []byte(quoted + "\n\t")}
			}
		}
		return analysis.TextEdit{Pos: gd.Rparen, End: gd.Rparen, NewText: []byte("\t" + quoted + "\n")}
	}
	return analysis.TextEdit{Pos: f.Name.End(), End: f.Name.End(), NewText: []byte("\n\nimport " + quoted)}
}

// Imports reports whether f imports path under its own name.
func Imports(f *ast.File, path string) bool {
	for _, spec := range f.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == path && (spec.Name == nil || spec.Name.Name != "_" && spec.Name.Name != ".") {
			return true
		}
	}
	return false
}

// DeleteStmt returns the edit that removes stmt with the rest of its line:
// from the start of its line, when only white space precedes it, to the
// end of the line.
func DeleteStmt(tf *token.File, src []byte, stmt ast.Stmt) analysis.TextEdit {
	start, end := tf.Offset(stmt.Pos()), tf.Offset(stmt.End())
	lineStart := start
	for lineStart > 0 && (src[lineStart-1] == ' ' || src[lineStart-1] == '\t') {
		lineStart--
	}
	if lineStart == 0 || src[lineStart-1] == '\n' {
		start = lineStart
		for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
			end++
		}
		if end < len(src) && src[end] == '\n' {
			end++
		}
	}
	return analysis.TextEdit{Pos: tf.Pos(start), End: tf.Pos(end)}
}
