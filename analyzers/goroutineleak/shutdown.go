package goroutineleak

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// runsUntilTermination reports whether the launch at cur is made by a
// function that, after it, waits for the process to be told to stop
// before it can return, or never returns (select {}, <-make(chan
// struct{})): a daemon's run function (a command's RunE, a
// startDaemon that main calls last) that starts its workers, then blocks
// on <-stop, a channel signal.Notify registers for an interrupt or a
// termination signal, or on <-ctx.Done() of a context
// signal.NotifyContext made. Its return is the process's shutdown, so
// what it starts lives as long as the process. The launch must not be in
// a loop, the wait must be a statement of the function's own body after
// the one holding the launch, and no return may come between them.
func (c *checker) runsUntilTermination(cur inspector.Cursor) bool {
	fcur, ok := funcs.Enclosing(cur.Parent())
	if !ok {
		return false
	}
	body := funcs.Body(fcur.Node())
	if body == nil {
		return false
	}
	// The statement of the body that holds the launch, with no loop on
	// the way.
	var top ast.Stmt
	for a := cur; a.Node() != nil && a != fcur; a = a.Parent() {
		switch a.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return false
		}
		if a.Parent().Node() == body {
			top, _ = a.Node().(ast.Stmt)
			break
		}
	}
	if top == nil {
		return false
	}
	signals := c.terminationChans(body)
	after := false
	for _, st := range body.List {
		if st == top {
			after = true
			continue
		}
		if !after {
			continue
		}
		if c.waitsOn(st, signals) || blocksForever(st) {
			return true
		}
		if funcs.Has(st, func(n ast.Node) bool {
			_, ret := n.(*ast.ReturnStmt)
			return ret
		}) {
			return false
		}
	}
	return false
}

// terminationSignals are the signals that ask a process to stop.
// SIGHUP, a reload, is not one.
var terminationSignals = map[string]bool{"Interrupt": true, "Kill": true, "SIGINT": true, "SIGTERM": true, "SIGQUIT": true}

// terminationChans returns the variables of the body that deliver a stop
// request: a channel given to signal.Notify with a termination signal (or
// with none, which means every signal), and a context made by
// signal.NotifyContext with one.
func (c *checker) terminationChans(body *ast.BlockStmt) map[*types.Var]bool {
	if out, ok := c.stops[body]; ok {
		return out // every launch of a function asks about the same body
	}
	out := make(map[*types.Var]bool)
	if c.stops == nil {
		c.stops = make(map[*ast.BlockStmt]map[*types.Var]bool)
	}
	c.stops[body] = out
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if typematch.CallsFunc(c.info, n, "os/signal", "Notify") && len(n.Args) >= 1 && c.asksToStop(n.Args[1:]) {
				if v := code.RootVar(c.info, n.Args[0], false); v != nil {
					out[v] = true
				}
			}
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 || len(n.Lhs) < 1 {
				return true
			}
			call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if ok && typematch.CallsFunc(c.info, call, "os/signal", "NotifyContext") && len(call.Args) >= 1 && c.asksToStop(call.Args[1:]) {
				if id, ok := n.Lhs[0].(*ast.Ident); ok {
					if v, ok := c.info.ObjectOf(id).(*types.Var); ok {
						out[v] = true
					}
				}
			}
		}
		return true
	})
	return out
}

// asksToStop reports whether a signal list holds a termination signal, or
// is empty (every signal).
func (c *checker) asksToStop(sigs []ast.Expr) bool {
	if len(sigs) == 0 {
		return true
	}
	for _, s := range sigs {
		id := code.NameIdent(s)
		if id == nil {
			continue
		}
		if obj := c.info.Uses[id]; obj != nil && obj.Pkg() != nil && (obj.Pkg().Path() == "os" || obj.Pkg().Path() == "syscall" || obj.Pkg().Path() == "golang.org/x/sys/unix") && terminationSignals[obj.Name()] {
			return true
		}
	}
	return false
}

// waitsOn reports whether the statement blocks on a receive from one of
// the stop channels, or from the Done of one of the stop contexts: <-stop,
// sig := <-stop, or a select without default all of whose cases receive
// from them.
func (c *checker) waitsOn(st ast.Stmt, stops map[*types.Var]bool) bool {
	isStop := func(x ast.Expr) bool {
		if x == nil {
			return false
		}
		if ctx := c.contextOfDone(x); ctx != nil {
			x = ctx
		}
		v := code.RootVar(c.info, x, false)
		return v != nil && stops[v]
	}
	switch st := st.(type) {
	case *ast.ForStmt:
		return st.Cond == nil && c.leavesOnlyOnStop(st, isStop)
	case *ast.ExprStmt, *ast.AssignStmt:
		return isStop(code.RecvOperand(st))
	case *ast.SelectStmt:
		for _, cl := range st.Body.List {
			if !isStop(code.RecvOperand(cl.(*ast.CommClause).Comm)) {
				return false
			}
		}
		return len(st.Body.List) > 0
	}
	return false
}

// blocksForever reports whether a statement can never complete: select {}
// or a receive from a channel made where it is received (<-make(chan
// struct{})). The function then never returns, and a goroutine it started
// before cannot outlive it.
func blocksForever(st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.SelectStmt:
		return len(st.Body.List) == 0
	case *ast.ExprStmt:
		u, ok := ast.Unparen(st.X).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			return false
		}
		call, ok := ast.Unparen(u.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && id.Name == "make"
	}
	return false
}

// leavesOnlyOnStop reports whether the for loop can be left only by a
// return (or a break out of it) inside a select case that receives a stop
// request: for { select { case <-stop: shutdown(); return; case <-reload:
// reload() } }, a daemon's main loop.
func (c *checker) leavesOnlyOnStop(loop *ast.ForStmt, isStop func(ast.Expr) bool) bool {
	exits, onStop := 0, 0
	var walk func(n ast.Node, stopCase bool)
	walk = func(n ast.Node, stopCase bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CommClause:
				stop := isStop(code.RecvOperand(m.Comm))
				for _, st := range m.Body {
					walk(st, stopCase || stop)
				}
				return false
			}
			if c.isExit(m, nil) {
				exits++
				if stopCase {
					onStop++
				}
			}
			return true
		})
	}
	walk(loop.Body, false)
	return exits > 0 && exits == onStop
}
