package typematch_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/typematch"
)

// matches reports how typematch classifies each call in the fixture.
var matches = &analysis.Analyzer{
	Name: "matches",
	Doc:  "matches: report typematch results, for testing",
	Run: func(pass *analysis.Pass) (any, error) {
		if !typematch.Imports(pass.Pkg, "sync") || typematch.Imports(pass.Pkg, "net/http") {
			pass.Reportf(pass.Files[0].Package, "Imports is wrong")
		}
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				switch {
				case typematch.CallsMethod(pass.TypesInfo, call, "sync", "Mutex", "Lock", "Unlock"):
					pass.Reportf(call.Pos(), "sync.Mutex method")
				case typematch.CallsFunc(pass.TypesInfo, call, "strings", "Clone"):
					pass.Reportf(call.Pos(), "strings.Clone")
				case typematch.CallsMethod(pass.TypesInfo, call, "m", "Box", "Get"):
					pass.Reportf(call.Pos(), "m.Box.Get")
				case typematch.CallsMethod(pass.TypesInfo, call, "m", "Getter", "Get"):
					pass.Reportf(call.Pos(), "m.Getter.Get")
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestMatches(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), matches, "m")
}

func TestPathIs(t *testing.T) {
	for _, tc := range []struct {
		got, want string
		ok        bool
	}{
		{"google.golang.org/grpc", "google.golang.org/grpc", true},
		{"example.com/app/vendor/google.golang.org/grpc", "google.golang.org/grpc", true},
		{"vendor/golang.org/x/net/http2", "golang.org/x/net/http2", true},
		{"example.com/grpc", "google.golang.org/grpc", false},
		{"google.golang.org/grpc/metadata", "google.golang.org/grpc", false},
	} {
		if got := typematch.PathIs(tc.got, tc.want); got != tc.ok {
			t.Errorf("PathIs(%q, %q) = %v, want %v", tc.got, tc.want, got, tc.ok)
		}
	}
}

func TestIsError(t *testing.T) {
	errT := types.Universe.Lookup("error").Type()
	// A named type whose underlying type is error's is not error itself.
	named := types.NewNamed(types.NewTypeName(token.NoPos, nil, "myErr", nil), errT.Underlying(), nil)
	for _, c := range []struct {
		t    types.Type
		want bool
	}{
		{errT, true},
		{named, false},
		{types.Typ[types.String], false},
		{nil, false},
	} {
		if got := typematch.IsError(c.t); got != c.want {
			t.Errorf("IsError(%v) = %v, want %v", c.t, got, c.want)
		}
	}
}

// TestTypeHelpers checks HasMethod, UnderPointer and IsPackageLevel on a
// small package: a method of *T counts for T, an unexported one too.
func TestTypeHelpers(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", `package p
type T struct{ n int }
func (*T) Commit() error { return nil }
func (T) rollback()       {}
type P *T
var V T
func f() { var local T; _ = local }
`, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
	pkg, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	T := pkg.Scope().Lookup("T").Type()
	for _, c := range []struct {
		t    types.Type
		name string
		want bool
	}{
		{T, "Commit", true},
		{types.NewPointer(T), "Commit", true},
		{T, "rollback", true},
		{T, "Rollback", false},
		{T, "n", false}, // a field
		{nil, "Commit", false},
	} {
		if got := typematch.HasMethod(c.t, c.name); got != c.want {
			t.Errorf("HasMethod(%v, %q) = %v, want %v", c.t, c.name, got, c.want)
		}
	}
	if _, ok := typematch.UnderPointer(types.NewPointer(T)).(*types.Struct); !ok {
		t.Errorf("UnderPointer(*T) is not T's struct")
	}
	if _, ok := typematch.UnderPointer(pkg.Scope().Lookup("P").Type()).(*types.Struct); !ok {
		t.Errorf("UnderPointer(P), a named pointer to T, is not T's struct")
	}
	if _, ok := typematch.UnderPointer(types.Typ[types.Int]).(*types.Basic); !ok {
		t.Errorf("UnderPointer(int) is not int")
	}
	var local, commit, rollback, fn types.Object
	for id, obj := range info.Defs {
		switch id.Name {
		case "local":
			local = obj
		case "Commit":
			commit = obj
		case "rollback":
			rollback = obj
		case "f":
			fn = obj
		}
	}
	tn := pkg.Scope().Lookup("T").(*types.TypeName)
	if typematch.RecvTypeName(commit.(*types.Func)) != tn || typematch.RecvTypeName(rollback.(*types.Func)) != tn || typematch.RecvTypeName(fn.(*types.Func)) != nil {
		t.Errorf("RecvTypeName: want T for (*T).Commit and T.rollback, nil for f")
	}
	if !typematch.IsPackageLevel(pkg.Scope().Lookup("V")) || typematch.IsPackageLevel(local) || typematch.IsPackageLevel(nil) {
		t.Errorf("IsPackageLevel: V %v, local %v, nil %v; want true, false, false",
			typematch.IsPackageLevel(pkg.Scope().Lookup("V")), typematch.IsPackageLevel(local), typematch.IsPackageLevel(nil))
	}
}

// TestIsIOSignature checks the io method shapes: the parameters given,
// then (int, error).
func TestIsIOSignature(t *testing.T) {
	bytes := types.NewSlice(types.Typ[types.Byte])
	sig := func(params []types.Type, results ...types.Type) *types.Signature {
		var ps, rs []*types.Var
		for _, p := range params {
			ps = append(ps, types.NewParam(token.NoPos, nil, "", p))
		}
		for _, r := range results {
			rs = append(rs, types.NewParam(token.NoPos, nil, "", r))
		}
		return types.NewSignatureType(nil, nil, nil, types.NewTuple(ps...), types.NewTuple(rs...), false)
	}
	errT := types.Universe.Lookup("error").Type()
	intT, i64 := types.Typ[types.Int], types.Typ[types.Int64]
	for _, c := range []struct {
		name   string
		sig    *types.Signature
		params []types.Type
		want   bool
	}{
		{"Write", sig([]types.Type{bytes}, intT, errT), []types.Type{bytes}, true},
		{"WriteAt", sig([]types.Type{bytes, i64}, intT, errT), []types.Type{bytes, i64}, true},
		{"Write as WriteString", sig([]types.Type{bytes}, intT, errT), []types.Type{types.Typ[types.String]}, false},
		{"int64 count", sig([]types.Type{bytes}, i64, errT), []types.Type{bytes}, false},
		{"no error", sig([]types.Type{bytes}, intT, intT), []types.Type{bytes}, false},
		{"one result", sig([]types.Type{bytes}, intT), []types.Type{bytes}, false},
		{"extra parameter", sig([]types.Type{bytes, intT}, intT, errT), []types.Type{bytes}, false},
	} {
		if got := typematch.IsIOSignature(c.sig, c.params...); got != c.want {
			t.Errorf("%s: IsIOSignature = %v, want %v", c.name, got, c.want)
		}
	}
}
