package anymap

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A root is a variable whose dynamic JSON value the function reads: one
// decoded into, or a parameter.
type root struct {
	v      *types.Var
	name   string   // for a field of a decoded struct, "req.Answers"
	param  int      // index among fd's parameters, or -1
	decode ast.Expr // the first decode target naming v, or nil
	obs    []obs
	walker bool       // v's values are passed back to the function itself
	opaque [][]string // paths whose values are encoded back to JSON
	// foreign holds, by path, the values read from v (or v itself, at
	// the empty path) asserted to a type encoding/json never produces (a
	// named struct, an int, []string): the program put them there.
	foreign map[string][]string
	// pkgForeign is the package's evidence of the same kind for a field,
	// from every function that reads it.
	pkgForeign map[string][]string
	// field is set for a field of a struct decoded elsewhere (in another
	// function, or in another package, known by a fact), read here: rt.v
	// is the field, rt.name the expression first read.
	field *types.Selection
	// present holds the paths whose presence the function checks
	// (_, ok := m["k"]; m["k"] != nil): a read there cannot find them
	// missing, only differently typed.
	present map[string]bool
	// written holds the paths the function stores into (m["at"] =
	// time.Now()): the program's values, of any type, are there.
	written [][]string
	// helperChecks holds the keys a helper checked, for the branch
	// where its bool is true (ChecksKey).
	helperChecks []helperCheck
}

// An obs is one concrete type asserted on a value read from a root.
type obs struct {
	path   []string
	typ    string
	scalar bool      // not a map or slice
	pos    token.Pos // for source order
	site   ast.Node  // the assertion, the type switch or the call
	sw     *ast.TypeSwitchStmt
	callee string // for reads through a call, the callee's name
	// unchecked is set for a single-value assertion, x["k"].(string),
	// which panics when the value is missing or of another type; for a
	// read through a call, when the callee asserts so. typ is "" for a
	// callee's panic that names no type.
	unchecked bool
	// ranged is set for a value read under its key in a range over the
	// map (case "name": in switch k): it is never missing there.
	ranged bool
	// never is set for an assertion or a switch case to a type that
	// encoding/json never stores in an interface; form is the kind of
	// JSON value (number, string, bool, array, object) that the asserted
	// type is written as, or, for a type JSON produces, is.
	never bool
	form  string
	// lost is set for a callee's read that always fails on decoded JSON
	// (the Reads fact's Lost).
	lost bool
}

type tracked struct {
	root *root
	path []string
}

type funcAnalysis struct {
	pass    *analysis.Pass
	pkg     *pkgInfo
	fd      *ast.FuncDecl
	fn      *types.Func
	roots   []*root
	vars    map[*types.Var]tracked
	params  []*types.Var
	regions []keyRegion
	// structs maps struct variables decoded into to the decode target;
	// their map[string]any fields are roots too, created on first use.
	structs map[*types.Var]ast.Expr
	fields  map[[2]*types.Var]*root
	// decodedFields holds the roots of fields of structs decoded
	// elsewhere, one per field.
	decodedFields map[[2]*types.Var]*root
	// checked holds the assertions of the two-value form, v, ok := x.(T).
	checked map[*ast.TypeAssertExpr]bool
	// yamlTargets holds the decode targets (and calls returning decoded
	// values) that YAML fills, whose values are not encoding/json's.
	yamlTargets map[ast.Expr]bool
	// yamlCallback is the unmarshal parameter of a YAML v2 style
	// UnmarshalYAML(unmarshal func(any) error): calling it decodes.
	yamlCallback *types.Var
}

// analyzeFunc finds fd's roots and what it reads from them.
func analyzeFunc(pass *analysis.Pass, pkg *pkgInfo, fd *ast.FuncDecl) *funcAnalysis {
	fa := &funcAnalysis{
		pass:          pass,
		pkg:           pkg,
		fd:            fd,
		vars:          make(map[*types.Var]tracked),
		params:        paramVars(pass, fd),
		structs:       make(map[*types.Var]ast.Expr),
		fields:        make(map[[2]*types.Var]*root),
		decodedFields: make(map[[2]*types.Var]*root),
		checked:       make(map[*ast.TypeAssertExpr]bool),
		yamlTargets:   make(map[ast.Expr]bool),
	}
	fa.fn, _ = pass.TypesInfo.Defs[fd.Name].(*types.Func)
	byVar := make(map[*types.Var]*root)
	addRoot := func(v *types.Var, param int) *root {
		if rt, ok := byVar[v]; ok {
			return rt
		}
		rt := &root{v: v, param: param}
		byVar[v] = rt
		fa.roots = append(fa.roots, rt)
		fa.vars[v] = tracked{root: rt}
		return rt
	}
	for i, v := range fa.params {
		if v != nil && isDynamic(v.Type()) {
			addRoot(v, i)
		}
	}
	fa.yamlCallback = yamlCallback(fd, fa.params)
	for _, call := range pkg.sites[fd.Body] {
		targets := fa.decodeTargets(call)
		if len(targets) > 0 && (decodesYAML(pass, call) || fa.callsYAMLCallback(call)) {
			for _, t := range targets {
				fa.yamlTargets[t] = true
			}
		}
		for _, t := range targets {
			id := addrOfIdent(t)
			if id == nil {
				continue
			}
			v, ok := pass.TypesInfo.Uses[id].(*types.Var)
			if !ok || v == nil || v.IsField() || typematch.IsPackageLevel(v) {
				continue
			}
			if _, ok := v.Type().Underlying().(*types.Struct); ok {
				if _, seen := fa.structs[v]; !seen {
					fa.structs[v] = t
				}
				continue
			}
			if !isDynamic(v.Type()) {
				continue
			}
			rt := addRoot(v, -1)
			if rt.decode == nil {
				rt.decode = t
			}
		}
	}
	for v, call := range resultRoots(pass, fd) {
		if rt := addRoot(v, -1); rt.decode == nil {
			rt.decode = call
		}
		if decodesYAML(pass, call) {
			fa.yamlTargets[call] = true
		}
	}
	if len(fa.roots) == 0 && len(fa.structs) == 0 && !fa.readsDecodedField() {
		return fa
	}
	// Two propagation passes reach variables assigned in a loop body
	// before the statement that derives them.
	fa.propagate()
	fa.propagate()
	fa.observe()
	return fa
}

// pkgInfo is what the package's functions share: where they may decode,
// and the fields of map[string]any type that JSON is decoded into.

type decodeSites map[*ast.BlockStmt][]*ast.CallExpr

// add records the calls under cur, the function whose body is body.
func (s decodeSites) add(body *ast.BlockStmt, cur inspector.Cursor) {
	for c := range cur.Preorder((*ast.CallExpr)(nil)) {
		if call := c.Node().(*ast.CallExpr); slices.ContainsFunc(call.Args, func(e ast.Expr) bool { return addrOfIdent(e) != nil }) {
			s[body] = append(s[body], call)
		}
	}
}

// addrOfIdent returns x when e is &x, else nil.
func addrOfIdent(e ast.Expr) *ast.Ident {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return nil
	}
	id, _ := ast.Unparen(u.X).(*ast.Ident)
	return id
}

func paramVars(pass *analysis.Pass, fd *ast.FuncDecl) []*types.Var {
	var vars []*types.Var
	for _, field := range fd.Type.Params.List {
		if len(field.Names) == 0 {
			vars = append(vars, nil)
			continue
		}
		for _, name := range field.Names {
			v, _ := pass.TypesInfo.Defs[name].(*types.Var)
			vars = append(vars, v)
		}
	}
	return vars
}

// isEmptyInterface reports whether t is any (interface{}), not a type
// parameter.
func isEmptyInterface(t types.Type) bool {
	it, ok := types.Unalias(t).(*types.Interface)
	return ok && it.Empty()
}

// isDynamic reports whether t is one of the types encoding/json fills
// without a schema: any, map[string]any, []any (or a named type whose
// underlying type is one of those maps or slices, such as gin.H).
func isDynamic(t types.Type) bool {
	if isEmptyInterface(t) {
		return true
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Map:
		k, ok := u.Key().Underlying().(*types.Basic)
		if !ok || k.Kind() != types.String {
			return false
		}
		if isEmptyInterface(u.Elem()) {
			return true
		}
		// A map of such maps, map[string]map[string]any, as a client
		// decodes a sectioned document into.
		inner, ok := types.Unalias(u.Elem()).(*types.Map)
		return ok && isDynamic(inner)
	case *types.Slice:
		if isEmptyInterface(u.Elem()) {
			return true
		}
		// A list of such maps, []map[string]any, as a client decodes a
		// JSON array of objects into.
		inner, ok := types.Unalias(u.Elem()).(*types.Map)
		return ok && isDynamic(inner)
	}
	return false
}

// pathOf returns the root and path of the JSON value e reads, when e is a
// tracked variable, an index of one by a constant key, or an assertion of
// one to a map or slice.
func (fa *funcAnalysis) pathOf(e ast.Expr) (tracked, bool) {
	info := fa.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok || v == nil {
			return tracked{}, false
		}
		t, ok := fa.vars[v]
		return t, ok
	case *ast.IndexExpr:
		base, ok := fa.pathOf(e.X)
		if !ok {
			return tracked{}, false
		}
		xt := info.TypeOf(e.X)
		if xt == nil {
			return tracked{}, false
		}
		switch xt.Underlying().(type) {
		case *types.Map:
			tv, ok := info.Types[e.Index]
			if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
				if seg, ok := fa.keyParam(e.Index); ok {
					return base.child(seg), true
				}
				return tracked{}, false // a computed key: generic code
			}
			return base.child(constant.StringVal(tv.Value)), true
		case *types.Slice:
			if tv, ok := info.Types[e.Index]; ok && tv.Value != nil {
				// A JSON array read by position is a tuple, such as
				// JSON-RPC's positional params: encoding/json has no
				// struct for it.
				return tracked{}, false
			}
			return base.child("[]"), true
		}
	case *ast.TypeAssertExpr:
		if e.Type == nil {
			return tracked{}, false
		}
		if t := info.TypeOf(e.Type); t != nil && isDynamic(t) {
			return fa.pathOf(e.X)
		}
	case *ast.SelectorExpr:
		if rt := fa.fieldRoot(e); rt != nil {
			return tracked{root: rt}, true
		}
		if rt := fa.decodedFieldRoot(e); rt != nil {
			return tracked{root: rt}, true
		}
	}
	return tracked{}, false
}

// fieldRoot returns the root for x.F, where x is a struct variable decoded
// into and F one of its own fields of type map[string]any, []any or any:
// the free-form part of a typed request.
func (fa *funcAnalysis) fieldRoot(e *ast.SelectorExpr) *root {
	if len(fa.structs) == 0 {
		return nil
	}
	info := fa.pass.TypesInfo
	sel := info.Selections[e]
	if sel == nil || sel.Kind() != types.FieldVal || len(sel.Index()) != 1 {
		return nil
	}
	id, ok := ast.Unparen(e.X).(*ast.Ident)
	if !ok {
		return nil
	}
	x, _ := info.Uses[id].(*types.Var)
	target, ok := fa.structs[x]
	if !ok {
		return nil
	}
	field, _ := sel.Obj().(*types.Var)
	if field == nil || !isDynamic(field.Type()) {
		return nil
	}
	key := [2]*types.Var{x, field}
	if rt, ok := fa.fields[key]; ok {
		return rt
	}
	rt := &root{v: field, name: x.Name() + "." + field.Name(), param: -1, decode: target}
	fa.fields[key] = rt
	fa.roots = append(fa.roots, rt)
	return rt
}

// readsDecodedField reports whether the function selects a field that JSON
// is decoded into: the cheap test before the function is analysed for it.
func (fa *funcAnalysis) readsDecodedField() bool {
	if !fa.pkg.hasFields() {
		return false
	}
	found := false
	ast.Inspect(fa.fd.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		if e, ok := n.(*ast.SelectorExpr); ok {
			if sel := fa.pass.TypesInfo.Selections[e]; sel != nil && sel.Kind() == types.FieldVal {
				if f, ok := sel.Obj().(*types.Var); ok && isDynamic(f.Type()) {
					_, found = fa.pkg.decodedField(fa.pass, f)
				}
			}
		}
		return !found
	})
	return found
}

// decodedFieldRoot returns the root for x.F, where F is a field of
// map[string]any, []any or any type that JSON is decoded into, here or
// elsewhere: a request's Parameters, a response's Data.
func (fa *funcAnalysis) decodedFieldRoot(e *ast.SelectorExpr) *root {
	if !fa.pkg.hasFields() {
		return nil
	}
	sel := fa.pass.TypesInfo.Selections[e]
	if sel == nil || sel.Kind() != types.FieldVal {
		return nil
	}
	field, _ := sel.Obj().(*types.Var)
	if field == nil {
		return nil
	}
	base := code.RootVar(fa.pass.TypesInfo, e.X, true)
	key := [2]*types.Var{base, field}
	if rt, ok := fa.decodedFields[key]; ok {
		return rt
	}
	target, ok := fa.pkg.decodedField(fa.pass, field)
	if !ok {
		return nil
	}
	rt := &root{v: field, name: types.ExprString(e), param: -1, field: sel}
	if target != nil && fa.fd.Body.Pos() <= target.Pos() && target.End() <= fa.fd.Body.End() &&
		base != nil && code.RootVar(fa.pass.TypesInfo, target, true) == base {
		// Decoded in this very function, into the variable read: the
		// decode is the place to name, as for a local struct. A decode
		// into another variable of the same type says nothing of this
		// one's: its field is read as a field of a decoded type.
		rt.decode = target
		rt.field = nil
	}
	fa.decodedFields[key] = rt
	fa.roots = append(fa.roots, rt)
	return rt
}

// keyParam returns the path segment for a key that is one of the
// function's string parameters (getString(m, "name") reads m["name"]), so
// that facts can carry it and callers substitute their constant.
func (fa *funcAnalysis) keyParam(e ast.Expr) (string, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return "", false
	}
	v, ok := fa.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v == nil {
		return "", false
	}
	b, ok := v.Type().Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsString == 0 {
		return "", false
	}
	for i, p := range fa.params {
		if p == v {
			return keyParamSeg(i, v.Name()), true
		}
	}
	return "", false
}

// A key-parameter segment is "\x00index\x00name": no JSON key a program
// reads by constant starts with a NUL byte.
func keyParamSeg(i int, name string) string {
	return "\x00" + strconv.Itoa(i) + "\x00" + name
}

func parseKeyParamSeg(seg string) (i int, name string, ok bool) {
	rest, ok := strings.CutPrefix(seg, "\x00")
	if !ok {
		return 0, "", false
	}
	num, name, ok := strings.Cut(rest, "\x00")
	if !ok {
		return 0, "", false
	}
	i, err := strconv.Atoi(num)
	return i, name, err == nil
}

func isKeyParamSeg(seg string) bool {
	_, _, ok := parseKeyParamSeg(seg)
	return ok
}

func (t tracked) child(seg string) tracked {
	return tracked{root: t.root, path: append(slices.Clip(t.path), seg)}
}

// track records that v holds the value t reads; the first derivation wins.
func (fa *funcAnalysis) track(id ast.Expr, t tracked) {
	ident, ok := id.(*ast.Ident)
	if !ok || ident.Name == "_" {
		return
	}
	v, _ := fa.pass.TypesInfo.ObjectOf(ident).(*types.Var)
	if v == nil || v.IsField() {
		return
	}
	if _, ok := fa.vars[v]; !ok {
		fa.vars[v] = t
	}
}

// propagate tracks the variables that hold values read from the roots.
func (fa *funcAnalysis) propagate() {
	info := fa.pass.TypesInfo
	ast.Inspect(fa.fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, rhs := range n.Rhs {
					if t, ok := fa.pathOf(rhs); ok {
						fa.track(n.Lhs[i], t)
					}
				}
			} else if len(n.Rhs) == 1 && len(n.Lhs) == 2 {
				if t, ok := fa.pathOf(n.Rhs[0]); ok {
					fa.track(n.Lhs[0], t)
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, rhs := range n.Values {
					if t, ok := fa.pathOf(rhs); ok {
						fa.track(n.Names[i], t)
					}
				}
			} else if len(n.Values) == 1 && len(n.Names) == 2 {
				if t, ok := fa.pathOf(n.Values[0]); ok {
					fa.track(n.Names[0], t)
				}
			}
		case *ast.RangeStmt:
			t, ok := fa.pathOf(n.X)
			if !ok || n.Value == nil {
				break
			}
			xt := info.TypeOf(n.X)
			if xt == nil {
				break
			}
			switch xt.Underlying().(type) {
			case *types.Map:
				fa.track(n.Value, t.child("*"))
			case *types.Slice:
				fa.track(n.Value, t.child("[]"))
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
				if v, ok := info.Implicits[s].(*types.Var); ok && v != nil {
					if _, seen := fa.vars[v]; !seen {
						fa.vars[v] = t
					}
				}
			}
		}
		return true
	})
}
