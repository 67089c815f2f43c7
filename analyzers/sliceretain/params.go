package sliceretain

// Parameters: what a callee does with the value it is passed. A callee
// that stores its parameter keeps the array as surely as a return does;
// one that returns a small part of its parameter (parseName(line)) makes
// that part. The per-function summary is internal/paramflow's; the
// paramFlow fact carries it to importers.

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/paramflow"
	"github.com/trapvet/trapvet/internal/typematch"
)

// paramFlow marks a function that keeps some of its string or slice
// parameters beyond the call (Stores), or whose results are, on every
// return, a small part of one parameter (Parts, as {result, parameter}).
type paramFlow struct {
	Stores []int
	Parts  [][2]int
}

func (*paramFlow) AFact() {}

func (f *paramFlow) String() string {
	var out []string
	if len(f.Stores) > 0 {
		out = append(out, fmt.Sprintf("stores %v", f.Stores))
	}
	for _, p := range f.Parts {
		out = append(out, fmt.Sprintf("result %d is part of %d", p[0], p[1]))
	}
	return "paramFlow(" + strings.Join(out, "; ") + ")"
}

// computeParamFlows summarises this package's functions and exports the
// summaries that concern strings and slices.
func (c *checker) computeParamFlows() {
	sums := paramflow.New(c.info, c.pass.ResultOf[funcs.DeclsAnalyzer].(funcs.Decls))
	for fn, fd := range sums.Funcs() {
		sum := sums.Of(fn)
		if sum == nil {
			continue
		}
		params := fn.Signature().Params()
		f := &paramFlow{}
		for _, i := range sum.Stores {
			if i < params.Len() && holdsArray(params.At(i).Type()) {
				f.Stores = append(f.Stores, i)
			}
		}
		for _, p := range sum.Parts {
			if p.Param < params.Len() && holdsArray(params.At(p.Param).Type()) && c.smallParts(fd, p) {
				f.Parts = append(f.Parts, [2]int{p.Result, p.Param})
			}
		}
		if len(f.Stores) == 0 && len(f.Parts) == 0 {
			continue
		}
		c.paramFlows[fn] = f
		c.pass.ExportObjectFact(fn, f)
	}
}

// smallParts reports whether every expression that makes result p a
// part of its parameter keeps a small, strict part of it.
func (c *checker) smallParts(fd *ast.FuncDecl, p paramflow.Part) bool {
	pv := paramVar(c.info, fd, p.Param)
	if pv == nil {
		return false
	}
	for _, e := range p.Exprs {
		if !c.smallPartOf(pv, e) {
			return false
		}
	}
	return true
}

// smallPartOf follows e through trims and local variables defined once
// to a slice expression of pv, and reports whether it is a strict part.
func (c *checker) smallPartOf(pv *types.Var, e ast.Expr) bool {
	for range 8 {
		switch x := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			if !c.isTrim(x) {
				return false
			}
			e = x.Args[0]
		case *ast.Ident:
			w := c.varOf(x)
			if w == nil {
				return false
			}
			defs := c.defsOf(w)
			if len(defs) != 1 || defs[0].rhs == nil || defs[0].index >= 0 || defs[0].bad {
				return false
			}
			e = defs[0].rhs
		case *ast.SliceExpr:
			id, ok := ast.Unparen(x.X).(*ast.Ident)
			return ok && c.info.Uses[id] == pv && c.isStrictPart(pv, x)
		case *ast.IndexExpr:
			// One piece of a split of pv (fields[0] of
			// fields := strings.Fields(pv)): a line or a field.
			return c.splitOfParam(pv, x.X)
		default:
			return false
		}
	}
	return false
}

// splitOfParam reports whether e is, or is a local variable defined once
// as, a split of pv into a list (strings.Split(pv, sep), strings.Fields).
func (c *checker) splitOfParam(pv *types.Var, e ast.Expr) bool {
	if w := c.varOf(e); w != nil {
		defs := c.defsOf(w)
		if len(defs) != 1 || defs[0].rhs == nil || defs[0].index >= 0 || defs[0].bad {
			return false
		}
		e = defs[0].rhs
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || c.splitOf(call) != splitsList {
		return false
	}
	fn := typematch.Callee(c.info, call)
	if typematch.IsFunc(fn, "strings", "SplitN", "SplitAfterN") || typematch.IsFunc(fn, "bytes", "SplitN", "SplitAfterN") {
		return false // the last piece is the unsplit rest
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	return ok && c.info.Uses[id] == pv
}

func paramVar(info *types.Info, fd *ast.FuncDecl, i int) *types.Var {
	k := 0
	for _, field := range fd.Type.Params.List {
		if len(field.Names) == 0 {
			k++
			continue
		}
		for _, id := range field.Names {
			if k == i {
				v, _ := info.Defs[id].(*types.Var)
				return v
			}
			k++
		}
	}
	return nil
}

// paramFlowOf returns the summary of fn, of this package or from a fact.
func (c *checker) paramFlowOf(fn *types.Func) *paramFlow {
	fn = fn.Origin()
	if f, ok := c.paramFlows[fn]; ok {
		return f
	}
	if fn.Pkg() == c.pass.Pkg {
		return nil
	}
	var f paramFlow
	if !c.pass.ImportObjectFact(fn, &f) {
		c.paramFlows[fn] = nil
		return nil
	}
	c.paramFlows[fn] = &f
	return &f
}

// argIndex returns the parameter index of the argument e of call, or -1
// (a variadic argument, or not an argument).
func argIndex(call *ast.CallExpr, e ast.Node, sig *types.Signature) int {
	for i, a := range call.Args {
		if ast.Unparen(a) != e {
			continue
		}
		if sig.Variadic() && i >= sig.Params().Len()-1 {
			return -1
		}
		return i
	}
	return -1
}

// partResult returns the result of call that is a small part of the
// argument e, from the callee's summary.
func (c *checker) partResult(call *ast.CallExpr, e ast.Node) (int, bool) {
	fn, f := c.calleeFlow(call)
	if f == nil {
		return 0, false
	}
	i := argIndex(call, e, fn.Signature())
	for _, p := range f.Parts {
		if p[1] == i && i >= 0 {
			return p[0], true
		}
	}
	return 0, false
}

func (c *checker) calleeFlow(call *ast.CallExpr) (*types.Func, *paramFlow) {
	fn := typematch.Callee(c.info, call)
	if fn == nil {
		return nil, nil
	}
	return fn, c.paramFlowOf(fn)
}

// paramArgFlow follows a value sharing v's array passed as the argument
// e of call, when the callee's summary says what becomes of it: kept
// (an escape at the call), or returned in part (where the result goes).
func (c *checker) paramArgFlow(cur inspector.Cursor, call *ast.CallExpr, e ast.Node, v *types.Var, fn ast.Node, seen map[*types.Var]bool) (flow, bool) {
	callee, f := c.calleeFlow(call)
	if f == nil {
		return flow{}, false
	}
	i := argIndex(call, e, callee.Signature())
	if i < 0 {
		return flow{}, false
	}
	if slices.Contains(f.Stores, i) {
		return flow{other: true, where: call}, true
	}
	if j, ok := c.partResult(call, e); ok {
		return c.resultFlow(cur, call, j, v, fn, seen), true
	}
	return flow{}, false
}

// resultFlow follows result j of the call at cur.
func (c *checker) resultFlow(cur inspector.Cursor, call *ast.CallExpr, j int, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	sig, ok := c.info.TypeOf(call.Fun).Underlying().(*types.Signature)
	if !ok {
		return flow{unknown: true}
	}
	if sig.Results().Len() == 1 {
		return c.aliasFlow(cur, v, fn, seen)
	}
	p := parentSkippingParens(cur)
	switch ctx := p.Node().(type) {
	case *ast.AssignStmt:
		if len(ctx.Rhs) == 1 && len(ctx.Lhs) == sig.Results().Len() {
			return c.storeFlow(p, ctx.Lhs[j], v, fn, seen)
		}
	case *ast.ValueSpec:
		if len(ctx.Values) == 1 && len(ctx.Names) == sig.Results().Len() {
			return c.storeFlow(p, ctx.Names[j], v, fn, seen)
		}
	}
	return flow{unknown: true}
}

// partArgVar returns the local variable argument of call of which the
// callee returns a part, or nil.
func (c *checker) partArgVar(call *ast.CallExpr) ast.Expr {
	for _, a := range call.Args {
		if c.varOf(a) == nil {
			continue
		}
		if _, ok := c.partResult(call, ast.Unparen(a)); ok {
			return a
		}
	}
	return nil
}

// checkAnonymousPart checks a part, made by a callee, of a large fresh
// value that no variable holds: parseName(string(out)).
func (c *checker) checkAnonymousPart(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	fn := enclosingFunc(cur)
	if fn == nil {
		return
	}
	for i, a := range call.Args {
		if c.varOf(a) != nil {
			continue
		}
		j, ok := c.partResult(call, ast.Unparen(a))
		if !ok || !c.splitSourceIsFresh(a) {
			continue
		}
		fl := c.resultFlow(cur, call, j, nil, fn, nil)
		if fl.unknown || !(fl.other || fl.ret) {
			continue
		}
		p := part{node: call, cur: cur, where: fl.where, call: call, arg: i}
		if c.inLoopWithoutAlloc(nil, p) {
			continue
		}
		c.reportPart(nil, p)
	}
}
