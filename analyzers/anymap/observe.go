package anymap

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// switchSubject returns x in switch x.(type), or nil.
func switchSubject(sw *ast.TypeSwitchStmt) ast.Expr {
	var e ast.Expr
	switch a := sw.Assign.(type) {
	case *ast.ExprStmt:
		e = a.X
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			e = a.Rhs[0]
		}
	}
	ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr)
	if !ok {
		return nil
	}
	return ta.X
}

// observe records the concrete types asserted on values read from the
// roots, and the reads of functions the values are passed to.
func (fa *funcAnalysis) observe() {
	info := fa.pass.TypesInfo
	fa.collectKeyRegions()
	fa.collectChecks()
	ast.Inspect(fa.fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.TypeAssertExpr:
			if n.Type == nil {
				break // the switch's own x.(type)
			}
			t, ok := fa.pathOf(n.X)
			if !ok {
				break
			}
			typ := info.TypeOf(n.Type)
			fa.markForeign(t, typ)
			if len(t.path) > 0 && isConcrete(typ) {
				fa.add(t, obs{path: t.path, typ: fa.typeString(typ), scalar: !isDynamic(typ), pos: n.Pos(), site: n, unchecked: !fa.checked[n], never: !isJSONType(typ), form: jsonForm(typ)})
			}
		case *ast.TypeSwitchStmt:
			x := switchSubject(n)
			if x == nil {
				break
			}
			t, ok := fa.pathOf(x)
			if !ok {
				break
			}
			for _, s := range n.Body.List {
				if cc, ok := s.(*ast.CaseClause); ok {
					for _, e := range cc.List {
						fa.markForeign(t, info.TypeOf(e))
					}
				}
			}
			if len(t.path) == 0 || fa.defaultFormats(n, x) {
				break
			}
			for _, s := range n.Body.List {
				cc, ok := s.(*ast.CaseClause)
				if !ok {
					continue
				}
				for _, e := range cc.List {
					if typ := info.TypeOf(e); isConcrete(typ) {
						fa.add(t, obs{path: t.path, typ: fa.typeString(typ), scalar: !isDynamic(typ), pos: e.Pos(), site: n.Assign, sw: n, never: !isJSONType(typ), form: jsonForm(typ)})
					}
				}
			}
		case *ast.CallExpr:
			fa.observeCall(n)
		}
		return true
	})
}

func (fa *funcAnalysis) add(t tracked, o obs) {
	for _, r := range fa.regions {
		if r.root == t.root && r.from <= o.pos && o.pos < r.to && hasPrefix(o.path, r.path) {
			o.path = slices.Clone(o.path)
			o.path[len(r.path)-1] = r.key
			o.ranged = true
		}
	}
	t.root.obs = append(t.root.obs, o)
}

// A keyRegion is code that runs for one key of a range over a map: the
// body of if k == "name" or of case "name" in switch k, where k is the
// range key. Values read there are read under that key.
type keyRegion struct {
	root     *root
	path     []string // the range's value path, ending in "*"
	from, to token.Pos
	key      string
}

func (fa *funcAnalysis) collectKeyRegions() {
	info := fa.pass.TypesInfo
	ast.Inspect(fa.fd.Body, func(n ast.Node) bool {
		rng, ok := n.(*ast.RangeStmt)
		if !ok || rng.Key == nil {
			return true
		}
		t, ok := fa.pathOf(rng.X)
		if !ok {
			return true
		}
		if xt := info.TypeOf(rng.X); xt == nil {
			return true
		} else if _, ok := xt.Underlying().(*types.Map); !ok {
			return true
		}
		keyID, ok := rng.Key.(*ast.Ident)
		if !ok {
			return true
		}
		key := info.ObjectOf(keyID)
		if key == nil {
			return true
		}
		isKey := func(e ast.Expr) bool {
			id, ok := ast.Unparen(e).(*ast.Ident)
			return ok && info.Uses[id] == key
		}
		region := func(from, to token.Pos, e ast.Expr) {
			tv, ok := info.Types[e]
			if ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				fa.regions = append(fa.regions, keyRegion{t.root, t.child("*").path, from, to, constant.StringVal(tv.Value)})
			}
		}
		ast.Inspect(rng.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SwitchStmt:
				if n.Tag == nil || !isKey(n.Tag) {
					break
				}
				for _, s := range n.Body.List {
					if cc, ok := s.(*ast.CaseClause); ok && len(cc.List) == 1 {
						region(cc.Colon, cc.End(), cc.List[0])
					}
				}
			case *ast.IfStmt:
				be, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
				if !ok || be.Op != token.EQL {
					break
				}
				switch {
				case isKey(be.X):
					region(n.Body.Pos(), n.Body.End(), be.Y)
				case isKey(be.Y):
					region(n.Body.Pos(), n.Body.End(), be.X)
				}
			}
			return true
		})
		return true
	})
}

// observeCall adds the reads of a callee that has a Reads fact, for each
// tracked value passed to it, and marks roots whose values are passed back
// to the function itself (a generic walk over any JSON).
func (fa *funcAnalysis) observeCall(call *ast.CallExpr) {
	fn := typematch.Callee(fa.pass.TypesInfo, call)
	if fn == nil {
		return
	}
	if isEncode(fn) && len(call.Args) > 0 {
		// A value encoded back to JSON is treated as arbitrary JSON: the
		// code expects any type there, whatever it special-cases.
		if t, ok := fa.pathOf(call.Args[0]); ok && len(t.path) > 0 {
			t.root.opaque = append(t.root.opaque, t.path)
		}
		return
	}
	if fa.fn != nil && fn.Origin() == fa.fn {
		for _, a := range call.Args {
			if t, ok := fa.pathOf(a); ok {
				t.root.walker = true
			}
		}
		return
	}
	var f Reads
	if call.Ellipsis.IsValid() || !fa.pass.ImportObjectFact(fn.Origin(), &f) {
		return
	}
	for _, p := range f.Params {
		if p.Index >= len(call.Args) {
			continue
		}
		t, ok := fa.pathOf(call.Args[p.Index])
		if !ok {
			continue
		}
		for _, it := range p.Items {
			path, ok := fa.calleePath(call, t.path, it.Path)
			if !ok {
				continue
			}
			for _, typ := range it.Types {
				fa.add(t, obs{path: path, typ: typ, scalar: !isDynamicString(typ), pos: call.Pos(), site: call, callee: fn.Name()})
			}
		}
		for _, pp := range p.Panics {
			path, ok := fa.calleePath(call, t.path, pp)
			if !ok {
				continue
			}
			fa.add(t, obs{path: path, pos: call.Pos(), site: call, callee: fn.Name(), unchecked: true})
		}
		for _, it := range p.Lost {
			path, ok := fa.calleePath(call, t.path, it.Path)
			if !ok {
				continue
			}
			for _, typ := range it.Types {
				fa.add(t, obs{path: path, typ: typ, scalar: !isDynamicString(typ), pos: call.Pos(), site: call, callee: fn.Name(), lost: true})
			}
		}
	}
}

// calleePath returns the caller's path of a callee's read: base (the
// argument's path) followed by the callee's segments, a key parameter's
// segment replaced by the constant the call passes; false where the
// caller computes that key.
func (fa *funcAnalysis) calleePath(call *ast.CallExpr, base, segs []string) ([]string, bool) {
	path := slices.Clip(base)
	for _, seg := range segs {
		if i, _, ok := parseKeyParamSeg(seg); ok {
			key, ok := fa.constString(call, i)
			if !ok {
				return nil, false
			}
			seg = key
		}
		path = append(path, seg)
	}
	return path, true
}

// constString returns the constant string value of call's i-th argument.
func (fa *funcAnalysis) constString(call *ast.CallExpr, i int) (string, bool) {
	if i >= len(call.Args) {
		return "", false
	}
	return code.ConstString(fa.pass.TypesInfo, call.Args[i])
}

// isConcrete reports whether t is a type a value can be asserted to that is
// not an interface (nil for the nil case of a switch).
func isConcrete(t types.Type) bool {
	if t == nil {
		return false
	}
	if b, ok := t.(*types.Basic); ok && b.Kind() == types.UntypedNil {
		return false
	}
	_, isIface := t.Underlying().(*types.Interface)
	return !isIface
}

// markForeign records an assertion of a value read from a root to the
// type t. When encoding/json never produces t, the program put the value
// there: the path (and what lies under it) holds the program's values.
// For a field, an assertion in one function is evidence for that path in
// the others: the package summary keeps it. Across functions the
// evidence is per path, so one defensive assertion (tags to []string)
// says nothing of the other keys read elsewhere.
func (fa *funcAnalysis) markForeign(tr tracked, t types.Type) {
	if !isConcrete(t) || isJSONType(t) {
		return
	}
	rt := tr.root
	k := pathKey(tr.path)
	if rt.foreign == nil {
		rt.foreign = make(map[string][]string)
	}
	rt.foreign[k] = tr.path
	if rt.v.IsField() {
		if fa.pkg.foreign[rt.v] == nil {
			fa.pkg.foreign[rt.v] = make(map[string][]string)
		}
		fa.pkg.foreign[rt.v][k] = tr.path
	}
}

// filledByProgram reports whether a path of a field lies under one that
// some assertion shows to hold the program's own values. A "*" (each
// value of a range) stands for every key.
func filledByProgram(foreign map[string][]string, path []string) bool {
	for _, f := range foreign {
		if len(f) > len(path) {
			continue
		}
		match := true
		for i, seg := range f {
			if seg != path[i] && !(seg == "*" && path[i] != "[]") {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

func isDynamicString(s string) bool {
	return strings.HasPrefix(s, "map[") || strings.HasPrefix(s, "[]")
}

func (fa *funcAnalysis) typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == fa.pass.Pkg {
			return ""
		}
		return p.Name()
	})
}

// kept returns the root's observations that count, in source order.
func (rt *root) kept() []obs {
	var out []obs
	for _, o := range rt.obs {
		if o.typ != "" && rt.counts(o) {
			out = append(out, o)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// counts reports whether o tells about a schema: not a range read of a
// generic walker, not a value encoded back to JSON, not a switch that only
// tells maps from slices.
func (rt *root) counts(o obs) bool {
	if rt.walker && slices.ContainsFunc(o.path, isWildcard) {
		return false
	}
	if slices.ContainsFunc(rt.opaque, func(p []string) bool { return hasPrefix(o.path, p) }) {
		return false
	}
	if rt.field != nil && (len(rt.foreign) > 0 || filledByProgram(rt.pkgForeign, o.path)) {
		// A value the program put in the field, not JSON: a function
		// that itself handles such values treats the whole field so;
		// another function's assertion is evidence for its path only.
		return false
	}
	return o.sw == nil || switchHasScalar(rt.obs, o.sw)
}

// panicSites returns the unchecked assertions, here or in a callee, on
// values read from rt: a missing or differently typed value there panics.
