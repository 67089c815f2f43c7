package sliceretain

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/goversion"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/stdlib"
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

// DefaultThreshold is the default size, in bytes, from which an array of
// constant length counts as large.
const DefaultThreshold = 4096

// Analyzer reports small sub-slices and substrings that escape while they
// keep a large, otherwise dead backing array alive.
var Analyzer = newAnalyzer()

type settings struct {
	threshold int64
}

func newAnalyzer() *analysis.Analyzer {
	s := &settings{threshold: DefaultThreshold}
	a := &analysis.Analyzer{
		Name:      "sliceretain",
		Doc:       docs.Extract(doc, "sliceretain"),
		URL:       "https://github.com/trapvet/trapvet/blob/main/docs/sliceretain.md",
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		FactTypes: []analysis.Fact{new(freshResults)},
		Run:       s.run,
	}
	a.Flags.Int64Var(&s.threshold, "threshold", DefaultThreshold,
		"size in bytes from which an array of constant length counts as large")
	return a
}

// freshResults marks a function whose results at the listed indexes are
// always large arrays (or strings) it allocated itself and handed over
// whole: the caller owns them, like the result of os.ReadFile.
type freshResults struct {
	Results []int
}

func (*freshResults) AFact() {}

func (f *freshResults) String() string {
	parts := make([]string, len(f.Results))
	for i, r := range f.Results {
		parts[i] = strconv.Itoa(r)
	}
	return "freshResults(" + strings.Join(parts, ",") + ")"
}

// def is one way a variable gets a value.
type def struct {
	rhs   ast.Expr // the value, or the tuple-valued call when index >= 0
	index int      // result index in a tuple assignment, or -1
	zero  bool     // declared without a value (the zero value)
	bad   bool     // a definition the analysis cannot follow
}

type checker struct {
	pass      *analysis.Pass
	info      *types.Info
	threshold int64
	r         *report.Reporter

	// The index of local variables, built one top-level declaration at a
	// time, when a question is first asked about a variable declared in
	// it (indexVar): most declarations never slice a local.
	in      *inspector.Inspector
	indexed map[ast.Node]bool
	defs    map[*types.Var][]def
	uses    map[*types.Var][]inspector.Cursor
	fnOf    map[*types.Var]ast.Node       // innermost function declaring a local variable
	fresh   map[*types.Func][]int         // this package's functions with fresh results
	decls   map[*types.Func]*ast.FuncDecl // those that might have them
}

func (s *settings) run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:      pass,
		info:      pass.TypesInfo,
		threshold: s.threshold,
		r:         report.New(pass),
		in:        in,
		indexed:   make(map[ast.Node]bool),
		defs:      make(map[*types.Var][]def),
		uses:      make(map[*types.Var][]inspector.Cursor),
		fnOf:      make(map[*types.Var]ast.Node),
		fresh:     make(map[*types.Func][]int),
		decls:     make(map[*types.Func]*ast.FuncDecl),
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && fn != nil && resultsHoldArray(fn) {
					c.decls[fn] = fd
				}
			}
		}
	}
	c.computeFresh()
	for fn, res := range c.fresh {
		pass.ExportObjectFact(fn, &freshResults{Results: res})
	}
	c.check(in)
	return nil, nil
}

// defsOf, usesOf and funcOf return the definitions, the uses and the
// innermost declaring function of a local variable.
func (c *checker) defsOf(v *types.Var) []def {
	c.indexVar(v)
	return c.defs[v]
}

func (c *checker) usesOf(v *types.Var) []inspector.Cursor {
	c.indexVar(v)
	return c.uses[v]
}

func (c *checker) funcOf(v *types.Var) ast.Node {
	c.indexVar(v)
	return c.fnOf[v]
}

// indexVar indexes the top-level declaration that declares v, which holds
// every use of a local variable, unless it is indexed already.
func (c *checker) indexVar(v *types.Var) {
	cur, ok := c.in.Root().FindByPos(v.Pos(), v.Pos())
	if !ok {
		return
	}
	for {
		parent := cur.Parent()
		if _, isFile := parent.Node().(*ast.File); isFile || parent.Node() == nil {
			break
		}
		cur = parent
	}
	if c.indexed[cur.Node()] {
		return
	}
	c.indexed[cur.Node()] = true
	c.collect(cur)
}

// collect records, for every local variable declared under decl, its
// definitions and uses.
func (c *checker) collect(decl inspector.Cursor) {
	filter := []ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.RangeStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.IncDecStmt)(nil), (*ast.Ident)(nil)}
	for cur := range decl.Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			c.collectAssign(n)
		case *ast.ValueSpec:
			for i, name := range n.Names {
				v := c.localVar(c.info.Defs[name])
				if v == nil {
					continue
				}
				switch {
				case len(n.Values) == 0:
					c.defs[v] = append(c.defs[v], def{index: -1, zero: true})
				case len(n.Values) == len(n.Names):
					c.defs[v] = append(c.defs[v], def{rhs: n.Values[i], index: -1})
				case len(n.Values) == 1:
					c.defs[v] = append(c.defs[v], def{rhs: n.Values[0], index: i})
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if v := c.varOf(e); v != nil {
					c.defs[v] = append(c.defs[v], def{bad: true})
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := c.varOf(n.X); v != nil {
					c.defs[v] = append(c.defs[v], def{bad: true}) // written through a pointer
				}
			}
		case *ast.IncDecStmt:
			if v := c.varOf(n.X); v != nil {
				c.defs[v] = append(c.defs[v], def{bad: true})
			}
		case *ast.Ident:
			if v := c.localVar(c.info.Uses[n]); v != nil {
				c.uses[v] = append(c.uses[v], cur)
			}
			if v := c.localVar(c.info.Defs[n]); v != nil {
				if fn := enclosingFunc(cur); fn != nil {
					c.fnOf[v] = fn
				}
			}
		}
	}
}

func (c *checker) collectAssign(n *ast.AssignStmt) {
	for i, lhs := range n.Lhs {
		v := c.varOf(lhs)
		if v == nil {
			continue
		}
		switch {
		case n.Tok != token.ASSIGN && n.Tok != token.DEFINE:
			c.defs[v] = append(c.defs[v], def{bad: true}) // s += t
		case len(n.Lhs) == len(n.Rhs):
			c.defs[v] = append(c.defs[v], def{rhs: n.Rhs[i], index: -1})
		case len(n.Rhs) == 1:
			c.defs[v] = append(c.defs[v], def{rhs: n.Rhs[0], index: i})
		default:
			c.defs[v] = append(c.defs[v], def{bad: true})
		}
	}
}

// localVar returns obj as a variable local to a function (not a package
// variable, field or parameter), or nil.
func (c *checker) localVar(obj types.Object) *types.Var {
	v, ok := obj.(*types.Var)
	if !ok || v == nil || v.IsField() || v.Pkg() != c.pass.Pkg || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
		return nil
	}
	if v.Kind() != types.LocalVar {
		return nil // parameters, results, receivers: the caller owns them
	}
	return v
}

func (c *checker) varOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	if v := c.localVar(c.info.Defs[id]); v != nil {
		return v
	}
	return c.localVar(c.info.Uses[id])
}

func enclosingFunc(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

// computeFresh finds this package's functions whose results are fresh
// large buffers, iterating because such functions may call each other.
func (c *checker) computeFresh() {
	for changed := true; changed; {
		changed = false
		for fn, decl := range c.decls {
			if _, done := c.fresh[fn]; done {
				continue
			}
			if res := c.freshResultsOf(decl); len(res) > 0 {
				c.fresh[fn] = res
				changed = true
			}
		}
	}
}

// freshResultsOf returns the result indexes of decl that every return
// statement fills with a large buffer decl allocated and keeps nowhere
// else.
func (c *checker) freshResultsOf(decl *ast.FuncDecl) []int {
	sig := decl.Type
	if sig.Results == nil {
		return nil
	}
	nres := sig.Results.NumFields()
	var returns []*ast.ReturnStmt
	ok := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				ok = false // naked return of named results
			}
			returns = append(returns, n)
		}
		return true
	})
	if !ok || len(returns) == 0 {
		return nil
	}
	var out []int
	sigType, ok := c.info.TypeOf(decl.Name).(*types.Signature)
	if !ok || sigType.Results().Len() != nres {
		return nil
	}
	resTypes := sigType.Results()
	for k := 0; k < nres; k++ {
		if !holdsArray(resTypes.At(k).Type()) {
			continue
		}
		anyFresh, allFresh := false, true
		for _, ret := range returns {
			var e ast.Expr
			idx := -1
			switch {
			case len(ret.Results) == nres:
				e = ret.Results[k]
			case len(ret.Results) == 1:
				e, idx = ret.Results[0], k
			}
			if e == nil {
				allFresh = false
				break
			}
			if idx < 0 && isNil(c.info, e) {
				continue
			}
			if c.returnsOwnedLarge(decl, e, idx) {
				anyFresh = true
			} else {
				allFresh = false
				break
			}
		}
		if anyFresh && allFresh {
			out = append(out, k)
		}
	}
	return out
}

// returnsOwnedLarge reports whether the returned expression e (result idx
// of a tuple call when idx >= 0) is a large buffer that decl owns and
// keeps nowhere else: a fresh allocation, or a local variable holding one
// (or a slice of it) that escapes only through return statements.
func (c *checker) returnsOwnedLarge(decl *ast.FuncDecl, e ast.Expr, idx int) bool {
	if idx >= 0 {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && c.freshCallResult(call, idx)
	}
	e = ast.Unparen(e)
	sl, isSlice := e.(*ast.SliceExpr)
	if isSlice {
		e = ast.Unparen(sl.X)
	}
	if c.isLargeFresh(e, nil) {
		return !isSlice
	}
	v := c.varOf(e)
	if v == nil || c.funcOf(v) != ast.Node(decl) || !c.varIsLarge(v, nil) {
		return false
	}
	if isSlice && c.isStrictPart(v, sl) {
		return false // a small part: reported, not a fresh buffer
	}
	esc := c.operandEscapes(v, true)
	return !esc.other && !esc.unknown
}

// resultsHoldArray reports whether some result of fn can hold a backing
// array: only such a function can return a fresh buffer.
func resultsHoldArray(fn *types.Func) bool {
	res := fn.Signature().Results()
	for i := range res.Len() {
		if holdsArray(res.At(i).Type()) {
			return true
		}
	}
	return false
}

// holdsArray reports whether values of t refer to a backing array: slices,
// strings and pointers to arrays.
func holdsArray(t types.Type) bool {
	switch t := typeUnder(t).(type) {
	case *types.Slice:
		return true
	case *types.Pointer:
		_, ok := typeUnder(t.Elem()).(*types.Array)
		return ok
	}
	return isString(t)
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// varIsLarge reports whether every definition of v gives it a fresh value
// (or the zero value, or a re-slice or append of itself) and at least one
// gives it a large one.
func (c *checker) varIsLarge(v *types.Var, seen map[*types.Var]bool) bool {
	if seen[v] {
		return false
	}
	if seen == nil {
		seen = make(map[*types.Var]bool)
	}
	seen[v] = true
	ds := c.defsOf(v)
	large := false
	for _, d := range ds {
		switch {
		case d.bad:
			return false
		case d.zero:
			if arr, ok := typeUnder(v.Type()).(*types.Array); ok && c.sizeAtLeast(arr) {
				large = true
			}
			continue
		case d.index >= 0:
			call, ok := ast.Unparen(d.rhs).(*ast.CallExpr)
			if !ok || !c.freshCallResult(call, d.index) {
				return false
			}
			large = true
		case isNil(c.info, d.rhs):
			continue
		case c.isSelfUpdate(v, d.rhs):
			continue
		case c.isLargeFresh(d.rhs, seen):
			large = true
		default:
			return false
		}
	}
	return large
}

// isSelfUpdate reports whether e is v re-sliced or appended to: the value
// keeps v's array (or a grown copy of it).
func (c *checker) isSelfUpdate(v *types.Var, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.SliceExpr:
		return c.varOf(e.X) == v
	case *ast.CallExpr:
		if c.isBuiltin(e, "append") && len(e.Args) > 0 {
			return c.varOf(e.Args[0]) == v
		}
	}
	return false
}

func (c *checker) isBuiltin(call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := c.info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// isLargeFresh reports whether e allocates (or returns freshly allocated)
// a large or unbounded array.
func (c *checker) isLargeFresh(e ast.Expr, seen map[*types.Var]bool) bool {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.CompositeLit:
		return c.compositeIsLarge(e)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			if lit, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok {
				if _, isArr := typeUnder(c.info.TypeOf(lit)).(*types.Array); isArr {
					return c.compositeIsLarge(lit)
				}
			}
		}
	case *ast.CallExpr:
		if c.isBuiltin(e, "make") {
			return c.makeIsLarge(e)
		}
		if c.isBuiltin(e, "new") {
			if arr, ok := typeUnder(c.info.TypeOf(e.Args[0])).(*types.Array); ok {
				return c.sizeAtLeast(arr)
			}
			return false
		}
		if tv, ok := c.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			// string(b) copies a large buffer into a string as large.
			if isString(tv.Type) && isByteOrRuneSlice(c.info.TypeOf(e.Args[0])) {
				arg := ast.Unparen(e.Args[0])
				if c.isLargeFresh(arg, seen) {
					return true
				}
				if v := c.varOf(arg); v != nil {
					return c.varIsLarge(v, seen)
				}
			}
			return false
		}
		if t, ok := c.info.TypeOf(e).(*types.Tuple); ok && t != nil {
			return false
		}
		return c.freshCallResult(e, 0)
	}
	return false
}

func (c *checker) compositeIsLarge(lit *ast.CompositeLit) bool {
	switch t := typeUnder(c.info.TypeOf(lit)).(type) {
	case *types.Array:
		return c.sizeAtLeast(t)
	case *types.Slice:
		n := int64(0)
		next := int64(0)
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if tv, ok := c.info.Types[kv.Key]; ok && tv.Value != nil {
					if k, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
						next = k
					}
				}
			}
			next++
			n = max(n, next)
		}
		size, ok := c.sizeof(t.Elem())
		return ok && size*n >= c.threshold
	}
	return false
}

func (c *checker) makeIsLarge(call *ast.CallExpr) bool {
	if len(call.Args) < 2 {
		return false // make(map) or make(chan)
	}
	sl, ok := typeUnder(c.info.TypeOf(call.Args[0])).(*types.Slice)
	if !ok {
		return false
	}
	n := int64(0)
	for _, a := range call.Args[1:] {
		tv, ok := c.info.Types[a]
		if !ok || tv.Value == nil {
			return true // unbounded: the length comes at run time
		}
		k, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok {
			return false
		}
		n = max(n, k)
	}
	size, ok := c.sizeof(sl.Elem())
	return ok && size*n >= c.threshold
}

func (c *checker) sizeAtLeast(arr *types.Array) bool {
	size, ok := c.sizeof(arr.Elem())
	return ok && size*arr.Len() >= c.threshold
}

// sizeof returns the size of t, unless it depends on type parameters.
func (c *checker) sizeof(t types.Type) (int64, bool) {
	if hasTypeParam(t) || c.pass.TypesSizes == nil {
		return 0, false
	}
	return c.pass.TypesSizes.Sizeof(t), true
}

func hasTypeParam(t types.Type) bool {
	found := false
	var walk func(types.Type, int)
	walk = func(t types.Type, depth int) {
		if found || depth > 8 {
			return
		}
		switch t := types.Unalias(t).(type) {
		case *types.TypeParam:
			found = true
		case *types.Array:
			walk(t.Elem(), depth+1)
		case *types.Struct:
			for i := range t.NumFields() {
				walk(t.Field(i).Type(), depth+1)
			}
		case *types.Named:
			if t.TypeArgs().Len() > 0 {
				for a := range t.TypeArgs().Types() {
					walk(a, depth+1)
				}
			}
			walk(t.Underlying(), depth+1)
		}
	}
	walk(t, 0)
	return found
}

// freshCallResult reports whether result idx of call is a fresh buffer
// the caller owns whole: the library readers that allocate their result,
// and functions known (in this package, or through a fact) to return one.
func (c *checker) freshCallResult(call *ast.CallExpr, idx int) bool {
	fn := typematch.Callee(c.info, call)
	if fn == nil {
		return false
	}
	switch {
	case typematch.IsFunc(fn, "io", "ReadAll"), typematch.IsFunc(fn, "io/ioutil", "ReadAll", "ReadFile"),
		typematch.IsFunc(fn, "os", "ReadFile"),
		typematch.IsMethod(fn, "bufio", "Reader", "ReadBytes", "ReadString"):
		return idx == 0
	case typematch.IsMethod(fn, "bytes", "Buffer", "Bytes", "String"),
		typematch.IsMethod(fn, "strings", "Builder", "String"):
		return idx == 0 && c.ownsLocalBuffer(call)
	}
	fn = fn.Origin()
	if res, ok := c.fresh[fn]; ok {
		return slices.Contains(res, idx)
	}
	if fn.Pkg() != c.pass.Pkg && fn.Pkg() != nil && !c.isStd(fn.Pkg().Path()) {
		// The standard library's fresh results that matter are listed
		// above; others (strings.Split, strings.Join) are sized by their
		// input, usually small.
		var f freshResults
		if c.pass.ImportObjectFact(fn, &f) {
			return slices.Contains(f.Results, idx)
		}
	}
	return false
}

// ownsLocalBuffer reports whether the receiver of a bytes.Buffer or
// strings.Builder method call is a local variable, made here, that the
// function hands to no one who could keep it.
func (c *checker) ownsLocalBuffer(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v := c.varOf(sel.X)
	if v == nil {
		return false
	}
	for _, d := range c.defsOf(v) {
		switch {
		case d.bad, d.index >= 0:
			return false
		case d.zero:
		default:
			rhs := ast.Unparen(d.rhs)
			if u, ok := rhs.(*ast.UnaryExpr); ok && u.Op == token.AND {
				rhs = ast.Unparen(u.X)
			}
			switch rhs := rhs.(type) {
			case *ast.CompositeLit:
				if len(rhs.Elts) != 0 {
					return false
				}
			case *ast.CallExpr:
				if !c.isBuiltin(rhs, "new") {
					return false
				}
			default:
				return false
			}
		}
	}
	for _, u := range c.usesOf(v) {
		p := u.Parent()
		if _, ok := p.Node().(*ast.SelectorExpr); ok {
			continue // a method call
		}
		if un, ok := p.Node().(*ast.UnaryExpr); ok && un.Op == token.AND {
			p = p.Parent()
		}
		// Handed to a writer such as fmt.Fprintf or json.NewEncoder(&b).Encode:
		// accept calls into the standard library only.
		if call, ok := p.Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) != u.Node() {
			if fn := typematch.Callee(c.info, call); fn != nil && fn.Pkg() != nil && c.isStd(fn.Pkg().Path()) {
				if _, isGo := p.Parent().Node().(*ast.GoStmt); !isGo && !c.resultKept(p) {
					continue
				}
			}
		}
		return false
	}
	return true
}

// resultKept reports whether the value of the call at cur is stored or
// returned rather than used on the spot (json.NewEncoder(&b).Encode(v)).
func (c *checker) resultKept(cur inspector.Cursor) bool {
	switch p := cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		return false
	case *ast.SelectorExpr:
		if call, ok := cur.Parent().Parent().Node().(*ast.CallExpr); ok && call.Fun == p {
			return c.resultKept(cur.Parent().Parent())
		}
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if t := c.info.TypeOf(l); t != nil && !referenceFree(t) {
				return true
			}
		}
		return false
	case *ast.IfStmt, *ast.BinaryExpr:
		return false
	}
	return true
}

// isStd reports whether path is a standard-library package.
func (c *checker) isStd(path string) bool { return stdlib.Has(path) }

func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

func isString(t types.Type) bool {
	b, ok := typeUnder(t).(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isByteOrRuneSlice(t types.Type) bool {
	s, ok := typeUnder(t).(*types.Slice)
	if !ok {
		return false
	}
	b, ok := typeUnder(s.Elem()).(*types.Basic)
	return ok && (b.Kind() == types.Byte || b.Kind() == types.Rune)
}

// referenceFree reports whether values of t can hold no reference to
// memory: numbers, booleans, and errors (which the standard library's
// functions build from copies).
func referenceFree(t types.Type) bool {
	if t == nil {
		return false
	}
	if tup, ok := t.(*types.Tuple); ok {
		for v := range tup.Variables() {
			if !referenceFree(v.Type()) {
				return false
			}
		}
		return true
	}
	if types.Identical(t, types.Universe.Lookup("error").Type()) {
		return true
	}
	b, ok := typeUnder(t).(*types.Basic)
	return ok && b.Info()&(types.IsBoolean|types.IsNumeric) != 0
}

// check finds the reportable sub-slices.
func (c *checker) check(in *inspector.Inspector) {
	done := make(map[*types.Var]bool)
	for cur := range in.Root().Preorder((*ast.SliceExpr)(nil)) {
		sl := cur.Node().(*ast.SliceExpr)
		v := c.varOf(sl.X)
		if v == nil || done[v] {
			continue
		}
		done[v] = true
		if c.funcOf(v) == nil || !c.varIsLarge(v, nil) {
			continue
		}
		esc := c.operandEscapes(v, false)
		if esc.other || esc.unknown || !c.partsAreSmall(v, esc.parts) {
			continue
		}
		for _, p := range esc.parts {
			c.reportPart(v, p)
		}
	}
}

// partsAreSmall reports whether the escaping parts together are a small
// piece of v's array. Parts that may tile the array are not: parts taken in
// a loop that does not allocate v each time, parts of a buffer the function
// walks (v = v[n:]), and several parts whose bounds are not small constants
// (image.YCbCr's three planes share one allocation on purpose).
func (c *checker) partsAreSmall(v *types.Var, parts []part) bool {
	if len(parts) == 0 {
		return false
	}
	for _, d := range c.defsOf(v) {
		if sl, ok := ast.Unparen(d.rhs).(*ast.SliceExpr); ok && d.index < 0 && c.varOf(sl.X) == v && sl.Low != nil {
			return false // v = v[n:]: the function walks the buffer
		}
	}
	for _, p := range parts {
		if c.inLoopWithoutAlloc(v, p) {
			return false
		}
	}
	if len(parts) == 1 {
		return true
	}
	elem := int64(1)
	if t, ok := typeUnder(c.info.TypeOf(parts[0].slice)).(*types.Slice); ok {
		if size, ok := c.sizeof(t.Elem()); ok {
			elem = size
		}
	}
	for _, p := range parts {
		tv, ok := c.info.Types[p.slice.High]
		if !ok || tv.Value == nil {
			return false
		}
		hi, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok || hi*elem >= c.threshold {
			return false
		}
	}
	return true
}

// inLoopWithoutAlloc reports whether the part lies in a loop of its
// function that does not also allocate v, so that it may run for many
// parts of one array.
func (c *checker) inLoopWithoutAlloc(v *types.Var, p part) bool {
	for l := range p.cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch l.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		}
		loop := l.Node()
		allocatedInside := false
		for _, d := range c.defsOf(v) {
			if d.rhs != nil && !c.isSelfUpdate(v, d.rhs) && loop.Pos() <= d.rhs.Pos() && d.rhs.End() <= loop.End() {
				allocatedInside = true
			}
		}
		if !allocatedInside {
			return true
		}
	}
	return false
}

// escapes summarises how a variable's array leaves the function.
type escapes struct {
	other   bool              // the whole array escapes or a part that is not small
	unknown bool              // handed somewhere the analysis cannot follow
	parts   []part            // small strict parts that escape
	returns []*ast.ReturnStmt // returns of the array itself (allowed for fresh results)
}

type part struct {
	slice *ast.SliceExpr
	cur   inspector.Cursor
	where ast.Node // the escaping use
}

// operandEscapes examines every use of v. With allowReturn, returning v
// (or a re-slice of it) is not an escape: the caller then owns it.
func (c *checker) operandEscapes(v *types.Var, allowReturn bool) escapes {
	var esc escapes
	fn := c.funcOf(v)
	for _, u := range c.usesOf(v) {
		if enclosingFunc(u) != fn {
			esc.unknown = true // captured by a closure
			return esc
		}
		cur := parentSkippingParens(u)
		ctx := cur.Node()
		if sl, ok := ctx.(*ast.SliceExpr); ok && ast.Unparen(sl.X) == u.Node() {
			if c.isSelfAssigned(v, cur) {
				continue
			}
			a := c.aliasFlow(cur, v, fn, nil)
			if allowReturn && a.ret && !a.other && !a.unknown {
				continue
			}
			if a.other || a.ret {
				if c.isStrictPart(v, sl) && !allowReturn {
					esc.parts = append(esc.parts, part{slice: sl, cur: cur, where: a.where})
					continue
				}
				esc.other = true
				return esc
			}
			if a.unknown {
				esc.unknown = true
				return esc
			}
			continue
		}
		if c.isSelfAssigned(v, u) || c.isLHS(u) {
			continue
		}
		if _, isArr := typeUnder(v.Type()).(*types.Array); isArr && !c.aliasesArray(u) {
			continue // using an array's value copies it
		}
		a := c.aliasFlow(u, v, fn, nil)
		if allowReturn && a.ret && !a.other && !a.unknown {
			continue
		}
		if a.other || a.ret {
			esc.other = true
			return esc
		}
		if a.unknown {
			esc.unknown = true
			return esc
		}
	}
	return esc
}

// aliasesArray reports whether the use at cur of an array variable refers
// to the array itself rather than copying it: &a, a.M() with a pointer
// receiver, a[i] of elements that are arrays or have pointer methods.
func (c *checker) aliasesArray(cur inspector.Cursor) bool {
	switch ctx := parentSkippingParens(cur).Node().(type) {
	case *ast.UnaryExpr:
		return ctx.Op == token.AND
	case *ast.SelectorExpr:
		return true
	case *ast.IndexExpr:
		return c.elementFlow(parentSkippingParens(cur)).unknown
	}
	return false
}

// isSelfAssigned reports whether the expression at cur is the value of an
// assignment back to v itself (v = v[:n], v = append(v, x)), or the
// left-hand side of an assignment to v or to one of its elements.
func (c *checker) isSelfAssigned(v *types.Var, cur inspector.Cursor) bool {
	e := cur.Node()
	p := parentSkippingParens(cur)
	if call, ok := p.Node().(*ast.CallExpr); ok && c.isBuiltin(call, "append") && len(call.Args) > 0 && ast.Unparen(call.Args[0]) == e {
		e = call
		p = parentSkippingParens(p)
	}
	as, ok := p.Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for i, r := range as.Rhs {
		if ast.Unparen(r) == e {
			return c.varOf(as.Lhs[i]) == v
		}
	}
	return false
}

func parentSkippingParens(cur inspector.Cursor) inspector.Cursor {
	p := cur.Parent()
	for {
		if _, ok := p.Node().(*ast.ParenExpr); !ok {
			return p
		}
		p = p.Parent()
	}
}

// flow is where a value aliasing the array goes.
type flow struct {
	ret     bool     // returned from the declaring function
	other   bool     // escapes for certain by another route
	unknown bool     // goes where the analysis cannot tell
	where   ast.Node // the first certain escape
}

func (f *flow) merge(g flow) {
	if f.where == nil {
		f.where = g.where
	}
	f.ret = f.ret || g.ret
	f.other = f.other || g.other
	f.unknown = f.unknown || g.unknown
}

// aliasFlow follows the expression at cur, whose value shares the array
// of v, through its context: further slicing, struct and slice literals,
// local variables, stores, returns, sends, goroutines.
func (c *checker) aliasFlow(cur inspector.Cursor, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	e := cur.Node()
	p := parentSkippingParens(cur)
	escape := func(at ast.Node) flow { return flow{other: true, where: at} }
	switch ctx := p.Node().(type) {
	case *ast.SliceExpr:
		if ast.Unparen(ctx.X) == e {
			return c.aliasFlow(p, v, fn, seen)
		}
		return flow{} // an index
	case *ast.IndexExpr:
		if ast.Unparen(ctx.X) != e {
			// A map key stored by m[k] = v keeps k (a substring) alive.
			if _, isMap := typeUnder(c.info.TypeOf(ctx.X)).(*types.Map); isMap && c.isLHS(p) {
				return c.pointerRootFlow(p, ctx.X, v, fn, seen)
			}
			return flow{}
		}
		return c.elementFlow(p)
	case *ast.StarExpr:
		return flow{} // *p of an array pointer copies the array
	case *ast.RangeStmt, *ast.BinaryExpr, *ast.IfStmt, *ast.SwitchStmt, *ast.IncDecStmt, *ast.TypeSwitchStmt:
		return flow{}
	case *ast.ReturnStmt:
		if _, ok := fn.(*ast.FuncDecl); ok {
			return flow{ret: true, where: ctx}
		}
		return flow{unknown: true}
	case *ast.SendStmt:
		if ctx.Value == e {
			return escape(ctx)
		}
		return flow{}
	case *ast.KeyValueExpr:
		if ctx.Value != e {
			lit, _ := p.Parent().Node().(*ast.CompositeLit)
			if lit == nil {
				return flow{unknown: true}
			}
			if _, isMap := typeUnder(c.info.TypeOf(lit)).(*types.Map); !isMap {
				return flow{} // a field name or array index
			}
		}
		if lit, ok := p.Parent().Node().(*ast.CompositeLit); ok {
			return c.compositeFlow(p.Parent(), lit, v, fn, seen)
		}
		return flow{unknown: true}
	case *ast.CompositeLit:
		return c.compositeFlow(p, ctx, v, fn, seen)
	case *ast.CallExpr:
		return c.callArgFlow(p, ctx, e, v, fn, seen)
	case *ast.AssignStmt:
		for i, l := range ctx.Lhs {
			if ast.Unparen(l) == e {
				return flow{} // assigned to
			}
			if len(ctx.Lhs) == len(ctx.Rhs) && ast.Unparen(ctx.Rhs[i]) == e {
				return c.storeFlow(p, l, v, fn, seen)
			}
		}
		return flow{unknown: true}
	case *ast.ValueSpec:
		for i, val := range ctx.Values {
			if ast.Unparen(val) == e && i < len(ctx.Names) {
				return c.storeFlow(p, ctx.Names[i], v, fn, seen)
			}
		}
		return flow{unknown: true}
	case *ast.UnaryExpr:
		if ctx.Op == token.AND {
			return c.aliasFlow(p, v, fn, seen)
		}
		return flow{}
	case *ast.ExprStmt:
		return flow{}
	case *ast.SelectorExpr:
		// A method called on the value, or a field of an array pointer.
		return flow{unknown: true}
	}
	return flow{unknown: true}
}

// elementFlow follows x[i] for an aliasing x: reading an element copies
// it, but &x[i] or a pointer method on it points into the array.
func (c *checker) elementFlow(cur inspector.Cursor) flow {
	p := parentSkippingParens(cur)
	switch ctx := p.Node().(type) {
	case *ast.UnaryExpr:
		if ctx.Op == token.AND {
			return flow{unknown: true}
		}
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[ctx]; ok && sel.Kind() == types.MethodVal {
			if sig, ok := sel.Obj().Type().(*types.Signature); !ok || sig.Recv() == nil {
				return flow{unknown: true}
			} else if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
				return flow{unknown: true}
			}
		}
		if _, ok := typeUnder(c.info.TypeOf(ctx)).(*types.Array); ok {
			return flow{unknown: true} // x[i].arr[:] would alias
		}
	case *ast.SliceExpr:
		if _, ok := typeUnder(c.info.TypeOf(cur.Node().(ast.Expr))).(*types.Array); ok {
			return flow{unknown: true}
		}
	}
	return flow{}
}

// compositeFlow follows a composite literal that holds an aliasing value.
func (c *checker) compositeFlow(cur inspector.Cursor, lit *ast.CompositeLit, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	return c.aliasFlow(cur, v, fn, seen)
}

// storeFlow follows an aliasing value assigned to lhs.
func (c *checker) storeFlow(stmt inspector.Cursor, lhs ast.Expr, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	lhs = ast.Unparen(lhs)
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return flow{}
	}
	if w := c.varOf(lhs); w != nil {
		if w == v {
			return flow{}
		}
		return c.varFlow(w, v, fn, seen)
	}
	// A store into a field, element or map entry: the value goes where
	// the root of lhs goes.
	root := lhs
	for {
		switch r := root.(type) {
		case *ast.SelectorExpr:
			if sel, ok := c.info.Selections[r]; ok && sel.Kind() == types.FieldVal {
				if sel.Indirect() {
					return c.pointerRootFlow(stmt, r.X, v, fn, seen)
				}
				root = ast.Unparen(r.X)
				continue
			}
			if obj, ok := c.info.Uses[r.Sel].(*types.Var); ok && obj.Parent() == obj.Pkg().Scope() {
				return flow{other: true, where: stmt.Node()} // pkg.Var = x
			}
			return flow{unknown: true}
		case *ast.IndexExpr:
			if _, isMap := typeUnder(c.info.TypeOf(r.X)).(*types.Map); isMap {
				return c.pointerRootFlow(stmt, r.X, v, fn, seen)
			}
			if _, isSlice := typeUnder(c.info.TypeOf(r.X)).(*types.Slice); isSlice {
				return c.pointerRootFlow(stmt, r.X, v, fn, seen)
			}
			root = ast.Unparen(r.X)
			continue
		case *ast.StarExpr:
			return c.pointerRootFlow(stmt, r.X, v, fn, seen)
		case *ast.Ident:
			if w := c.localVar(c.info.Uses[r]); w != nil {
				if c.funcOf(w) != fn {
					return flow{unknown: true}
				}
				return c.varFlow(w, v, fn, seen)
			}
			if obj, ok := c.info.Uses[r].(*types.Var); ok && obj.Parent() != nil && obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() {
				return flow{other: true, where: stmt.Node()} // a package variable
			}
			return flow{unknown: true}
		}
		return flow{unknown: true}
	}
}

// pointerRootFlow follows a store through a reference (pointer, map,
// slice) x: it escapes when x is a parameter, receiver or global, and
// goes where x goes when x is a local variable.
func (c *checker) pointerRootFlow(stmt inspector.Cursor, x ast.Expr, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	x = ast.Unparen(x)
	for {
		switch r := x.(type) {
		case *ast.SelectorExpr:
			if sel, ok := c.info.Selections[r]; ok && sel.Kind() == types.FieldVal {
				x = ast.Unparen(r.X)
				continue
			}
		case *ast.IndexExpr:
			x = ast.Unparen(r.X)
			continue
		case *ast.StarExpr:
			x = ast.Unparen(r.X)
			continue
		}
		break
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return flow{unknown: true}
	}
	obj, ok := c.info.Uses[id].(*types.Var)
	if !ok || obj == nil {
		return flow{unknown: true}
	}
	if w := c.localVar(obj); w != nil {
		if c.funcOf(w) != fn {
			return flow{unknown: true}
		}
		return c.varFlow(w, v, fn, seen)
	}
	if obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() {
		return flow{other: true, where: stmt.Node()}
	}
	if obj.Kind() == types.ParamVar || obj.Kind() == types.RecvVar {
		if _, isDecl := fn.(*ast.FuncDecl); isDecl {
			return flow{other: true, where: stmt.Node()}
		}
	}
	return flow{unknown: true}
}

// varFlow follows every use of the local variable w, which holds a value
// sharing v's array.
func (c *checker) varFlow(w, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	if seen[w] {
		return flow{}
	}
	if seen == nil {
		seen = make(map[*types.Var]bool)
	}
	seen[w] = true
	var f flow
	for _, u := range c.usesOf(w) {
		if ufn := enclosingFunc(u); ufn != fn {
			if c.inGoStmt(u, fn) {
				f.merge(flow{other: true, where: u.Node()})
			} else if lit, ok := outermostLit(u, fn); ok {
				// The closure holds w: it escapes if the closure does.
				g := c.aliasFlow(lit, v, fn, seen)
				if g.ret || g.other {
					f.merge(flow{other: true, where: lit.Node()})
				} else {
					f.merge(flow{unknown: true})
				}
			} else {
				f.merge(flow{unknown: true})
			}
			continue
		}
		if c.isLHS(u) {
			continue
		}
		f.merge(c.aliasFlow(u, v, fn, seen))
	}
	return f
}

// isLHS reports whether the identifier at cur is assigned to (w = ..., or
// w.f = ..., w[i] = ...: stores into it, which storeFlow follows from the
// stored value's side).
func (c *checker) isLHS(cur inspector.Cursor) bool {
	child := cur
	for p := cur.Parent(); ; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ParenExpr, *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
			if ix, ok := n.(*ast.IndexExpr); ok && ix.Index == child.Node() {
				return false
			}
			child = p
			continue
		case *ast.AssignStmt:
			return slices.Contains(n.Lhs, child.Node().(ast.Expr))
		}
		return false
	}
}

// outermostLit returns the function literal of fn that contains the use
// at cur.
func outermostLit(cur inspector.Cursor, fn ast.Node) (inspector.Cursor, bool) {
	var lit inspector.Cursor
	found := false
	for e := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if e.Node() == fn {
			return lit, found
		}
		if _, ok := e.Node().(*ast.FuncLit); !ok {
			return lit, false
		}
		lit, found = e, true
	}
	return lit, false
}

// inGoStmt reports whether the use at cur lies in a function literal
// started by a go statement of fn.
func (c *checker) inGoStmt(cur inspector.Cursor, fn ast.Node) bool {
	for e := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if e.Node() == fn {
			return false
		}
		if _, ok := e.Node().(*ast.FuncLit); !ok {
			return false
		}
		call, ok := e.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != e.Node() {
			return false
		}
		if _, ok := e.Parent().Parent().Node().(*ast.GoStmt); ok {
			return true
		}
	}
	return false
}

// callArgFlow follows an aliasing value passed to a call.
func (c *checker) callArgFlow(cur inspector.Cursor, call *ast.CallExpr, e ast.Node, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	if ast.Unparen(call.Fun) == e {
		return flow{unknown: true}
	}
	if _, ok := cur.Parent().Node().(*ast.GoStmt); ok {
		return flow{other: true, where: call} // go f(part)
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "len", "cap", "copy", "clear", "print", "println", "min", "max", "delete":
				return flow{}
			case "append":
				if ast.Unparen(call.Args[0]) == e || !call.Ellipsis.IsValid() {
					return c.aliasFlow(cur, v, fn, seen) // the result holds the array
				}
				return flow{} // append(dst, part...) copies the elements
			}
			return flow{unknown: true}
		}
	}
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		from, to := c.info.TypeOf(e.(ast.Expr)), tv.Type
		if isString(to) != isString(from) {
			return flow{} // string(b) and []byte(s) copy
		}
		return c.aliasFlow(cur, v, fn, seen)
	}
	fnObj := typematch.Callee(c.info, call)
	if fnObj == nil {
		return flow{unknown: true}
	}
	if typematch.IsFunc(fnObj, "slices", "Clone") || typematch.IsFunc(fnObj, "bytes", "Clone") || typematch.IsFunc(fnObj, "strings", "Clone") {
		return flow{}
	}
	if c.readsOnly(fnObj, call) {
		return flow{}
	}
	return flow{unknown: true}
}

// readsOnly reports whether a call cannot keep a reference to its
// arguments: a standard-library function or method whose parameters are
// not interfaces (fmt's are, but fmt only formats) and whose results hold
// no references, or any Read or Write method of the io contracts, which
// must not retain the buffer.
func (c *checker) readsOnly(fn *types.Func, call *ast.CallExpr) bool {
	sig := fn.Signature()
	if sig.Recv() != nil && isIOMethod(fn) {
		return true
	}
	// Decoders copy what they keep (even json.RawMessage fields).
	if typematch.IsFunc(fn, "encoding/json", "Unmarshal", "Valid", "Compact", "Indent") ||
		typematch.IsFunc(fn, "encoding/xml", "Unmarshal") {
		return true
	}
	if fn.Pkg() == nil || !c.isStd(fn.Pkg().Path()) || !referenceFree(sig.Results()) {
		return false
	}
	switch fn.Pkg().Path() {
	case "fmt", "log", "strconv", "strings", "bytes", "unicode/utf8", "unicode/utf16", "encoding/binary",
		"encoding/hex", "encoding/base64", "os", "io", "hash", "crypto/sha256", "crypto/sha1", "crypto/md5", "hash/crc32":
		return true
	}
	for p := range sig.Params().Variables() {
		if types.IsInterface(p.Type()) {
			return false
		}
	}
	return sig.Recv() == nil
}

// isIOMethod reports whether fn is a Read/Write-style method taking a
// []byte and returning (int, error): io's contracts forbid keeping p.
func isIOMethod(fn *types.Func) bool {
	switch fn.Name() {
	case "Read", "Write", "ReadAt", "WriteAt", "ReadFull":
	default:
		return false
	}
	sig := fn.Signature()
	return sig.Params().Len() >= 1 && isByteOrRuneSlice(sig.Params().At(0).Type()) && referenceFree(sig.Results())
}

// isStrictPart reports whether sl keeps a bounded part of v that is not
// the whole of it: it has a high bound, not len(v) or cap(v), and the high
// bound is not a count of what was written into v.
func (c *checker) isStrictPart(v *types.Var, sl *ast.SliceExpr) bool {
	if sl.High == nil {
		return false
	}
	if call, ok := ast.Unparen(sl.High).(*ast.CallExpr); ok && (c.isBuiltin(call, "len") || c.isBuiltin(call, "cap")) && len(call.Args) == 1 {
		if c.varOf(call.Args[0]) == v {
			return false
		}
	}
	filled := false
	ast.Inspect(sl.High, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if w := c.localVar(c.info.Uses[id]); w != nil && c.isFillCount(w, v) {
				filled = true
			}
		}
		return !filled
	})
	if filled {
		return false
	}
	if c.boundSharesSize(v, sl) || c.mentions(sl.High, v) {
		return false // sized like the array: b[:n] of make(n+8), b[:len(b)-1]
	}
	if tv, ok := c.info.Types[sl.High]; ok && tv.Value != nil {
		if k, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
			if n, known := c.constLen(v); known && k >= n {
				return false
			}
			if k == 0 {
				return false // x[:0]: the in-place filter idiom reuses the array
			}
		}
		return true
	}
	// A run-time bound: small only relative to data from outside (a file,
	// a body), or when found in v's own contents (bytes.IndexByte(v, c)).
	// Of an array the program sized itself at run time, a run-time part
	// may be any fraction.
	return !c.madeAtRunTime(v) || c.boundFromContents(v, sl.High)
}

// madeAtRunTime reports whether some definition of v is a make or
// composite literal (as opposed to a fresh buffer returned by a call).
func (c *checker) madeAtRunTime(v *types.Var) bool {
	for _, d := range c.defsOf(v) {
		if d.rhs == nil || d.index >= 0 {
			continue
		}
		if call, ok := ast.Unparen(d.rhs).(*ast.CallExpr); ok && c.isBuiltin(call, "make") {
			return true
		}
	}
	return false
}

// boundFromContents reports whether the bound e uses a variable computed
// by a call that reads v (i := bytes.IndexByte(v, '\n')).
func (c *checker) boundFromContents(v *types.Var, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		w := c.localVar(c.info.Uses[id])
		if w == nil {
			return true
		}
		for _, d := range c.defsOf(w) {
			if call, ok := ast.Unparen(d.rhs).(*ast.CallExpr); ok && d.rhs != nil && c.mentions(call, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

// mentions reports whether e refers to v.
func (c *checker) mentions(e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// boundSharesSize reports whether a bound of sl is computed from the same
// variables as the length of a make that allocated v
// (b := make([]byte, n+8); b[:n]): the part is then sized like the array,
// not a small piece of it.
func (c *checker) boundSharesSize(v *types.Var, sl *ast.SliceExpr) bool {
	sizeVars := make(map[types.Object]bool)
	for _, d := range c.defsOf(v) {
		if d.rhs == nil || d.index >= 0 {
			continue
		}
		call, ok := ast.Unparen(d.rhs).(*ast.CallExpr)
		if !ok || !c.isBuiltin(call, "make") {
			continue
		}
		for _, a := range call.Args[1:] {
			ast.Inspect(a, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if obj, ok := c.info.Uses[id].(*types.Var); ok {
						sizeVars[obj] = true
					}
				}
				return true
			})
		}
	}
	if len(sizeVars) == 0 {
		return false
	}
	shares := false
	for _, b := range []ast.Expr{sl.Low, sl.High} {
		if b == nil {
			continue
		}
		ast.Inspect(b, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && sizeVars[c.info.Uses[id]] {
				shares = true
			}
			return !shares
		})
	}
	return shares
}

// isFillCount reports whether w counts what was written into v: it is set
// from a call that takes v (a Read, copy, an encoder), or counted up.
func (c *checker) isFillCount(w, v *types.Var) bool {
	ds := c.defsOf(w)
	if len(ds) > 1 {
		return true // updated as the buffer fills
	}
	for _, d := range ds {
		if d.bad {
			return true
		}
		if d.rhs == nil {
			continue
		}
		mentions := false
		ast.Inspect(d.rhs, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == v {
				mentions = true
			}
			return !mentions
		})
		if call, isCall := ast.Unparen(d.rhs).(*ast.CallExpr); isCall && mentions && c.mayFill(call, v) {
			return true
		}
	}
	return false
}

// mayFill reports whether call, which mentions v, may write into v's
// array and return how much it wrote. A string is never written; the
// search functions of strings and bytes, len and cap only read.
func (c *checker) mayFill(call *ast.CallExpr, v *types.Var) bool {
	if isString(v.Type()) || c.isBuiltin(call, "len") || c.isBuiltin(call, "cap") {
		return false
	}
	if fn := typematch.Callee(c.info, call); fn != nil && fn.Signature().Recv() == nil && fn.Pkg() != nil {
		switch fn.Pkg().Path() {
		case "bytes", "strings", "unicode/utf8":
			return fn.Name() == "EncodeRune" || fn.Name() == "AppendRune"
		}
	}
	return true
}

// constLen returns the length of v when every non-zero definition is a
// make or literal of the same constant length.
func (c *checker) constLen(v *types.Var) (int64, bool) {
	if arr, ok := typeUnder(v.Type()).(*types.Array); ok {
		return arr.Len(), true
	}
	n, known := int64(-1), false
	for _, d := range c.defsOf(v) {
		if d.rhs == nil || d.index >= 0 {
			continue
		}
		call, ok := ast.Unparen(d.rhs).(*ast.CallExpr)
		if !ok || !c.isBuiltin(call, "make") || len(call.Args) < 2 {
			return 0, false
		}
		tv, ok := c.info.Types[call.Args[1]]
		if !ok || tv.Value == nil {
			return 0, false
		}
		k, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok || (known && k != n) {
			return 0, false
		}
		n, known = k, true
	}
	return n, known
}

// origin describes where v's array was allocated, for the message.
func (c *checker) origin(v *types.Var) (string, ast.Node) {
	for _, d := range c.defsOf(v) {
		if d.rhs == nil || d.bad {
			continue
		}
		if d.index < 0 && (isNil(c.info, d.rhs) || c.isSelfUpdate(v, d.rhs)) {
			continue
		}
		rhs := ast.Unparen(d.rhs)
		switch e := rhs.(type) {
		case *ast.CallExpr:
			if c.isBuiltin(e, "make") {
				return "made", e
			}
			if c.isBuiltin(e, "new") {
				return "allocated", e
			}
			if tv, ok := c.info.Types[e.Fun]; ok && tv.IsType() {
				return "made by " + types.ExprString(e), e
			}
			return "made by " + calleeName(e), e
		case *ast.CompositeLit, *ast.UnaryExpr:
			return "allocated", e
		}
		return "made", rhs
	}
	for _, u := range c.usesOf(v) {
		return "declared", u.Node()
	}
	return "declared", nil
}

func calleeName(call *ast.CallExpr) string {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return types.ExprString(f)
	case *ast.IndexExpr:
		return types.ExprString(f.X)
	}
	return types.ExprString(call.Fun)
}

func (c *checker) reportPart(v *types.Var, p part) {
	how, at := c.origin(v)
	partStr := c.source(p.slice)
	if partStr == "" || strings.Contains(partStr, "\n") {
		partStr = types.ExprString(p.slice)
	}
	msg := fmt.Sprintf("%s keeps all of %s's backing array alive", partStr, v.Name())
	if at != nil {
		line := c.pass.Fset.Position(at.Pos()).Line
		msg += fmt.Sprintf(" (%s at line %d)", how, line)
	}
	msg += "; copy the part you keep"
	d := analysis.Diagnostic{
		Pos:     p.slice.Pos(),
		End:     p.slice.End(),
		Message: msg,
	}
	if at != nil {
		d.Related = report.Related(at, "%s's array is %s here", v.Name(), how)
	}
	if fix, ok := c.cloneFix(v, p); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.r.Report(d)
}

// cloneFix wraps the part in a copy when that cannot change behaviour: the
// part escapes directly (not through a local variable that could be
// written through), and nothing writes into v's array after the slice.
func (c *checker) cloneFix(v *types.Var, p part) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	switch ctx := parentSkippingParens(p.cur).Node().(type) {
	case *ast.AssignStmt:
		for _, l := range ctx.Lhs {
			if c.varOf(l) != nil {
				return none, false
			}
		}
	case *ast.ValueSpec:
		return none, false
	}
	if c.writtenAfter(v, p) {
		return none, false
	}
	file := goversion.FileOf(c.pass, p.slice.Pos())
	if file == nil {
		return none, false
	}
	t := c.info.TypeOf(p.slice)
	partSrc := c.source(p.slice)
	if t == nil || partSrc == "" {
		return none, false
	}
	var pkgPath, fnName, msg string
	var fallback string
	byteSlice := types.NewSlice(types.Typ[types.Byte])
	switch {
	case types.Identical(t, types.Typ[types.String]):
		pkgPath, fnName = "strings", "Clone"
		if !goversion.StdlibAtLeast(c.pass, file, goversion.Go1_20) {
			return none, false
		}
	case types.Identical(t, byteSlice):
		pkgPath, fnName = "bytes", "Clone"
		if !goversion.StdlibAtLeast(c.pass, file, goversion.Go1_20) {
			fallback = c.appendCopy("[]byte", p.slice, partSrc)
		}
	case isSliceType(t):
		pkgPath, fnName = "slices", "Clone"
		if !goversion.StdlibAtLeast(c.pass, file, goversion.Go1_21) {
			ts, ok := c.typeString(t, file, p.slice.Pos())
			if !ok {
				return none, false
			}
			fallback = c.appendCopy(ts, p.slice, partSrc)
		}
	default:
		return none, false
	}
	if fallback != "" {
		return analysis.SuggestedFix{
			Message: "Copy " + partSrc + " into a new slice",
			TextEdits: []analysis.TextEdit{{
				Pos: p.slice.Pos(), End: p.slice.End(), NewText: []byte(fallback),
			}},
		}, true
	}
	name, edits, ok := c.importName(file, pkgPath, p.slice.Pos())
	if !ok {
		return none, false
	}
	msg = fmt.Sprintf("Copy %s with %s.%s", partSrc, pkgPath, fnName)
	edits = append(edits, analysis.TextEdit{
		Pos: p.slice.Pos(), End: p.slice.End(),
		NewText: []byte(name + "." + fnName + "(" + partSrc + ")"),
	})
	return analysis.SuggestedFix{Message: msg, TextEdits: edits}, true
}

// appendCopy spells append(T(nil), part...), or append(T{}, part...) when
// the part may be empty (append to nil would turn it into a nil slice).
func (c *checker) appendCopy(typ string, sl *ast.SliceExpr, partSrc string) string {
	if c.provablyNonEmpty(sl) {
		return "append(" + typ + "(nil), " + partSrc + "...)"
	}
	return "append(" + typ + "{}, " + partSrc + "...)"
}

func (c *checker) provablyNonEmpty(sl *ast.SliceExpr) bool {
	lo := int64(0)
	if sl.Low != nil {
		tv, ok := c.info.Types[sl.Low]
		if !ok || tv.Value == nil {
			return false
		}
		lo, _ = constant.Int64Val(constant.ToInt(tv.Value))
	}
	tv, ok := c.info.Types[sl.High]
	if !ok || tv.Value == nil {
		return false
	}
	hi, _ := constant.Int64Val(constant.ToInt(tv.Value))
	return hi > lo
}

func isSliceType(t types.Type) bool {
	_, ok := typeUnder(t).(*types.Slice)
	return ok
}

// writtenAfter reports whether v's array may be written or handed on
// after the part is taken (or anywhere in a loop around it), so that a
// copy would no longer see the writes that the shared array shows.
func (c *checker) writtenAfter(v *types.Var, p part) bool {
	var loops []ast.Node
	for l := range p.cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if _, isFn := l.Node().(*ast.FuncDecl); isFn {
			break
		}
		if _, isFn := l.Node().(*ast.FuncLit); isFn {
			break
		}
		loops = append(loops, l.Node())
	}
	inLoop := func(pos token.Pos) bool {
		for _, l := range loops {
			if l.Pos() <= pos && pos < l.End() {
				return true
			}
		}
		return false
	}
	for _, u := range c.usesOf(v) {
		if u.Node().Pos() < p.slice.End() && !inLoop(u.Node().Pos()) {
			continue
		}
		if u.Node() == p.slice.X || (p.slice.X.Pos() <= u.Node().Pos() && u.Node().End() <= p.slice.X.End()) {
			continue
		}
		ctx := parentSkippingParens(u)
		switch n := ctx.Node().(type) {
		case *ast.CallExpr:
			if c.isBuiltin(n, "len") || c.isBuiltin(n, "cap") {
				continue
			}
		case *ast.IndexExpr:
			if !c.isLHS(ctx) {
				if _, isAddr := parentSkippingParens(ctx).Node().(*ast.UnaryExpr); !isAddr {
					continue
				}
			}
		case *ast.SliceExpr:
			if c.onlyRead(ctx) {
				continue
			}
		}
		return true
	}
	return false
}

// onlyRead reports whether the slice expression at cur is used where it
// cannot be written through on the spot: returned, sent, stored, held in a
// literal, measured or converted to a string. Passed to a call (copy,
// a Read) or indexed, it may be written.
func (c *checker) onlyRead(cur inspector.Cursor) bool {
	switch ctx := parentSkippingParens(cur).Node().(type) {
	case *ast.ReturnStmt, *ast.SendStmt, *ast.CompositeLit, *ast.KeyValueExpr:
		return true
	case *ast.AssignStmt:
		return !slices.Contains(ctx.Lhs, cur.Node().(ast.Expr)) && c.varOf(ctx.Lhs[0]) == nil
	case *ast.CallExpr:
		if c.isBuiltin(ctx, "len") || c.isBuiltin(ctx, "cap") {
			return true
		}
		if tv, ok := c.info.Types[ctx.Fun]; ok && tv.IsType() && isString(tv.Type) {
			return true
		}
	}
	return false
}

func (c *checker) source(n ast.Node) string {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return ""
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return ""
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if start < 0 || end > len(src) || start > end {
		return ""
	}
	return string(src[start:end])
}

// typeString spells t as the file at pos can name it, or reports false
// when the file does not import a package it needs.
func (c *checker) typeString(t types.Type, file *ast.File, pos token.Pos) (string, bool) {
	ok := true
	qual := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		for _, imp := range file.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil || path != p.Path() {
				continue
			}
			if imp.Name != nil {
				if imp.Name.Name == "_" || imp.Name.Name == "." {
					continue
				}
				return imp.Name.Name
			}
			return p.Name()
		}
		ok = false
		return p.Name()
	}
	s := types.TypeString(t, qual)
	return s, ok
}

// importName returns the name under which file may refer to the package
// path at pos, with the edit that imports it when the file does not yet.
func (c *checker) importName(file *ast.File, path string, pos token.Pos) (string, []analysis.TextEdit, bool) {
	for _, imp := range file.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil || p != path {
			continue
		}
		if imp.Name == nil {
			return path, nil, !c.shadowed(path, pos, true)
		}
		if imp.Name.Name != "_" && imp.Name.Name != "." {
			return imp.Name.Name, nil, true
		}
	}
	if c.shadowed(path, pos, false) {
		return "", nil, false
	}
	quoted := strconv.Quote(path)
	for _, decl := range file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if !gd.Lparen.IsValid() {
			return path, []analysis.TextEdit{{Pos: gd.End(), End: gd.End(), NewText: []byte("\nimport " + quoted)}}, true
		}
		for _, spec := range gd.Specs {
			is := spec.(*ast.ImportSpec)
			if is.Path.Value > quoted {
				return path, []analysis.TextEdit{{Pos: is.Pos(), End: is.Pos(), NewText: []byte(quoted + "\n\t")}}, true
			}
		}
		if len(gd.Specs) > 0 {
			last := gd.Specs[len(gd.Specs)-1]
			return path, []analysis.TextEdit{{Pos: last.End(), End: last.End(), NewText: []byte("\n\t" + quoted)}}, true
		}
		return path, []analysis.TextEdit{{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t" + quoted + "\n")}}, true
	}
	return path, []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + quoted)}}, true
}

// shadowed reports whether the name of package path means something else
// at pos (a local variable called bytes). imported says the file imports
// the package under its own name.
func (c *checker) shadowed(path string, pos token.Pos, imported bool) bool {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return true
	}
	_, obj := scope.LookupParent(path, pos)
	if obj == nil {
		return false
	}
	if pn, ok := obj.(*types.PkgName); ok && imported && pn.Imported().Path() == path {
		return false
	}
	return true
}
