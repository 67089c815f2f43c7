package deferarg

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

// Analyzer reports deferred calls whose arguments or receiver are
// evaluated at the defer statement although the function changes them
// before it returns.
//
// Its result is a *report.Findings: the lines on which it found something.
// go vet's defers reports time.Since in a deferred call's arguments, a
// subset of deferarg's findings, and a driver running both uses the
// result to keep defers silent there.
var Analyzer = &analysis.Analyzer{
	Name:       "deferarg",
	Doc:        docs.Extract(doc, "deferarg"),
	URL:        "https://github.com/trapvet/trapvet/blob/main/docs/deferarg.md",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	ResultType: reflect.TypeOf((*report.Findings)(nil)),
	Run:        run,
}

// checker holds the state of one pass.
type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	cfgs  *ctrlflow.CFGs
	as    *assigns
	r     *report.Reporter
	flows map[ast.Node]*flow
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:  pass,
		info:  pass.TypesInfo,
		cfgs:  pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		r:     report.New(pass),
		flows: make(map[ast.Node]*flow),
	}
	for cur := range in.Root().Preorder((*ast.DeferStmt)(nil)) {
		if c.as == nil {
			c.as = newAssigns(pass.TypesInfo, pass.Files)
		}
		c.check(cur)
	}
	return c.r.Findings(), nil
}

// check reports the deferred call at cur, if it evaluates time.Since or a
// variable the function changes afterwards.
func (c *checker) check(cur inspector.Cursor) {
	def := cur.Node().(*ast.DeferStmt)
	if since := c.sinceCall(def.Call); since != nil {
		c.reportSince(def, since)
		return
	}
	if _, lit := ast.Unparen(def.Call.Fun).(*ast.FuncLit); lit {
		return // the literal reads its variables when it runs
	}
	fnCur, ok := funcs.Enclosing(cur)
	if !ok {
		return
	}
	fn := fnCur.Node()
	fl := c.flowOf(fn)
	if fl == nil {
		return
	}
	ops, foreign := c.operands(fn, def.Call)
	var stale []staleOperand
	var kept []operand
	for _, a := range ops {
		if c.roleOf(fn, def, a.v) == held {
			kept = append(kept, a)
			continue
		}
		if l, ok := fl.assignedLater(def, a.v); ok {
			stale = append(stale, staleOperand{a, l})
		}
	}
	if len(stale) == 0 {
		return
	}
	d := analysis.Diagnostic{
		Pos:     stale[0].id.Pos(),
		End:     stale[0].id.End(),
		Message: staleMessage(def.Call, stale),
	}
	for _, s := range stale {
		what := "assigned here, after the defer"
		if s.later.returned {
			what = "returned here, after the defer"
		}
		d.Related = append(d.Related, analysis.RelatedInformation{
			Pos: s.later.at.Pos(), End: s.later.at.End(), Message: s.v.Name() + " " + what,
		})
	}
	if c.fixable(fl, def, kept, foreign) {
		d.SuggestedFixes = []analysis.SuggestedFix{wrap(def, "Defer a function literal that reads "+names(stale)+" when it runs")}
	}
	c.r.Report(d)
}

// A staleOperand is a variable the deferred call evaluates at the defer
// and the function changes later.
type staleOperand struct {
	operand
	later later
}

// An operand is a local variable the deferred call evaluates at the
// defer statement: an argument, or the receiver of a method.
type operand struct {
	v  *types.Var
	id *ast.Ident
	// copied: the receiver of a value method, copied at the defer.
	copied bool
}

// operands returns the local variables of fn that the deferred call
// evaluates at the defer: identifiers in its arguments, outside function
// literals and not under &; and the receiver variable of a method call,
// unless the method takes its address (a pointer method on a variable
// held by value sees every change). foreign reports a variable held by
// value that is not fn's own (a package variable, a variable of an
// enclosing function), which the function's flow does not tell about.
func (c *checker) operands(fn ast.Node, call *ast.CallExpr) (ops []operand, foreign bool) {
	seen := make(map[*types.Var]bool)
	add := func(id *ast.Ident, copied bool) {
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || v.IsField() || seen[v] || v.Name() == "_" {
			return
		}
		if !code.Contains(fn, v.Pos()) {
			foreign = foreign || !refLike(v.Type())
			return
		}
		seen[v] = true
		ops = append(ops, operand{v: v, id: id, copied: copied})
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
				_, ptrRecv := s.Obj().Type().(*types.Signature).Recv().Type().Underlying().(*types.Pointer)
				_, ptrVar := c.info.TypeOf(id).Underlying().(*types.Pointer)
				switch {
				case ptrVar || types.IsInterface(c.info.TypeOf(id)):
					add(id, false)
				case !ptrRecv:
					add(id, true)
				}
			}
		}
	}
	for _, arg := range call.Args {
		ast.Inspect(arg, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.UnaryExpr:
				return n.Op != token.AND
			case *ast.SelectorExpr:
				ast.Inspect(n.X, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok {
						add(id, false)
					}
					_, lit := m.(*ast.FuncLit)
					return !lit
				})
				return false
			case *ast.Ident:
				add(n, false)
			}
			return true
		})
	}
	return ops, foreign
}

// flowOf returns the flow of fn, built once.
func (c *checker) flowOf(fn ast.Node) *flow {
	if fl, ok := c.flows[fn]; ok {
		return fl
	}
	var fl *flow
	if g := funcs.CFG(c.cfgs, fn); g != nil {
		fl = newFlow(c.as, c.cfgs, g, fn)
	}
	c.flows[fn] = fl
	return fl
}

// fixable reports whether deferring a function literal keeps what the
// call means: it is not in a loop, where a literal would capture the
// loop's variables instead of copying them; it evaluates nothing at the
// defer that must happen there (a call such as trace("f") in defer
// un(trace("f"), err)); and nothing else it reads would change under
// the literal: a held value that the function assigns later, or a
// variable that is not the function's own (foreign).
func (c *checker) fixable(fl *flow, def *ast.DeferStmt, kept []operand, foreign bool) bool {
	if foreign {
		return false
	}
	for _, l := range fl.loops {
		if code.Contains(l, def.Pos()) {
			return false
		}
	}
	for _, a := range kept {
		if _, ok := fl.assignedLater(def, a.v); ok {
			return false
		}
	}
	return c.evaluatesOnlyValues(def.Call)
}

// evaluatesOnlyValues reports whether the receiver and arguments of call
// make no call other than conversions and time.Since.
func (c *checker) evaluatesOnlyValues(call *ast.CallExpr) bool {
	ok := true
	check := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if tv, isType := c.info.Types[n.Fun]; isType && tv.IsType() {
				return true
			}
			if typematch.CallsFunc(c.info, n, "time", "Since") {
				return true
			}
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		}
		return ok
	}
	if sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel {
		ast.Inspect(sel.X, check)
	}
	for _, arg := range call.Args {
		ast.Inspect(arg, check)
	}
	return ok
}

// sinceCall returns a call of time.Since that the deferred call evaluates
// at the defer statement: in its arguments or receiver, outside function
// literals.
func (c *checker) sinceCall(call *ast.CallExpr) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(call, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if n != call && typematch.CallsFunc(c.info, n, "time", "Since") {
				found = n
			}
		}
		return found == nil
	})
	return found
}

// reportSince reports time.Since evaluated at the defer statement.
func (c *checker) reportSince(def *ast.DeferStmt, since *ast.CallExpr) {
	d := analysis.Diagnostic{
		Pos: since.Pos(),
		End: since.End(),
		Message: fmt.Sprintf("%s is evaluated at the defer statement: %s gets the time until the defer, not until return",
			types.ExprString(since), calleeName(def.Call)),
	}
	_, lit := ast.Unparen(def.Call.Fun).(*ast.FuncLit)
	if !lit && c.evaluatesOnlyValues(def.Call) {
		d.SuggestedFixes = []analysis.SuggestedFix{wrap(def, "Defer a function literal that calls time.Since when it runs")}
	}
	c.r.Report(d)
}

// wrap returns the fix that defers a function literal making the call.
func wrap(def *ast.DeferStmt, message string) analysis.SuggestedFix {
	return analysis.SuggestedFix{
		Message: message,
		TextEdits: []analysis.TextEdit{
			{Pos: def.Call.Pos(), End: def.Call.Pos(), NewText: []byte("func() { ")},
			{Pos: def.Call.End(), End: def.Call.End(), NewText: []byte(" }()")},
		},
	}
}

// staleMessage says which variables the deferred call sees too early.
func staleMessage(call *ast.CallExpr, stale []staleOperand) string {
	callee := calleeName(call)
	if len(stale) == 1 && stale[0].copied {
		v := stale[0].v.Name()
		return fmt.Sprintf("deferred %s runs on a copy of %s made at the defer statement, not on %s as changed later", callee, v, v)
	}
	verb := "it is"
	if len(stale) > 1 {
		verb = "they are"
	}
	after := "as assigned later"
	if allReturned(stale) {
		after = "the value returned"
		if len(stale) > 1 {
			after = "the values returned"
		}
	}
	return fmt.Sprintf("deferred %s sees %s as %s at the defer statement, not %s", callee, names(stale), verb, after)
}

func allReturned(stale []staleOperand) bool {
	for _, s := range stale {
		if !s.later.returned {
			return false
		}
	}
	return true
}

// names lists the stale variables: "err", "err and n", "a, b and c".
func names(stale []staleOperand) string {
	var ns []string
	for _, s := range stale {
		ns = append(ns, s.v.Name())
	}
	if len(ns) == 1 {
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

// calleeName names the deferred function for a message.
func calleeName(call *ast.CallExpr) string {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		return fun.Sel.Name
	case *ast.IndexExpr:
		if id, ok := fun.X.(*ast.Ident); ok {
			return id.Name
		}
	}
	return "call"
}
