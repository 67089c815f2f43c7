package goroutineleak

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/typematch"
)

// funcFact summarizes what a function does with its parameters, for
// judging `go f(x)` by f's body in this and other packages.
type funcFact struct {
	// Sends lists the channel parameters the function sends on outside a
	// select (such a send blocks until someone receives).
	Sends []paramSend
	// CtxWork lists the context parameters the function passes on to
	// calls (rather than only watching Done or Err, or reading values).
	CtxWork []string
	// CtxWorkIndex are the indices of CtxWork's parameters.
	CtxWorkIndex []int
	// CtxValues are the indices of the context parameters the function
	// only reads values from (ctx.Value, ctx.Deadline, or passing it to
	// such a function): a logger lookup, which a cancelled context does
	// not disturb.
	CtxValues []int
	// Detaches are the indices of the context parameters the function
	// hands back detached, as context.WithoutCancel does: it does no work
	// with them, and every return gives back a value of a type whose own
	// Done ignores the contexts it holds (see detachedType).
	Detaches []int
	// Endless is set when the function runs a for loop that nothing
	// leaves; Idles when that loop waits every round
	// (idlesEachIteration).
	Endless, Idles bool
	// TriesToStop is set when that loop watches for a stop signal it
	// cannot act on (triesToStop).
	TriesToStop bool
	// DoneOnly lists the indices of the context parameters whose Done
	// alone may end a for loop the function runs (select cases
	// <-ctx.Done() hold every way out): given contexts that are never
	// done, it loops forever. Idles tells whether that loop waits every
	// round.
	DoneOnly []int
	// TickerRange is set when the function ranges over a time.Ticker's
	// C and nothing leaves the loop: Stop never closes C.
	TickerRange bool
	// SleepsBlind is set when the function sleeps in a loop and never
	// refers to a context, a channel or package sync: nothing can stop
	// it between attempts.
	SleepsBlind bool
	// ReturnsTimer is set when every return of the function hands back
	// a fresh time.After channel (or nil), so a call of it in a select
	// loop counts as a time.After there.
	ReturnsTimer bool
	// Awaits lists the indices of the channel parameters the function
	// only receives from, and without a receive from which it cannot
	// return: a worker that runs until its stop channel is closed.
	Awaits []paramRef
}

// paramRef names a parameter of a function by index and name.
type paramRef struct {
	Index int
	Name  string
	// Ranges is set when the function ranges over the channel: only a
	// close ends its wait, not a send.
	Ranges bool
}

type paramSend struct {
	Index int
	Name  string
	Once  bool // a single send, not in a loop
}

func (*funcFact) AFact() {}

func (f *funcFact) String() string {
	var parts []string
	for _, s := range f.Sends {
		how := "sends on"
		if s.Once {
			how = "sends once on"
		}
		parts = append(parts, how+" "+s.Name)
	}
	if len(f.CtxWork) > 0 {
		parts = append(parts, "works with "+strings.Join(f.CtxWork, ", "))
	}
	if f.Endless {
		parts = append(parts, "loops forever")
	}
	if f.Idles {
		parts = append(parts, "idles each round")
	}
	if f.TriesToStop {
		parts = append(parts, "cannot act on its stop")
	}
	if len(f.DoneOnly) > 0 {
		parts = append(parts, "loops until its context is done")
	}
	if f.TickerRange {
		parts = append(parts, "ranges over a ticker")
	}
	if f.SleepsBlind {
		parts = append(parts, "sleeps blind")
	}
	if f.ReturnsTimer {
		parts = append(parts, "returns a fresh timer channel")
	}
	for _, p := range f.Awaits {
		parts = append(parts, "awaits "+p.Name)
	}
	if len(f.CtxValues) > 0 {
		parts = append(parts, "reads context values")
	}
	if len(f.Detaches) > 0 {
		parts = append(parts, "detaches its context")
	}
	return strings.Join(parts, "; ")
}

func (f *funcFact) send(i int) (paramSend, bool) {
	if f == nil {
		return paramSend{}, false
	}
	for _, s := range f.Sends {
		if s.Index == i {
			return s, true
		}
	}
	return paramSend{}, false
}

func (f *funcFact) ctxWork(i int) bool {
	if f == nil {
		return false
	}
	for _, j := range f.CtxWorkIndex {
		if j == i {
			return true
		}
	}
	return false
}

// summarize computes the facts of this package's functions and exports
// the non-empty ones.
func (c *checker) summarize() {
	all := make(map[*types.Func]*funcFact)
	var decls []inspector.Cursor
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		fn, ok := c.info.Defs[fd.Name].(*types.Func)
		if !ok || fn == nil || fd.Body == nil {
			continue
		}
		f := c.summarizeFunc(cur, fd, fn)
		if !f.empty() {
			c.summaries[fn] = f
		}
		if hasChanParam(fn) {
			all[fn] = f
			decls = append(decls, cur)
		}
	}
	c.forwardSends(decls, all)
	for fn, f := range c.summaries {
		c.pass.ExportObjectFact(fn, f)
	}
}

// hasChanParam reports whether fn takes a channel: only such a function
// can hand one on.
func hasChanParam(fn *types.Func) bool {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if isChan(params.At(i).Type()) {
			return true
		}
	}
	return false
}

func (f *funcFact) empty() bool {
	return len(f.Sends) == 0 && len(f.CtxWork) == 0 && !f.Endless && len(f.DoneOnly) == 0 && !f.TickerRange && !f.SleepsBlind && !f.ReturnsTimer && len(f.Awaits) == 0 && len(f.CtxValues) == 0 && len(f.Detaches) == 0
}

// maxForwarding bounds how many calls deep a send on a channel parameter
// is followed when a function hands the channel on (f(ch) calls
// g(ch), which sends).
const maxForwarding = 3

// forwardSends adds to the Sends of the functions taking a channel
// (decls, with their summaries in all) the channel parameters they hand
// on, in a plain call of their own body, to a function that sends on
// them: f passing its ch to report(ch, v), which does ch <- v, sends on ch
// as surely as if it sent itself.
func (c *checker) forwardSends(decls []inspector.Cursor, all map[*types.Func]*funcFact) {
	for range maxForwarding {
		changed := false
		for _, cur := range decls {
			grew := false
			fd := cur.Node().(*ast.FuncDecl)
			fn := c.info.Defs[fd.Name].(*types.Func)
			f := all[fn]
			params := fn.Signature().Params()
			for c2 := range cur.Preorder((*ast.CallExpr)(nil)) {
				call := c2.Node().(*ast.CallExpr)
				if _, plain := c2.Parent().Node().(*ast.ExprStmt); !plain || inNestedLit(c2, fd) {
					continue
				}
				g := c.factOf(typematch.Callee(c.info, call))
				if g == nil || g == f {
					continue
				}
				for _, s := range g.Sends {
					if s.Index >= len(call.Args) {
						continue
					}
					v := c.exprVar(call.Args[s.Index])
					i := paramIndexOf(params, v)
					if i < 0 || !isChan(v.Type()) || f.sendsOn(i) {
						continue
					}
					f.Sends = append(f.Sends, paramSend{Index: i, Name: v.Name(), Once: s.Once && len(loopsBetween(c2, fd)) == 0})
					grew = true
				}
			}
			if grew {
				c.summaries[fn] = f
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// sendsOn reports whether f's Sends hold parameter i.
func (f *funcFact) sendsOn(i int) bool {
	_, ok := f.send(i)
	return ok
}

// paramIndexOf returns the index of v among params, or -1.
func paramIndexOf(params *types.Tuple, v *types.Var) int {
	if v == nil {
		return -1
	}
	for i := range params.Len() {
		if params.At(i) == v {
			return i
		}
	}
	return -1
}

func (c *checker) summarizeFunc(cur inspector.Cursor, fd *ast.FuncDecl, fn *types.Func) *funcFact {
	f := &funcFact{}
	params := fn.Signature().Params()
	// Only channel and context parameters can be sent on or do work.
	index := make(map[*types.Var]int)
	for i := range params.Len() {
		p := params.At(i)
		if _, isChan := p.Type().Underlying().(*types.Chan); isChan || isContext(p.Type()) {
			index[p] = i
		}
	}
	if loop := c.endlessLoop(cur, fd); loop != nil {
		f.Endless = true
		f.Idles = c.idlesEachIteration(loop, fd)
		f.TriesToStop = c.triesToStop(cur, fd, loop)
	}
	if !f.Endless && len(index) > 0 {
		f.DoneOnly, f.Idles = c.doneOnlyParams(cur, fd, params)
	}
	f.TickerRange = c.tickerRange(cur, fd) != nil
	// time.Sleep is named through an import of time: a package without
	// one has no function that sleeps (and is spared the walk).
	f.SleepsBlind = !f.Endless && c.importsTime && c.sleepInLoop(cur, fd) != nil && !c.observesAnything(cur)
	f.ReturnsTimer = c.importsTime && c.returnsFreshTimer(cur, fd)
	if len(index) == 0 {
		return f
	}
	sends := make(map[int]int)
	looped := make(map[int]bool)
	work := make(map[int]bool)
	ctxUses, valueUses := make(map[int]int), make(map[int]int)
	for c2 := range cur.Preorder((*ast.SendStmt)(nil), (*ast.Ident)(nil)) {
		switch n := c2.Node().(type) {
		case *ast.SendStmt:
			id, ok := ast.Unparen(n.Chan).(*ast.Ident)
			if !ok {
				continue
			}
			i, ok := index[varOf(c.info, id)]
			if !ok || !isPlainSend(c2) || inNestedLit(c2, fd) {
				continue
			}
			sends[i]++
			if len(loopsBetween(c2, fd)) > 0 {
				looped[i] = true
			}
		case *ast.Ident:
			v := varOf(c.info, n)
			i, ok := index[v]
			if !ok || !isContext(v.Type()) {
				continue
			}
			if c.ctxUseIsWork(c2, false) {
				work[i] = true
			}
			ctxUses[i]++
			if c.ctxUseIsValue(c2) {
				valueUses[i]++
			}
		}
	}
	for i := range params.Len() {
		if p := params.At(i); isChan(p.Type()) && sends[i] == 0 && c.endsOnlyThrough(cur, p) {
			f.Awaits = append(f.Awaits, paramRef{Index: i, Name: p.Name(), Ranges: c.rangesOver(fd.Body, p)})
		}
		if n := sends[i]; n > 0 {
			f.Sends = append(f.Sends, paramSend{Index: i, Name: params.At(i).Name(), Once: n == 1 && !looped[i]})
		}
		if work[i] {
			f.CtxWork = append(f.CtxWork, params.At(i).Name())
			f.CtxWorkIndex = append(f.CtxWorkIndex, i)
		}
		if n := ctxUses[i]; n > 0 && valueUses[i] == n {
			f.CtxValues = append(f.CtxValues, i)
		}
	}
	f.Detaches = c.detachedParams(cur, fd, fn, work)
	return f
}

// detachedParams returns the indices of the context parameters of fn
// that it does no work with, when fn returns them detached (detaches).
func (c *checker) detachedParams(cur inspector.Cursor, fd *ast.FuncDecl, fn *types.Func, work map[int]bool) []int {
	var idle []int
	var ctx *types.Interface
	params := fn.Signature().Params()
	for i := range params.Len() {
		if p := params.At(i); isContext(p.Type()) && !work[i] {
			idle = append(idle, i)
			ctx, _ = p.Type().Underlying().(*types.Interface)
		}
	}
	if ctx == nil || !c.detaches(cur, fd, fn, ctx) {
		return nil
	}
	return idle
}

// factOf returns the summary of fn, from this package or a fact.
func (c *checker) factOf(fn *types.Func) *funcFact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.summaries[fn]
	}
	f := new(funcFact)
	if c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

func varOf(info *types.Info, id *ast.Ident) *types.Var {
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// exprVar returns the variable e names, when e is an identifier (in
// parentheses or not), or nil.
func (c *checker) exprVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return varOf(c.info, id)
}

// isPlainSend reports whether the send statement at cur blocks until a
// receiver comes: it is not the communication of a select's case (a
// send in a case's body is plain).
func isPlainSend(cur inspector.Cursor) bool {
	cc, inSelect := cur.Parent().Node().(*ast.CommClause)
	return !inSelect || cc.Comm != cur.Node()
}

// inNestedLit reports whether cur lies in a function literal inside fn.
func inNestedLit(cur inspector.Cursor, fn ast.Node) bool {
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		return c.Node() != fn
	}
	return false
}

// ctxUseIsWork reports whether the context expression at cur is used to
// do work that cancellation would stop: passed to a call that is not a
// logger or value reader, or (when doneIsWork) waited on with Done or Err.
func (c *checker) ctxUseIsWork(cur inspector.Cursor, doneIsWork bool) bool {
	e := cur.Node()
	switch p := cur.Parent().Node().(type) {
	case *ast.ParenExpr:
		return c.ctxUseIsWork(cur.Parent(), doneIsWork)
	case *ast.SelectorExpr:
		if p.X != e {
			return false
		}
		switch p.Sel.Name {
		case "Value", "Deadline":
			return false
		}
		return doneIsWork
	case *ast.CallExpr:
		for i, a := range p.Args {
			if a == e {
				return !c.readsValuesOnly(p, i)
			}
		}
		return doneIsWork // the called function
	}
	// Stored, assigned or returned: followed only in a method of a
	// logic type (doneIsWork), where any use counts.
	return doneIsWork
}

// ctxUseIsValue reports whether the context expression at cur only has a
// value read from it: ctx.Value(k), ctx.Deadline(), or passed to a
// function that only reads values from it.
func (c *checker) ctxUseIsValue(cur inspector.Cursor) bool {
	e := cur.Node()
	switch p := cur.Parent().Node().(type) {
	case *ast.ParenExpr:
		return c.ctxUseIsValue(cur.Parent())
	case *ast.SelectorExpr:
		return p.X == e && (p.Sel.Name == "Value" || p.Sel.Name == "Deadline")
	case *ast.CallExpr:
		for i, a := range p.Args {
			if a == e {
				return c.readsValuesOnly(p, i)
			}
		}
	}
	return false
}

// readsValuesOnly reports whether the function call calls only reads
// values from the context it is given as argument i: a logger or tracing
// package (valueOnly), or a function whose fact says so (a LoggerFrom(ctx)
// helper of the program, or one that detaches the context from its
// cancellation).
func (c *checker) readsValuesOnly(call *ast.CallExpr, i int) bool {
	fn := typematch.Callee(c.info, call)
	if valueOnly(fn) {
		return true
	}
	f := c.factOf(fn)
	return f != nil && (slices.Contains(f.CtxValues, i) || slices.Contains(f.Detaches, i))
}

// valueOnly reports whether fn only reads a context's values (loggers,
// tracing, metadata), so that a cancelled context does it no harm.
func valueOnly(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if typematch.IsFunc(fn, "context", "WithoutCancel") {
		return true
	}
	for _, p := range []string{
		"log/slog",
		"github.com/zeromicro/go-zero/core/logx",
		"github.com/zeromicro/go-zero/core/logc",
		"go.opentelemetry.io/otel/trace",
		"google.golang.org/grpc/metadata",
		"google.golang.org/grpc/peer",
	} {
		if typematch.PathIs(fn.Pkg().Path(), p) {
			return true
		}
	}
	return false
}

func exprString(e ast.Expr) string { return types.ExprString(e) }
