package lockescape

import (
	"go/types"

	"github.com/trapvet/trapvet/internal/typematch"
)

// calledFromOutside reports whether the method fn, exported by name, can
// be called by an importer: its receiver's type is exported, or an
// unexported receiver type reaches importers. An unexported type reaches
// them when an exported function, method, variable or struct field of the
// package names it (or a pointer, slice, array, map or channel of it) in
// its type, when an exported struct embeds it, or when it implements an
// exported interface, of the package or of a package it imports, that has
// a method of fn's name: an importer may then hold it as that interface.
// Otherwise every caller is in the package (go-fuse's handle map, held in
// an unexported field through an unexported interface), and the method
// is judged like an unexported function.
func (c *checker) calledFromOutside(fn *types.Func) bool {
	tn := typematch.RecvTypeName(fn)
	if tn == nil || tn.Exported() || tn.Pkg() != c.pass.Pkg {
		return true
	}
	named := tn.Type().(*types.Named)
	if c.reaching == nil {
		c.reaching = make(map[*types.TypeName]bool)
	}
	if r, ok := c.reaching[tn]; ok {
		return r || c.viaInterface(named, fn.Name())
	}
	r := c.namedByExported(tn)
	c.reaching[tn] = r
	return r || c.viaInterface(named, fn.Name())
}

// namedByExported reports whether an exported declaration of the package
// names tn in its type, or an exported struct embeds it.
func (c *checker) namedByExported(tn *types.TypeName) bool {
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if obj.Exported() && mentions(obj.Type(), tn, 0) {
			return true
		}
		tobj, ok := obj.(*types.TypeName)
		if !ok {
			continue
		}
		n, ok := types.Unalias(tobj.Type()).(*types.Named)
		if !ok {
			continue
		}
		if st, ok := n.Underlying().(*types.Struct); ok {
			for i := range st.NumFields() {
				f := st.Field(i)
				if (f.Exported() || f.Embedded() && tobj.Exported()) && mentions(f.Type(), tn, 0) {
					return true
				}
			}
		}
		if !tobj.Exported() {
			continue
		}
		for i := range n.NumMethods() {
			if m := n.Method(i); m.Exported() && mentions(m.Type(), tn, 0) {
				return true
			}
		}
	}
	return false
}

// viaInterface reports whether the named type, or a pointer to it,
// implements an exported interface with a method called method, declared
// in the package or in one it imports. The interfaces are indexed by
// method name once per package.
func (c *checker) viaInterface(named *types.Named, method string) bool {
	if c.ifacesByMethod == nil {
		c.ifacesByMethod = make(map[string][]*types.Interface)
		pkgs := append([]*types.Package{c.pass.Pkg}, c.pass.Pkg.Imports()...)
		for _, pkg := range pkgs {
			scope := pkg.Scope()
			for _, name := range scope.Names() {
				tobj, ok := scope.Lookup(name).(*types.TypeName)
				if !ok || !tobj.Exported() {
					continue
				}
				iface, ok := tobj.Type().Underlying().(*types.Interface)
				if !ok {
					continue
				}
				for i := range iface.NumMethods() {
					m := iface.Method(i).Name()
					c.ifacesByMethod[m] = append(c.ifacesByMethod[m], iface)
				}
			}
		}
	}
	ptr := types.NewPointer(named)
	for _, iface := range c.ifacesByMethod[method] {
		if types.Implements(named, iface) || types.Implements(ptr, iface) {
			return true
		}
	}
	return false
}

// mentions reports whether t names tn, directly or through pointers,
// slices, arrays, maps, channels, function signatures and struct fields.
func mentions(t types.Type, tn *types.TypeName, depth int) bool {
	if depth > 8 {
		return false
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Origin().Obj() == tn
	case *types.Pointer:
		return mentions(t.Elem(), tn, depth+1)
	case *types.Slice:
		return mentions(t.Elem(), tn, depth+1)
	case *types.Array:
		return mentions(t.Elem(), tn, depth+1)
	case *types.Map:
		return mentions(t.Key(), tn, depth+1) || mentions(t.Elem(), tn, depth+1)
	case *types.Chan:
		return mentions(t.Elem(), tn, depth+1)
	case *types.Signature:
		for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
			for i := range tup.Len() {
				if mentions(tup.At(i).Type(), tn, depth+1) {
					return true
				}
			}
		}
	case *types.Struct:
		for i := range t.NumFields() {
			if f := t.Field(i); f.Exported() && mentions(f.Type(), tn, depth+1) {
				return true
			}
		}
	}
	return false
}
