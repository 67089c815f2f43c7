package runner

// This file bounds the engine's memory by what later packages import,
// not by the size of the graph: a unit's types and facts are dropped as
// soon as every unit that depends on it, directly or not, is done. (Its
// syntax and type information are dropped when its own analysis ends.)
// A unit is needed by its transitive importers, not its direct ones only:
// an importer's view of a package's types reaches its dependencies' types,
// and their facts are looked up by package (universe.factsOf).

// countDependents counts, for each unit of order, the units that depend on it.
func countDependents(order []*unit) {
	for _, u := range order {
		for _, d := range closure(u) {
			d.dependents.Add(1)
		}
	}
}

// closure returns u's dependencies, transitively, each once.
func closure(u *unit) []*unit {
	seen := make(map[*unit]bool)
	var out []*unit
	var visit func(u *unit)
	visit = func(u *unit) {
		for _, d := range u.imports {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
				visit(d)
			}
		}
	}
	visit(u)
	return out
}

// finish records that u is done with its dependencies, and drops those
// that no unit still to finish depends on; and u itself if no unit
// depends on it (a test main, a package nothing imports), which no
// later finish would drop. Its dependents, if any, are not done: they
// wait for u.
func (e *engine) finish(u *unit) {
	u.ok = u.types != nil
	for _, d := range closure(u) {
		if d.dependents.Add(-1) == 0 {
			e.release(d)
		}
	}
	if u.dependents.Load() == 0 {
		e.release(u)
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
