package rpctimeout

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/knowledge"
)

// report reports d unless it is a one-shot command's request (oneShot).
func (c *checker) report(d analysis.Diagnostic) {
	if c.oneShot(d.Pos) {
		return
	}
	c.r.Report(d)
}

// oneShot reports whether pos lies on the straight-line path of a
// program that starts no server: in main, or in a function of package
// main that only main calls, outside any loop and function literal, where
// no context is at hand. Such a request runs once, in front of the person
// or job that started the program, which sees a stall and stops it (an
// operator's maintenance command pinging its database at start, a
// command-line upload). A worker's loop, a goroutine, a function given a
// context it does not pass on, and any code of a program that serves stay
// reported.
func (c *checker) oneShot(pos token.Pos) bool {
	if c.pass.Pkg.Name() != "main" || c.servesAny() {
		return false
	}
	cur, ok := c.in.Root().FindByPos(pos, pos)
	if !ok {
		return false
	}
	fn := c.straightLineFunc(cur)
	return fn != nil && c.runsOnceFromMain(fn, map[*types.Func]bool{})
}

// straightLineFunc returns the function declared around cur when no loop,
// go statement or function literal stands between them (code that runs
// once per call of the function), or nil.
func (c *checker) straightLineFunc(cur inspector.Cursor) *types.Func {
	for e := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.GoStmt)(nil)) {
		if d, ok := e.Node().(*ast.FuncDecl); ok {
			fn, _ := c.info.Defs[d.Name].(*types.Func)
			return fn
		}
		return nil // a loop, a goroutine, a literal: may run again
	}
	return nil
}

// runsOnceFromMain reports whether fn is main, or a function without a
// context parameter whose every use is a call on the straight-line path
// of such a function.
func (c *checker) runsOnceFromMain(fn *types.Func, seen map[*types.Func]bool) bool {
	if fn.Name() == "main" && fn.Signature().Recv() == nil {
		return true
	}
	if seen[fn] || fn.Signature().Recv() != nil || takesContextOrRequest(fn.Signature()) {
		return false
	}
	seen[fn] = true
	uses := c.usesOf(fn)
	if len(uses) == 0 {
		return false
	}
	for _, u := range uses {
		call, ok := u.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != u.Node() {
			return false
		}
		caller := c.straightLineFunc(u)
		if caller == nil || !c.runsOnceFromMain(caller, seen) {
			return false
		}
	}
	return true
}

// servesAny reports whether the package starts a server anywhere outside
// its tests (a test's httptest server says nothing of the program).
func (c *checker) servesAny() bool {
	if c.serves == nil {
		serves := false
		for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
			if call := cur.Node().(*ast.CallExpr); knowledge.CallsStartServer(c.info, call) && !code.InTestFile(c.pass.Fset, call.Pos()) {
				serves = true
				break
			}
		}
		c.serves = &serves
	}
	return *c.serves
}
