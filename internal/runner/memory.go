package runner

// This file bounds the engine's memory by what later packages import,
// not by the size of the graph: a unit's types and facts are dropped as
// soon as every unit that depends on it, directly or not, is done. (Its
// syntax and type information are dropped when its own analysis ends.)
// A unit is needed by its transitive importers, not its direct ones only:
// an importer's view of a package's types reaches its dependencies' types,
// and their facts are looked up by package (universe.factsOf).

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
// what it imports that no unit still to finish depends on. A unit that
// imports u waits for u to be done: it is not released before u's finish.
func (e *engine) finish(u *unit) {
	u.ok = u.types != nil
	if u.dependents.Load() != 0 {
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
	d.types, d.decoded, d.facts, d.resolved, d.entry = nil, nil, nil, nil, nil
}
