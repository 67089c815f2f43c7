package runner

import (
	"bytes"

	"golang.org/x/tools/go/gcexportdata"
)

// This file bounds the engine's memory by what later packages import,
// not by the size of the graph: a unit's types and facts are dropped as
// soon as every unit that depends on it, directly or not, is done. (Its
// syntax and type information are dropped when its own analysis ends.)
// A unit is needed by its transitive importers, not its direct ones only:
// an importer's view of a package's types reaches its dependencies' types,
// and their facts are looked up by package (universe.factsOf).
//
// What is kept of a unit analyzed from source is what its importers see:
// its types as its export data has them, not as the type checker made
// them (compact). A package type-checked from source keeps the scopes and
// objects of every function body (its package scope holds its files'
// scopes, which hold theirs, and each function's signature its scope):
// keeping the export data instead halves the peak memory of the growth
// table's generated modules and of the standard library. Importers see
// what they see in go vet and in a cached run.

// A unit is released once every unit that depends on it is done: once
// each unit that imports it is done and released (which, by the same
// rule, means that each of its own dependents is done), or, for a unit
// nothing imports, once it is done itself. So each unit counts its
// importers not yet released, and a release is passed down the imports,
// one step per import edge: no unit's transitive dependencies are listed.

// countDependents counts, for each unit of order, the units that import it.
func countDependents(order []*unit) {
	for _, u := range order {
		for _, d := range u.imports {
			d.dependents.Add(1)
		}
	}
}

// finish records that u is done, and drops it if no unit imports it, then
// what it imports that no unit still to finish depends on; else it
// compacts u for its importers. A unit that imports u waits for u to be
// done: it is not released, and sees nothing of u, before u's finish.
func (e *engine) finish(u *unit) {
	u.ok = u.types != nil
	if u.dependents.Load() != 0 {
		e.compact(u)
		return
	}
	work := []*unit{u}
	for len(work) > 0 {
		d := work[len(work)-1]
		work = work[:len(work)-1]
		e.release(d)
		for _, i := range d.imports {
			if i.dependents.Add(-1) == 0 {
				work = append(work, i) // done: d, which imports it, is
			}
		}
	}
}

// release drops d's types and facts, and their cached entry.
func (e *engine) release(d *unit) {
	if d.pkg.PkgPath == "unsafe" {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if d.types != nil {
		delete(e.pkgUnit, d.types)
	}
	if d.decoded != nil {
		delete(e.pkgUnit, d.decoded)
	}
	d.types, d.decoded, d.facts, d.resolved, d.entry, d.exported = nil, nil, nil, nil, nil, nil
}

// compact replaces the types of u, analyzed from source, by its export
// data decoded against its dependencies' types, and its facts by the same
// facts about the decoded objects, before any importer sees them: the
// export data and facts the cache stores (exportOf), so facts about
// objects the export data lacks are dropped, as no importer can reach
// them. If the export data cannot be written or read, u is kept as it is.
func (e *engine) compact(u *unit) {
	if !u.analyze || u.types == nil || u.facts == nil {
		return
	}
	fe, err := e.exportOf(u) // written by store, when u is stored
	u.exported = nil
	if err != nil {
		return
	}
	// As decode reads a cached unit's, with e.mu held (reading export data
	// may add to the packages read).
	e.mu.Lock()
	defer e.mu.Unlock()
	imports, err := e.importsOf(u)
	if err != nil {
		return // a dependency's types are not met: u is kept as it is
	}
	pkg, err := gcexportdata.Read(bytes.NewReader(fe.Export), e.fset, imports, u.types.Path())
	if err != nil {
		return
	}
	facts, ok := factsAbout(pkg, fe.Facts)
	if !ok {
		return
	}
	delete(e.pkgUnit, u.types)
	e.pkgUnit[pkg] = u
	u.types, u.facts = pkg, facts
}
