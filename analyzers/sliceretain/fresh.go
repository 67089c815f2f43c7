package sliceretain

// Fresh results: which functions (of this package, or of another through
// the freshResults fact) hand their caller a large buffer it owns whole.

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
)

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
			if idx < 0 && code.IsNil(c.info, e) {
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
	for _, d := range c.defsOf(v) {
		if cut, ok := ast.Unparen(d.rhs).(*ast.SliceExpr); ok && d.index < 0 && c.varOf(cut.X) == v && c.isStrictPart(v, cut) {
			return false // v = v[:i]: a small part, reported, not a fresh buffer
		}
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

// checkAnonymousSlice checks a slice taken directly of a call's fresh
// large result, which no variable holds: fetchAllRecords()[:10]. Nothing
// else can refer to that array, so a part that is kept pins all of it.
// Without a variable the bounds cannot be clamped to the length, so only
// constant bounds are judged: a run-time bound may be most of the result.
func (c *checker) checkAnonymousSlice(cur inspector.Cursor) {
	sl := cur.Node().(*ast.SliceExpr)
	call, ok := ast.Unparen(sl.X).(*ast.CallExpr)
	if !ok || c.isBuiltin(call, "make") || c.isBuiltin(call, "new") {
		return
	}
	if tv, ok := c.info.Types[call.Fun]; !ok || tv.IsType() {
		return // a conversion: string(out)[:8] is judged through out
	}
	if !c.constSmallBounds(sl) || !c.isLargeFresh(call, nil) {
		return
	}
	fn := enclosingFunc(cur)
	if fn == nil {
		return
	}
	fl := c.aliasFlow(cur, nil, fn, nil)
	if fl.unknown || !(fl.other || fl.ret) {
		return
	}
	// Each evaluation calls the loader again: a loop around the part
	// makes an array for each part, never many parts of one array.
	c.reportPart(nil, part{node: sl, slice: sl, cur: cur, where: fl.where, loader: call})
}

// constSmallBounds reports whether sl is x[i:j] or x[:j] with constant
// bounds and j > 0: a part of fixed size, whatever the length of x.
func (c *checker) constSmallBounds(sl *ast.SliceExpr) bool {
	if sl.High == nil || sl.Slice3 {
		return false
	}
	hi, ok := c.constInt(sl.High)
	if !ok || hi <= 0 {
		return false
	}
	if sl.Low != nil {
		lo, ok := c.constInt(sl.Low)
		if !ok || lo >= hi {
			return false
		}
	}
	return true
}
