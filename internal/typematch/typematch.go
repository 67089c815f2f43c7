// Package typematch matches Go entities by their type-checker objects, never
// by spelling: a local type called Mutex is not sync.Mutex, and a renamed
// import of net/http is still net/http.
package typematch

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// PathIs reports whether the package path got names the package want,
// allowing for vendoring ("example.com/app/vendor/google.golang.org/grpc").
func PathIs(got, want string) bool {
	if got == want {
		return true
	}
	_, after, ok := strings.Cut(got, "/vendor/")
	if !ok {
		after, ok = strings.CutPrefix(got, "vendor/")
	}
	return ok && PathIs(after, want)
}

// Imports reports whether pkg imports any of the paths directly: the cheap
// test an analyzer makes before it looks for a trap that needs them.
func Imports(pkg *types.Package, paths ...string) bool {
	if pkg == nil {
		return false
	}
	for _, imp := range pkg.Imports() {
		for _, p := range paths {
			if PathIs(imp.Path(), p) {
				return true
			}
		}
	}
	return false
}

// Callee returns the function or method a call statically calls, or nil
// (calls of function values, conversions, builtins).
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// IsFunc reports whether obj is the package-level function pkgPath.name for
// one of names.
func IsFunc(obj types.Object, pkgPath string, names ...string) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return false
	}
	return PathIs(fn.Pkg().Path(), pkgPath) && slices.Contains(names, fn.Name())
}

// IsMethod reports whether obj is a method named one of names declared on
// the named type pkgPath.typeName (or on a pointer to it, or, for an
// interface type, in its method set). Methods promoted through embedding
// are found as the embedded type's own methods.
func IsMethod(obj types.Object, pkgPath, typeName string, names ...string) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn == nil {
		return false
	}
	fn = fn.Origin()
	recv := fn.Signature().Recv()
	if recv == nil || !slices.Contains(names, fn.Name()) {
		return false
	}
	return IsNamed(recv.Type(), pkgPath, typeName)
}

// IsNamed reports whether t, or the type t points to, is the named type
// pkgPath.name (any instantiation of it, for a generic type).
func IsNamed(t types.Type, pkgPath, name string) bool {
	obj := NamedObj(t)
	return obj != nil && obj.Name() == name && obj.Pkg() != nil && PathIs(obj.Pkg().Path(), pkgPath)
}

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// IsIOSignature reports whether sig is func(params...) (n int, err error):
// the shape of io's Write (a []byte), WriteString (a string) and WriteAt
// (a []byte and an int64 offset).
func IsIOSignature(sig *types.Signature, params ...types.Type) bool {
	ps, rs := sig.Params(), sig.Results()
	if ps.Len() != len(params) || rs.Len() != 2 ||
		!types.Identical(rs.At(0).Type(), types.Typ[types.Int]) || !IsError(rs.At(1).Type()) {
		return false
	}
	for i, t := range params {
		if !types.Identical(ps.At(i).Type(), t) {
			return false
		}
	}
	return true
}

// HasMethod reports whether a value of type t, addressable, has a method
// named name (a method of *T counts for T): an unexported name is looked
// up in the package that declares t.
func HasMethod(t types.Type, name string) bool {
	if t == nil {
		return false
	}
	var pkg *types.Package
	if obj := NamedObj(t); obj != nil {
		pkg = obj.Pkg()
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
	_, ok := obj.(*types.Func)
	return ok
}

// UnderPointer returns the underlying type of t, or, when t is a pointer,
// of the type it points to.
func UnderPointer(t types.Type) types.Type {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem().Underlying()
	}
	return t.Underlying()
}

// IsPackageLevel reports whether obj is declared at its package's top
// level (a package variable, not a local, a parameter or a field).
func IsPackageLevel(obj types.Object) bool {
	return obj != nil && obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope()
}

// NamedObj returns the declaring object of t, or of the type t points to,
// when that is a named type; otherwise nil.
func NamedObj(t types.Type) *types.TypeName {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if n, ok := t.(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}

// IsInterfaceMethod reports whether fn is a method of an interface (or of
// a type parameter's constraint): a call of it is dispatched at run time,
// to code the analysis does not see.
func IsInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// RecvTypeName returns the declaring object of the named type whose
// method fn is (a T or *T receiver, the generic origin for an instance;
// for an interface's method, the interface), or nil for a function.
func RecvTypeName(fn *types.Func) *types.TypeName {
	recv := fn.Signature().Recv()
	if recv == nil {
		return nil
	}
	return NamedObj(recv.Type())
}

// CallsFunc reports whether call calls the package-level function
// pkgPath.name for one of names.
func CallsFunc(info *types.Info, call *ast.CallExpr, pkgPath string, names ...string) bool {
	return IsFunc(typeutil.Callee(info, call), pkgPath, names...)
}

// CallsMethod reports whether call calls a method named one of names of the
// type pkgPath.typeName.
func CallsMethod(info *types.Info, call *ast.CallExpr, pkgPath, typeName string, names ...string) bool {
	return IsMethod(typeutil.Callee(info, call), pkgPath, typeName, names...)
}
