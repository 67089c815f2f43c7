package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// An undoer judges whether deferred calls of the function fn undo state
// changes of their iteration.
type undoer struct {
	info  *types.Info
	decls funcs.Decls
	fn    ast.Node
	rel   *releaseSummaries
}

// undoesIterationState reports whether the deferred call undoes a state
// change that the iteration made before the defer: a function literal that
// only assigns what the body assigned before it
// (s.busy = true; defer func() { s.busy = false }()), a setter called
// again on the same target with another value
// (os.Setenv("X", p); defer os.Setenv("X", old)), or a WaitGroup's Done
// after its Add (see donesAdd). Nothing is held: the state is reset late,
// on return, which matters only beside a resource the iteration holds.
func undoesIterationState(u undoer, def *ast.DeferStmt, body *ast.BlockStmt) bool {
	info := u.info
	before := changesBefore(def.Pos(), body)
	if u.donesAdd(def.Call, before) {
		return true
	}
	if lit, ok := ast.Unparen(def.Call.Fun).(*ast.FuncLit); ok {
		if len(def.Call.Args) > 0 || len(lit.Body.List) == 0 {
			return false
		}
		for _, stmt := range lit.Body.List {
			switch s := stmt.(type) {
			case *ast.AssignStmt:
				if s.Tok != token.ASSIGN {
					return false
				}
				for _, lhs := range s.Lhs {
					if !before.assigned[types.ExprString(lhs)] {
						return false
					}
				}
			case *ast.ExprStmt:
				call, ok := ast.Unparen(s.X).(*ast.CallExpr)
				if !ok || !before.undoneBy(info, call) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return before.undoneBy(info, def.Call)
}

// stateChanges are what an iteration did before a defer: the targets it
// assigned and the calls it made as statements.
type stateChanges struct {
	assigned map[string]bool
	calls    []*ast.CallExpr
}

func changesBefore(pos token.Pos, body *ast.BlockStmt) stateChanges {
	ch := stateChanges{assigned: make(map[string]bool)}
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || n.Pos() >= pos {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok == token.ASSIGN {
				for _, lhs := range n.Lhs {
					ch.assigned[types.ExprString(lhs)] = true
				}
			}
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok {
				ch.calls = append(ch.calls, call)
			}
		}
		// A call whose error is checked changes state as a statement
		// does: if err := c.clearBreakpoint(addr); err != nil { ... }.
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Rhs) == 1 {
			if call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok {
				ch.calls = append(ch.calls, call)
			}
		}
		return true
	})
	return ch
}

// inverseVerbs pair the verbs of methods that change a state and set it
// back, holding nothing: c.clearBreakpoint(a) undone by
// c.setBreakpoint(a). Acquire and release pairs (Lock, Open, Begin,
// Start) hold something, and are not here.
var inverseVerbs = [][2]string{
	{"clear", "set"}, {"unset", "set"}, {"disable", "enable"}, {"remove", "add"},
	{"hide", "show"}, {"suspend", "resume"}, {"pause", "resume"}, {"mute", "unmute"},
}

// inverts reports whether the method named b sets back what the method
// named a changed: the same name but for a verb of inverseVerbs swapped
// (clearBreakpoint and setBreakpoint, DisableFoo and EnableFoo).
func inverts(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	for _, p := range inverseVerbs {
		for _, o := range [][2]string{p, {p[1], p[0]}} {
			restA, okA := strings.CutPrefix(la, o[0])
			restB, okB := strings.CutPrefix(lb, o[1])
			if okA && okB && restA == restB {
				return true
			}
		}
	}
	return false
}

// undoneBy reports whether call sets back what an earlier call set: the
// same function, on the same receiver, with the same first argument when
// there are several (the key), and another value; or the inverse method
// (inverts) on the same receiver with the same arguments.
func (ch stateChanges) undoneBy(info *types.Info, call *ast.CallExpr) bool {
	fn := typematch.Callee(info, call)
	if fn == nil || len(call.Args) == 0 {
		return false
	}
	for _, earlier := range ch.calls {
		if len(earlier.Args) != len(call.Args) || receiver(call) != receiver(earlier) {
			continue
		}
		if prev := typematch.Callee(info, earlier); prev != nil && prev != fn && receiver(call) != "" && inverts(prev.Name(), fn.Name()) {
			if sameArgs(earlier.Args, call.Args) {
				return true // the inverse method, on the same target
			}
			continue
		}
		if typematch.Callee(info, earlier) != fn {
			continue
		}
		if len(call.Args) > 1 && types.ExprString(call.Args[0]) != types.ExprString(earlier.Args[0]) {
			continue
		}
		for i := range call.Args {
			if types.ExprString(call.Args[i]) != types.ExprString(earlier.Args[i]) {
				return true
			}
		}
	}
	return false
}

// receiver returns the text of a method call's receiver, or "".
func receiver(call *ast.CallExpr) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return types.ExprString(sel.X)
	}
	return ""
}

// deferStmtsOf returns the defer statements of a loop body, outside
// function literals.
func deferStmtsOf(body *ast.BlockStmt) []*ast.DeferStmt {
	var defers []*ast.DeferStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			defers = append(defers, n)
		}
		return true
	})
	return defers
}

// donesAdd reports whether call is wg.Done() for a sync.WaitGroup wg to
// which the iteration added before the defer: wg.Add(n) itself, or a
// method of this package called on wg's owner whose body adds to the
// same field of its receiver (s.startWork(), whose body runs
// s.wg.Add(1), pairs with defer s.wg.Done()). The counter then tracks
// the function's life, as a deferred Done at the top of a function does,
// and goes down late, on return. Not when the function itself waits on
// wg: that Wait would wait for Dones that run only after it returns.
func (u undoer) donesAdd(call *ast.CallExpr, before stateChanges) bool {
	if !typematch.IsMethod(typematch.Callee(u.info, call), "sync", "WaitGroup", "Done") {
		return false
	}
	wg := receiver(call)
	if wg == "" || funcs.HasCall(funcs.Body(u.fn), func(c *ast.CallExpr) bool {
		return receiver(c) == wg && typematch.IsMethod(typematch.Callee(u.info, c), "sync", "WaitGroup", "Wait")
	}) {
		return false
	}
	for _, earlier := range before.calls {
		fn := typematch.Callee(u.info, earlier)
		if typematch.IsMethod(fn, "sync", "WaitGroup", "Add") && receiver(earlier) == wg {
			return true
		}
		if u.addsThroughMethod(earlier, fn, wg) {
			return true
		}
	}
	return false
}

// addsThroughMethod reports whether the call owner.m() of a method m
// declared in this package adds to the WaitGroup wg, which is owner.f
// (a field f of the receiver): m's body calls recv.f.Add.
func (u undoer) addsThroughMethod(call *ast.CallExpr, m *types.Func, wg string) bool {
	owner := receiver(call)
	field, ok := strings.CutPrefix(wg, owner+".")
	if owner == "" || !ok || m == nil {
		return false
	}
	decl := u.decls[m.Origin()]
	if decl == nil || decl.Body == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return false
	}
	recv := decl.Recv.List[0].Names[0].Name
	return funcs.HasCall(decl.Body, func(c *ast.CallExpr) bool {
		return receiver(c) == recv+"."+field && typematch.IsMethod(typematch.Callee(u.info, c), "sync", "WaitGroup", "Add")
	})
}

func sameArgs(a, b []ast.Expr) bool {
	for i := range a {
		if types.ExprString(a[i]) != types.ExprString(b[i]) {
			return false
		}
	}
	return true
}
