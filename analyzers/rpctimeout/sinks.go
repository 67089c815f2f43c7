package rpctimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/typematch"
)

// ctxSinkFact marks a function whose context parameters at Params are the
// only deadline of a network call it makes: no client timeout, call
// option or derived deadline bounds the call, so a caller that passes
// context.Background() leaves it unbounded. Calls names each call, for
// the message (c.Get, db.QueryContext).
type ctxSinkFact struct {
	Params []int
	Calls  []string
	// Streams lists the parameters among Params whose call opens a gRPC
	// stream, which a cancellable context bounds too.
	Streams []int
	// SQL lists the parameters among Params whose call is a database/sql
	// statement: on a handle to an embedded SQLite, no network call.
	SQL []int
}

func (*ctxSinkFact) AFact() {}

func (f *ctxSinkFact) String() string {
	var s []string
	for i, p := range f.Params {
		e := strconv.Itoa(p) + ":" + f.Calls[i]
		if slices.Contains(f.Streams, p) {
			e += " stream"
		}
		s = append(s, e)
	}
	return "ctxSink(" + strings.Join(s, ", ") + ")"
}

// call returns the network call that parameter i bounds, whether it
// opens a stream, and whether it is a database/sql statement.
func (f *ctxSinkFact) call(i int) (s sink, ok bool) {
	if f == nil {
		return sink{}, false
	}
	j := slices.Index(f.Params, i)
	if j < 0 {
		return sink{}, false
	}
	return sink{name: f.Calls[j], stream: slices.Contains(f.Streams, i), sql: slices.Contains(f.SQL, i)}, true
}

// A sink is this package's record of one context parameter that bounds
// a network call alone.
type sink struct {
	call   *ast.CallExpr // the first such network call
	name   string
	stream bool // the call opens a gRPC stream
	sql    bool // the call is a database/sql statement
}

// isSink reports whether o is one context parameter of a function
// declaration of this package (not a literal: nobody calls it by name).
func (c *checker) isSink(o origin) bool {
	if o.kind != caller || o.param == nil {
		return false
	}
	p, ok := c.params[o.param]
	if !ok {
		return false
	}
	_, isDecl := c.funcs[p.fn].(*ast.FuncDecl)
	return isDecl
}

// addSink records that param is the only deadline of the network call
// (which opens a gRPC stream when stream is set), and reports whether
// that is new.
func (c *checker) addSink(param *types.Var, call *ast.CallExpr, s sink) bool {
	fd, ok := c.funcs[c.params[param].fn].(*ast.FuncDecl)
	if !ok || call.Pos() < fd.Pos() || call.End() > fd.End() {
		// A context kept in a field at setup and used by another
		// method is followed no further than that method.
		return false
	}
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	i := slices.Index(paramsOf(fn), param)
	if i < 0 {
		return false // the receiver
	}
	if c.sinks[fn] == nil {
		c.sinks[fn] = make(map[int]sink)
	}
	if _, seen := c.sinks[fn][i]; seen {
		return false
	}
	s.call = call
	c.sinks[fn][i] = s
	return true
}

func paramsOf(fn *types.Func) []*types.Var {
	var out []*types.Var
	for p := range fn.Signature().Params().Variables() {
		out = append(out, p)
	}
	return out
}

// propagateSinks follows sinks through the functions that hand their
// own context parameter, with no deadline added, to a sink: refresh(ctx)
// calling fetch(ctx), which alone bounds a gRPC call, is a sink too.
// Rounds run until no function is added, so the chain may be as deep as
// the package's calls, and a sink of another package (a fact) starts one.
func (c *checker) propagateSinks(in *inspector.Inspector) {
	var calls []*ast.CallExpr
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if fn := typematch.Callee(c.info, call); fn != nil && takesContext(fn) {
			calls = append(calls, call)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, call := range calls {
			fn := typematch.Callee(c.info, call).Origin()
			for i, arg := range call.Args {
				if call.Ellipsis.IsValid() && i == len(call.Args)-1 {
					break
				}
				s, ok := c.sinkCall(fn, i)
				if !ok {
					continue
				}
				o := c.context(arg, 0)
				if !c.isSink(o) {
					continue
				}
				if c.addSink(o.param, call, s) {
					changed = true
				}
			}
		}
	}
}

// sinkCall returns the network call that parameter i of fn alone bounds,
// and whether it opens a stream, from this package's sinks or another
// package's fact.
func (c *checker) sinkCall(fn *types.Func, i int) (sink, bool) {
	if fn.Pkg() == c.pass.Pkg {
		s, ok := c.sinks[fn][i]
		return s, ok
	}
	f := new(ctxSinkFact)
	if !c.pass.ImportObjectFact(fn, f) {
		return sink{}, false
	}
	return f.call(i)
}

// exportSinks exports the ctxSink facts of this package's functions.
func (c *checker) exportSinks() {
	for fn, m := range c.sinks {
		f := &ctxSinkFact{}
		for i := range m {
			f.Params = append(f.Params, i)
		}
		slices.Sort(f.Params)
		for _, i := range f.Params {
			f.Calls = append(f.Calls, m[i].name)
			if m[i].stream {
				f.Streams = append(f.Streams, i)
			}
			if m[i].sql {
				f.SQL = append(f.SQL, i)
			}
		}
		c.pass.ExportObjectFact(fn, f)
	}
}

// checkSinkCall reports a call that passes a context without deadline
// (context.Background(), or a context derived from it without one) to a
// parameter that is the only deadline of a network call in the callee.
//
// A context variable given to several such calls in one function (a test
// client's ctx := context.Background() handed to every case) is one
// decision: it is reported once, at the first call, with the others as
// related positions. seen keeps those first findings by variable; the
// new findings are returned, to be reported once the walk is over.
func (c *checker) checkSinkCall(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func, seen map[*types.Var]*analysis.Diagnostic) []*analysis.Diagnostic {
	var f *ctxSinkFact
	var local map[int]sink
	if fn.Origin().Pkg() == c.pass.Pkg {
		local = c.sinks[fn.Origin()]
		if local == nil {
			return nil
		}
	} else {
		f = new(ctxSinkFact)
		if !c.pass.ImportObjectFact(fn.Origin(), f) {
			return nil
		}
	}
	var out []*analysis.Diagnostic
	for i, arg := range call.Args {
		if call.Ellipsis.IsValid() && i == len(call.Args)-1 {
			break
		}
		var name string
		var stream bool
		var related []analysis.RelatedInformation
		if local != nil {
			s, ok := local[i]
			if !ok || (s.sql && c.embeddedSQL) {
				continue
			}
			name, stream = s.name, s.stream
			related = report0(s.call, fmt.Sprintf("%s is bounded only by %s here", name, fn.Name()+"'s context"))
		} else {
			s, ok := f.call(i)
			if !ok || (s.sql && c.embeddedSQL) {
				continue // a statement on this package's embedded SQLite
			}
			name, stream = s.name, s.stream
			related = []analysis.RelatedInformation{{Pos: fn.Pos(), End: fn.Pos() + token.Pos(len(fn.Name())), Message: fmt.Sprintf("%s calls %s with this context alone", fn.Name(), name)}}
		}
		o := c.context(arg, 0)
		if o.kind != none || (stream && o.cancellable) {
			continue
		}
		v := c.varOf(arg)
		if first := seen[v]; v != nil && first != nil {
			first.Related = append(first.Related, report0(arg, fmt.Sprintf("%s is also given to %s here", v.Name(), fn.Name()))...)
			continue
		}
		what := describe(arg, o)
		if _, named := ctxName(arg, o); named {
			what += "," // "ctx, which has no deadline, on to"
		}
		d := c.diag(cur, arg, o, fmt.Sprintf("%s passes %s on to %s: a slow server blocks this goroutine forever",
			fn.Name(), what, name))
		d.Related = append(d.Related, related...)
		if v != nil {
			seen[v] = &d
		}
		out = append(out, &d)
	}
	return out
}

// takesContext reports whether fn has a context parameter: only then can
// it be a sink.
func takesContext(fn *types.Func) bool {
	for p := range fn.Signature().Params().Variables() {
		if typematch.IsNamed(p.Type(), "context", "Context") {
			return true
		}
	}
	return false
}
