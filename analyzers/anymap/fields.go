package anymap

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/typematch"
)

type pkgInfo struct {
	sites decodeSites
	// fields maps each field decoded into, in this package, to a decode
	// target that reaches it.
	fields map[*types.Var]ast.Expr
	// imported caches the DecodedField facts of other packages' fields.
	imported map[*types.Var]bool
	// anyFields: some field, here or in a dependency, holds decoded JSON.
	anyFields bool
	// foreign holds, per field, the paths some function asserts to a
	// type of the program's own: a store put typed values there.
	foreign map[*types.Var]map[string][]string
}

// hasFields reports whether any field may hold decoded JSON: this
// package's, or another package's known by a fact.
func (p *pkgInfo) hasFields() bool { return p.anyFields }

// importsDecodedFields reports whether a dependency exported a
// DecodedField fact.
func importsDecodedFields(pass *analysis.Pass) bool {
	for _, f := range pass.AllObjectFacts() {
		if _, ok := f.Fact.(*DecodedField); ok && f.Object.Pkg() != pass.Pkg {
			return true
		}
	}
	return false
}

// decodedField reports whether JSON is decoded into the field v, and
// where in this package, when it is.
func (p *pkgInfo) decodedField(pass *analysis.Pass, v *types.Var) (ast.Expr, bool) {
	if target, ok := p.fields[v]; ok {
		return target, true
	}
	if v.Pkg() == nil || v.Pkg() == pass.Pkg {
		return nil, false
	}
	known, ok := p.imported[v]
	if !ok {
		known = pass.ImportObjectFact(v, new(DecodedField))
		if p.imported == nil {
			p.imported = make(map[*types.Var]bool)
		}
		p.imported[v] = known
	}
	return nil, known
}

// decodedFields returns the fields of map[string]any, []any or any type
// that the package's decodes fill: fields of the struct decoded into, of
// the structs it holds, and a field decoded into directly (&req.Params).
func decodedFields(pass *analysis.Pass, in *inspector.Inspector) map[*types.Var]ast.Expr {
	fields := make(map[*types.Var]ast.Expr)
	seen := make(map[types.Type]bool)
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !slices.ContainsFunc(call.Args, func(e ast.Expr) bool { return mayTarget(pass.TypesInfo.TypeOf(e)) }) {
			continue
		}
		targets := decodeTarget(pass, call)
		if len(targets) == 0 || strings.HasSuffix(pass.Fset.File(call.Pos()).Name(), "_test.go") {
			// A test decodes output to check it: the program may
			// build the type's maps itself.
			continue
		}
		for _, t := range targets {
			if u, ok := ast.Unparen(t).(*ast.UnaryExpr); ok && u.Op == token.AND {
				if sel, ok := ast.Unparen(u.X).(*ast.SelectorExpr); ok {
					if s := pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
						if f, ok := s.Obj().(*types.Var); ok && isDynamic(f.Type()) {
							if _, ok := fields[f]; !ok {
								fields[f] = t
							}
						}
					}
				}
			}
			if p, ok := types.Unalias(pass.TypesInfo.TypeOf(t)).(*types.Pointer); ok {
				markFields(p.Elem(), t, fields, seen)
			}
		}
	}
	return fields
}

// mayTarget reports whether a value of type t can be a decode target that
// fills a field: a pointer, or an interface holding one.
func mayTarget(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		return true
	}
	return false
}

// markFields records the dynamic fields that decoding into a value of
// type t fills, through nested structs, pointers, slices and maps. A type
// with its own UnmarshalJSON decodes itself: its fields are not followed.
func markFields(t types.Type, target ast.Expr, fields map[*types.Var]ast.Expr, seen map[types.Type]bool) {
	t = types.Unalias(t)
	if seen[t] {
		return
	}
	seen[t] = true
	if n, ok := t.(*types.Named); ok && typematch.HasMethod(n, "UnmarshalJSON") {
		return
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		markFields(u.Elem(), target, fields, seen)
	case *types.Slice:
		markFields(u.Elem(), target, fields, seen)
	case *types.Array:
		markFields(u.Elem(), target, fields, seen)
	case *types.Map:
		markFields(u.Elem(), target, fields, seen)
	case *types.Struct:
		for i := range u.NumFields() {
			f := u.Field(i)
			if !f.Exported() && !f.Embedded() || reflectTagName(u.Tag(i)) == "-" {
				continue // encoding/json leaves it alone
			}
			if isDynamic(f.Type()) {
				if _, ok := fields[f]; !ok {
					fields[f] = target
				}
				continue
			}
			markFields(f.Type(), target, fields, seen)
		}
	}
}

// reflectTagName returns the name of a struct tag's json key.
func reflectTagName(tag string) string {
	name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
	return name
}

// exportDecodedFields exports a DecodedField fact for the decoded fields
// of this package's package-level struct types, for the packages that
// read them (a client library's response type, read by its users).
func exportDecodedFields(pass *analysis.Pass, fields map[*types.Var]ast.Expr) {
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			if f := st.Field(i); f.Exported() {
				if _, ok := fields[f]; ok {
					pass.ExportObjectFact(f, new(DecodedField))
				}
			}
		}
	}
}

// decodeSites holds, for each function body, the calls in it (function
// literals included) that pass some &x: only those can decode into a
// variable the function then reads.
