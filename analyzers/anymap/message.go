package anymap

import (
	"fmt"
	"slices"
	"strings"
)

// The message names the wrong reads only, with their consequence; every
// read of the root is a related position, and the advice goes with the
// decode, the place to change.

// wrongReads says which reads are wrong and what follows, for the message:
// "unchecked read of pain_level as float64 panics if missing or
// differently typed", "read of tags as []string always fails (a type
// decoded JSON never holds)". An unchecked read of a type JSON never
// produces panics whatever the value.
func wrongReads(rt *root, items []Item, panics panicSites, lost []obs) string {
	isPanic := func(o obs) bool {
		return slices.ContainsFunc(panics, func(p obs) bool { return p.site == o.site && p.typ == o.typ && slices.Equal(p.path, o.path) })
	}
	var always, fails []obs
	for _, o := range lost {
		if isPanic(o) {
			always = append(always, o)
		} else {
			fails = append(fails, o)
		}
	}
	rest := slices.DeleteFunc(slices.Clone(panics), func(o obs) bool {
		return o.typ != "" && slices.ContainsFunc(always, func(a obs) bool { return a.site == o.site && a.typ == o.typ && slices.Equal(a.path, o.path) })
	})
	var parts []string
	if reads := panicReads(rest, items); len(reads) > 0 {
		cond := "differently typed"
		if rest.mayBeMissing(rt) {
			cond = "missing or differently typed"
		}
		parts = append(parts, "unchecked "+readsOf(reads, "panics", "panic")+" if "+cond)
	}
	if len(always) > 0 {
		parts = append(parts, "unchecked "+readsOf(lostReads(always), "always panics", "always panic")+" "+neverHolds(always))
	}
	if len(fails) > 0 {
		parts = append(parts, readsOf(lostReads(fails), "always fails", "always fail")+" "+neverHolds(fails))
	}
	return strings.Join(parts, ", and ")
}

// mayBeMissing reports whether a value read unchecked may be missing: it
// is under a key, not read in a range over its map, and the function does
// not check that the key is there.
func (ps panicSites) mayBeMissing(rt *root) bool {
	return slices.ContainsFunc(ps, func(o obs) bool {
		return !isWildcard(o.path[len(o.path)-1]) && !o.ranged && !rt.present[pathKey(o.path)] && !rt.helperChecked(o, false)
	})
}

// panicReads renders the deepest paths read unchecked, each with the types
// asserted there ("pain_level as float64"). A callee's panic names no
// type: the types the callee reads there, if any, stand for it.
func panicReads(ps panicSites, items []Item) []string {
	var reads []string
	for _, p := range ps.paths() {
		var types []string
		for _, o := range ps {
			if o.typ != "" && slices.Equal(o.path, p) && !slices.Contains(types, o.typ) {
				types = append(types, o.typ)
			}
		}
		if len(types) == 0 {
			if i := slices.IndexFunc(items, func(it Item) bool { return slices.Equal(it.Path, p) }); i >= 0 {
				types = items[i].Types
			}
		}
		reads = append(reads, readString(p, types))
	}
	return reads
}

func lostReads(sites []obs) []string {
	var reads []string
	for _, it := range lostItems(sites) {
		reads = append(reads, readString(it.Path, it.Types))
	}
	return reads
}

func readString(path []string, types []string) string {
	if len(types) == 0 {
		return pathString(path)
	}
	return pathString(path) + " as " + strings.Join(types, " or ")
}

// readsOf renders "read of a as string panics", or for several reads "reads
// of a as string and b as float64 panic". Past maxNamedReads it names the
// first two and counts the others ("reads of a as string, b as string and
// 6 other paths panic"): a decoder that recurses into nested lists reads
// one value through many paths, and the related positions list them all.
func readsOf(reads []string, one, many string) string {
	switch {
	case len(reads) == 1:
		return "read of " + reads[0] + " " + one
	case len(reads) > maxNamedReads:
		return fmt.Sprintf("reads of %s, %s and %d other paths %s", reads[0], reads[1], len(reads)-2, many)
	}
	return "reads of " + strings.Join(reads[:len(reads)-1], ", ") + " and " + reads[len(reads)-1] + " " + many
}

// maxNamedReads is how many wrong reads a message names in full.
const maxNamedReads = 3

func neverHolds(sites []obs) string {
	var types []string
	for _, o := range sites {
		if !slices.Contains(types, o.typ) {
			types = append(types, o.typ)
		}
	}
	if len(types) == 1 {
		return "(a type decoded JSON never holds)"
	}
	return "(types decoded JSON never holds)"
}
