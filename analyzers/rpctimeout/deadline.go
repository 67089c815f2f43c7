package rpctimeout

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/typematch"
)

// kind says what bounds a context value.
type kind int

const (
	unknown  kind = iota // origin not seen: stay silent
	none                 // context.Background/TODO, or derived from them without a deadline
	caller               // a parameter: the caller's deadline applies
	deadline             // WithTimeout/WithDeadline, or a helper that returns such a context
	cycle                // the value refers to itself (ctx = context.WithValue(ctx, ...))
)

// origin is what the classification of a context (or client, or request)
// found, and where.
type origin struct {
	kind kind
	node ast.Node // where the deadline-less value was made
	desc string   // what it is, for a related position or a fix: "context.Background()"
	// param is, for kind caller, the one context parameter the value
	// comes from (nil when several, or a request's context).
	param *types.Var
	// cancellable is set, for kind none, on a context derived with
	// WithCancel: no deadline, but a way to end it. That bounds a stream,
	// which lives until cancelled, though not a call.
	cancellable bool
}

// merge combines the origins of the values a variable may hold: it has no
// deadline only when none of them has one, and a deadline only when all do.
func merge(os []origin) origin {
	var out []origin
	for _, o := range os {
		if o.kind != cycle {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return origin{kind: unknown}
	}
	first := out[0]
	allSame := true
	callerOrDeadline := true
	for _, o := range out {
		if o.kind == unknown {
			return origin{kind: unknown}
		}
		if o.kind != first.kind {
			allSame = false
		}
		if o.kind != caller && o.kind != deadline {
			callerOrDeadline = false
		}
	}
	switch {
	case allSame:
		for _, o := range out {
			if o.param != first.param {
				first.param = nil // from two parameters
			}
			first.cancellable = first.cancellable && o.cancellable
		}
		return first
	case callerOrDeadline:
		return origin{kind: caller}
	}
	return origin{kind: unknown}
}

const maxDepth = 16

// context classifies the context expression e.
func (c *checker) context(e ast.Expr, depth int) origin {
	if e == nil || depth > maxDepth {
		return origin{kind: unknown}
	}
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return origin{kind: unknown}
		}
		return c.contextVar(v, depth)
	case *ast.SelectorExpr:
		if v, ok := c.info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			return c.contextVar(v, depth) // pkg.Var
		}
		return c.contextField(e, depth)
	case *ast.CallExpr:
		return c.contextCall(e, depth)
	}
	return origin{kind: unknown}
}

func (c *checker) contextVar(v *types.Var, depth int) origin {
	if c.busy[v] {
		return origin{kind: cycle}
	}
	if c.escapes[v] {
		return origin{kind: unknown}
	}
	var os []origin
	if p, ok := c.params[v]; ok {
		if c.strict && (isHandler(c.info, p.fn) || c.isGRPCHandler(p.fn) || typematch.IsNamed(v.Type(), "github.com/gin-gonic/gin", "Context")) {
			os = append(os, origin{kind: none, node: p.id, desc: "the handler's " + v.Name() + ", which ends only when the client gives up"})
		} else {
			os = append(os, origin{kind: caller, param: v})
		}
	}
	vals := c.assigns[v]
	if len(os) == 0 && len(vals) == 0 {
		return origin{kind: unknown}
	}
	c.busy[v] = true
	defer delete(c.busy, v)
	for _, val := range vals {
		os = append(os, c.context(val.expr, depth+1))
	}
	return merge(os)
}

// contextField classifies x.f when x is a variable of this function and
// the function stores into x.f, directly or in the composite literal it
// assigns to x.
func (c *checker) contextField(sel *ast.SelectorExpr, depth int) origin {
	s, ok := c.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return origin{kind: unknown}
	}
	base, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return origin{kind: unknown}
	}
	bv, ok := c.info.Uses[base].(*types.Var)
	if !ok || c.escapes[bv] {
		return origin{kind: unknown}
	}
	field, _ := s.Obj().(*types.Var)
	if _, isParam := c.params[bv]; isParam && len(c.fieldAssigns[fieldKey{bv, field}]) == 0 {
		// s.ctx in a method: the field keeps what the package stored
		// into it at setup.
		return c.contextSetField(field, depth)
	}
	key := fieldKey{bv, field}
	if c.busy[key] {
		return origin{kind: cycle}
	}
	c.busy[key] = true
	defer delete(c.busy, key)
	var os []origin
	for _, val := range c.fieldAssigns[key] {
		os = append(os, c.context(val.expr, depth+1))
	}
	for _, val := range c.assigns[bv] {
		lit := compositeLit(val.expr)
		if lit == nil {
			if val.expr != nil {
				return origin{kind: unknown}
			}
			continue
		}
		fv, found := litField(c.info, lit, field)
		if !found {
			return origin{kind: unknown} // zero value: nil context
		}
		os = append(os, c.context(fv, depth+1))
	}
	if len(os) == 0 {
		return origin{kind: unknown}
	}
	return merge(os)
}

func (c *checker) contextCall(call *ast.CallExpr, depth int) origin {
	fn := typematch.Callee(c.info, call)
	if fn == nil {
		return origin{kind: unknown}
	}
	switch {
	case typematch.IsFunc(fn, "context", "Background", "TODO"):
		return origin{kind: none, node: call, desc: "context." + fn.Name() + "()"}
	case typematch.IsFunc(fn, "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"):
		return origin{kind: deadline}
	case typematch.IsFunc(fn, "context", "WithCancel", "WithCancelCause"):
		if len(call.Args) == 0 || c.cancelMayFire(call) {
			return origin{kind: unknown}
		}
		o := c.context(call.Args[0], depth+1)
		if o.kind == none {
			o.cancellable = true
		}
		return o
	case typematch.IsFunc(fn, "context", "WithValue"),
		typematch.IsFunc(fn, grpcPath+"/metadata", "NewOutgoingContext", "AppendToOutgoingContext"),
		typematch.IsFunc(fn, "golang.org/x/sync/errgroup", "WithContext"):
		// errgroup's context is cancelled when a member fails or Wait
		// returns, never on a clock: it keeps the parent's deadline.
		if len(call.Args) == 0 {
			return origin{kind: unknown}
		}
		return c.context(call.Args[0], depth+1)
	case typematch.IsFunc(fn, "context", "WithoutCancel"):
		// WithoutCancel drops the parent's deadline too. Outside a
		// detached goroutine it is deadline-less for sure only when the
		// parent already was; in one (go func() { ... }()), the
		// goroutine outlives the caller and nothing bounds it.
		if len(call.Args) == 0 {
			return origin{kind: unknown}
		}
		if o := c.context(call.Args[0], depth+1); o.kind == none || o.kind == cycle {
			return o
		}
		if c.inDetachedGoroutine(call) {
			return origin{kind: none, node: call, desc: types.ExprString(call) + ", which drops the caller's deadline, in a goroutine nobody waits for"}
		}
		return origin{kind: unknown}
	case typematch.IsMethod(fn, "net/http", "Request", "Context"):
		if c.strict {
			return origin{kind: none, node: call, desc: types.ExprString(call)}
		}
		return origin{kind: caller}
	}
	if c.returnsDeadline(fn) {
		return origin{kind: deadline}
	}
	return origin{kind: unknown}
}

// isHandler reports whether the function type has an *http.Request or
// http.ResponseWriter parameter: its context is the request's, bounded
// only by the client's patience.
func isHandler(info *types.Info, ft *ast.FuncType) bool {
	for _, f := range ft.Params.List {
		t := info.TypeOf(f.Type)
		if t == nil {
			continue
		}
		if knowledge.IsRequestOrWriter(t) {
			return true
		}
	}
	return false
}

// compositeLit returns the struct literal e is, or takes the address of.
func compositeLit(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// keyedFields returns the values a keyed struct literal gives its fields,
// by field name; ok is false when an element is positional, where the
// caller should not guess.
func keyedFields(lit *ast.CompositeLit) (fields map[string]ast.Expr, ok bool) {
	fields = make(map[string]ast.Expr, len(lit.Elts))
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, false
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			fields[id.Name] = kv.Value
		}
	}
	return fields, true
}

// litField returns the value the struct literal gives field, and whether
// it gives one.
func litField(info *types.Info, lit *ast.CompositeLit, field *types.Var) (ast.Expr, bool) {
	st, ok := typeOfLit(info, lit).(*types.Struct)
	if !ok {
		return nil, false
	}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && info.ObjectOf(id) == field {
				return kv.Value, true
			}
			continue
		}
		if i < st.NumFields() && st.Field(i) == field {
			return elt, true
		}
	}
	return nil, false
}

func typeOfLit(info *types.Info, lit *ast.CompositeLit) types.Type {
	t := info.TypeOf(lit)
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// isZero reports whether e is a constant zero or false.
func isZero(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	switch tv.Value.Kind() {
	case constant.Int, constant.Float:
		return constant.Sign(tv.Value) == 0
	case constant.Bool:
		return !constant.BoolVal(tv.Value)
	}
	return false
}

// cancelMayFire reports whether the cancel function of a WithCancel call
// is used other than by calling it in place (time.AfterFunc(d, cancel), a
// goroutine that calls it): then it may end the context in time, as a
// deadline would.
func (c *checker) cancelMayFire(call *ast.CallExpr) bool {
	vars := c.tuples[call]
	if len(vars) < 2 || vars[1] == nil {
		return false
	}
	return c.cancelEscapes[vars[1]]
}

// isGRPCHandler reports whether ft is a method of a gRPC server: its
// receiver's struct embeds a generated Unimplemented...Server. Its context
// has a deadline only if the client sent one.
func (c *checker) isGRPCHandler(ft *ast.FuncType) bool {
	fd, ok := c.funcs[ft].(*ast.FuncDecl)
	if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
		return false
	}
	t := c.info.TypeOf(fd.Recv.List[0].Type)
	return t != nil && knowledge.IsGRPCServer(t)
}

// contextSetField classifies an unexported context field by every value
// the package stores into it (c.baseCtx, c.stop =
// context.WithCancel(context.Background()) in a constructor): code
// outside the package cannot set it, and the stores seen are all there
// are.
func (c *checker) contextSetField(field *types.Var, depth int) origin {
	if field == nil || field.Exported() || c.fieldAddrTaken[field] || c.busy[field] {
		return origin{kind: unknown}
	}
	stores := c.fieldStores[field]
	if len(stores) == 0 {
		return origin{kind: unknown}
	}
	c.busy[field] = true
	defer delete(c.busy, field)
	var os []origin
	for _, val := range stores {
		if val.expr == nil {
			return origin{kind: unknown}
		}
		os = append(os, c.context(val.expr, depth+1))
	}
	return merge(os)
}

// inDetachedGoroutine reports whether n lies in a function literal
// started by a go statement.
func (c *checker) inDetachedGoroutine(n ast.Node) bool {
	for _, g := range c.goLits {
		if g.Pos() <= n.Pos() && n.End() <= g.End() {
			return true
		}
	}
	return false
}
