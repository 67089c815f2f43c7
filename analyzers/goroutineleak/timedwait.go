package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/report"
)

// A completion signal on a channel field whose one receiver waits with a
// timeout.
//
// A Close that tells a running loop to finish, then waits for the loop's
// "done" on an unbuffered field with a timeout, gives up when the loop is
// slow (a user callback still running, a read not yet failed):
//
//	func (l *Listener) Close() {
//		atomic.StoreInt32(&l.finish, 1)
//		l.conn.Close()
//		select {
//		case <-l.done:
//		case <-time.After(3 * time.Second):
//		}
//	}
//
// and the loop's own last act, l.done <- true before it returns, then
// blocks forever: the goroutine running Listen never returns, and keeps
// whatever it holds. The field rule (fieldchan.go) asks for a receiving
// loop; here the one receive is a single timed wait, and the sender is
// whoever runs the loop, a goroutine the package starts or the caller's
// own (go l.Listen(addr)).

// timedWait checks the receive <-x.f at rc: it must be a case of a select
// without default, outside any loop of its function (a wait done once),
// whose other case is a timeout (time.After, a Timer's C, a context's
// Done) that does not touch the field, itself or through the functions
// of the package it calls (touchesField). It returns that case, a
// description of the timeout, and the waiting function.
func (c *checker) timedWait(rc inspector.Cursor, field *types.Var) (*ast.CommClause, string, ast.Node) {
	cc, sel, fn, inLoop, ok := c.receiveCase(rc)
	if !ok || inLoop {
		return nil, "", nil
	}
	for _, s := range sel.Body.List {
		other := s.(*ast.CommClause)
		if other == cc {
			continue
		}
		x := code.RecvOperand(other.Comm)
		if x == nil || c.touchesField(other, field, 3) {
			continue
		}
		if what := c.timeoutChan(x); what != "" {
			return other, what, fn
		}
	}
	return nil, "", nil
}

// checkTimedWaits reports, for a field every receive of which is a timed
// wait, each plain send outside the waiting functions that is the
// sender's last act: the next statement returns, or the send ends the
// function's body. A send in a loop that goes on producing is not a
// completion signal: a later wait may take its value.
func (c *checker) checkTimedWaits(f *chanField) {
	var waits []ast.Node
	var first *ast.CommClause
	var what string
	for _, rc := range f.recvs {
		cc, w, fn := c.timedWait(rc, f.field)
		if cc == nil {
			return
		}
		if first == nil {
			first, what = cc, w
		}
		waits = append(waits, fn)
	}
	for _, sc := range f.sends {
		send := sc.Node().(*ast.SendStmt)
		if containsAny(waits, send.Pos()) || !lastAct(sc) {
			continue
		}
		fn, _, ok := enclosingFunc(sc)
		if !ok {
			continue
		}
		c.r.Report(analysis.Diagnostic{
			Pos: send.Pos(), End: send.End(),
			Message: fmt.Sprintf("%s blocks forever on this send to unbuffered %s once the wait in %s gives up through %s",
				funcs.Name(fn), exprString(send.Chan), funcs.Name(waits[0]), what),
			Related: append(report.Related(first.Comm, "the wait gives up here"),
				report.Related(f.makes[0], "%s is made unbuffered here", f.field.Name())...),
		})
	}
}

func containsAny(nodes []ast.Node, pos token.Pos) bool {
	for _, n := range nodes {
		if code.Contains(n, pos) {
			return true
		}
	}
	return false
}

// lastAct reports whether the statement at cur is the last the function
// runs: a return follows it, or it ends the function's body, also at the
// end of an if's branch, of a switch or select case, or of a block, when
// what follows that statement is a return or the end of the body. At the
// end of a loop's body, the loop goes on.
func lastAct(cur inspector.Cursor) bool {
	for {
		p := cur.Parent()
		list, ok := funcs.StmtList(p.Node())
		if !ok {
			if n, isIf := p.Node().(*ast.IfStmt); isIf && n.Else == cur.Node() {
				cur = p // else if: after it, what follows the outer if
				continue
			}
			return false
		}
		i := slices.Index(list, cur.Node().(ast.Stmt))
		if i < 0 {
			return false
		}
		if i+1 < len(list) {
			_, ret := list[i+1].(*ast.ReturnStmt)
			return ret
		}
		// The last statement of its list: what runs next is after the
		// statement holding the list.
		switch p.Node().(type) {
		case *ast.CaseClause, *ast.CommClause:
			cur = p.Parent().Parent() // the clause's switch or select
			continue
		}
		gp := p.Parent()
		switch gp.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return true
		case *ast.IfStmt:
			cur = gp
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			cur = p // a bare block
		default:
			return false // a loop's body, a select's or switch's own body
		}
	}
}
