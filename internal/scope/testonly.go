package scope

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/trapvet/trapvet/internal/typematch"
)

// testOnlyMethods returns, per production file, the methods of the
// unexported types whose values only tests make: a fake clock or a stub
// kept in a production file (for a type assertion there, say) and made
// only in _test.go files. Without a value no such method runs in
// production, so the methods are test support.
//
// The package's non-test files must refer to the type, outside its own
// methods, and only through a pointer (*T in a parameter, a field or a
// type assertion): they expect a value that they never make, so only the
// package's tests can make one. Any other reference may make a value: a
// composite literal, new(T), a variable, field or element of type T, a
// conversion to T or *T, a type argument. A type nothing refers to is
// dead code and stays production, as a type being written does in an
// editor. References from _test.go files count neither way, so the
// package and its test variant agree. When the package has non-test files
// that the build leaves out (foo_windows.go), one of them may make the
// type, and the rule does not apply.
func testOnlyMethods(info *types.Info, fset *token.FileSet, files map[*token.File]fileKind, ignored []string) map[*token.File][]*ast.FuncDecl {
	if info == nil {
		return nil
	}
	for _, name := range ignored {
		if !strings.HasSuffix(name, "_test.go") {
			return nil
		}
	}
	// The candidates: unexported, non-generic named types with methods
	// declared in production files.
	methods := make(map[*types.TypeName][]*ast.FuncDecl)
	for _, fk := range files {
		if fk.kind != Production {
			continue
		}
		for _, d := range fk.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil {
				continue
			}
			fn, ok := info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			tn := typematch.RecvTypeName(fn)
			if tn == nil || tn.Exported() || tn.Type().(*types.Named).TypeParams().Len() > 0 {
				continue
			}
			methods[tn] = append(methods[tn], fd)
		}
	}
	if len(methods) == 0 {
		return nil
	}
	made := make(map[*types.TypeName]bool)
	pointedTo := make(map[*types.TypeName]bool)
	for id, obj := range info.Uses {
		tn, ok := obj.(*types.TypeName)
		if !ok || methods[tn] == nil || made[tn] {
			continue
		}
		fk, ok := files[fset.File(id.Pos())]
		switch {
		case ok && fk.kind == Test:
		case !ok:
			made[tn] = true
		default:
			path, _ := astutil.PathEnclosingInterval(fk.file, id.Pos(), id.End())
			switch {
			case makesValue(path):
				made[tn] = true
			case !inMethodOf(info, path, tn):
				pointedTo[tn] = true
			}
		}
	}
	out := make(map[*token.File][]*ast.FuncDecl)
	for tn, fds := range methods {
		if made[tn] || !pointedTo[tn] {
			continue
		}
		for _, fd := range fds {
			tf := fset.File(fd.Pos())
			out[tf] = append(out[tf], fd)
		}
	}
	return out
}

// inMethodOf reports whether path lies in a method of tn.
func inMethodOf(info *types.Info, path []ast.Node, tn *types.TypeName) bool {
	for _, n := range path {
		if fd, ok := n.(*ast.FuncDecl); ok {
			fn, ok := info.Defs[fd.Name].(*types.Func)
			return ok && typematch.RecvTypeName(fn) == tn
		}
	}
	return false
}

// makesValue reports whether the reference to a type that path leads to
// (path[0], from astutil.PathEnclosingInterval) may make a value of it:
// anything but the type under a pointer (not converted to) and the
// receiver of a method.
func makesValue(path []ast.Node) bool {
	for i := 1; i < len(path); i++ {
		switch n := path[i].(type) {
		case *ast.ParenExpr, *ast.Field:
			continue
		case *ast.StarExpr:
			// *T: a pointer, unless converted to ((*T)(p)).
			for j := i + 1; j < len(path); j++ {
				if _, ok := path[j].(*ast.ParenExpr); ok {
					continue
				}
				call, ok := path[j].(*ast.CallExpr)
				return ok && ast.Unparen(call.Fun) == ast.Unparen(path[j-1].(ast.Expr))
			}
			return false
		case *ast.FieldList:
			if fd, ok := path[i+1].(*ast.FuncDecl); ok && fd.Recv == n {
				return false // the receiver of its own method
			}
			return true
		default:
			return true
		}
	}
	return true
}
