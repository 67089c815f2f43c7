package anymap

// Helpers that check a key of the map they decode and return: a caller's
// read of that key, in the branch where the helper's bool is true, is
// checked as if the caller had asserted it in the two-value form.
//
//	func HasOwnProperty(key string, body []byte) (bool, map[string]any) {
//		d := make(map[string]any)
//		_ = json.Unmarshal(body, &d)
//		_, found := d[key].(string)
//		return found, d
//	}

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/typematch"
)

// ChecksKey marks a function that returns JSON it decoded into a map
// (Map, a result of its DecodesResult fact) with a bool (Result) that is
// true only when the map's value under a key passed a checked assertion
// to Type, or, when Type is "", is present. The key is the argument at
// Param, or the constant Key when Param is -1.
type ChecksKey struct {
	Result int
	Map    int
	Param  int
	Name   string // the key parameter's name, for the fact's text
	Key    string
	Type   string
}

// AFact marks ChecksKey as an analysis fact.
func (*ChecksKey) AFact() {}

func (f *ChecksKey) String() string {
	key := "[" + f.Name + "]"
	if f.Param < 0 {
		key = f.Key
	}
	what := "present"
	if f.Type != "" {
		what = "a " + f.Type
	}
	return fmt.Sprintf("result %d true only when %s of result %d is %s", f.Result, key, f.Map, what)
}

// exportChecksKey exports a ChecksKey fact for fd when it has the shape
// above: one checked read of d[key] (v, ok := d[key].(T), or _, ok :=
// d[key]) of the decoded map d it returns at every return, with key a
// string parameter never assigned or a constant, and at every return, as
// the bool, ok itself, false, or true inside if ok { ... }.
func exportChecksKey(pass *analysis.Pass, pkg *pkgInfo, fcur inspector.Cursor) {
	fd := fcur.Node().(*ast.FuncDecl)
	fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return
	}
	var dr DecodesResult
	if !pass.ImportObjectFact(fn, &dr) || dr.YAML {
		return
	}
	res := fn.Signature().Results()
	info := pass.TypesInfo
	params := paramVars(pass, fd)
	decoded := decodedLocals(pass, pkg, fd)

	sets := make(map[*types.Var]int)
	type check struct {
		ok, m *types.Var
		param int
		key   string
		typ   string
	}
	var checks []check
	// keyOf returns the parameter index or the constant of a key.
	keyOf := func(e ast.Expr) (int, string, bool) {
		if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
			return -1, constant.StringVal(tv.Value), true
		}
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			v, _ := info.Uses[id].(*types.Var)
			if i := slices.Index(params, v); v != nil && i >= 0 && types.Identical(params[i].Type(), types.Typ[types.String]) {
				return i, "", true
			}
		}
		return 0, "", false
	}
	commaOk := func(lhs []ast.Expr, rhs ast.Expr) {
		typ := ""
		e := ast.Unparen(rhs)
		if ta, ok := e.(*ast.TypeAssertExpr); ok && ta.Type != nil {
			t := info.TypeOf(ta.Type)
			if t == nil || !isConcrete(t) || !isJSONType(t) {
				return
			}
			typ = types.TypeString(t, (*types.Package).Name)
			e = ast.Unparen(ta.X)
		}
		ix, ok := e.(*ast.IndexExpr)
		if !ok {
			return
		}
		mid, ok := ast.Unparen(ix.X).(*ast.Ident)
		if !ok {
			return
		}
		m, _ := info.Uses[mid].(*types.Var)
		okID, _ := ast.Unparen(lhs[1]).(*ast.Ident)
		if m == nil || okID == nil {
			return
		}
		okVar, _ := info.ObjectOf(okID).(*types.Var)
		param, key, ok := keyOf(ix.Index)
		if okVar == nil || !ok {
			return
		}
		checks = append(checks, check{ok: okVar, m: m, param: param, key: key, typ: typ})
	}
	countSet := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.ObjectOf(id).(*types.Var); ok {
				sets[v]++
			}
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				commaOk(n.Lhs, n.Rhs[0])
			}
			for _, l := range n.Lhs {
				countSet(l)
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				commaOk([]ast.Expr{n.Names[0], n.Names[1]}, n.Values[0])
			}
			for _, name := range n.Names {
				countSet(name)
			}
		case *ast.IncDecStmt:
			countSet(n.X)
		}
		return true
	})
	// One check, of a decoded map, its ok and key set nowhere else.
	if len(checks) != 1 {
		return
	}
	c := checks[0]
	if !decoded[c.m] || sets[c.ok] != 1 || c.param >= 0 && sets[params[c.param]] != 0 {
		return
	}
	for _, r := range dr.Results {
		for b := range res.Len() {
			if b == r || !types.Identical(res.At(b).Type(), types.Typ[types.Bool]) {
				continue
			}
			if boolOnlyWhenChecked(info, fcur, b, r, res.Len(), c.ok, c.m) {
				f := &ChecksKey{Result: b, Map: r, Param: c.param, Key: c.key, Type: c.typ}
				if c.param >= 0 {
					f.Name = params[c.param].Name()
				}
				pass.ExportObjectFact(fn, f)
				return
			}
		}
	}
}

// boolOnlyWhenChecked reports whether every return of the function at
// fcur (not in a function literal) gives m at result r and, at result b,
// ok, false, or true inside the body of if ok.
func boolOnlyWhenChecked(info *types.Info, fcur inspector.Cursor, b, r, n int, ok, m *types.Var) bool {
	isVar := func(e ast.Expr, v *types.Var) bool {
		id, isID := ast.Unparen(e).(*ast.Ident)
		return isID && info.Uses[id] == v
	}
	all, some := true, false
	for rcur := range fcur.Preorder((*ast.ReturnStmt)(nil)) {
		if inFuncLit(rcur) {
			continue
		}
		ret := rcur.Node().(*ast.ReturnStmt)
		if len(ret.Results) != n || !isVar(ret.Results[r], m) {
			return false
		}
		e := ret.Results[b]
		tv := info.Types[e]
		isConst := tv.Value != nil && tv.Value.Kind() == constant.Bool
		switch {
		case isVar(e, ok):
			some = true
		case isConst && !constant.BoolVal(tv.Value):
		case isConst && insideIfOk(rcur, isVar, ok):
			some = true
		default:
			all = false
		}
	}
	return all && some
}

// inFuncLit reports whether the innermost function around cur is a
// function literal.
func inFuncLit(cur inspector.Cursor) bool {
	for e := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		_, lit := e.Node().(*ast.FuncLit)
		return lit
	}
	return false
}

// insideIfOk reports whether the statement at cur lies in the body (not
// the else) of an if whose condition is ok.
func insideIfOk(cur inspector.Cursor, isVar func(ast.Expr, *types.Var) bool, ok *types.Var) bool {
	for c := cur; ; c = c.Parent() {
		p := c.Parent()
		switch n := p.Node().(type) {
		case nil, *ast.FuncDecl, *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if c.Node() == n.Body && isVar(n.Cond, ok) {
				return true
			}
		}
	}
}

// A helperCheck is a key a helper checked (ChecksKey) for the body of an
// if on the helper's bool: the map's value there is present, and, when
// typ is set, of that type.
type helperCheck struct {
	path     []string
	typ      string
	from, to token.Pos
}

// helperCalls gathers, in collectChecks' walk of a body, the calls of
// helpers that check a key (ChecksKey) and the ifs that may test their
// bool: if found, data := HasOwnProperty("k", b); found { ... }.
type helperCalls struct {
	byBool map[*types.Var]helperCall
	ifs    []*ast.IfStmt
}

// A helperCall is the map a helper returned and the key it checked there.
type helperCall struct {
	m        *types.Var
	key, typ string
}

// assign records an assignment from a call with a ChecksKey fact, the
// bool and the map each assigned to a variable, and the key a constant.
func (hc *helperCalls) assign(pass *analysis.Pass, as *ast.AssignStmt) {
	if len(as.Rhs) != 1 {
		return
	}
	info := pass.TypesInfo
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || call.Ellipsis.IsValid() {
		return
	}
	fn := typematch.Callee(info, call)
	var f ChecksKey
	if fn == nil || !pass.ImportObjectFact(fn.Origin(), &f) {
		return
	}
	key := f.Key
	if f.Param >= 0 {
		if f.Param >= len(call.Args) {
			return
		}
		tv := info.Types[call.Args[f.Param]]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return
		}
		key = constant.StringVal(tv.Value)
	}
	lhsVar := func(i int) *types.Var {
		if i >= len(as.Lhs) {
			return nil
		}
		id, ok := ast.Unparen(as.Lhs[i]).(*ast.Ident)
		if !ok {
			return nil
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		return v
	}
	if bv, mv := lhsVar(f.Result), lhsVar(f.Map); bv != nil && mv != nil {
		if hc.byBool == nil {
			hc.byBool = make(map[*types.Var]helperCall)
		}
		hc.byBool[bv] = helperCall{m: mv, key: key, typ: f.Type}
	}
}

// resolve gives each root assigned once from such a call the if bodies
// where the call's bool, assigned once too, is true (a conjunct of the
// condition), with the key the helper checked.
func (fa *funcAnalysis) resolveHelperChecks(hc helperCalls, sets map[*types.Var]int) {
	if len(hc.byBool) == 0 {
		return
	}
	for _, ifs := range hc.ifs {
		for _, cond := range conjuncts(ifs.Cond) {
			id, ok := ast.Unparen(cond).(*ast.Ident)
			if !ok {
				continue
			}
			bv, _ := fa.pass.TypesInfo.Uses[id].(*types.Var)
			p, ok := hc.byBool[bv]
			if !ok || sets[bv] != 1 || sets[p.m] != 1 {
				continue
			}
			t, ok := fa.vars[p.m]
			if !ok || t.root == nil || t.root.v != p.m || len(t.path) > 0 {
				continue
			}
			t.root.helperChecks = append(t.root.helperChecks, helperCheck{path: []string{p.key}, typ: p.typ, from: ifs.Body.Pos(), to: ifs.Body.End()})
		}
	}
}

// conjuncts splits a && b && c.
func conjuncts(e ast.Expr) []ast.Expr {
	if be, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && be.Op == token.LAND {
		return append(conjuncts(be.X), conjuncts(be.Y)...)
	}
	return []ast.Expr{e}
}

// helperChecked reports whether o, a read in the function itself, lies
// where a helper checked its key: with its type when typed is set, else
// for presence alone. A path the function writes is not checked.
func (rt *root) helperChecked(o obs, typed bool) bool {
	if o.callee != "" || slices.ContainsFunc(rt.written, func(p []string) bool { return slices.Equal(p, o.path) }) {
		return false
	}
	return slices.ContainsFunc(rt.helperChecks, func(h helperCheck) bool {
		return (!typed || h.typ != "" && h.typ == o.typ) && slices.Equal(h.path, o.path) && h.from <= o.pos && o.pos < h.to
	})
}
