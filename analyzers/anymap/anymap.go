package anymap

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

// Analyzer reports JSON decoded into map[string]any and then taken apart
// with type assertions.
var Analyzer = newAnalyzer()

type config struct {
	suggest bool
}

func newAnalyzer() *analysis.Analyzer {
	cfg := new(config)
	a := &analysis.Analyzer{
		Name:      "anymap",
		Doc:       docs.Extract(doc, "anymap"),
		URL:       "https://github.com/trapvet/trapvet/blob/main/docs/anymap.md",
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		FactTypes: []analysis.Fact{(*Decodes)(nil), (*Reads)(nil), (*DecodedField)(nil)},
		Run:       func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
	}
	a.Flags.BoolVar(&cfg.suggest, "suggest", false, "add the suggested Go struct, with json tags from the keys read, as a related entry")
	return a
}

// fixpointRounds bounds how often the facts of a package's functions are
// recomputed so that calls between them (in any order) are seen.
const fixpointRounds = 4

func run(pass *analysis.Pass, cfg *config) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	r := report.New(pass)

	var funcs []*ast.FuncDecl
	pkg := &pkgInfo{sites: make(decodeSites), foreign: make(map[*types.Var]bool)}
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		if fd := cur.Node().(*ast.FuncDecl); fd.Body != nil {
			funcs = append(funcs, fd)
			pkg.sites.add(fd.Body, cur)
		}
	}
	inTest := func(fd *ast.FuncDecl) bool {
		return strings.HasSuffix(pass.Fset.Position(fd.Pos()).Filename, "_test.go")
	}

	// Facts first, to a fixed point, so that the reports below see every
	// function of this package that decodes into or reads a parameter.
	for range fixpointRounds {
		changed := false
		for _, fd := range funcs {
			if exportDecodes(pass, fd) {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// The fields JSON is decoded into, now that every decoding helper is
	// known, for the reads of those fields in any function.
	pkg.fields = decodedFields(pass, in)
	exportDecodedFields(pass, pkg.fields)
	pkg.anyFields = len(pkg.fields) > 0 || importsDecodedFields(pass)

	// The analyses of a round in which no fact changed saw the final
	// facts: the reports below reuse them.
	var final map[*ast.FuncDecl]*funcAnalysis
	for range fixpointRounds {
		changed := false
		round := make(map[*ast.FuncDecl]*funcAnalysis, len(funcs))
		for _, fd := range funcs {
			fa, ch := exportReads(pass, pkg, fd)
			round[fd] = fa
			if ch {
				changed = true
			}
		}
		if !changed {
			final = round
			break
		}
	}

	// Function literals outside any function (var handler = func(...))
	// are read like functions of their own, for reports only.
	reported := slices.Clone(funcs)
	for cur := range in.Root().Preorder((*ast.FuncLit)(nil)) {
		if !hasEnclosingFunc(cur) {
			lit := cur.Node().(*ast.FuncLit)
			reported = append(reported, &ast.FuncDecl{Type: lit.Type, Body: lit.Body})
			pkg.sites.add(lit.Body, cur)
		}
	}
	// Every function is analysed before any is reported: a field that
	// one function shows to hold the program's values is silent in all.
	analyses := make([]*funcAnalysis, len(reported))
	for i, fd := range reported {
		if analyses[i] = final[fd]; analyses[i] == nil {
			analyses[i] = analyzeFunc(pass, pkg, fd)
		}
	}
	for i, fd := range reported {
		if inTest(fd) {
			// A test decodes output into a map to check its JSON
			// shape independently of the types that produced it.
			continue
		}
		// A custom decoder is where JSON is taken apart by hand (a
		// value that is a string or an array, extension keys kept
		// beside the known ones): only a read that panics is reported
		// there.
		panicsOnly := isUnmarshaler(fd)
		fa := analyses[i]
		for _, rt := range fa.roots {
			if d, ok := fa.diagnostic(rt, cfg, panicsOnly); ok {
				r.Report(d)
			}
		}
	}
	return nil, nil
}

// decodeTarget returns the argument of call that JSON is decoded into, when
// call is a decode: encoding/json, gin, echo and go-zero's binders, or a
// function known to decode into a parameter.
func decodeTarget(pass *analysis.Pass, call *ast.CallExpr) []ast.Expr {
	fn := typematch.Callee(pass.TypesInfo, call)
	if fn == nil {
		return nil
	}
	arg := func(i int) []ast.Expr {
		if i < len(call.Args) {
			return []ast.Expr{call.Args[i]}
		}
		return nil
	}
	switch {
	case typematch.IsFunc(fn, "encoding/json", "Unmarshal"):
		return arg(1)
	case typematch.IsMethod(fn, "encoding/json", "Decoder", "Decode"):
		return arg(0)
	case typematch.IsMethod(fn, "github.com/gin-gonic/gin", "Context", "ShouldBindJSON", "BindJSON", "ShouldBind"):
		return arg(0)
	case typematch.IsMethod(fn, "github.com/labstack/echo/v4", "Context", "Bind"):
		return arg(0)
	case typematch.IsFunc(fn, "github.com/zeromicro/go-zero/rest/httpx", "Parse", "ParseJsonBody"):
		return arg(1)
	case isYAMLPackage(fn) && fn.Signature().Recv() == nil && (fn.Name() == "Unmarshal" || fn.Name() == "UnmarshalStrict"):
		return arg(1)
	case isYAMLPackage(fn) && (typematch.IsMethod(fn, fn.Pkg().Path(), "Decoder", "Decode") || typematch.IsMethod(fn, fn.Pkg().Path(), "Node", "Decode")):
		return arg(0)
	}
	var f Decodes
	if !pass.ImportObjectFact(fn.Origin(), &f) {
		return nil
	}
	if call.Ellipsis.IsValid() {
		return nil
	}
	var targets []ast.Expr
	for _, i := range f.Params {
		targets = append(targets, arg(i)...)
	}
	return targets
}

// yamlPackages are the YAML decoders whose Unmarshal, (*Decoder).Decode
// and (*Node).Decode fill a map[string]any as encoding/json does.
var yamlPackages = []string{"gopkg.in/yaml.v2", "gopkg.in/yaml.v3", "go.yaml.in/yaml/v2", "go.yaml.in/yaml/v3", "sigs.k8s.io/yaml"}

func isYAMLPackage(fn *types.Func) bool {
	return fn.Pkg() != nil && slices.ContainsFunc(yamlPackages, func(p string) bool { return typematch.PathIs(fn.Pkg().Path(), p) })
}

// decodeTargets returns the targets of call when it decodes: a decode
// anywhere, or, in a YAML v2 style UnmarshalYAML, a call of its unmarshal
// parameter.
func (fa *funcAnalysis) decodeTargets(call *ast.CallExpr) []ast.Expr {
	if fa.yamlCallback != nil && len(call.Args) == 1 {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && fa.pass.TypesInfo.Uses[id] == fa.yamlCallback {
			return call.Args
		}
	}
	return decodeTarget(fa.pass, call)
}

// yamlCallback returns the parameter of UnmarshalYAML(unmarshal func(any)
// error), the yaml.v2 Unmarshaler interface, or nil.
func yamlCallback(fd *ast.FuncDecl, params []*types.Var) *types.Var {
	if fd.Recv == nil || fd.Name.Name != "UnmarshalYAML" || len(params) != 1 || params[0] == nil {
		return nil
	}
	sig, ok := params[0].Type().Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 1 || !isEmptyInterface(sig.Params().At(0).Type()) {
		return nil
	}
	return params[0]
}

// exportDecodes exports a Decodes fact for fd when it passes one of its
// interface-typed parameters to a decode as the target, and reports
// whether the fact is new or changed.
func exportDecodes(pass *analysis.Pass, fd *ast.FuncDecl) bool {
	fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return false
	}
	params := paramVars(pass, fd)
	idx := make(map[*types.Var]int)
	for i, v := range params {
		if v != nil && isEmptyInterface(v.Type()) {
			idx[v] = i
		}
	}
	if len(idx) == 0 {
		return false
	}
	decoded := make(map[int]bool)
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		for _, t := range decodeTarget(pass, call) {
			id, ok := ast.Unparen(t).(*ast.Ident)
			if !ok {
				continue
			}
			if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok {
				if i, ok := idx[v]; ok {
					decoded[i] = true
				}
			}
		}
		return true
	})
	if len(decoded) == 0 {
		return false
	}
	var f Decodes
	for i := range params {
		if decoded[i] {
			f.Params = append(f.Params, i)
			f.Names = append(f.Names, params[i].Name())
		}
	}
	var old Decodes
	if pass.ImportObjectFact(fn, &old) && slices.Equal(old.Params, f.Params) {
		return false
	}
	pass.ExportObjectFact(fn, &f)
	return true
}

// exportReads exports a Reads fact for fd when it asserts concrete types on
// values read from its parameters. It returns its analysis of fd, and
// whether the fact changed.
func exportReads(pass *analysis.Pass, pkg *pkgInfo, fd *ast.FuncDecl) (*funcAnalysis, bool) {
	fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return nil, false
	}
	fa := analyzeFunc(pass, pkg, fd)
	variadic := fn.Signature().Variadic()
	last := fn.Signature().Params().Len() - 1
	var f Reads
	for _, rt := range fa.roots {
		if rt.param < 0 || variadic && rt.param == last {
			continue // a variadic parameter's arguments are its elements
		}
		items := fa.items(rt, true)
		if !hasScalar(items) {
			continue
		}
		f.Params = append(f.Params, ParamReads{Index: rt.param, Name: rt.v.Name(), Items: items, Panics: rt.panicSites(true).paths()})
	}
	if len(f.Params) == 0 {
		return fa, false
	}
	var old Reads
	if pass.ImportObjectFact(fn, &old) && old.String() == f.String() {
		return fa, false
	}
	pass.ExportObjectFact(fn, &f)
	return fa, true
}

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
	// foreign is set when a value read from v, or v itself, is asserted
	// to a type encoding/json never produces (a named struct, an int):
	// v holds the program's own values.
	foreign bool
	// field is set for a field of a struct decoded elsewhere (in another
	// function, or in another package, known by a fact), read here: rt.v
	// is the field, rt.name the expression first read.
	field *types.Selection
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
	decodedFields map[*types.Var]*root
	// checked holds the assertions of the two-value form, v, ok := x.(T).
	checked map[*ast.TypeAssertExpr]bool
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
		decodedFields: make(map[*types.Var]*root),
		checked:       make(map[*ast.TypeAssertExpr]bool),
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
		for _, t := range fa.decodeTargets(call) {
			id := addrOfIdent(t)
			if id == nil {
				continue
			}
			v, ok := pass.TypesInfo.Uses[id].(*types.Var)
			if !ok || v == nil || v.IsField() || isPackageLevel(v) {
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
type pkgInfo struct {
	sites decodeSites
	// fields maps each field decoded into, in this package, to a decode
	// target that reaches it.
	fields map[*types.Var]ast.Expr
	// imported caches the DecodedField facts of other packages' fields.
	imported map[*types.Var]bool
	// anyFields: some field, here or in a dependency, holds decoded JSON.
	anyFields bool
	// foreign holds the fields some function asserts to a type of the
	// program's own: a store replaced the decoded JSON by typed values.
	foreign map[*types.Var]bool
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
	if n, ok := t.(*types.Named); ok && hasMethod(n, "UnmarshalJSON") {
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

// hasMethod reports whether *n has a method named name.
func hasMethod(n *types.Named, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(n), false, n.Obj().Pkg(), name)
	_, ok := obj.(*types.Func)
	return ok
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

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
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
		return ok && k.Kind() == types.String && isEmptyInterface(u.Elem())
	case *types.Slice:
		return isEmptyInterface(u.Elem())
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
	if rt, ok := fa.decodedFields[field]; ok {
		return rt
	}
	target, ok := fa.pkg.decodedField(fa.pass, field)
	if !ok {
		return nil
	}
	rt := &root{v: field, name: types.ExprString(e), param: -1, field: sel}
	if target != nil && fa.fd.Body.Pos() <= target.Pos() && target.End() <= fa.fd.Body.End() {
		// Decoded in this very function: the decode is the place to
		// report, as for a local struct.
		rt.decode = target
		rt.field = nil
	}
	fa.decodedFields[field] = rt
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
			x, _ := switchSubject(n)
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

// switchSubject returns the expression x of switch x.(type) or
// switch y := x.(type).
func switchSubject(sw *ast.TypeSwitchStmt) (ast.Expr, *ast.TypeAssertExpr) {
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
		return nil, nil
	}
	return ta.X, ta
}

// observe records the concrete types asserted on values read from the
// roots, and the reads of functions the values are passed to.
func (fa *funcAnalysis) observe() {
	info := fa.pass.TypesInfo
	fa.collectKeyRegions()
	fa.collectChecked()
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
			fa.markForeign(t.root, typ)
			if len(t.path) > 0 && isConcrete(typ) {
				fa.add(t, obs{path: t.path, typ: fa.typeString(typ), scalar: !isDynamic(typ), pos: n.Pos(), site: n, unchecked: !fa.checked[n]})
			}
		case *ast.TypeSwitchStmt:
			x, _ := switchSubject(n)
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
						fa.markForeign(t.root, info.TypeOf(e))
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
						fa.add(t, obs{path: t.path, typ: fa.typeString(typ), scalar: !isDynamic(typ), pos: e.Pos(), site: n.Assign, sw: n})
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
	items:
		for _, it := range p.Items {
			path := slices.Clip(t.path)
			for _, seg := range it.Path {
				if i, _, ok := parseKeyParamSeg(seg); ok {
					key, ok := fa.constString(call, i)
					if !ok {
						continue items // the caller computes the key
					}
					seg = key
				}
				path = append(path, seg)
			}
			for _, typ := range it.Types {
				fa.add(t, obs{path: path, typ: typ, scalar: !isDynamicString(typ), pos: call.Pos(), site: call, callee: fn.Name()})
			}
		}
	panics:
		for _, pp := range p.Panics {
			path := slices.Clip(t.path)
			for _, seg := range pp {
				if i, _, ok := parseKeyParamSeg(seg); ok {
					key, ok := fa.constString(call, i)
					if !ok {
						continue panics
					}
					seg = key
				}
				path = append(path, seg)
			}
			fa.add(t, obs{path: path, pos: call.Pos(), site: call, callee: fn.Name(), unchecked: true})
		}
	}
}

// constString returns the constant string value of call's i-th argument.
func (fa *funcAnalysis) constString(call *ast.CallExpr, i int) (string, bool) {
	if i >= len(call.Args) {
		return "", false
	}
	tv, ok := fa.pass.TypesInfo.Types[call.Args[i]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
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

// markForeign records an assertion of rt, or of a value read from it, to
// the type t. A field asserted so in one function holds the program's
// values in all: the package summary keeps it.
func (fa *funcAnalysis) markForeign(rt *root, t types.Type) {
	if isConcrete(t) && !isJSONType(t) {
		rt.foreign = true
		if rt.v.IsField() {
			fa.pkg.foreign[rt.v] = true
		}
	}
}

// isJSONType reports whether encoding/json, filling an any, can produce a
// value of type t: bool, float64, string, json.Number, map[string]any or
// []any. An int or a named type under a decoded field's key was put there
// by the program.
func isJSONType(t types.Type) bool {
	t = types.Unalias(t)
	switch u := t.(type) {
	case *types.Basic:
		return u.Kind() == types.Bool || u.Kind() == types.Float64 || u.Kind() == types.String
	case *types.Named:
		return typematch.IsNamed(u, "encoding/json", "Number")
	case *types.Map, *types.Slice:
		return isDynamic(u)
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
	return o.sw == nil || switchHasScalar(rt.obs, o.sw)
}

// panicSites returns the unchecked assertions, here or in a callee, on
// values read from rt: a missing or differently typed value there panics.
// An assertion that a checked assertion or a type switch case of the same
// path and type guards is left out.
func (rt *root) panicSites(forFact bool) panicSites {
	var sites []obs
	for _, o := range rt.obs {
		if !o.unchecked || !rt.counts(o) || rt.guarded(o) {
			continue
		}
		if !forFact && slices.ContainsFunc(o.path, isKeyParamSeg) {
			continue // keys a caller passes in are known only at the call
		}
		sites = append(sites, o)
	}
	sort.SliceStable(sites, func(i, j int) bool { return sites[i].pos < sites[j].pos })
	return sites
}

type panicSites []obs

// paths returns the paths asserted, in source order, leaving out a path on
// the way to another one (user when user.name is listed).
func (ps panicSites) paths() [][]string {
	var paths [][]string
	for _, o := range ps {
		if !slices.ContainsFunc(paths, func(p []string) bool { return slices.Equal(p, o.path) }) {
			paths = append(paths, o.path)
		}
	}
	var out [][]string
	for _, p := range paths {
		if !slices.ContainsFunc(paths, func(q []string) bool { return len(q) > len(p) && hasPrefix(q, p) }) {
			out = append(out, p)
		}
	}
	return out
}

// clause says which reads panic, for the message: ", and a missing or
// differently typed pain_level panics (unchecked assertion)". A value read
// in a range over the map is there: only its type can be wrong.
func (ps panicSites) clause() string {
	paths := ps.paths()
	if len(paths) == 0 {
		return ""
	}
	keyed := func(p []string) bool { return !isWildcard(p[len(p)-1]) }
	switch {
	case !slices.ContainsFunc(paths, keyed):
		return ", and a value of another type panics (unchecked assertion)"
	case !slices.ContainsFunc(ps, func(o obs) bool { return keyed(o.path) && !o.ranged }):
		return ", and a differently typed " + pathsString(paths) + " panics (unchecked assertion)"
	}
	return ", and a missing or differently typed " + pathsString(paths) + " panics (unchecked assertion)"
}

// guarded reports whether a checked assertion or a type switch case, of
// the path and type that o asserts unchecked, is in the same function:
// switch v := m["k"].(type) { case string: use(m["k"].(string)) }.
func (rt *root) guarded(o obs) bool {
	if o.typ == "" {
		return false
	}
	return slices.ContainsFunc(rt.obs, func(g obs) bool {
		return !g.unchecked && g.callee == "" && g.typ == o.typ && slices.Equal(g.path, o.path)
	})
}

// collectChecked records the assertions of the two-value form.
func (fa *funcAnalysis) collectChecked() {
	mark := func(e ast.Expr) {
		if ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr); ok {
			fa.checked[ta] = true
		}
	}
	ast.Inspect(fa.fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				mark(n.Rhs[0])
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				mark(n.Values[0])
			}
		}
		return true
	})
}

func isWildcard(seg string) bool { return seg == "*" || seg == "[]" }

func switchHasScalar(all []obs, sw *ast.TypeSwitchStmt) bool {
	return slices.ContainsFunc(all, func(o obs) bool { return o.sw == sw && o.scalar })
}

// items groups the root's kept observations by path in source order,
// leaving out a map or slice assertion whose contents are read further.
func (fa *funcAnalysis) items(rt *root, forFact bool) []Item {
	kept := rt.kept()
	if !forFact {
		// Keys a caller passes in are known only at the call.
		kept = slices.DeleteFunc(kept, func(o obs) bool { return slices.ContainsFunc(o.path, isKeyParamSeg) })
	}
	var items []Item
	index := make(map[string]int)
	for _, o := range kept {
		if !o.scalar && readsBelow(kept, o.path) {
			continue
		}
		k := strings.Join(o.path, "\x00")
		i, ok := index[k]
		if !ok {
			i = len(items)
			index[k] = i
			items = append(items, Item{Path: o.path})
		}
		if !slices.Contains(items[i].Types, o.typ) {
			items[i].Types = append(items[i].Types, o.typ)
		}
	}
	return items
}

func readsBelow(all []obs, path []string) bool {
	return slices.ContainsFunc(all, func(o obs) bool {
		return len(o.path) > len(path) && slices.Equal(o.path[:len(path)], path)
	})
}

func hasScalar(items []Item) bool {
	return slices.ContainsFunc(items, func(it Item) bool {
		return slices.ContainsFunc(it.Types, func(s string) bool { return !isDynamicString(s) })
	})
}

// diagnostic builds the report for rt, if it is one: a decode followed by
// concrete reads, a field of a struct decoded elsewhere read that way, or a
// parameter map whose values a range type-switches. With panicsOnly (a
// custom decoder), only a read that panics is reported.
func (fa *funcAnalysis) diagnostic(rt *root, cfg *config, panicsOnly bool) (analysis.Diagnostic, bool) {
	items := fa.items(rt, false)
	if !hasScalar(items) {
		return analysis.Diagnostic{}, false
	}
	panics := rt.panicSites(false)
	if panicsOnly && len(panics) == 0 {
		return analysis.Diagnostic{}, false
	}
	typ := fa.typeString(rt.v.Type())
	asData := valuesOfOneType(items)
	var d analysis.Diagnostic
	switch {
	case rt.decode != nil:
		end := "decode into a struct with those fields"
		switch {
		case asData != "":
			end = "decode into " + asData + " instead"
		case !allKeyed(items):
			end = "decode into typed structs instead"
		case slices.ContainsFunc(items, func(it Item) bool { return it.Path[0] == "[]" }):
			end = "decode into a slice of structs with those fields"
		}
		d = analysis.Diagnostic{
			Pos:     rt.decode.Pos(),
			End:     rt.decode.End(),
			Message: fmt.Sprintf("%s decoded into %s, then read as %s%s: %s", rt.displayName(), typ, itemList(items), panics.clause(), end),
		}
	case rt.field != nil:
		// Values of every type under arbitrary keys are the design of an
		// open-ended field (labels, extensions): only a schema the code
		// assumes is reported, a struct's keys or a single value type.
		end := "decode it into a struct with those fields"
		switch {
		case asData != "":
			end = "declare the field as " + asData
		case !allKeyed(items):
			return analysis.Diagnostic{}, false
		case slices.ContainsFunc(items, func(it Item) bool { return it.Path[0] == "[]" }):
			end = "decode it into a slice of structs with those fields"
		}
		if rt.foreign || fa.pkg.foreign[rt.v] {
			// The field also holds values of the program's own types
			// (a store that decodes it into typed structs): the map is
			// filled by hand, not straight from JSON.
			return analysis.Diagnostic{}, false
		}
		at := rt.firstRead()
		if at == nil {
			return analysis.Diagnostic{}, false
		}
		d = analysis.Diagnostic{
			Pos:     at.Pos(),
			End:     at.End(),
			Message: fmt.Sprintf("%s (%s, decoded from JSON into %s) is read as %s%s: %s", rt.displayName(), fa.fieldName(rt.field), typ, itemList(items), panics.clause(), end),
		}
	case rt.param >= 0 && !panicsOnly && fa.rangeSwitchesParam(rt):
		d = analysis.Diagnostic{
			Pos:     rt.v.Pos(),
			End:     rt.v.Pos() + token.Pos(len(rt.v.Name())),
			Message: fmt.Sprintf("parameter %s %s is read as %s: decode into typed structs and pass those instead", rt.v.Name(), typ, itemList(items)),
		}
	default:
		return analysis.Diagnostic{}, false
	}
	if len(panics) > 0 {
		// A crash outranks clumsy code: drivers and reviewers sort on it.
		d.Category = "panic"
	}
	d.Related = fa.related(rt)
	if suggestion := suggestType(items); cfg.suggest && !isDynamicString(suggestion) && suggestion != "any" {
		var at analysis.Range = span{d.Pos, d.End}
		switch {
		case rt.field != nil:
		case rt.name == "":
			at = ident{rt.v}
		default:
			at = rt.decode
		}
		d.Related = append(d.Related, analysis.RelatedInformation{
			Pos:     at.Pos(),
			End:     at.End(),
			Message: "suggested type: " + suggestion,
		})
	}
	return d, true
}

// valuesOfOneType returns map[string]T (or []T) when every read is of the
// values of the map itself (or the elements of the slice), all asserted to
// the one type T: the keys are data, not fields, and a map of T says so.
func valuesOfOneType(items []Item) string {
	if len(items) != 1 || len(items[0].Types) != 1 || len(items[0].Path) != 1 || !isWildcard(items[0].Path[0]) {
		return ""
	}
	if t := items[0].Types[0]; isDynamicString(t) {
		return ""
	}
	return suggestType(items)
}

// firstRead returns the first assertion, switch or call that reads rt.
func (rt *root) firstRead() ast.Node {
	kept := rt.kept()
	if len(kept) == 0 {
		return nil
	}
	return kept[0].site
}

// fieldName renders a field as its struct type and name: ToolRequest.Parameters.
func (fa *funcAnalysis) fieldName(sel *types.Selection) string {
	recv := sel.Recv()
	if p, ok := recv.Underlying().(*types.Pointer); ok {
		recv = p.Elem()
	}
	name := fa.typeString(recv)
	if _, ok := types.Unalias(recv).(*types.Named); !ok {
		name = "struct"
	}
	return name + "." + sel.Obj().Name()
}

// allKeyed reports whether every item is reached through keys and slice
// elements, with no range over a map's values: a struct describes them.
func allKeyed(items []Item) bool {
	return !slices.ContainsFunc(items, func(it Item) bool { return slices.Contains(it.Path, "*") })
}

// rangeSwitchesParam reports whether the function type-switches, to at
// least one scalar type, on the values of a range over the parameter
// itself: the shape of a map[string]any handed around in place of a type.
func (fa *funcAnalysis) rangeSwitchesParam(rt *root) bool {
	if _, ok := rt.v.Type().Underlying().(*types.Map); !ok {
		return false
	}
	return slices.ContainsFunc(rt.kept(), func(o obs) bool {
		return o.sw != nil && o.scalar && len(o.path) == 1 && o.path[0] == "*" && !switchesOnGoValues(fa.pass.TypesInfo, o.sw)
	})
}

// switchesOnGoValues reports whether a type switch has a case for a type
// that decoding JSON never produces (int, int64, time.Time, []byte, a
// type of the program's own): the values were put in the map by Go code,
// not decoded, as in an encoder of attributes that handles every scalar
// kind. encoding/json yields only string, float64, bool, json.Number,
// map[string]any, []any and nil.
func switchesOnGoValues(info *types.Info, sw *ast.TypeSwitchStmt) bool {
	for _, stmt := range sw.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			t := info.TypeOf(e)
			if t != nil && !decodedFromJSON(t) {
				return true
			}
		}
	}
	return false
}

// decodedFromJSON reports whether encoding/json can store a value of type
// t in an interface: the types it decodes into any, and interfaces.
func decodedFromJSON(t types.Type) bool {
	if types.IsInterface(t) || typematch.IsNamed(t, "encoding/json", "Number") {
		return true
	}
	switch u := types.Unalias(t).(type) {
	case *types.Basic:
		switch u.Kind() {
		case types.String, types.Float64, types.Bool, types.UntypedNil:
			return true
		}
	case *types.Map:
		return types.Identical(u.Key(), types.Typ[types.String]) && isEmptyInterface(u.Elem())
	case *types.Slice:
		return isEmptyInterface(u.Elem())
	}
	return false
}

// related lists each assertion, switch and call that read the root, once.
func (fa *funcAnalysis) related(rt *root) []analysis.RelatedInformation {
	type entry struct {
		site  ast.Node
		head  string
		parts []string
	}
	var entries []*entry
	bySite := make(map[ast.Node]*entry)
	kept := slices.DeleteFunc(rt.kept(), func(o obs) bool { return slices.ContainsFunc(o.path, isKeyParamSeg) })
	for _, o := range kept {
		if !o.scalar && o.sw == nil && readsBelow(kept, o.path) {
			continue // a step on the way to a read listed on its own
		}
		e, ok := bySite[o.site]
		if !ok {
			switch {
			case o.callee != "":
				e = &entry{site: o.site, head: "passed to " + o.callee + ", which reads "}
			case o.sw != nil:
				e = &entry{site: o.site, head: pathString(o.path) + " switched on "}
			default:
				e = &entry{site: o.site, head: pathString(o.path) + " asserted to "}
			}
			bySite[o.site] = e
			entries = append(entries, e)
		}
		part := o.typ
		if o.callee != "" {
			part = pathString(o.path) + " as " + o.typ
		}
		if !slices.Contains(e.parts, part) {
			e.parts = append(e.parts, part)
		}
	}
	var rel []analysis.RelatedInformation
	for _, e := range entries {
		rel = append(rel, analysis.RelatedInformation{Pos: e.site.Pos(), End: e.site.End(), Message: e.head + strings.Join(e.parts, ", ")})
	}
	return rel
}

func hasPrefix(path, prefix []string) bool {
	return len(path) >= len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}

func isEncode(fn *types.Func) bool {
	return typematch.IsFunc(fn, "encoding/json", "Marshal", "MarshalIndent") ||
		typematch.IsMethod(fn, "encoding/json", "Encoder", "Encode")
}

func (rt *root) displayName() string {
	if rt.name != "" {
		return rt.name
	}
	return rt.v.Name()
}

// span is a range of source.
type span struct{ pos, end token.Pos }

func (s span) Pos() token.Pos { return s.pos }
func (s span) End() token.Pos { return s.end }

// ident is the range of a variable's declaring identifier.
type ident struct{ v *types.Var }

func (i ident) Pos() token.Pos { return i.v.Pos() }
func (i ident) End() token.Pos { return i.v.Pos() + token.Pos(len(i.v.Name())) }

// hasEnclosingFunc reports whether the function literal at cur lies inside
// another function declaration or literal.
func hasEnclosingFunc(cur inspector.Cursor) bool {
	for range cur.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return true
	}
	return false
}

// isUnmarshaler reports whether fd is a method implementing a decoding
// interface: UnmarshalJSON, UnmarshalJSONFrom, UnmarshalYAML, UnmarshalText...
func isUnmarshaler(fd *ast.FuncDecl) bool {
	return fd.Recv != nil && fd.Name != nil && strings.HasPrefix(fd.Name.Name, "Unmarshal")
}

// defaultFormats reports whether the default clause of sw formats or
// encodes the switched value (fmt.Sprint(v), json.Marshal(v)): the switch
// converts a value of any type, special-casing some, and assumes no schema.
func (fa *funcAnalysis) defaultFormats(sw *ast.TypeSwitchStmt, x ast.Expr) bool {
	info := fa.pass.TypesInfo
	for _, s := range sw.Body.List {
		cc, ok := s.(*ast.CaseClause)
		if !ok || cc.List != nil {
			continue
		}
		isValue := func(e ast.Expr) bool {
			id, ok := ast.Unparen(e).(*ast.Ident)
			if !ok {
				return false
			}
			obj := info.Uses[id]
			if obj != nil && obj == info.Implicits[cc] {
				return true
			}
			xid, ok := ast.Unparen(x).(*ast.Ident)
			return ok && obj != nil && obj == info.Uses[xid]
		}
		found := false
		ast.Inspect(cc, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || found {
				return !found
			}
			fn := typematch.Callee(info, call)
			if typematch.IsFunc(fn, "fmt", "Sprint", "Sprintf", "Sprintln", "Fprint", "Fprintf", "Fprintln", "Print", "Printf", "Println", "Append", "Appendf", "Appendln") || isEncode(fn) {
				found = slices.ContainsFunc(call.Args, isValue)
			}
			return !found
		})
		return found
	}
	return false
}
