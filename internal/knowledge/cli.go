package knowledge

import (
	"go/types"
	"sync"

	"github.com/trapvet/trapvet/internal/typematch"
)

// cliFrameworks are the command-line frameworks known by path (any major
// version: urfave/cli/v3, kingpin/v2). IsCLIFramework also knows their
// forks and kin by the shape of their API.
var cliFrameworks = []string{
	"github.com/spf13/cobra",
	"github.com/urfave/cli",
	"github.com/alecthomas/kingpin",
	"gopkg.in/alecthomas/kingpin.v2",
	"github.com/alecthomas/kong",
	"github.com/peterbourgon/ff/v3/ffcli",
	"github.com/peterbourgon/ff/v4",
}

var cliShapes sync.Map // *types.Package -> bool

// IsCLIFramework reports whether pkg is a command-line framework: one
// of cliFrameworks, or a package with the API of one, so that forks
// (choria-io/fisk is kingpin's) count too:
//   - a type with a method Command(name, help string, ...) returning a
//     type with an Action method (kingpin's Application and CmdClause);
//   - a struct type named Command with a function field Run, RunE or
//     Action (cobra's and urfave/cli's command).
func IsCLIFramework(pkg *types.Package) bool {
	if pkg == nil {
		return false
	}
	for _, p := range cliFrameworks {
		if typematch.PathIs(pkg.Path(), p) || InPackage(pkg.Path(), p) {
			return true
		}
	}
	if v, ok := cliShapes.Load(pkg); ok {
		return v.(bool)
	}
	shaped := hasCLIShape(pkg)
	cliShapes.Store(pkg, shaped)
	return shaped
}

func hasCLIShape(pkg *types.Package) bool {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() {
			continue
		}
		named, ok := types.Unalias(tn.Type()).(*types.Named)
		if !ok {
			continue
		}
		if name == "Command" {
			if st, ok := named.Underlying().(*types.Struct); ok {
				for f := range st.Fields() {
					if _, isFunc := f.Type().Underlying().(*types.Signature); isFunc && (f.Name() == "Run" || f.Name() == "RunE" || f.Name() == "Action") {
						return true
					}
				}
			}
		}
		ms := types.NewMethodSet(types.NewPointer(named))
		if sel := ms.Lookup(pkg, "Command"); sel != nil && buildsCommand(pkg, sel.Obj().Type().(*types.Signature)) {
			return true
		}
	}
	return false
}

// buildsCommand reports whether sig is Command(name, help string, ...)
// returning a type that has an Action method.
func buildsCommand(pkg *types.Package, sig *types.Signature) bool {
	params, results := sig.Params(), sig.Results()
	if params.Len() < 2 || results.Len() != 1 {
		return false
	}
	for i := range 2 {
		if b, ok := params.At(i).Type().Underlying().(*types.Basic); !ok || b.Kind() != types.String {
			return false
		}
	}
	obj, _, _ := types.LookupFieldOrMethod(results.At(0).Type(), true, pkg, "Action")
	_, isMethod := obj.(*types.Func)
	return isMethod
}

// InPackage reports whether path is want, or want with a major version
// suffix (github.com/urfave/cli/v3, github.com/redis/go-redis/v9).
func InPackage(path, want string) bool {
	if path == want {
		return true
	}
	if len(path) <= len(want)+2 || path[:len(want)] != want || path[len(want):len(want)+2] != "/v" {
		return false
	}
	for _, r := range path[len(want)+2:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// commandActions are the function fields of a command-line framework's
// command that run its work: cobra's Run and RunE with their pre- and
// post-run hooks, urfave/cli's Action, Before and After.
var commandActions = map[string]bool{
	"Run": true, "RunE": true, "PreRun": true, "PreRunE": true, "PostRun": true, "PostRunE": true,
	"PersistentPreRun": true, "PersistentPreRunE": true, "PersistentPostRun": true, "PersistentPostRunE": true,
	"Action": true, "Before": true, "After": true,
}

// IsCommandAction reports whether field, a field of a value of type t, is
// where a command-line framework's command keeps the function that runs
// its work: the framework runs it once, for the one command the process
// was started with, and the process ends when it returns.
func IsCommandAction(t types.Type, field string) bool {
	if !commandActions[field] {
		return false
	}
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	named, ok := t.(*types.Named)
	if !ok {
		return false
	}
	return IsCLIFramework(named.Obj().Pkg())
}
