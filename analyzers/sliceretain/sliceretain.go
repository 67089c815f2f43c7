package sliceretain

// The analyzer, its run, and the report: check asks owner.go whether the
// operand is a large array the function owns, escape.go where its parts go,
// bound.go whether they are small, and fix.go how to copy them.

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/report"
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
		Requires:  []*analysis.Analyzer{inspect.Analyzer, funcs.DeclsAnalyzer},
		FactTypes: []analysis.Fact{new(freshResults), new(paramFlow)},
		Run:       s.run,
	}
	a.Flags.Int64Var(&s.threshold, "threshold", DefaultThreshold,
		"size in bytes from which an array of constant length counts as large")
	return a
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
	// paramFlows: what functions do with their parameters (this
	// package's, and imported facts looked up so far).
	paramFlows map[*types.Func]*paramFlow
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

		paramFlows: make(map[*types.Func]*paramFlow),
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
	c.computeParamFlows()
	c.check(in)
	return nil, nil
}

// check finds the reportable sub-slices and parts made by splitting.
func (c *checker) check(in *inspector.Inspector) {
	done := make(map[*types.Var]bool)
	for cur := range in.Root().Preorder((*ast.SliceExpr)(nil), (*ast.CallExpr)(nil)) {
		var x ast.Expr
		switch n := cur.Node().(type) {
		case *ast.SliceExpr:
			x = n.X
			if c.varOf(x) == nil {
				c.checkAnonymousSlice(cur)
				continue
			}
		case *ast.CallExpr:
			if c.splitOf(n) == notSplit {
				// A variable passed to a callee that returns a part
				// of it (partHead(data)).
				x = c.partArgVar(n)
				if x == nil {
					c.checkAnonymousPart(cur)
					continue
				}
				break
			}
			x = n.Args[0]
			if c.varOf(x) == nil {
				c.checkAnonymousSplit(cur)
				continue
			}
		}
		v := c.varOf(x)
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

// checkAnonymousSplit checks the parts of a split of a large fresh value
// that no variable holds: strings.Split(string(out), "\n").
func (c *checker) checkAnonymousSplit(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	fn := enclosingFunc(cur)
	if fn == nil || !c.splitSourceIsFresh(call.Args[0]) {
		return
	}
	esc := c.splitFlow(cur, nil, fn)
	if esc.other || esc.unknown || !c.partsAreSmall(nil, esc.parts) {
		return
	}
	for _, p := range esc.parts {
		c.reportPart(nil, p)
	}
}

// origin describes where v's array was allocated, for the message.
func (c *checker) origin(v *types.Var) (string, ast.Node) {
	for _, d := range c.defsOf(v) {
		if d.rhs == nil || d.bad {
			continue
		}
		if d.index < 0 && (code.IsNil(c.info, d.rhs) || c.isSelfUpdate(v, d.rhs)) {
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

// reportPart reports the part p of v's array (of the value split by
// p.split when v is nil).
func (c *checker) reportPart(v *types.Var, p part) {
	var name, how string
	var at ast.Node
	if v != nil {
		name = v.Name()
		how, at = c.origin(v)
	} else if p.loader != nil {
		name = c.source(p.loader)
		if name == "" || strings.Contains(name, "\n") {
			name = types.ExprString(p.loader)
		}
		how, at = "returned by "+calleeName(p.loader), p.loader
	} else if p.call != nil {
		src := p.call.Args[p.arg]
		name = c.source(src)
		if name == "" || strings.Contains(name, "\n") {
			name = types.ExprString(src)
		}
		how, at = "passed to "+calleeName(p.call), src
	} else {
		name = c.source(p.split.Args[0])
		if name == "" || strings.Contains(name, "\n") {
			name = types.ExprString(p.split.Args[0])
		}
		how, at = "split by "+calleeName(p.split), p.split
	}
	partStr := c.source(p.node)
	if p.split != nil {
		partStr = c.splitPartName(p)
	}
	if partStr == "" || strings.Contains(partStr, "\n") {
		partStr = types.ExprString(p.node)
	}
	msg := fmt.Sprintf("%s keeps all of %s's backing array alive", partStr, name)
	if at != nil {
		line := c.pass.Fset.Position(at.Pos()).Line
		msg += fmt.Sprintf(" (%s at line %d)", how, line)
	}
	msg += "; copy the part you keep"
	d := analysis.Diagnostic{
		Pos:     p.node.Pos(),
		End:     p.node.End(),
		Message: msg,
	}
	if at != nil {
		d.Related = report.Related(at, "%s's array is %s here", name, how)
	}
	if fix, ok := c.cloneFix(v, p); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.r.Report(d)
}
