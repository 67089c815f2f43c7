package anymap

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/typematch"
)

// An assertion that a checked assertion or a type switch case of the same
// path and type guards is left out.
func (rt *root) panicSites(forFact bool) panicSites {
	var sites []obs
	for _, o := range rt.obs {
		if !o.unchecked || !rt.counts(o) || rt.guarded(o) || rt.helperChecked(o, true) {
			continue
		}
		if !forFact && slices.ContainsFunc(o.path, isKeyParamSeg) {
			continue // keys a caller passes in are known only at the call
		}
		sites = append(sites, o)
	}
	sort.SliceStable(sites, func(i, j int) bool { return sites[i].pos < sites[j].pos })
	return sites
}

type panicSites []obs

// paths returns the paths asserted, in source order, leaving out a path on
// the way to another one (user when user.name is listed).
func (ps panicSites) paths() [][]string {
	var paths [][]string
	for _, o := range ps {
		if !slices.ContainsFunc(paths, func(p []string) bool { return slices.Equal(p, o.path) }) {
			paths = append(paths, o.path)
		}
	}
	var out [][]string
	for _, p := range paths {
		if !slices.ContainsFunc(paths, func(q []string) bool { return len(q) > len(p) && hasPrefix(q, p) }) {
			out = append(out, p)
		}
	}
	return out
}

// guarded reports whether a checked assertion or a type switch case, of
// the path and type that o asserts unchecked, is in the same function:
// switch v := m["k"].(type) { case string: use(m["k"].(string)) }.
func (rt *root) guarded(o obs) bool {
	if o.typ == "" {
		return false
	}
	return slices.ContainsFunc(rt.obs, func(g obs) bool {
		return !g.unchecked && g.callee == "" && g.typ == o.typ && slices.Equal(g.path, o.path)
	})
}

// collectChecks records, in one walk of the body, the assertions of the
// two-value form (v, ok := x.(T)) and, per root, the paths whose presence
// the function checks: v, ok := m["k"] (a comma-ok index of a map),
// m["k"] == nil or != nil, and v == nil or != nil of a variable set once,
// from such a read.
func (fa *funcAnalysis) collectChecks() {
	present := func(e ast.Expr) {
		ix, ok := ast.Unparen(e).(*ast.IndexExpr)
		if !ok {
			return
		}
		if _, isMap := typeUnder(fa.pass.TypesInfo.TypeOf(ix.X)).(*types.Map); !isMap {
			return
		}
		t, ok := fa.pathOf(ix)
		if !ok || t.root == nil {
			return
		}
		if t.root.present == nil {
			t.root.present = make(map[string]bool)
		}
		t.root.present[pathKey(t.path)] = true
	}
	commaOk := func(e ast.Expr) {
		if ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr); ok {
			fa.checked[ta] = true
		}
		present(e)
	}
	isNil := func(e ast.Expr) bool {
		tv, ok := fa.pass.TypesInfo.Types[e]
		return ok && tv.IsNil()
	}
	// A nil check of a variable set once from a read (v := m["k"];
	// if v == nil) checks that read's key, as m["k"] == nil does.
	sets := make(map[*types.Var]int)
	var helpers helperCalls
	var nilChecked []*ast.Ident
	nilCheck := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			nilChecked = append(nilChecked, id)
			return
		}
		present(e)
	}
	ast.Inspect(fa.fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				commaOk(n.Rhs[0])
			}
			helpers.assign(fa.pass, n)
			for _, lhs := range n.Lhs {
				fa.recordWrite(lhs)
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
					if v, ok := fa.pass.TypesInfo.ObjectOf(id).(*types.Var); ok {
						sets[v]++
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				commaOk(n.Values[0])
			}
			for _, name := range n.Names {
				if v, ok := fa.pass.TypesInfo.Defs[name].(*types.Var); ok {
					sets[v]++
				}
			}
		case *ast.IfStmt:
			helpers.ifs = append(helpers.ifs, n)
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				if isNil(n.Y) {
					nilCheck(n.X)
				} else if isNil(n.X) {
					nilCheck(n.Y)
				}
			}
		}
		return true
	})
	for _, id := range nilChecked {
		v, ok := fa.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || sets[v] != 1 {
			continue
		}
		if t, ok := fa.vars[v]; ok && t.root != nil && len(t.path) > 0 && !isWildcard(t.path[len(t.path)-1]) {
			if t.root.present == nil {
				t.root.present = make(map[string]bool)
			}
			t.root.present[pathKey(t.path)] = true
		}
	}
	fa.resolveHelperChecks(helpers, sets)
}

func pathKey(path []string) string { return strings.Join(path, "\x00") }

func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return types.Unalias(t).Underlying()
}

func isWildcard(seg string) bool { return seg == "*" || seg == "[]" }

func switchHasScalar(all []obs, sw *ast.TypeSwitchStmt) bool {
	return slices.ContainsFunc(all, func(o obs) bool { return o.sw == sw && o.scalar })
}

// items groups the root's kept observations by path in source order,
// leaving out a map or slice assertion whose contents are read further.
func (fa *funcAnalysis) items(rt *root, forFact bool) []Item {
	kept := rt.kept()
	if !forFact {
		// Keys a caller passes in are known only at the call.
		kept = slices.DeleteFunc(kept, func(o obs) bool { return slices.ContainsFunc(o.path, isKeyParamSeg) })
	}
	var items []Item
	index := make(map[string]int)
	for _, o := range kept {
		if !o.scalar && readsBelow(kept, o.path) {
			continue
		}
		k := strings.Join(o.path, "\x00")
		i, ok := index[k]
		if !ok {
			i = len(items)
			index[k] = i
			items = append(items, Item{Path: o.path})
		}
		if !slices.Contains(items[i].Types, o.typ) {
			items[i].Types = append(items[i].Types, o.typ)
		}
	}
	return items
}

func readsBelow(all []obs, path []string) bool {
	return slices.ContainsFunc(all, func(o obs) bool {
		return len(o.path) > len(path) && slices.Equal(o.path[:len(path)], path)
	})
}

func hasScalar(items []Item) bool {
	return slices.ContainsFunc(items, func(it Item) bool {
		return slices.ContainsFunc(it.Types, func(s string) bool { return !isDynamicString(s) })
	})
}

// diagnostic builds the report for rt, if it is one: a decode followed by
// concrete reads, a field of a struct decoded elsewhere read that way, or a
// parameter map whose values a range type-switches, when a read is wrong.
// A read that panics (an unchecked assertion) or always fails (a type
// encoding/json never produces) is wrong; checked reads of the types JSON
// produces handle a missing or mistyped value, and are left alone.
func (fa *funcAnalysis) diagnostic(rt *root, cfg *config) (analysis.Diagnostic, bool) {
	if rt.field != nil {
		// Every function has been analysed: the package's evidence of
		// values the program put in the field is complete.
		rt.pkgForeign = fa.pkg.foreign[rt.v]
	}
	items := fa.items(rt, false)
	lost := fa.lostSites(rt, false)
	if !hasScalar(items) && len(lost) == 0 {
		// Telling objects from arrays is generic code, unless the
		// read is to a slice or map type JSON never produces.
		return analysis.Diagnostic{}, false
	}
	panics := rt.panicSites(false)
	if len(panics) == 0 && len(lost) == 0 {
		return analysis.Diagnostic{}, false
	}
	wrong := wrongReads(rt, items, panics, lost)
	asData := valuesOfOneType(items)
	var d analysis.Diagnostic
	var advice string // what to decode into instead, said at the decode
	switch {
	case rt.decode != nil:
		advice = "decode into a struct with a field per key read instead"
		switch {
		case asData != "":
			advice = "decode into " + asData + " instead"
		case !allKeyed(items):
			advice = "decode into typed structs instead"
		case slices.ContainsFunc(items, func(it Item) bool { return it.Path[0] == "[]" }):
			advice = "decode into a slice of structs with a field per key read instead"
		}
		// Reported at the first wrong read (one that panics first): the
		// decode is named in the message and as a related position.
		at := rt.wrongRead(panics, lost)
		if at == nil {
			at = rt.decode
		}
		d = analysis.Diagnostic{
			Pos:     at.Pos(),
			End:     at.End(),
			Message: fmt.Sprintf("%s decoded into %s: %s", rt.displayName(), fa.typeString(rt.v.Type()), wrong),
		}

	case rt.field != nil:
		// Values of every type under arbitrary keys are the design of an
		// open-ended field (labels, extensions): only a schema the code
		// assumes is reported, a struct's keys or a single value type.
		if asData == "" && !allKeyed(items) {
			return analysis.Diagnostic{}, false
		}
		at := rt.wrongRead(panics, lost)
		if at == nil {
			return analysis.Diagnostic{}, false
		}
		d = analysis.Diagnostic{
			Pos:     at.Pos(),
			End:     at.End(),
			Message: fmt.Sprintf("%s (%s, decoded from JSON): %s", rt.displayName(), fa.fieldName(rt.field), wrong),
		}
	case rt.param >= 0 && fa.rangeSwitchesParam(rt):
		d = analysis.Diagnostic{
			Pos:     rt.v.Pos(),
			End:     rt.v.Pos() + token.Pos(len(rt.v.Name())),
			Message: fmt.Sprintf("parameter %s %s: %s", rt.v.Name(), fa.typeString(rt.v.Type()), wrong),
		}
	default:
		return analysis.Diagnostic{}, false
	}
	if len(panics) > 0 {
		// A crash outranks clumsy code: drivers and reviewers sort on it.
		d.Category = "panic"
	}
	d.Related = fa.related(rt)
	if rt.decode != nil {
		d.Related = append([]analysis.RelatedInformation{{Pos: rt.decode.Pos(), End: rt.decode.End(), Message: rt.displayName() + " is decoded here (" + advice + ")"}}, d.Related...)
	}
	if suggestion := suggestType(items); cfg.suggest && !isDynamicString(suggestion) && suggestion != "any" {
		var at analysis.Range = span{d.Pos, d.End}
		switch {
		case rt.field != nil:
		case rt.name == "":
			at = ident{rt.v}
		default:
			at = rt.decode
		}
		d.Related = append(d.Related, analysis.RelatedInformation{
			Pos:     at.Pos(),
			End:     at.End(),
			Message: "suggested type: " + suggestion,
		})
	}
	return d, true
}

// valuesOfOneType returns map[string]T (or []T) when every read is of the
// values of the map itself (or the elements of the slice), all asserted to
// the one type T: the keys are data, not fields, and a map of T says so.
func valuesOfOneType(items []Item) string {
	if len(items) != 1 || len(items[0].Types) != 1 || len(items[0].Path) != 1 || !isWildcard(items[0].Path[0]) {
		return ""
	}
	if t := items[0].Types[0]; isDynamicString(t) {
		return ""
	}
	return suggestType(items)
}

// wrongRead returns where the finding sits: the first read that panics,
// else the first that always fails, else the first scalar read.
func (rt *root) wrongRead(panics panicSites, lost []obs) ast.Node {
	switch {
	case len(panics) > 0:
		return panics[0].site
	case len(lost) > 0:
		return lost[0].site
	}
	return rt.firstScalarRead()
}

// firstRead returns the first assertion, switch or call that reads rt.
func (rt *root) firstRead() ast.Node {
	kept := rt.kept()
	if len(kept) == 0 {
		return nil
	}
	return kept[0].site
}

// firstScalarRead returns the first read of a scalar from rt (a step
// to a nested map is not where the schema shows), else the first read.
func (rt *root) firstScalarRead() ast.Node {
	for _, o := range rt.kept() {
		if o.scalar {
			return o.site
		}
	}
	return rt.firstRead()
}

// fieldName renders a field as its struct type and name: ToolRequest.Parameters.
func (fa *funcAnalysis) fieldName(sel *types.Selection) string {
	recv := sel.Recv()
	if p, ok := recv.Underlying().(*types.Pointer); ok {
		recv = p.Elem()
	}
	name := fa.typeString(recv)
	if _, ok := types.Unalias(recv).(*types.Named); !ok {
		name = "struct"
	}
	return name + "." + sel.Obj().Name()
}

// allKeyed reports whether every item is reached through keys and slice
// elements, with no range over a map's values: a struct describes them.
func allKeyed(items []Item) bool {
	return !slices.ContainsFunc(items, func(it Item) bool { return slices.Contains(it.Path, "*") })
}

// rangeSwitchesParam reports whether the function type-switches, to at
// least one scalar type, on the values of a range over the parameter
// itself: the shape of a map[string]any handed around in place of a type.
func (fa *funcAnalysis) rangeSwitchesParam(rt *root) bool {
	if _, ok := rt.v.Type().Underlying().(*types.Map); !ok {
		return false
	}
	return slices.ContainsFunc(rt.kept(), func(o obs) bool {
		return o.sw != nil && o.scalar && len(o.path) == 1 && o.path[0] == "*" && !switchesOnGoValues(fa.pass.TypesInfo, o.sw)
	})
}

// switchesOnGoValues reports whether a type switch has a case for a type
// that decoding JSON never produces (int, int64, time.Time, []byte, a
// type of the program's own): the values were put in the map by Go code,
// not decoded, as in an encoder of attributes that handles every scalar
// kind.
func switchesOnGoValues(info *types.Info, sw *ast.TypeSwitchStmt) bool {
	for _, stmt := range sw.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			if t := info.TypeOf(e); isConcrete(t) && !isJSONType(t) {
				return true
			}
		}
	}
	return false
}

// related lists each assertion, switch and call that read the root, once.
func (fa *funcAnalysis) related(rt *root) []analysis.RelatedInformation {
	type entry struct {
		site  ast.Node
		head  string
		parts []string
	}
	var entries []*entry
	bySite := make(map[ast.Node]*entry)
	kept := slices.DeleteFunc(rt.kept(), func(o obs) bool { return slices.ContainsFunc(o.path, isKeyParamSeg) })
	for _, o := range kept {
		if !o.scalar && o.sw == nil && readsBelow(kept, o.path) {
			continue // a step on the way to a read listed on its own
		}
		e, ok := bySite[o.site]
		if !ok {
			switch {
			case o.callee != "":
				e = &entry{site: o.site, head: "passed to " + o.callee + ", which reads "}
			case o.sw != nil:
				e = &entry{site: o.site, head: pathString(o.path) + " switched on "}
			default:
				e = &entry{site: o.site, head: pathString(o.path) + " asserted to "}
			}
			bySite[o.site] = e
			entries = append(entries, e)
		}
		part := o.typ
		if o.callee != "" {
			part = pathString(o.path) + " as " + o.typ
		}
		if !slices.Contains(e.parts, part) {
			e.parts = append(e.parts, part)
		}
	}
	var rel []analysis.RelatedInformation
	for _, e := range entries {
		rel = append(rel, analysis.RelatedInformation{Pos: e.site.Pos(), End: e.site.End(), Message: e.head + strings.Join(e.parts, ", ")})
	}
	return rel
}

func hasPrefix(path, prefix []string) bool {
	return len(path) >= len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}

func isEncode(fn *types.Func) bool {
	return typematch.IsFunc(fn, "encoding/json", "Marshal", "MarshalIndent") ||
		typematch.IsMethod(fn, "encoding/json", "Encoder", "Encode")
}

func (rt *root) displayName() string {
	if rt.name != "" {
		return rt.name
	}
	return rt.v.Name()
}

// span is a range of source.
type span struct{ pos, end token.Pos }

func (s span) Pos() token.Pos { return s.pos }
func (s span) End() token.Pos { return s.end }

// ident is the range of a variable's declaring identifier.
type ident struct{ v *types.Var }

func (i ident) Pos() token.Pos { return i.v.Pos() }
func (i ident) End() token.Pos { return i.v.Pos() + token.Pos(len(i.v.Name())) }

// hasEnclosingFunc reports whether the function literal at cur lies inside
// another function declaration or literal.
func hasEnclosingFunc(cur inspector.Cursor) bool {
	for range cur.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return true
	}
	return false
}

// defaultFormats reports whether the default clause of sw formats or
// encodes the switched value (fmt.Sprint(v), json.Marshal(v)): the switch
// converts a value of any type, special-casing some, and assumes no schema.
func (fa *funcAnalysis) defaultFormats(sw *ast.TypeSwitchStmt, x ast.Expr) bool {
	info := fa.pass.TypesInfo
	for _, s := range sw.Body.List {
		cc, ok := s.(*ast.CaseClause)
		if !ok || cc.List != nil {
			continue
		}
		isValue := func(e ast.Expr) bool {
			id, ok := ast.Unparen(e).(*ast.Ident)
			if !ok {
				return false
			}
			obj := info.Uses[id]
			if obj != nil && obj == info.Implicits[cc] {
				return true
			}
			xid, ok := ast.Unparen(x).(*ast.Ident)
			return ok && obj != nil && obj == info.Uses[xid]
		}
		found := false
		ast.Inspect(cc, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || found {
				return !found
			}
			fn := typematch.Callee(info, call)
			if typematch.IsFunc(fn, "fmt", "Sprint", "Sprintf", "Sprintln", "Fprint", "Fprintf", "Fprintln", "Print", "Printf", "Println", "Append", "Appendf", "Appendln") || isEncode(fn) {
				found = slices.ContainsFunc(call.Args, isValue)
			}
			return !found
		})
		return found
	}
	return false
}
