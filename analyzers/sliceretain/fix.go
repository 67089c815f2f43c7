package sliceretain

// The fix: copying the part with slices.Clone, bytes.Clone or
// strings.Clone by Go version, and when a copy cannot change behaviour.

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/goversion"
)

// cloneFix wraps the part in a copy when that cannot change behaviour: the
// part escapes directly (not through a local variable that could be
// written through), and nothing writes into v's array after the slice.
func (c *checker) cloneFix(v *types.Var, p part) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if p.split != nil {
		return c.splitPartFix(p)
	}
	if p.slice == nil {
		return none, false // a part a callee made: its type may hold it anywhere
	}
	switch ctx := parentSkippingParens(p.cur).Node().(type) {
	case *ast.AssignStmt:
		for _, l := range ctx.Lhs {
			if c.varOf(l) != nil {
				return none, false
			}
		}
	case *ast.ValueSpec:
		return none, false
	}
	if v != nil && c.writtenAfter(v, p) {
		return none, false
	}
	file := goversion.FileOf(c.pass, p.slice.Pos())
	if file == nil {
		return none, false
	}
	t := c.info.TypeOf(p.slice)
	partSrc := c.source(p.slice)
	if t == nil || partSrc == "" {
		return none, false
	}
	var pkgPath, fnName, msg string
	var fallback string
	byteSlice := types.NewSlice(types.Typ[types.Byte])
	switch {
	case types.Identical(t, types.Typ[types.String]):
		pkgPath, fnName = "strings", "Clone"
		if !goversion.StdlibAtLeast(c.pass, file, goversion.Go1_20) {
			return none, false
		}
	case types.Identical(t, byteSlice):
		pkgPath, fnName = "bytes", "Clone"
		if !goversion.StdlibAtLeast(c.pass, file, goversion.Go1_20) {
			fallback = c.appendCopy("[]byte", p.slice, partSrc)
		}
	case isSliceType(t):
		pkgPath, fnName = "slices", "Clone"
		if !goversion.StdlibAtLeast(c.pass, file, goversion.Go1_21) {
			ts, ok := c.typeString(t, file)
			if !ok {
				return none, false
			}
			fallback = c.appendCopy(ts, p.slice, partSrc)
		}
	default:
		return none, false
	}
	if fallback != "" {
		return analysis.SuggestedFix{
			Message: "Copy " + partSrc + " into a new slice",
			TextEdits: []analysis.TextEdit{{
				Pos: p.slice.Pos(), End: p.slice.End(), NewText: []byte(fallback),
			}},
		}, true
	}
	name, edits, ok := c.importName(file, pkgPath, p.slice.Pos())
	if !ok {
		return none, false
	}
	msg = fmt.Sprintf("Copy %s with %s.%s", partSrc, pkgPath, fnName)
	edits = append(edits, analysis.TextEdit{
		Pos: p.slice.Pos(), End: p.slice.End(),
		NewText: []byte(name + "." + fnName + "(" + partSrc + ")"),
	})
	return analysis.SuggestedFix{Message: msg, TextEdits: edits}, true
}

// appendCopy spells append(T(nil), part...), or append(T{}, part...) when
// the part may be empty (append to nil would turn it into a nil slice).
func (c *checker) appendCopy(typ string, sl *ast.SliceExpr, partSrc string) string {
	if c.provablyNonEmpty(sl) {
		return "append(" + typ + "(nil), " + partSrc + "...)"
	}
	return "append(" + typ + "{}, " + partSrc + "...)"
}

func (c *checker) provablyNonEmpty(sl *ast.SliceExpr) bool {
	lo := int64(0)
	if sl.Low != nil {
		tv, ok := c.info.Types[sl.Low]
		if !ok || tv.Value == nil {
			return false
		}
		lo, _ = constant.Int64Val(constant.ToInt(tv.Value))
	}
	tv, ok := c.info.Types[sl.High]
	if !ok || tv.Value == nil {
		return false
	}
	hi, _ := constant.Int64Val(constant.ToInt(tv.Value))
	return hi > lo
}

// writtenAfter reports whether v's array may be written or handed on
// after the part is taken (or anywhere in a loop around it), so that a
// copy would no longer see the writes that the shared array shows.
func (c *checker) writtenAfter(v *types.Var, p part) bool {
	var loops []ast.Node
	for l := range p.cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if _, isFn := l.Node().(*ast.FuncDecl); isFn {
			break
		}
		if _, isFn := l.Node().(*ast.FuncLit); isFn {
			break
		}
		loops = append(loops, l.Node())
	}
	inLoop := func(pos token.Pos) bool {
		for _, l := range loops {
			if l.Pos() <= pos && pos < l.End() {
				return true
			}
		}
		return false
	}
	for _, u := range c.usesOf(v) {
		if u.Node().Pos() < p.slice.End() && !inLoop(u.Node().Pos()) {
			continue
		}
		if u.Node() == p.slice.X || (p.slice.X.Pos() <= u.Node().Pos() && u.Node().End() <= p.slice.X.End()) {
			continue
		}
		ctx := parentSkippingParens(u)
		switch n := ctx.Node().(type) {
		case *ast.CallExpr:
			if c.isBuiltin(n, "len") || c.isBuiltin(n, "cap") {
				continue
			}
		case *ast.IndexExpr:
			if !c.isLHS(ctx) {
				if _, isAddr := parentSkippingParens(ctx).Node().(*ast.UnaryExpr); !isAddr {
					continue
				}
			}
		case *ast.SliceExpr:
			if c.onlyRead(ctx) {
				continue
			}
		}
		return true
	}
	return false
}

// onlyRead reports whether the slice expression at cur is used where it
// cannot be written through on the spot: returned, sent, stored, held in a
// literal, measured or converted to a string. Passed to a call (copy,
// a Read) or indexed, it may be written.
func (c *checker) onlyRead(cur inspector.Cursor) bool {
	switch ctx := parentSkippingParens(cur).Node().(type) {
	case *ast.ReturnStmt, *ast.SendStmt, *ast.CompositeLit, *ast.KeyValueExpr:
		return true
	case *ast.AssignStmt:
		return !slices.Contains(ctx.Lhs, cur.Node().(ast.Expr)) && c.varOf(ctx.Lhs[0]) == nil
	case *ast.CallExpr:
		if c.isBuiltin(ctx, "len") || c.isBuiltin(ctx, "cap") {
			return true
		}
		if tv, ok := c.info.Types[ctx.Fun]; ok && tv.IsType() && isString(tv.Type) {
			return true
		}
	}
	return false
}

func (c *checker) source(n ast.Node) string {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return ""
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return ""
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if start < 0 || end > len(src) || start > end {
		return ""
	}
	return string(src[start:end])
}

// typeString spells t as file can name it, or reports false when the file
// does not import a package it needs.
func (c *checker) typeString(t types.Type, file *ast.File) (string, bool) {
	ok := true
	qual := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		for _, imp := range file.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil || path != p.Path() {
				continue
			}
			if imp.Name != nil {
				if imp.Name.Name == "_" || imp.Name.Name == "." {
					continue
				}
				return imp.Name.Name
			}
			return p.Name()
		}
		ok = false
		return p.Name()
	}
	s := types.TypeString(t, qual)
	return s, ok
}

// importName returns the name under which file may refer to the package
// path at pos, with the edit that imports it when the file does not yet.
func (c *checker) importName(file *ast.File, path string, pos token.Pos) (string, []analysis.TextEdit, bool) {
	for _, imp := range file.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil || p != path {
			continue
		}
		if imp.Name == nil {
			return path, nil, !c.shadowed(path, pos, true)
		}
		if imp.Name.Name != "_" && imp.Name.Name != "." {
			return imp.Name.Name, nil, true
		}
	}
	if c.shadowed(path, pos, false) {
		return "", nil, false
	}
	quoted := strconv.Quote(path)
	for _, decl := range file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if !gd.Lparen.IsValid() {
			return path, []analysis.TextEdit{{Pos: gd.End(), End: gd.End(), NewText: []byte("\nimport " + quoted)}}, true
		}
		for _, spec := range gd.Specs {
			is := spec.(*ast.ImportSpec)
			if is.Path.Value > quoted {
				return path, []analysis.TextEdit{{Pos: is.Pos(), End: is.Pos(), NewText: []byte(quoted + "\n\t")}}, true
			}
		}
		if len(gd.Specs) > 0 {
			last := gd.Specs[len(gd.Specs)-1]
			return path, []analysis.TextEdit{{Pos: last.End(), End: last.End(), NewText: []byte("\n\t" + quoted)}}, true
		}
		return path, []analysis.TextEdit{{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t" + quoted + "\n")}}, true
	}
	return path, []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + quoted)}}, true
}

// shadowed reports whether the name of package path means something else
// at pos (a local variable called bytes). imported says the file imports
// the package under its own name.
func (c *checker) shadowed(path string, pos token.Pos, imported bool) bool {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return true
	}
	_, obj := scope.LookupParent(path, pos)
	if obj == nil {
		return false
	}
	if pn, ok := obj.(*types.PkgName); ok && imported && pn.Imported().Path() == path {
		return false
	}
	return true
}

// splitPartFix wraps a string element of a split in strings.Clone. Strings
// cannot be written, so the copy always behaves the same; a byte-slice
// part, Cut's before and a sub-list (whose strings would each need a
// copy) get no fix.
func (c *checker) splitPartFix(p part) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	ix, ok := p.node.(*ast.IndexExpr)
	if !ok || !types.Identical(c.info.TypeOf(ix), types.Typ[types.String]) {
		return none, false
	}
	file := goversion.FileOf(c.pass, ix.Pos())
	partSrc := c.source(ix)
	if file == nil || partSrc == "" || !goversion.StdlibAtLeast(c.pass, file, goversion.Go1_20) {
		return none, false
	}
	name, edits, ok := c.importName(file, "strings", ix.Pos())
	if !ok {
		return none, false
	}
	edits = append(edits, analysis.TextEdit{Pos: ix.Pos(), End: ix.End(), NewText: []byte(name + ".Clone(" + partSrc + ")")})
	return analysis.SuggestedFix{Message: "Copy " + partSrc + " with strings.Clone", TextEdits: edits}, true
}
