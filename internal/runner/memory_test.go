package runner

import (
	"fmt"
	"go/types"
	"math/rand/v2"
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
