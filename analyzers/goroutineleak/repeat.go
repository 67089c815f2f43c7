package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/typematch"
)

// launchRepeats reports whether the launch at cur runs again and again
// while the program runs, so that a goroutine that can never stop piles
// up: in a loop of its function that runs until something ends it (a for
// loop without a condition, a range over a channel: an accept loop, a
// message loop), in a function that serves a request, or in a function
// of the package that such a place calls. A constructor called by the
// package's users, a loop over a fixed set of workers or the start-up of
// a command runs as often as its caller decides: its goroutines are the
// caller's design, not a pile.
func (c *checker) launchRepeats(cur inspector.Cursor) bool {
	repeats, decl := c.callRepeats(cur)
	return repeats || (decl != nil && c.repeatedFuncs()[decl])
}

// repeatingLoop reports whether a loop runs until something ends it
// rather than over a fixed range: a for loop without a condition, or a
// range over a channel.
func (c *checker) repeatingLoop(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Cond == nil
	case *ast.RangeStmt:
		_, ok := c.info.TypeOf(n.X).Underlying().(*types.Chan)
		return ok
	}
	return false
}

// litServesRequest reports whether a function literal runs once per
// request: it takes an *http.Request, or what a server answers one
// through.
func (c *checker) litServesRequest(lit *ast.FuncLit) bool {
	if c.handlesRequests(lit) {
		return true
	}
	sig, ok := c.info.TypeOf(lit).(*types.Signature)
	return ok && knowledge.ServesRequest(sig)
}

// repeatedFuncs returns the functions of the package that run again and
// again: those that serve a request, those called from a repeating loop
// or a request-serving literal, and those that any of them calls.
func (c *checker) repeatedFuncs() map[*types.Func]bool {
	if c.repeated != nil {
		return c.repeated
	}
	c.repeated = make(map[*types.Func]bool)
	for fn := range c.decls {
		if knowledge.ServesRequest(fn.Signature()) {
			c.repeated[fn] = true
		}
	}
	callers := c.callersOf()
	for fn, sites := range c.callSites {
		for _, site := range sites {
			if repeats, _ := c.callRepeats(site); repeats {
				c.repeated[fn] = true
				break
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for fn, cs := range callers {
			if c.repeated[fn] {
				continue
			}
			for _, caller := range cs {
				if caller != nil && c.repeated[caller] {
					c.repeated[fn] = true
					changed = true
					break
				}
			}
		}
	}
	return c.repeated
}

// callRepeats reports whether the call or launch at cur sits, within
// its function declaration, in a repeating loop or a request-serving
// literal; if not, it returns the declaration's function, whose callers
// decide, unless a sync.Once or a flag set once (of any value) guards it
// first: then it runs once per guard, however often its function runs
// (a server's background loop started on its first request).
func (c *checker) callRepeats(cur inspector.Cursor) (bool, *types.Func) {
	for e := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil), (*ast.CallExpr)(nil), (*ast.IfStmt)(nil)) {
		switch n := e.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if c.repeatingLoop(n) {
				return true, nil
			}
		case *ast.FuncLit:
			if c.litServesRequest(n) {
				return true, nil
			}
		case *ast.CallExpr:
			if e != cur && typematch.CallsMethod(c.info, n, "sync", "Once", "Do") {
				return false, nil // once per Once, however often it is called
			}
		case *ast.IfStmt:
			if code.Contains(n.Body, cur.Node().Pos()) && c.flagOnce(n, anyFlag) {
				return false, nil // once per flag: if !s.started { s.started = true; ... }
			}
		case *ast.FuncDecl:
			fn, _ := c.info.Defs[n.Name].(*types.Func)
			return false, fn
		}
	}
	return false, nil
}

// ownerShutdown returns the method that ends the life of a value the
// goroutine launched at cur works for: a Close, Stop or Shutdown of a type
// of the package that the goroutine's receiver, arguments or captured
// variables have. Such a value has a lifetime its package designed, and a
// goroutine that can never stop outlives it: each value closed leaves its
// goroutine behind, holding the value. It returns nil when there is none.
func (c *checker) ownerShutdown(cur inspector.Cursor, l launch) *types.Func {
	var owners []types.Type
	switch {
	case l.lit != nil:
		lcur, ok := cur.FindNode(l.lit)
		if !ok {
			return nil
		}
		for id := range lcur.Preorder((*ast.Ident)(nil)) {
			v, ok := c.info.Uses[id.Node().(*ast.Ident)].(*types.Var)
			if ok && !v.IsField() && v.Parent() != c.pass.Pkg.Scope() && !code.Contains(l.lit, v.Pos()) {
				owners = append(owners, v.Type())
			}
		}
	case l.call != nil:
		if sel, ok := ast.Unparen(l.call.Fun).(*ast.SelectorExpr); ok && c.info.Selections[sel] != nil {
			owners = append(owners, c.info.TypeOf(sel.X))
		}
		for _, a := range l.call.Args {
			owners = append(owners, c.info.TypeOf(a))
		}
	}
	for _, t := range owners {
		if m := shutdownMethod(t, c.pass.Pkg); m != nil {
			return m
		}
	}
	return nil
}

// shutdownNames are the names of the methods that end a value's life.
var shutdownNames = []string{"Close", "Stop", "Shutdown", "close", "stop", "shutdown"}

// shutdownMethod returns the method of t (or of what t points to), a
// named type of pkg, that ends its life, or nil.
func shutdownMethod(t types.Type, pkg *types.Package) *types.Func {
	if t == nil {
		return nil
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != pkg {
		return nil
	}
	for _, name := range shutdownNames {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, pkg, name)
		if m, ok := obj.(*types.Func); ok {
			return m
		}
	}
	return nil
}

// piles reports whether goroutines that can never stop, launched at cur,
// are worth a finding: one that spins always costs a CPU, and one that
// tries to stop (triesToStop) is a slip of its author; one that idles
// between its rounds costs only when its launch repeats (launchRepeats) or
// when the value it works for can be shut down without stopping it, whose
// shutdown method it returns.
func (c *checker) piles(cur inspector.Cursor, l launch, idles, tries bool) (*types.Func, bool) {
	if !idles || tries || c.launchRepeats(cur) {
		return nil, true
	}
	m := c.ownerShutdown(cur, l)
	return m, m != nil
}

// notEvenAfter is the end of the message of a goroutine that outlives
// the shutdown of the value it works for.
func notEvenAfter(m *types.Func) string {
	if m == nil {
		return ""
	}
	name := m.Name()
	if obj := typematch.NamedObj(m.Signature().Recv().Type()); obj != nil {
		name = obj.Name() + "." + name
	}
	return fmt.Sprintf(", not even after %s", name)
}

// shutdownRelated points at the shutdown method the goroutine outlives.
func shutdownRelated(m *types.Func) []analysis.RelatedInformation {
	if m == nil || !m.Pos().IsValid() {
		return nil
	}
	return []analysis.RelatedInformation{{Pos: m.Pos(), End: m.Pos() + token.Pos(len(m.Name())),
		Message: fmt.Sprintf("%s does not stop the goroutine", m.Name())}}
}

// triesToStop reports whether a loop with no way out, in the function fn
// at fcur, watches for a stop signal it cannot act on: a select case that
// receives from a context's Done, or one whose body breaks, which leaves
// the select and not the loop. Its author meant the goroutine to stop.
func (c *checker) triesToStop(fcur inspector.Cursor, fn ast.Node, loop *ast.ForStmt) bool {
	lcur, ok := fcur.FindNode(loop)
	if !ok {
		return false
	}
	for cc := range lcur.Preorder((*ast.CommClause)(nil)) {
		if inNestedLit(cc, fn) {
			continue
		}
		clause := cc.Node().(*ast.CommClause)
		if c.receivesDone(clause.Comm) || breaksSelect(clause.Body) {
			return true
		}
	}
	return false
}

// receivesDone reports whether a select case's statement receives from a
// context's Done.
func (c *checker) receivesDone(comm ast.Stmt) bool {
	call, ok := ast.Unparen(code.RecvOperand(comm)).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Done" && isContext(c.info.TypeOf(sel.X))
}

// breaksSelect reports whether a select case's body holds a break without
// a label that leaves the select (not one of a loop, switch or select
// nested in the body).
func breaksSelect(body []ast.Stmt) bool {
	for _, s := range body {
		switch s := s.(type) {
		case *ast.BranchStmt:
			if s.Tok == token.BREAK && s.Label == nil {
				return true
			}
		case *ast.BlockStmt:
			if breaksSelect(s.List) {
				return true
			}
		case *ast.IfStmt:
			if breaksSelect(s.Body.List) || (s.Else != nil && breaksSelect([]ast.Stmt{s.Else})) {
				return true
			}
		case *ast.LabeledStmt:
			if breaksSelect([]ast.Stmt{s.Stmt}) {
				return true
			}
		}
	}
	return false
}

// anyFlag accepts any flag of flagOnce: a guard of a value runs its body
// once per value.
func anyFlag(ast.Expr) bool { return true }
