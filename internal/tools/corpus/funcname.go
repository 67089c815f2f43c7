package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// enclosingFunc returns the name of the function declaration enclosing
// line:col of src ("Name", or "Recv.Name" for a method), or "-" outside
// any function. It keeps review verdicts attached to a finding when the
// lines around it move.
func enclosingFunc(filename string, src []byte, line, col int) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if f == nil {
		return "-"
	}
	_ = err // a partial tree is good enough to name a function
	tf := fset.File(f.Pos())
	if tf == nil || line < 1 || line > tf.LineCount() {
		return "-"
	}
	pos := tf.LineStart(line)
	if col > 1 && int(pos)+col-1 <= tf.Base()+tf.Size() {
		pos += token.Pos(col - 1)
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || pos < fd.Pos() || pos > fd.End() {
			continue
		}
		if fd.Recv != nil && len(fd.Recv.List) == 1 {
			if r := recvName(fd.Recv.List[0].Type); r != "" {
				return r + "." + fd.Name.Name
			}
		}
		return fd.Name.Name
	}
	return "-"
}

func recvName(t ast.Expr) string {
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return strings.TrimSpace(x.Name)
		default:
			return ""
		}
	}
}
