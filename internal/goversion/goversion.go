// Package goversion answers the version questions trapvet analyzers ask of
// a file: which language semantics apply to it (loop variables), and which
// standard library it may use (may a fix call slices.Clone?).
//
// The language version comes from the file's //go:build constraint or its
// module's go line, through types.Info.FileVersions. An unknown version is
// treated as the newest: no report depends on old semantics the file may not
// have (fail open).
package goversion

import (
	"go/ast"
	"go/token"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Well-known language and library changes.
const (
	// Go1_20 added strings.Clone and bytes.Clone.
	Go1_20 = "go1.20"
	// Go1_21 added slices, maps, and context.WithoutCancel.
	Go1_21 = "go1.21"
	// Go1_22 made loop variables per-iteration and added range over int.
	Go1_22 = "go1.22"
	// Go1_23 made unreferenced timers collectable and added range over func.
	Go1_23 = "go1.23"
)

// File returns the Go version of f ("go1.21", "go1.22.3"), or "" if unknown.
func File(pass *analysis.Pass, f *ast.File) string {
	if pass.TypesInfo == nil || pass.TypesInfo.FileVersions == nil {
		return ""
	}
	v := pass.TypesInfo.FileVersions[f]
	if !version.IsValid(v) {
		return ""
	}
	return v
}

// LangAtLeast reports whether the language semantics of f are those of Go
// v or later. An unknown version counts as the newest.
func LangAtLeast(pass *analysis.Pass, f *ast.File, v string) bool {
	fv := File(pass, f)
	return fv == "" || version.Compare(fv, v) >= 0
}

// StdlibAtLeast reports whether code in f may use the standard library of
// Go v: the file's version gates which library symbols it may name (as the
// stdversion vet check enforces), so a fix must not call newer API. An
// unknown version counts as the newest.
func StdlibAtLeast(pass *analysis.Pass, f *ast.File, v string) bool {
	return LangAtLeast(pass, f, v)
}

// ModuleAtLeast reports whether the go line of the package's module is at
// least v. Runtime behaviour that follows GODEBUG defaults (timers, for
// instance) depends on the main module's go line, not the file's. known is
// false when the driver gives no module information; callers should then
// stay silent.
//
// Drivers spell the go line differently: go/packages (the standalone
// driver, analysistest) gives "1.21", while go vet's unit config gives
// "go1.21". Both are accepted.
func ModuleAtLeast(pass *analysis.Pass, v string) (atLeast, known bool) {
	if pass.Module == nil {
		return false, false
	}
	mv := Normalize(pass.Module.GoVersion)
	if mv == "" {
		return false, false
	}
	return version.Compare(mv, v) >= 0, true
}

// Normalize returns a Go version in go/version's form ("go1.21.3") whether
// it is given with the "go" prefix (go vet's unit config, FileVersions) or
// without it (a go.mod go line, go/packages' Module.GoVersion); "" when it
// is not a valid version.
func Normalize(v string) string {
	if !strings.HasPrefix(v, "go") {
		v = "go" + v
	}
	if !version.IsValid(version.Lang(v)) {
		return ""
	}
	return v
}

// FileOf returns the file of pass that contains pos, or nil.
func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}
