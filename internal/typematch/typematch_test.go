package typematch_test

import (
	"go/ast"
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
