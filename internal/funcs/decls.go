package funcs

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// Decls indexes the functions and methods a package declares with a body:
// the declaration an analyzer reads to summarise a function of its own
// package. It is read-only once built.
type Decls map[*types.Func]*ast.FuncDecl

// DeclsOf indexes the function declarations of files.
func DeclsOf(info *types.Info, files []*ast.File) Decls {
	decls := make(Decls)
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					decls[fn] = fd
				}
			}
		}
	}
	return decls
}

// DeclsAnalyzer builds the package's Decls once for the analyzers that
// require it. It reports nothing, and no driver lists it.
var DeclsAnalyzer = &analysis.Analyzer{
	Name:       "funcdecls",
	Doc:        "index the function declarations of a package\n\nfuncdecls reports nothing: its result serves the analyzers that summarise their package's functions.",
	ResultType: reflect.TypeOf(Decls(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		return DeclsOf(pass.TypesInfo, pass.Files), nil
	},
}
