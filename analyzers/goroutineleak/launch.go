package goroutineleak

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/typematch"
)

// A launch is a statement or call that starts a goroutine: a go statement,
// or a call of a known wrapper that runs its function argument in a new
// goroutine (errgroup.Group.Go, sync.WaitGroup.Go, go-zero's
// threading.GoSafe, ...).
type launch struct {
	node ast.Node // the go statement or the wrapper call
	// Exactly one of lit and callee is set when the launched function is
	// known: a function literal, or a named function or method.
	lit    *ast.FuncLit
	callee *types.Func
	call   *ast.CallExpr // go f(args): the call; nil for wrappers
	joined bool          // started through a wrapper that has a Wait
}

// launchAt returns the launch at n, if n starts a goroutine.
func launchAt(info *types.Info, n ast.Node) (launch, bool) {
	switch n := n.(type) {
	case *ast.GoStmt:
		l := launch{node: n, call: n.Call}
		switch fun := ast.Unparen(n.Call.Fun).(type) {
		case *ast.FuncLit:
			l.lit = fun
		default:
			l.callee = typematch.Callee(info, n.Call)
		}
		return l, true
	case *ast.CallExpr:
		w, ok := knowledge.LauncherOf(info, n)
		if !ok {
			return launch{}, false
		}
		l := launch{node: n, joined: w.Joined}
		if lit, ok := ast.Unparen(knowledge.Launched(n)).(*ast.FuncLit); ok {
			l.lit = lit
		}
		return l, true
	}
	return launch{}, false
}

// launchEnd is the end of the part of a launch worth highlighting: the go
// keyword, or the wrapper's name (g.Go, threading.GoSafe).
func launchEnd(l launch) token.Pos {
	if call, ok := l.node.(*ast.CallExpr); ok {
		return call.Fun.End()
	}
	return l.node.Pos() + token.Pos(len("go"))
}

// launchesIn returns the launches in the body of fn (not in nested
// function literals other than those launched).
func launchesIn(info *types.Info, cur inspector.Cursor) []launch {
	var out []launch
	for c := range cur.Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		if l, ok := launchAt(info, c.Node()); ok {
			out = append(out, l)
		}
	}
	return out
}

// startsGoroutines reports whether fn itself (not a function literal in
// it) starts a goroutine: only then can it strand one.
func (c *checker) startsGoroutines(fn ast.Node) bool {
	if c.launching == nil {
		c.launching = make(map[ast.Node]bool)
		for cur := range c.in.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
			if _, ok := launchAt(c.info, cur.Node()); !ok {
				continue
			}
			if owner, _, ok := enclosingFunc(cur); ok {
				c.launching[owner] = true
			}
		}
	}
	return c.launching[fn]
}

// enclosingFunc returns the innermost function declaration or literal
// around cur, and its cursor.
func enclosingFunc(cur inspector.Cursor) (ast.Node, inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if c.Node() == cur.Node() {
			continue
		}
		return c.Node(), c, true
	}
	return nil, inspector.Cursor{}, false
}

// isLoop reports whether n is a for or range statement.
func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// loopsBetween returns the loops enclosing cur up to (not including) the
// function node fn.
func loopsBetween(cur inspector.Cursor, fn ast.Node) []ast.Node {
	var loops []ast.Node
	for c := range cur.Enclosing() {
		n := c.Node()
		if n == fn {
			break
		}
		if isLoop(n) && n != cur.Node() {
			loops = append(loops, n)
		}
	}
	return loops
}

// isContext reports whether t is context.Context.
func isContext(t types.Type) bool {
	return t != nil && typematch.IsNamed(t, "context", "Context")
}
