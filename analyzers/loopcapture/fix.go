package loopcapture

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
)

// fixes returns the one fix for all the variables reported for a site:
// pass them as arguments where the literal is called on the spot, else
// copy them before the call. It offers none when the literal assigns a
// variable it captures (a copy would lose the write).
func (c *checker) fixes(cur inspector.Cursor, s site, caps []*capture, loops []ast.Stmt, old bool, fn ast.Node, file *ast.File) []analysis.SuggestedFix {
	if file == nil {
		return nil
	}
	for _, cp := range caps {
		if cp.written {
			return nil
		}
	}
	if s.call != nil {
		if fix, ok := c.argumentFix(s, caps, file); ok {
			return []analysis.SuggestedFix{fix}
		}
		return nil
	}
	if fix, ok := c.copyFix(cur, s, caps, loops, old, fn); ok {
		return []analysis.SuggestedFix{fix}
	}
	return nil
}

// argumentFix turns go func() {...}() into go func(v T) {...}(v).
func (c *checker) argumentFix(s site, caps []*capture, file *ast.File) (analysis.SuggestedFix, bool) {
	params := s.lit.Type.Params
	if s.call.Ellipsis.IsValid() || params == nil || !params.Closing.IsValid() {
		return analysis.SuggestedFix{}, false
	}
	if n := len(params.List); n > 0 {
		last := params.List[n-1]
		if _, variadic := last.Type.(*ast.Ellipsis); variadic || len(last.Names) == 0 {
			return analysis.SuggestedFix{}, false
		}
	}
	var decls, args, names []string
	for _, cp := range caps {
		typ, ok := c.typeExpr(cp.v.Type(), file)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		decls = append(decls, cp.v.Name()+" "+typ)
		args = append(args, cp.v.Name())
		names = append(names, cp.v.Name())
	}
	sep := func(existing bool) string {
		if existing {
			return ", "
		}
		return ""
	}
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("Pass %s as %s to the function literal", joinNames(names), plural(len(names), "an argument", "arguments")),
		TextEdits: []analysis.TextEdit{
			{Pos: params.Closing, End: params.Closing, NewText: []byte(sep(len(params.List) > 0) + strings.Join(decls, ", "))},
			{Pos: s.call.Rparen, End: s.call.Rparen, NewText: []byte(sep(len(s.call.Args) > 0) + strings.Join(args, ", "))},
		},
	}, true
}

// copyFix inserts v := v (a loop variable of a file before Go 1.22) or a
// fresh variable (vCopy := v, read by the literal instead of v) before the
// statement that starts the literal.
func (c *checker) copyFix(cur inspector.Cursor, s site, caps []*capture, loops []ast.Stmt, old bool, fn ast.Node) (analysis.SuggestedFix, bool) {
	stmt, rest := statementOf(cur)
	if stmt == nil || !code.Contains(code.LoopBody(loops[0]), stmt.Pos()) {
		return analysis.SuggestedFix{}, false
	}
	indent, ok := c.indentOf(stmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	info := c.pass.TypesInfo
	var copies []string
	var names []string
	var edits []analysis.TextEdit
	taken := identNames(fn)
	for _, cp := range caps {
		name := cp.v.Name()
		shadow := old && isHeaderVarOf(info, cp.v, loops) && !changedIn(info, cp.v, rest, s.lit)
		if !shadow {
			name = freshName(name+"Copy", taken)
			taken[name] = true
			ast.Inspect(s.lit.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && info.Uses[id] == cp.v {
					edits = append(edits, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(name)})
				}
				return true
			})
		}
		copies = append(copies, fmt.Sprintf("%s := %s\n%s", name, cp.v.Name(), indent))
		names = append(names, fmt.Sprintf("%s := %s", name, cp.v.Name()))
	}
	edits = append(edits, analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(strings.Join(copies, ""))})
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Copy before the call (%s)", strings.Join(names, "; ")),
		TextEdits: edits,
	}, true
}

// statementOf returns the statement, directly in a block or case clause,
// that contains the node at cur, and the statements from it to the end of
// that list.
func statementOf(cur inspector.Cursor) (ast.Stmt, []ast.Stmt) {
	for c := cur; ; c = c.Parent() {
		p := c.Parent()
		if p.Node() == nil {
			return nil, nil
		}
		list, ok := funcs.StmtList(p.Node())
		if !ok {
			switch p.Node().(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				return nil, nil
			}
			continue
		}
		for i, s := range list {
			if s == c.Node() {
				return s, list[i:]
			}
		}
		return nil, nil
	}
}

// indentOf returns the white space before stmt on its line.
func (c *checker) indentOf(stmt ast.Stmt) (string, bool) {
	tf := c.pass.Fset.File(stmt.Pos())
	if tf == nil || c.pass.ReadFile == nil {
		return "", false
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return "", false
	}
	off := tf.Offset(stmt.Pos())
	start := tf.Offset(tf.LineStart(tf.Line(stmt.Pos())))
	if off > len(src) || start > off {
		return "", false
	}
	indent := string(src[start:off])
	for _, r := range indent {
		if r != ' ' && r != '\t' {
			return "", false
		}
	}
	return indent, true
}

func isHeaderVarOf(info *types.Info, v *types.Var, loops []ast.Stmt) bool {
	for _, l := range loops {
		if headerVar(info, v, l) {
			return true
		}
	}
	return false
}

// changedIn reports whether stmts, outside the literal lit, assign v or
// take its address: a shadowing copy would then change what they do.
func changedIn(info *types.Info, v *types.Var, stmts []ast.Stmt, lit *ast.FuncLit) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == v
	}
	changed := false
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return n != lit
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					changed = changed || is(lhs)
				}
			case *ast.IncDecStmt:
				changed = changed || is(n.X)
			case *ast.UnaryExpr:
				changed = changed || (n.Op == token.AND && is(n.X))
			case *ast.RangeStmt:
				changed = changed || (n.Key != nil && is(n.Key)) || (n.Value != nil && is(n.Value))
			}
			return !changed
		})
	}
	return changed
}

func identNames(n ast.Node) map[string]bool {
	m := make(map[string]bool)
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			m[id.Name] = true
		}
		return true
	})
	return m
}

func freshName(base string, taken map[string]bool) string {
	name := base
	for i := 2; taken[name] || token.IsKeyword(name); i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}

// typeExpr writes t as it must be spelled in file, or reports false when
// it cannot be (a package the file does not import, an unexported type of
// another package).
func (c *checker) typeExpr(t types.Type, file *ast.File) (string, bool) {
	ok := true
	qual := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		for _, imp := range file.Imports {
			pn := c.pass.TypesInfo.PkgNameOf(imp)
			if pn == nil || pn.Imported() != p {
				continue
			}
			switch pn.Name() {
			case "_":
				continue
			case ".":
				return ""
			}
			return pn.Name()
		}
		ok = false
		return p.Name()
	}
	s := types.TypeString(t, qual)
	return s, ok && spellable(t, c.pass.Pkg, make(map[types.Type]bool))
}

// spellable reports whether every named type in t can be named from pkg.
func spellable(t types.Type, pkg *types.Package, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg() != pkg && !obj.Exported() {
			return false
		}
		for i := 0; i < t.TypeArgs().Len(); i++ {
			if !spellable(t.TypeArgs().At(i), pkg, seen) {
				return false
			}
		}
	case *types.Alias:
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg() != pkg && !obj.Exported() {
			return false
		}
	case *types.Pointer:
		return spellable(t.Elem(), pkg, seen)
	case *types.Slice:
		return spellable(t.Elem(), pkg, seen)
	case *types.Array:
		return spellable(t.Elem(), pkg, seen)
	case *types.Chan:
		return spellable(t.Elem(), pkg, seen)
	case *types.Map:
		return spellable(t.Key(), pkg, seen) && spellable(t.Elem(), pkg, seen)
	case *types.Signature:
		return spellable(t.Params(), pkg, seen) && spellable(t.Results(), pkg, seen)
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			if !spellable(t.At(i).Type(), pkg, seen) {
				return false
			}
		}
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if !spellable(t.Field(i).Type(), pkg, seen) {
				return false
			}
		}
	case *types.Basic:
		return t.Info()&types.IsUntyped == 0 && t.Kind() != types.Invalid
	}
	return true
}

func joinNames(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
