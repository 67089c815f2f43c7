package anymap

import (
	_ "embed"
	"go/ast"
	"go/types"
	"slices"
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
		FactTypes: []analysis.Fact{(*Decodes)(nil), (*Reads)(nil), (*DecodedField)(nil), (*DecodesResult)(nil), (*ChecksKey)(nil)},
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
	cursors := make(map[*ast.FuncDecl]inspector.Cursor)
	pkg := &pkgInfo{sites: make(decodeSites), foreign: make(map[*types.Var]map[string][]string)}
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		if fd := cur.Node().(*ast.FuncDecl); fd.Body != nil {
			funcs = append(funcs, fd)
			cursors[fd] = cur
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
			if exportDecodesResult(pass, pkg, fd) {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// Helpers that check a key of the map they return, now that the
	// maps returned are known.
	for _, fd := range funcs {
		exportChecksKey(pass, pkg, cursors[fd])
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
		fa := analyses[i]
		for _, rt := range fa.roots {
			if d, ok := fa.diagnostic(rt, cfg); ok {
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
	case isJSONDropIn(fn) && fn.Signature().Recv() == nil && jsonDropInUnmarshal[fn.Name()]:
		return arg(1)
	case isJSONDropIn(fn) && (typematch.IsMethod(fn, fn.Pkg().Path(), "Decoder", "Decode")):
		return arg(0)
	case isJSONDropIn(fn) && typematch.IsMethod(fn, fn.Pkg().Path(), "API", "Unmarshal", "UnmarshalFromString"):
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

// jsonDropIns are the drop-in replacements for encoding/json, which decode
// into a map[string]any as it does (numbers as float64): their
// Unmarshal functions, their Decoder's Decode, and the Unmarshal methods
// of their configured API values (jsoniter.ConfigCompatibleWithStandardLibrary).
var jsonDropIns = []string{"github.com/goccy/go-json", "github.com/json-iterator/go", "github.com/bytedance/sonic"}

// jsonDropInUnmarshal are their package-level decode functions, each taking
// the target second.
var jsonDropInUnmarshal = map[string]bool{"Unmarshal": true, "UnmarshalString": true, "UnmarshalFromString": true, "UnmarshalNoEscape": true}

func isJSONDropIn(fn *types.Func) bool {
	return fn.Pkg() != nil && slices.Contains(jsonDropIns, fn.Pkg().Path())
}

// yamlPackages are the YAML decoders whose Unmarshal, (*Decoder).Decode
// and (*Node).Decode fill a map[string]any as encoding/json does.
var yamlPackages = []string{"gopkg.in/yaml.v2", "gopkg.in/yaml.v3", "go.yaml.in/yaml/v2", "go.yaml.in/yaml/v3", "sigs.k8s.io/yaml"}

func isYAMLPackage(fn *types.Func) bool {
	return fn.Pkg() != nil && slices.ContainsFunc(yamlPackages, func(p string) bool { return typematch.PathIs(fn.Pkg().Path(), p) })
}

// decodesYAML reports whether call is a YAML decode, directly or through a
// function known to decode (or return) YAML: its values are not those of
// encoding/json (an int for 8080, a time.Time for a timestamp).
func decodesYAML(pass *analysis.Pass, call *ast.CallExpr) bool {
	fn := typematch.Callee(pass.TypesInfo, call)
	if fn == nil {
		return false
	}
	if isYAMLPackage(fn) {
		return true
	}
	var d Decodes
	if pass.ImportObjectFact(fn.Origin(), &d) {
		return d.YAML
	}
	var r DecodesResult
	return pass.ImportObjectFact(fn.Origin(), &r) && r.YAML
}

// decodeTargets returns the targets of call when it decodes: a decode
// anywhere, or, in a YAML v2 style UnmarshalYAML, a call of its unmarshal
// parameter.
func (fa *funcAnalysis) decodeTargets(call *ast.CallExpr) []ast.Expr {
	if fa.callsYAMLCallback(call) {
		return call.Args
	}
	return decodeTarget(fa.pass, call)
}

// callsYAMLCallback reports whether call is unmarshal(&v) in a YAML v2
// style UnmarshalYAML.
func (fa *funcAnalysis) callsYAMLCallback(call *ast.CallExpr) bool {
	if fa.yamlCallback == nil || len(call.Args) != 1 {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	return ok && fa.pass.TypesInfo.Uses[id] == fa.yamlCallback
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
	yaml := false
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
					yaml = yaml || decodesYAML(pass, call)
				}
			}
		}
		return true
	})
	if len(decoded) == 0 {
		return false
	}
	var f Decodes
	f.YAML = yaml
	for i := range params {
		if decoded[i] {
			f.Params = append(f.Params, i)
			f.Names = append(f.Names, params[i].Name())
		}
	}
	var old Decodes
	if pass.ImportObjectFact(fn, &old) && slices.Equal(old.Params, f.Params) && old.YAML == f.YAML {
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
		lost := lostItems(fa.lostSites(rt, true))
		if !hasScalar(items) && len(lost) == 0 {
			continue
		}
		f.Params = append(f.Params, ParamReads{Index: rt.param, Name: rt.v.Name(), Items: items, Panics: rt.panicSites(true).paths(), Lost: lost})
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
