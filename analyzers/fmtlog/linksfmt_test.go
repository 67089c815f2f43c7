package fmtlog

import (
	"go/types"
	"testing"
)

// linksFmt asks only the standard library (and the packages it vendors)
// whether it imports fmt itself; every other package can import fmt.
func TestLinksFmt(t *testing.T) {
	fmtPkg := types.NewPackage("fmt", "fmt")
	withFmt := types.NewPackage("net/http", "http")
	withFmt.SetImports([]*types.Package{fmtPkg})
	viaOS := types.NewPackage("os", "os") // fmt only further down, as a dependency would show it
	viaOS.SetImports([]*types.Package{withFmt})
	sysrand := types.NewPackage("crypto/internal/sysrand", "sysrand")
	sysrand.SetImports([]*types.Package{viaOS})
	for _, tc := range []struct {
		pkg  *types.Package
		want bool
	}{
		{types.NewPackage("runtime", "runtime"), false},                 // below fmt
		{types.NewPackage("vendor/golang.org/x/sys/cpu", "cpu"), false}, // vendored by std, below fmt
		{withFmt, true}, // std above fmt
		{types.NewPackage("example.com/lowlevel", "lowlevel"), true},      // a module's package: may import fmt
		{types.NewPackage("lowlevel", "lowlevel"), true},                  // GOPATH-style path, not std
		{types.NewPackage("myproj/vendor/golang.org/x/cpu", "cpu"), true}, // a module's vendored copy
	} {
		if got := linksFmt(tc.pkg); got != tc.want {
			t.Errorf("linksFmt(%s) = %v, want %v", tc.pkg.Path(), got, tc.want)
		}
	}
}
