package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

// chanField is what the package does with one unexported channel field:
// the summary the field rule judges its senders by.
type chanField struct {
	field *types.Var
	// unknown is set by any use the rule does not follow: the channel
	// passed, copied, ranged over or closed, a store of something other
	// than an unbuffered make.
	unknown bool
	makes   []*ast.CallExpr // the make(chan T) calls stored into it
	// copies are the fields whose channel is stored into this one
	// (&sub{quit: s.deregister}): its sends and receives are theirs.
	copies []*types.Var
	recvs  []inspector.Cursor // the receives <-x.f
	sends  []inspector.Cursor // the plain send statements x.f <- v
}

// checkFieldSenders reports goroutines that send on an unbuffered channel
// kept in a struct field when every receiver of the field is a loop (in
// another function) that can return on a stop signal first: once it has,
// the send blocks forever.
func (c *checker) checkFieldSenders() {
	fields := c.chanFields()
	var launched map[*types.Func]*ast.GoStmt // computed on demand
	for _, f := range fields {
		if f.unknown || len(f.makes) == 0 || len(f.recvs) == 0 || len(f.sends) == 0 {
			continue
		}
		type giveUp struct {
			clause *ast.CommClause
			what   string
			fn     ast.Node
		}
		var first *giveUp
		for _, rc := range f.recvs {
			cc, what, fn := c.stoppableReceive(rc, f.field)
			if cc == nil {
				first = nil
				break
			}
			if first == nil {
				first = &giveUp{cc, what, fn}
			}
		}
		if first == nil {
			c.checkTimedWaits(f)
			continue
		}
		if launched == nil {
			launched = c.onlyStartedAsGoroutines()
		}
		for _, sc := range f.sends {
			send := sc.Node().(*ast.SendStmt)
			if code.Contains(first.fn, send.Pos()) {
				continue
			}
			who, ok := c.startedSender(sc, launched)
			if !ok {
				continue
			}
			c.r.Report(analysis.Diagnostic{
				Pos: send.Pos(), End: send.End(),
				Message: fmt.Sprintf("%s blocks forever sending on unbuffered %s once the receiving loop in %s returns through %s",
					who, exprString(send.Chan), funcs.Name(first.fn), first.what),
				Related: append(report.Related(first.clause.Comm, "the receiver gives up here"),
					report.Related(f.makes[0], "%s is made unbuffered here", f.field.Name())...),
			})
		}
	}
}

// chanFields summarizes the package's unexported channel fields, in the
// order they are first seen.
func (c *checker) chanFields() []*chanField {
	byVar := make(map[*types.Var]*chanField)
	var order []*chanField
	get := func(f *types.Var) *chanField {
		f = f.Origin()
		cf := byVar[f]
		if cf == nil {
			cf = &chanField{field: f}
			byVar[f] = cf
			order = append(order, cf)
		}
		return cf
	}
	store := func(f *types.Var, val ast.Expr) {
		cf := get(f)
		if from := c.chanFieldOf(val); from != nil {
			cf.copies = append(cf.copies, from.Origin())
			return
		}
		call, ok := ast.Unparen(val).(*ast.CallExpr)
		if !ok || !c.isBuiltin(call, "make") || !c.unbuffered(call) {
			cf.unknown = true
			return
		}
		cf.makes = append(cf.makes, call)
	}
	for cur := range c.in.Root().Preorder((*ast.SelectorExpr)(nil), (*ast.CompositeLit)(nil)) {
		if code.InTestFile(c.pass.Fset, cur.Node().Pos()) {
			continue // a test's stores and receives say nothing of the shipped code
		}
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			st, ok := typeOfLit(c.info, n).(*types.Struct)
			if !ok {
				continue
			}
			for i, elt := range n.Elts {
				var f *types.Var
				val := elt
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					id, ok := kv.Key.(*ast.Ident)
					if !ok {
						continue
					}
					f, _ = c.info.Uses[id].(*types.Var)
					val = kv.Value
				} else if i < st.NumFields() {
					f = st.Field(i)
				}
				if c.isChanField(f) {
					store(f, val)
				}
			}
		case *ast.SelectorExpr:
			s, ok := c.info.Selections[n]
			if !ok || s.Kind() != types.FieldVal {
				continue
			}
			f, _ := s.Obj().(*types.Var)
			if !c.isChanField(f) {
				continue
			}
			c.classifyFieldUse(cur, n, get(f), store)
		}
	}
	// A field holding only copies of one other field's channel is that
	// channel under another name: its sends and receives join the
	// other's, and it is not judged on its own.
	for _, cf := range order {
		if len(cf.copies) == 0 {
			continue
		}
		from := byVar[cf.copies[0]]
		for _, f := range cf.copies[1:] {
			if f != cf.copies[0] {
				from = nil
			}
		}
		if from == nil || from == cf || cf.unknown || len(cf.makes) > 0 {
			if from != nil {
				from.unknown = true
			}
			cf.unknown = true
			continue
		}
		from.sends = append(from.sends, cf.sends...)
		from.recvs = append(from.recvs, cf.recvs...)
		cf.unknown = true
	}
	return order
}

// chanFieldOf returns the field e selects when it is one of the
// package's channel fields (x.f), or nil.
func (c *checker) chanFieldOf(e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := c.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil
	}
	f, _ := s.Obj().(*types.Var)
	if !c.isChanField(f) {
		return nil
	}
	return f
}

// classifyFieldUse files the use of the field at cur (x.f) as a store, a
// send, a receive, or a use the rule does not follow.
func (c *checker) classifyFieldUse(cur inspector.Cursor, sel *ast.SelectorExpr, cf *chanField, store func(*types.Var, ast.Expr)) {
	p := cur.Parent()
	switch n := p.Node().(type) {
	case *ast.AssignStmt:
		for i, l := range n.Lhs {
			if l != sel {
				continue
			}
			if len(n.Lhs) != len(n.Rhs) || n.Tok != token.ASSIGN {
				cf.unknown = true
				return
			}
			store(cf.field, n.Rhs[i])
			return
		}
		for i, r := range n.Rhs {
			if r == sel && len(n.Lhs) == len(n.Rhs) && n.Tok == token.ASSIGN && c.chanFieldOf(n.Lhs[i]) != nil {
				return // copied into another channel field: copies
			}
		}
	case *ast.SendStmt:
		if n.Chan == sel {
			if isPlainSend(p) {
				cf.sends = append(cf.sends, p)
			}
			return
		}
	case *ast.UnaryExpr:
		if n.Op == token.ARROW {
			cf.recvs = append(cf.recvs, p)
			return
		}
	case *ast.KeyValueExpr:
		// Copied into another channel field of a literal: that field's
		// entry follows it (copies).
		if n.Value == sel && c.isChanFieldKey(n) {
			return
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
			if b, ok := c.info.Uses[id].(*types.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
				return
			}
		}
	}
	cf.unknown = true
}

// isChanFieldKey reports whether the key of a struct literal's entry
// names one of the package's channel fields.
func (c *checker) isChanFieldKey(kv *ast.KeyValueExpr) bool {
	id, ok := kv.Key.(*ast.Ident)
	if !ok {
		return false
	}
	f, _ := c.info.Uses[id].(*types.Var)
	return c.isChanField(f)
}

// isChanField reports whether f is an unexported channel field of a
// struct of this package: code elsewhere cannot use it.
func (c *checker) isChanField(f *types.Var) bool {
	return f != nil && f.IsField() && !f.Exported() && f.Pkg() == c.pass.Pkg && isChan(f.Type())
}

// unbuffered reports whether make(chan T[, n]) makes an unbuffered
// channel: no size, or a constant zero.
func (c *checker) unbuffered(mk *ast.CallExpr) bool {
	switch len(mk.Args) {
	case 1:
		return true
	case 2:
		tv, ok := c.info.Types[mk.Args[1]]
		return ok && tv.Value != nil && tv.Value.String() == "0"
	}
	return false
}

// stoppableReceive checks the receive <-x.f at rc: it must be a case of
// a select without default, in a loop of its function, whose other case
// gives up (a stop channel, ctx.Done(), a timer) and leaves the loop
// without touching the field again (no drain). It returns that case, a
// description of its signal, and the receiving function.
func (c *checker) stoppableReceive(rc inspector.Cursor, field *types.Var) (*ast.CommClause, string, ast.Node) {
	cc, sel, fn, inLoop, ok := c.receiveCase(rc)
	if !ok || !inLoop {
		return nil, "", nil
	}
	for _, s := range sel.Body.List {
		other := s.(*ast.CommClause)
		if other == cc {
			continue
		}
		x := code.RecvOperand(other.Comm)
		if x == nil || !c.caseLeaves(other) || c.touchesField(other, field, 3) {
			continue
		}
		if what := c.timeoutChan(x); what != "" {
			return other, what, fn
		}
		if f := c.chanFieldOf(x); f != nil && !c.signalled(f) {
			continue // only the package's tests give this signal
		}
		if c.workersReport(rc, x) {
			continue // the senders' own end: the loop hears from each before it leaves
		}
		if tv, ok := c.info.Types[x]; ok && isChan(tv.Type) {
			return other, "<-" + exprString(x), fn
		}
	}
	return nil, "", nil
}

// receiveCase returns, for the receive at rc, the case of a select
// without default that it is, that select, the function around it, and
// whether a loop of that function encloses it; ok is false when the
// receive is no such case.
func (c *checker) receiveCase(rc inspector.Cursor) (cc *ast.CommClause, sel *ast.SelectStmt, fn ast.Node, inLoop, ok bool) {
	if cc, ok = commClauseOf(rc); !ok {
		return
	}
	if sel, ok = c.selectOf(cc); !ok || hasDefault(sel) {
		return nil, nil, nil, false, false
	}
	if fn, _, ok = enclosingFunc(rc); !ok {
		return nil, nil, nil, false, false
	}
	return cc, sel, fn, len(loopsBetween(rc, fn)) > 0, true
}

// mentionsField reports whether n refers to the field or variable.
func (c *checker) mentionsField(n ast.Node, field *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok {
			if v, ok := c.info.Uses[id].(*types.Var); ok && v.Origin() == field {
				found = true
			}
		}
		return !found
	})
	return found
}

// touchesField reports whether n refers to the field, or calls a
// function of the package that does, itself or through its own calls,
// depth calls deep at most: the case that gives up drains the field, or
// a helper it calls does (case <-ctx.Done(): s.stopSupervisor(); return,
// where stopSupervisor keeps receiving from the field until the services
// it waits for are done).
func (c *checker) touchesField(n ast.Node, field *types.Var, depth int) bool {
	if c.mentionsField(n, field) {
		return true
	}
	return depth > 0 && funcs.HasCall(n, func(call *ast.CallExpr) bool {
		fn := typematch.Callee(c.info, call)
		if fn == nil {
			return false
		}
		fd := c.decls[fn.Origin()]
		return fd != nil && fd.Body != nil && c.touchesField(fd.Body, field, depth-1)
	})
}

// countedByWaitGroup reports whether the goroutine's literal is started
// through a wrapper with a Wait (errgroup, WaitGroup.Go) or calls a
// sync.WaitGroup method (defer wg.Done()): its owner may wait for every
// sender before giving the stop signal.
func (c *checker) countedByWaitGroup(lcur inspector.Cursor) bool {
	if l, ok := launchAt(c.info, lcur.Parent().Node()); ok && l.joined {
		return true
	}
	for cc := range lcur.Preorder((*ast.CallExpr)(nil)) {
		if typematch.CallsMethod(c.info, cc.Node().(*ast.CallExpr), "sync", "WaitGroup", "Done", "Add", "Wait") {
			return true
		}
	}
	return false
}

// launchedLit returns the cursor of the innermost function literal
// around cur, when that literal is started as a goroutine (go func() {
// ... }(), or a launcher such as errgroup.Group.Go).
func launchedLit(info *types.Info, cur inspector.Cursor) (inspector.Cursor, bool) {
	for lc := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		lit, ok := lc.Node().(*ast.FuncLit)
		if !ok {
			return lc, false
		}
		call, ok := lc.Parent().Node().(*ast.CallExpr)
		if !ok {
			return lc, false
		}
		if call.Fun == lit {
			if _, ok := lc.Parent().Parent().Node().(*ast.GoStmt); ok {
				return lc, true
			}
		}
		if l, ok := launchAt(info, call); ok && l.lit == lit {
			return lc, true
		}
		return lc, false
	}
	return cur, false
}

func typeOfLit(info *types.Info, lit *ast.CompositeLit) types.Type {
	t := info.TypeOf(lit)
	if t == nil {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return t.Underlying()
}

// startedSender says who sends at sc when that code runs as a goroutine:
// a launched function literal ("the goroutine started in Add"), the
// body of a function or method this package only ever starts with a go
// statement ("rotate, started as a goroutine in run,"), or a function the
// package only calls from such code ("remove, called from the goroutine
// started in Serve,"). It is false when the sender may be counted by a
// WaitGroup, whose owner can wait for it before giving the stop signal.
func (c *checker) startedSender(sc inspector.Cursor, launched map[*types.Func]*ast.GoStmt) (string, bool) {
	r, ok := c.goroutineAt(sc, launched, maxCallDepth+1)
	if !ok {
		return "", false
	}
	return r.String(), true
}

// onlyStartedAsGoroutines returns this package's functions and methods
// that are referred to only as the callee of go statements (go
// s.rotate(ctx)), with one such statement: their bodies always run as
// goroutines. A function also called, or used as a value, is left out.
func (c *checker) onlyStartedAsGoroutines() map[*types.Func]*ast.GoStmt {
	launches := make(map[*types.Func]*ast.GoStmt)
	other := make(map[*types.Func]bool)
	for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := c.info.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != c.pass.Pkg {
			continue
		}
		fn = fn.Origin()
		if gs, ok := goCallee(cur); ok {
			launches[fn] = gs
		} else {
			other[fn] = true
		}
	}
	for fn := range other {
		delete(launches, fn)
	}
	return launches
}

// goCallee returns the go statement whose called function is the
// identifier at cur (go f(), go x.m(), go f[T]()).
func goCallee(cur inspector.Cursor) (*ast.GoStmt, bool) {
	fun, p := cur.Node(), cur.Parent()
	if sel, ok := p.Node().(*ast.SelectorExpr); ok {
		if sel.Sel != fun {
			return nil, false
		}
		fun, p = sel, p.Parent()
	}
	switch ix := p.Node().(type) {
	case *ast.IndexExpr:
		if ix.X == fun {
			fun, p = ix, p.Parent()
		}
	case *ast.IndexListExpr:
		if ix.X == fun {
			fun, p = ix, p.Parent()
		}
	}
	call, ok := p.Node().(*ast.CallExpr)
	if !ok || call.Fun != fun {
		return nil, false
	}
	gs, ok := p.Parent().Node().(*ast.GoStmt)
	return gs, ok && gs.Call == call
}

// workersReport reports whether x, received from in a case beside the
// receive at rc, is a local channel of the receiving function on which
// goroutines that function starts send (errC <- err, as each
// worker ends): a case receiving from it hears that a worker has ended,
// and a loop that leaves on it (counting its workers down) is no give-up
// that abandons them.
func (c *checker) workersReport(rc inspector.Cursor, x ast.Expr) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	fn, fcur, ok := enclosingFunc(rc)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !code.Contains(fn, v.Pos()) {
		return false
	}
	for _, l := range launchesIn(c.info, fcur) {
		if l.lit == nil {
			continue
		}
		found := false
		ast.Inspect(l.lit.Body, func(n ast.Node) bool {
			if s, ok := n.(*ast.SendStmt); ok {
				if sid, ok := ast.Unparen(s.Chan).(*ast.Ident); ok && c.info.Uses[sid] == v {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
