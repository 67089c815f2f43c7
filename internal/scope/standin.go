package scope

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/trapvet/trapvet/internal/typematch"
)

// standInFuncs returns, per production file, the functions and methods
// that take a stand-in for testing.TB (isTBStandIn) as a parameter: a
// library for tests that declares its own TB, so as not to import
// testing (pgtestdb's New(t TB, ...)), is test support in those
// functions, and the unexported functions only they use follow
// (supportFuncs). The rest of the file keeps its kind: its types and
// other functions may serve production code.
func standInFuncs(info *types.Info, files map[*token.File]fileKind) map[*token.File][]*ast.FuncDecl {
	out := make(map[*token.File][]*ast.FuncDecl)
	for tf, fk := range files {
		if fk.kind != Production {
			continue
		}
		for _, d := range fk.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok && takesTBStandIn(fn.Signature()) {
				out[tf] = append(out[tf], fd)
			}
		}
		sort.Slice(out[tf], func(i, j int) bool { return out[tf][i].Pos() < out[tf][j].Pos() })
	}
	return out
}

// takesTBStandIn reports whether one of sig's parameters (not its
// receiver) is a stand-in for testing.TB.
func takesTBStandIn(sig *types.Signature) bool {
	for p := range sig.Params().Variables() {
		if isTBStandIn(p.Type()) {
			return true
		}
	}
	return false
}

// isTBStandIn reports whether t is an interface type that stands in for
// testing.TB: each method of its method set, embedded interfaces' included,
// is an exported method of testing.TB with an identical signature (so
// *testing.T, *testing.B and *testing.F implement it), and among them are
// Helper and a method that fails the test (Fatal, Fatalf, FailNow, Error,
// Errorf, Fail). The type's name does not count; a type parameter does
// not count either. A logger (Logf, Printf), an interface with Helper
// alone, or one with a method testing.TB lacks is no stand-in.
func isTBStandIn(t types.Type) bool {
	t = types.Unalias(t)
	if _, ok := t.(*types.TypeParam); ok {
		return false
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok || !iface.IsMethodSet() {
		return false
	}
	helper, fails := false, false
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		want, ok := tbMethods[m.Name()]
		if !ok || !m.Exported() || !want.matches(m.Signature()) {
			return false
		}
		helper = helper || m.Name() == "Helper"
		fails = fails || contains(failingMethods, m.Name())
	}
	return helper && fails
}

// failingMethods are testing.TB's methods that mark the test failed.
var failingMethods = []string{"Fatal", "Fatalf", "FailNow", "Error", "Errorf", "Fail"}

// A tbSignature is the signature of one of testing.TB's methods: a test
// of each parameter's and result's type, and whether the last parameter
// is variadic.
type tbSignature struct {
	params, results []func(types.Type) bool
	variadic        bool
}

func (s tbSignature) matches(sig *types.Signature) bool {
	return sig.Variadic() == s.variadic && tupleMatches(sig.Params(), s.params) && tupleMatches(sig.Results(), s.results)
}

func tupleMatches(tup *types.Tuple, want []func(types.Type) bool) bool {
	if tup.Len() != len(want) {
		return false
	}
	for i, is := range want {
		if !is(tup.At(i).Type()) {
			return false
		}
	}
	return true
}

// The types in testing.TB's method signatures.
var (
	tbString = identicalTo(types.Typ[types.String])
	tbBool   = identicalTo(types.Typ[types.Bool])
	tbArgs   = identicalTo(types.NewSlice(types.Universe.Lookup("any").Type()))
	tbFunc   = identicalTo(types.NewSignatureType(nil, nil, nil, nil, nil, false))
)

// tbMethods are testing.TB's exported methods (Go 1.26) and their
// signatures.
var tbMethods = map[string]tbSignature{
	"ArtifactDir": {results: tbTypes(tbString)},
	"Attr":        {params: tbTypes(tbString, tbString)},
	"Chdir":       {params: tbTypes(tbString)},
	"Cleanup":     {params: tbTypes(tbFunc)},
	"Context":     {results: tbTypes(isNamedExactly("context", "Context"))},
	"Error":       {params: tbTypes(tbArgs), variadic: true},
	"Errorf":      {params: tbTypes(tbString, tbArgs), variadic: true},
	"Fail":        {},
	"FailNow":     {},
	"Failed":      {results: tbTypes(tbBool)},
	"Fatal":       {params: tbTypes(tbArgs), variadic: true},
	"Fatalf":      {params: tbTypes(tbString, tbArgs), variadic: true},
	"Helper":      {},
	"Log":         {params: tbTypes(tbArgs), variadic: true},
	"Logf":        {params: tbTypes(tbString, tbArgs), variadic: true},
	"Name":        {results: tbTypes(tbString)},
	"Output":      {results: tbTypes(isNamedExactly("io", "Writer"))},
	"Setenv":      {params: tbTypes(tbString, tbString)},
	"Skip":        {params: tbTypes(tbArgs), variadic: true},
	"SkipNow":     {},
	"Skipf":       {params: tbTypes(tbString, tbArgs), variadic: true},
	"Skipped":     {results: tbTypes(tbBool)},
	"TempDir":     {results: tbTypes(tbString)},
}

func tbTypes(is ...func(types.Type) bool) []func(types.Type) bool { return is }

func identicalTo(u types.Type) func(types.Type) bool {
	return func(t types.Type) bool { return types.Identical(t, u) }
}

// isNamedExactly tests for the named type pkgPath.name itself, not a
// pointer to it (which typematch.IsNamed also accepts).
func isNamedExactly(pkgPath, name string) func(types.Type) bool {
	return func(t types.Type) bool {
		_, ptr := types.Unalias(t).(*types.Pointer)
		return !ptr && typematch.IsNamed(t, pkgPath, name)
	}
}
