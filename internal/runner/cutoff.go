package runner

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"golang.org/x/tools/go/packages"
)

// This file is early cutoff: with the facts cache, a package is keyed on
// its own files and on what it sees of its dependencies, their export
// data and facts, as go vet keys a unit on its dependencies' compiled
// export data and vet facts, not on their source. An edit that changes
// neither (a comment, a function's body that no fact describes) then
// re-analyzes the edited package alone; one that changes either
// re-analyzes its importers, and theirs as far as their own export data
// or facts change.

// cutoffKey returns u's key: its own key (its files, its import paths,
// the analysis and the build context: keySet.own) and what it imports,
// each import by ifaceOf. "" (not stored, nothing read) if u or an import
// has no key.
func (e *engine) cutoffKey(u *unit) string {
	own := e.own[u.pkg.ID]
	if own == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "cutoff %s\n", own)
	for _, d := range u.imports {
		if d.iface == "" {
			return ""
		}
		fmt.Fprintf(h, "import %s\n", d.iface)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// findingsKey returns the key of u's findings: its key (cutoffKey), which
// covers only the analyzers that run on dependencies, with every
// analyzer's name and flags and Options.Salt. "" if u has no key.
func (e *engine) findingsKey(u *unit) string {
	if u.key == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "findings %s\nanalyzers %s\n", u.key, e.findings)
	return hex.EncodeToString(h.Sum(nil))
}

// ifaceOf returns what an importer's key covers of u, whose stored
// export data and facts have the SHA-256 out: those, and, by the same
// hash of its imports, the export data and facts of every dependency of
// u, since an importer's view of u's types reaches theirs (a method of a
// type of an indirect dependency) and so do its facts.
func (e *engine) ifaceOf(u *unit, out [sha256.Size]byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "iface %q %x\n", u.pkg.ID, out)
	for _, d := range u.imports {
		if d.iface == "" {
			return ""
		}
		fmt.Fprintf(h, "import %s\n", d.iface)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// planCutoff decides, once u's imports are done, whether u is analyzed:
// not if the cache holds its types and facts under its key (a dependency)
// or those and its findings (a root). The entry's header alone is read
// now; its body when an importer is analyzed. bad says u's graph has
// errors, distrust lists entries found damaged in use earlier in the run.
func (e *engine) planCutoff(u *unit, bad bool, distrust map[string]bool) {
	u.key = e.cutoffKey(u)
	c := e.opts.Cache
	if u.key != "" && !bad && !distrust[u.key] {
		if u.terminal {
			if fs, ok := c.get(e.findingsKey(u)); ok {
				u.cached = fromVariant(fs, u.pkg.ID)
				return
			}
		} else if h, ok := c.factsHeaderOf(u.key); ok {
			if !u.root {
				u.header, u.iface = h, e.ifaceOf(u, h.out)
				return
			}
			if fs, ok := c.get(e.findingsKey(u)); ok {
				u.header, u.iface, u.cached = h, e.ifaceOf(u, h.out), fromVariant(fs, u.pkg.ID)
				return
			}
		}
	}
	u.analyze, u.full = true, u.root
}

// markNeeded marks the units the run needs (needed): the roots and their
// dependencies. A generated test main ("p.test") is none of them: its
// analysis finds nothing (it is never a root) and exports facts that no
// package imports, so it is not analyzed, nor what only it imports
// (testing/internal/testdeps), as without the cache. Then it marks the
// terminal roots: those that only the packages of their own build can
// import (closed) and that no needed unit imports. Their findings are
// cached, not their export data and facts. Which units those are depends
// on the package's own files alone (in its key): a test variant is
// imported only within its test's build, all of whose packages are in
// the graph whenever it is.
func markNeeded(order []*unit, rootPkgs []*packages.Package, units map[string]*unit) {
	var visit func(u *unit)
	visit = func(u *unit) {
		if u.needed {
			return
		}
		u.needed = true
		for _, d := range u.imports {
			visit(d)
		}
	}
	for _, p := range rootPkgs {
		visit(units[p.ID])
	}
	imported := make(map[*unit]bool)
	for _, u := range order {
		if u.needed {
			for _, d := range u.imports {
				imported[d] = true
			}
		}
	}
	for _, u := range order {
		u.terminal = u.root && !imported[u] && closed(u.pkg)
	}
}

// closed reports whether only the packages of p's own build can import
// it: a command (package main, not a test variant), which no package can
// import, or a test variant ("p [p.test]", "p_test [p.test]", a
// dependency recompiled for the test, "q [p.test]"), which only the
// packages of p's test import: the test main, the external test package
// and the recompiled variants.
func closed(p *packages.Package) bool {
	return p.Name == "main" || strings.Contains(p.ID, " [")
}
