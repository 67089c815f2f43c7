package anymap

// Reads that always fail: an assertion, checked or not, or a type switch
// case, to a type that encoding/json never stores in an interface (int,
// []string, a struct of the program's own). On decoded JSON the value it
// means to catch arrives as a float64, a string, a []any or a
// map[string]any, and the read silently never matches.

import (
	"go/ast"
	"go/types"
	"slices"
	"sort"

	"github.com/trapvet/trapvet/internal/typematch"
)

// isJSONType reports whether encoding/json, filling an any, can produce a
// value of type t: bool, float64, string, json.Number, map[string]any or
// []any. An int, a []string, a map[string]map[string]any or a named type
// (gin.H included) is never produced: a value of it under a decoded key
// was put there by the program, or the read never matches.
func isJSONType(t types.Type) bool {
	if typematch.IsNamed(t, "encoding/json", "Number") {
		return true
	}
	switch u := types.Unalias(t).(type) {
	case *types.Basic:
		return u.Kind() == types.Bool || u.Kind() == types.Float64 || u.Kind() == types.String
	case *types.Map:
		return types.Identical(u.Key(), types.Typ[types.String]) && isEmptyInterface(u.Elem())
	case *types.Slice:
		return isEmptyInterface(u.Elem())
	}
	return false
}

// jsonForm returns the kind of JSON value that a value of type t is
// written as, and so the kind decoding gives back in its place: "number"
// for an int (a float64 or a json.Number), "string" for a named string
// type, a []byte or a type with UnmarshalText, "array" for any other slice
// or array, "object" for a map or struct. It returns "" when t decodes
// itself (UnmarshalJSON) or has no JSON form.
func jsonForm(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		if typematch.IsNamed(n, "encoding/json", "Number") {
			return "number"
		}
		ms := types.NewMethodSet(types.NewPointer(n))
		switch {
		case ms.Lookup(nil, "UnmarshalJSON") != nil:
			return ""
		case ms.Lookup(nil, "UnmarshalText") != nil:
			return "string"
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "bool"
		case u.Info()&types.IsString != 0:
			return "string"
		case u.Info()&types.IsNumeric != 0:
			return "number"
		}
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return "string" // base64
		}
		return "array"
	case *types.Array:
		return "array"
	case *types.Map, *types.Struct:
		return "object"
	}
	return ""
}

// lostSites returns the reads of rt that always fail on decoded JSON: an
// assertion or a switch case, here or in a callee (the Reads fact's
// Lost), to a type encoding/json never produces, with no read of the same
// path to the type decoding gives that value instead (case int: beside
// case float64: is dead code, not a lost value), under no path the
// function writes itself (m["at"] = time.Now()). For a report, rt must be
// decoded from JSON here: YAML stores an int for 8080, and a map of
// unknown origin may hold the program's own values. For the Reads fact,
// a parameter's reads are listed for the caller to judge.
func (fa *funcAnalysis) lostSites(rt *root, forFact bool) []obs {
	if !forFact && (rt.decode == nil || fa.yamlTargets[rt.decode]) {
		return nil
	}
	var sites []obs
	for _, o := range rt.obs {
		if !o.lost && !(o.never && o.callee == "") || o.typ == "" || !rt.counts(o) {
			continue
		}
		if !forFact && slices.ContainsFunc(o.path, isKeyParamSeg) {
			continue // keys a caller passes in are known only at the call
		}
		if !o.lost && (rt.handles(o) || slices.ContainsFunc(rt.written, func(w []string) bool { return hasPrefix(o.path, w) })) {
			continue
		}
		sites = append(sites, o)
	}
	sort.SliceStable(sites, func(i, j int) bool { return sites[i].pos < sites[j].pos })
	return sites
}

// handles reports whether the function reads o's path, which it asserts
// to a type JSON never produces, also as the type decoding produces for
// that value (or, when the form is unknown, as any type JSON produces).
func (rt *root) handles(o obs) bool {
	return slices.ContainsFunc(rt.obs, func(g obs) bool {
		return !g.never && g.callee == "" && g.typ != "" && slices.Equal(g.path, o.path) && (o.form == "" || g.form == o.form)
	})
}

// lostItems groups lost reads by path, for the Reads fact and the message.
func lostItems(sites []obs) []Item {
	var items []Item
	for _, o := range sites {
		i := slices.IndexFunc(items, func(it Item) bool { return slices.Equal(it.Path, o.path) })
		if i < 0 {
			i = len(items)
			items = append(items, Item{Path: o.path})
		}
		if !slices.Contains(items[i].Types, o.typ) {
			items[i].Types = append(items[i].Types, o.typ)
		}
	}
	return items
}

// recordWrite notes a store into a path of a root (m["at"] = time.Now()):
// the program's own value is there, of whatever type it asserts.
func (fa *funcAnalysis) recordWrite(lhs ast.Expr) {
	ix, ok := ast.Unparen(lhs).(*ast.IndexExpr)
	if !ok {
		return
	}
	if t, ok := fa.pathOf(ix); ok && t.root != nil {
		rt := t.root
		if !slices.ContainsFunc(rt.written, func(w []string) bool { return slices.Equal(w, t.path) }) {
			rt.written = append(rt.written, t.path)
		}
	}
}
