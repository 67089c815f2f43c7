// Package paramflow summarises, per function, what a function does with
// the values passed to it: which parameters it keeps beyond the call
// (stores in a field, a map, a slice element or a package variable, or
// sends on a channel), and which results are parts of a parameter (a
// sub-slice, a substring, a trimmed or split part). The summary is one
// step deep: a parameter handed on to another function is not followed.
// Analyzers build one Summaries per pass, ask it at the call, and export
// what they need of it as facts.
package paramflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// Summary is what one function does with its parameters.
type Summary struct {
	// Stores lists the indexes of the parameters the function keeps
	// beyond the call, whole or a part of them.
	Stores []int
	// Parts lists the results that are, on every return, a part of one
	// parameter (or nil, or the empty string).
	Parts []Part
}

// Part says that result Result is a part of parameter Param: on each
// return, one of Exprs (a slice expression of the parameter, or a call
// that trims or splits it).
type Part struct {
	Result, Param int
	Exprs         []ast.Expr
}

// Summaries computes summaries of a package's functions on demand.
type Summaries struct {
	info  *types.Info
	decls funcs.Decls
	cache map[*types.Func]*Summary
}

// New returns the summaries of the functions of decls, computed on demand.
func New(info *types.Info, decls funcs.Decls) *Summaries {
	return &Summaries{info: info, decls: decls, cache: make(map[*types.Func]*Summary)}
}

// Funcs returns the functions declared with a body in the package.
func (s *Summaries) Funcs() funcs.Decls { return s.decls }

// Of returns the summary of fn, a function of this package, or nil when
// it keeps no parameter and returns no part of one.
func (s *Summaries) Of(fn *types.Func) *Summary {
	fn = fn.Origin()
	if sum, ok := s.cache[fn]; ok {
		return sum
	}
	var sum *Summary
	if fd := s.decls[fn]; fd != nil {
		sum = s.summarize(fd)
	}
	s.cache[fn] = sum
	return sum
}

func (s *Summaries) summarize(fd *ast.FuncDecl) *Summary {
	params := make(map[*types.Var]int)
	i := 0
	for _, field := range fd.Type.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, id := range field.Names {
			if v, ok := s.info.Defs[id].(*types.Var); ok && holdsReference(v.Type()) {
				params[v] = i
			}
			i++
		}
	}
	if len(params) == 0 {
		return nil
	}
	f := &flow{info: s.info, params: params, defs: make(map[*types.Var]ast.Expr), assigned: make(map[*types.Var]int), received: make(map[*types.Var]bool)}
	for _, list := range []*ast.FieldList{fd.Recv, fd.Type.Params} {
		if list == nil {
			continue
		}
		for _, field := range list.List {
			for _, id := range field.Names {
				if v, ok := s.info.Defs[id].(*types.Var); ok {
					f.received[v] = true
				}
			}
		}
	}
	f.index(fd.Body)
	for v := range params {
		if f.assigned[v] > 0 {
			delete(params, v) // p = strings.Clone(p): no longer the caller's value
		}
	}
	sum := &Summary{Stores: f.stores(fd.Body), Parts: f.parts(fd)}
	if len(sum.Stores) == 0 && len(sum.Parts) == 0 {
		return nil
	}
	return sum
}

// flow is the index of one function body.
type flow struct {
	info     *types.Info
	params   map[*types.Var]int
	defs     map[*types.Var]ast.Expr // locals defined once, v := e
	assigned map[*types.Var]int      // assignments after the definition, and &v
	received map[*types.Var]bool     // the receiver and the parameters
}

func (f *flow) index(body *ast.BlockStmt) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				v, ok := f.info.ObjectOf(id).(*types.Var)
				if !ok {
					continue
				}
				if n.Tok == token.DEFINE && f.info.Defs[id] == v && len(n.Lhs) == len(n.Rhs) {
					f.defs[v] = n.Rhs[i]
				} else {
					f.assigned[v]++
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok {
					if v, ok := f.info.ObjectOf(id).(*types.Var); ok {
						f.assigned[v]++
					}
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
				if v, ok := f.info.ObjectOf(id).(*types.Var); ok {
					f.assigned[v]++
				}
			}
		}
		return true
	})
}

// paramOf returns the index of the parameter whose memory e shares: the
// parameter itself, a slice of it, a trim of it, or a local variable
// defined once from one of those.
func (f *flow) paramOf(e ast.Expr, depth int) (int, bool) {
	if depth > 8 {
		return 0, false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := f.info.Uses[x].(*types.Var)
		if !ok {
			return 0, false
		}
		if i, ok := f.params[v]; ok {
			return i, true
		}
		if d := f.defs[v]; d != nil && f.assigned[v] == 0 {
			return f.paramOf(d, depth+1)
		}
	case *ast.SliceExpr:
		return f.paramOf(x.X, depth+1)
	case *ast.CallExpr:
		if isTrim(f.info, x) || isSplit(f.info, x) {
			return f.paramOf(x.Args[0], depth+1)
		}
	case *ast.IndexExpr:
		// fields[1] of fields := strings.Fields(p): a piece of p.
		if _, isSlice := under(f.info.TypeOf(x.X)).(*types.Slice); isSlice && holdsReference(f.info.TypeOf(x)) {
			return f.paramOf(x.X, depth+1)
		}
	}
	return 0, false
}

// isSplit reports whether call returns pieces of its first argument:
// strings.Split, SplitAfter and Fields (and FieldsFunc), and their bytes
// twins. SplitN's last piece is the unsplit rest, and is left out.
func isSplit(info *types.Info, call *ast.CallExpr) bool {
	fn := typematch.Callee(info, call)
	return typematch.IsFunc(fn, "strings", "Split", "SplitAfter", "Fields", "FieldsFunc") ||
		typematch.IsFunc(fn, "bytes", "Split", "SplitAfter", "Fields", "FieldsFunc")
}

// stores returns the parameters that the body keeps: stored into a
// field, an element, a map (as key or value) or a package variable, or
// sent on a channel, directly or in a composite literal or append.
func (f *flow) stores(body *ast.BlockStmt) []int {
	kept := make(map[int]bool)
	keep := func(e ast.Expr) {
		for _, v := range f.heldBy(e) {
			kept[v] = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return true
			}
			for i, lhs := range n.Lhs {
				if f.outlives(lhs) {
					keep(n.Rhs[i])
					if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
						if _, isMap := under(f.info.TypeOf(ix.X)).(*types.Map); isMap {
							keep(ix.Index) // m[part] = v keeps the key
						}
					}
				}
			}
		case *ast.SendStmt:
			keep(n.Value)
		}
		return true
	})
	var out []int
	for i := range kept {
		out = append(out, i)
	}
	slices.Sort(out)
	return out
}

// outlives reports whether a store into lhs outlives the call: into a
// package variable, or into a field, element, map entry or pointee
// reached from a parameter, the receiver or a package variable. A store
// into a local value (r.Name = part; return r) is the function's own.
func (f *flow) outlives(lhs ast.Expr) bool {
	e := ast.Unparen(lhs)
	steps := 0
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
				if _, isPkg := f.info.Uses[id].(*types.PkgName); isPkg {
					return true // pkg.Var
				}
			}
			e = ast.Unparen(x.X)
		case *ast.IndexExpr:
			e = ast.Unparen(x.X)
		case *ast.StarExpr:
			e = ast.Unparen(x.X)
		case *ast.Ident:
			v, ok := f.info.Uses[x].(*types.Var)
			if !ok {
				return false
			}
			if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
				return true
			}
			return steps > 0 && f.received[v]
		default:
			return false
		}
		steps++
	}
}

// heldBy returns the parameters whose memory the value of e holds: e
// itself, the elements of a composite literal, the appended values.
func (f *flow) heldBy(e ast.Expr) []int {
	if i, ok := f.paramOf(e, 0); ok {
		return []int{i}
	}
	var out []int
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				out = append(out, f.heldBy(kv.Key)...)
				el = kv.Value
			}
			out = append(out, f.heldBy(el)...)
		}
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return f.heldBy(x.X)
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok {
			if b, ok := f.info.Uses[id].(*types.Builtin); ok && b.Name() == "append" && !x.Ellipsis.IsValid() {
				for _, a := range x.Args[1:] {
					out = append(out, f.heldBy(a)...)
				}
			}
		}
	}
	return out
}

// parts returns the results that every return fills with a part of the
// same parameter, or with nil or "".
func (f *flow) parts(fd *ast.FuncDecl) []Part {
	sig, ok := f.info.Defs[fd.Name].Type().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return nil
	}
	var returns []*ast.ReturnStmt
	naked := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != sig.Results().Len() {
				naked = true
			}
			returns = append(returns, n)
		}
		return true
	})
	if naked || len(returns) == 0 {
		return nil
	}
	var out []Part
	for j := range sig.Results().Len() {
		if !holdsReference(sig.Results().At(j).Type()) && !isStruct(sig.Results().At(j).Type()) {
			continue
		}
		p := Part{Result: j, Param: -1}
		ok := true
		for _, r := range returns {
			e := ast.Unparen(r.Results[j])
			if isEmpty(f.info, e) {
				continue
			}
			for _, e := range f.fieldValues(e) {
				i, isPart := f.paramOf(e, 0)
				if !isPart || (p.Param >= 0 && p.Param != i) || !f.strictPart(e) {
					ok = false
					break
				}
				p.Param = i
				p.Exprs = append(p.Exprs, f.partExpr(e))
			}
			if !ok {
				break
			}
		}
		if ok && p.Param >= 0 {
			out = append(out, p)
		}
	}
	return out
}

// fieldValues returns the values of e that may share a parameter's
// memory: e itself, or, for a struct literal (or its address), the
// values of its fields that do (Entry{Name: fields[0], Size: n}). A
// struct built otherwise gives nothing to follow: no part.
func (f *flow) fieldValues(e ast.Expr) []ast.Expr {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok || !isStruct(f.info.TypeOf(lit)) {
		if isStruct(f.info.TypeOf(e)) {
			return []ast.Expr{nil} // a struct value from elsewhere
		}
		return []ast.Expr{e}
	}
	var out []ast.Expr
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		if holdsReference(f.info.TypeOf(el)) && !isEmpty(f.info, el) {
			if _, isPart := f.paramOf(el, 0); isPart || !isConst(f.info, el) {
				out = append(out, el)
			}
		}
	}
	if len(out) == 0 {
		return []ast.Expr{nil}
	}
	return out
}

// strictPart reports whether e, which shares a parameter's memory, is
// not the parameter whole: a slice or trim somewhere on its way.
func (f *flow) strictPart(e ast.Expr) bool {
	return f.partExpr(e) != nil
}

// partExpr returns the slice expression or trim call that makes e a
// part, following local variables.
func (f *flow) partExpr(e ast.Expr) ast.Expr {
	for depth := 0; depth < 8; depth++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.SliceExpr, *ast.IndexExpr, *ast.CallExpr:
			return x
		case *ast.Ident:
			v, ok := f.info.Uses[x].(*types.Var)
			if !ok || f.defs[v] == nil {
				return nil
			}
			e = f.defs[v]
			continue
		}
		return nil
	}
	return nil
}

// isEmpty reports whether e is nil or the empty string.
func isEmpty(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok {
		return false
	}
	if tv.IsNil() {
		return true
	}
	return tv.Value != nil && tv.Value.ExactString() == `""`
}

// isTrim reports whether call returns a part of its first argument, cut
// at both ends: strings.TrimSpace and its relatives, of strings and bytes.
func isTrim(info *types.Info, call *ast.CallExpr) bool {
	fn := typematch.Callee(info, call)
	return typematch.IsFunc(fn, "strings", "TrimSpace", "Trim", "TrimLeft", "TrimRight", "TrimPrefix", "TrimSuffix", "TrimFunc") ||
		typematch.IsFunc(fn, "bytes", "TrimSpace", "Trim", "TrimLeft", "TrimRight", "TrimPrefix", "TrimSuffix", "TrimFunc")
}

// holdsReference reports whether values of t share memory when copied:
// strings, slices, maps, pointers.
func holdsReference(t types.Type) bool {
	switch u := under(t).(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice, *types.Map, *types.Pointer:
		return true
	}
	return false
}

// isStruct reports whether t is a struct or a pointer to one.
func isStruct(t types.Type) bool {
	if p, ok := under(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := under(t).(*types.Struct)
	return ok
}

func isConst(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil
}

func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return types.Unalias(t).Underlying()
}
