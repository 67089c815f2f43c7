package runner

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestRelease checks, on random graphs finished in random dependency
// orders, that a unit's types are dropped exactly when it and every unit
// that depends on it, directly or not, are done.
func TestRelease(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 1))
		e := &engine{pkgUnit: make(map[*types.Package]*unit)}
		var order []*unit
		for i := range 40 {
			u := &unit{pkg: &packages.Package{PkgPath: fmt.Sprint("p", i)}}
			u.types = types.NewPackage(u.pkg.PkgPath, "p")
			for k := rng.IntN(4); k > 0 && i > 0; k-- {
				if d := order[rng.IntN(i)]; !slices.Contains(u.imports, d) {
					u.imports = append(u.imports, d)
				}
			}
			order = append(order, u)
		}
		importers := make(map[*unit][]*unit)
		for _, u := range order {
			for _, d := range u.imports {
				importers[d] = append(importers[d], u)
			}
		}
		countDependents(order)
		finished := make(map[*unit]bool)
		// allDone reports whether u and everything that depends on it are done.
		var allDone func(u *unit) bool
		allDone = func(u *unit) bool {
			if !finished[u] {
				return false
			}
			for _, i := range importers[u] {
				if !allDone(i) {
					return false
				}
			}
			return true
		}
		for len(finished) < len(order) {
			var ready []*unit
			for _, u := range order {
				if !finished[u] && !slices.ContainsFunc(u.imports, func(d *unit) bool { return !finished[d] }) {
					ready = append(ready, u)
				}
			}
			u := ready[rng.IntN(len(ready))]
			e.finish(u)
			finished[u] = true
			for _, d := range order {
				if released, want := d.types == nil, allDone(d); released != want {
					t.Fatalf("seed %d: after %s, %s released: %v, want %v", seed, u.pkg.PkgPath, d.pkg.PkgPath, released, want)
				}
			}
		}
	}
}

// TestCompact checks that a package analyzed from source is kept as its
// importers see it: its types decoded from its export data, without the
// scopes of its function bodies, and its facts about the decoded objects;
// a fact about an object no importer can reach is dropped.
func TestCompact(t *testing.T) {
	const src = `package p

type T struct{ n int }

func (t *T) Get() int { x := t.n; return x }

func F(t T) int { for i := range 3 { t.n += i }; return t.n }

func hidden() {}
`
	e := &engine{fset: token.NewFileSet(), pkgUnit: make(map[*types.Package]*unit)}
	f, err := parser.ParseFile(e.fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("example.com/p", e.fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	u := &unit{pkg: &packages.Package{PkgPath: "example.com/p"}, analyze: true, types: pkg, facts: newFactSet()}
	e.pkgUnit[pkg] = u
	factType := reflect.TypeOf(new(isBad))
	get, _, _ := types.LookupFieldOrMethod(pkg.Scope().Lookup("T").Type(), true, pkg, "Get")
	u.facts.objs[objectFactKey{pkg.Scope().Lookup("F"), factType}] = new(isBad)
	u.facts.objs[objectFactKey{get, factType}] = new(isBad)
	u.facts.objs[objectFactKey{pkg.Scope().Lookup("hidden"), factType}] = new(isBad)
	u.facts.pkgs[factType] = new(isBad)

	if pkg.Scope().NumChildren() == 0 {
		t.Fatal("the source package has no file scopes: the test checks nothing")
	}
	e.compact(u)
	if u.types == pkg || u.types.Path() != pkg.Path() {
		t.Fatalf("types not replaced: %v", u.types)
	}
	if n := u.types.Scope().NumChildren(); n != 0 {
		t.Errorf("compacted package scope has %d children (file and function scopes), want none", n)
	}
	if e.pkgUnit[u.types] != u || e.pkgUnit[pkg] != nil {
		t.Errorf("pkgUnit not moved to the compacted types")
	}
	var got []string
	for k := range u.facts.objs {
		if k.obj.Pkg() != u.types {
			t.Errorf("fact about %v, not an object of the compacted types", k.obj)
		}
		got = append(got, k.obj.Name())
	}
	slices.Sort(got)
	if want := []string{"F", "Get"}; !slices.Equal(got, want) {
		t.Errorf("facts about %v, want %v", got, want)
	}
	if len(u.facts.pkgs) != 1 {
		t.Errorf("package facts: %d, want 1", len(u.facts.pkgs))
	}
}
