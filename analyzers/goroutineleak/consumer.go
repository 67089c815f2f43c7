package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/report"
)

// A consumer is the one loop of a function that receives from a channel
// the function made: a range over it, or a loop holding every plain
// receive from it.
type consumer struct {
	fn      ast.Node
	fcur    inspector.Cursor
	loop    inspector.Cursor // the receiving loop
	ids     []*ast.Ident     // the channel's identifier in each receive
	ranged  bool             // the loop ranges over the channel
	commaOK bool             // a plain receive tests whether it is closed
}

// checkLoopExits reports goroutines stranded at their send when the loop
// that receives their values leaves before it is done (a return, a goto
// or a break in its body):
//   - a producer: one goroutine literal that sends on the channel, outside
//     any select, and closes it, received by a range over the channel;
//   - workers: one goroutine started in a loop, each sending once,
//     received by a range over the channel that another goroutine closes,
//     or by plain receives in a loop with a condition (a counting loop).
func (c *checker) checkLoopExits(chans []*types.Var, byChan map[*types.Var]*receives) {
	for _, ch := range chans {
		if cons, ok := consumerOf(byChan[ch]); ok {
			c.checkConsumer(ch, cons)
		}
	}
}

// consumerOf returns the one loop that holds every receive of r, when
// there is one and no receive is a select case.
func consumerOf(r *receives) (*consumer, bool) {
	if len(r.cases) > 0 || len(r.ranges)+len(r.plain) == 0 || (len(r.ranges) > 0 && len(r.plain) > 0) || len(r.ranges) > 1 {
		return nil, false
	}
	cons := &consumer{fn: r.fn, fcur: r.fcur, ids: r.ids}
	if len(r.ranges) == 1 {
		cons.loop, cons.ranged = r.ranges[0], true
		return cons, true
	}
	for i, p := range r.plain {
		if as, isAssign := p.Parent().Node().(*ast.AssignStmt); isAssign && len(as.Lhs) == 2 {
			cons.commaOK = true
		}
		loop, ok := innermostLoop(p, r.fn)
		if !ok || (i > 0 && loop.Node() != cons.loop.Node()) {
			return nil, false
		}
		cons.loop = loop
	}
	return cons, true
}

// checkConsumer reports the goroutines that send on ch when its consumer
// loop can leave early.
func (c *checker) checkConsumer(ch *types.Var, cons *consumer) {
	exit := firstExit(code.LoopBody(cons.loop.Node().(ast.Stmt)), nil)
	if exit == nil {
		return
	}
	ss, ok := c.sendersOf(cons.fn, cons.fcur, cons.ids, ch)
	if !ok || len(ss.order) != 1 {
		return
	}
	s := ss.order[0]
	lcur, ok := cons.fcur.FindNode(s.l.node)
	if !ok || outermostLit(lcur, cons.fn) != nil || code.Encloses(cons.loop.Node(), s.l.node) || c.livesAsLongAsTheProcess(lcur) {
		return
	}
	name := funcs.Name(cons.fn)
	var msg string
	if c.launchedOncePerMake(s.l, ss.mkCur, cons.fn) {
		// A producer, received by a range until it closes the channel.
		if !cons.ranged || s.l.lit == nil || !c.producerOnly(s.l.lit, ch) {
			return
		}
		msg = fmt.Sprintf("the goroutine blocks forever sending on unbuffered %s when %s leaves its range over %s early",
			ch.Name(), name, ch.Name())
	} else {
		// Workers, each sending once, received until the loop is done.
		if s.sends != 1 {
			return
		}
		if cons.ranged && !c.closedByLaunch(cons.fcur, ch) {
			return // the range ends only by its exits: they are how it counts
		}
		if !cons.ranged && (cons.commaOK || !hasCondition(cons.loop.Node())) {
			return
		}
		msg = fmt.Sprintf("%s, started in a loop, blocks forever sending on unbuffered %s when %s leaves the loop receiving from %s early",
			s.name, ch.Name(), name, ch.Name())
	}
	c.r.Report(analysis.Diagnostic{
		Pos:     s.send.Pos(),
		End:     s.send.End(),
		Message: msg,
		Related: append(report.Related(exit, "%s leaves the receiving loop here", name),
			report.Related(ss.mk, "%s is made unbuffered here", ch.Name())...),
	})
}

// innermostLoop returns the innermost for or range statement around cur
// inside fn, if there is one.
func innermostLoop(cur inspector.Cursor, fn ast.Node) (inspector.Cursor, bool) {
	for p := range cur.Enclosing() {
		if p.Node() == fn {
			break
		}
		if isLoop(p.Node()) && p.Node() != cur.Node() {
			return p, true
		}
	}
	return inspector.Cursor{}, false
}

// hasCondition reports whether the loop ends on its own: a range, or a
// for statement with a condition.
func hasCondition(loop ast.Node) bool {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return true
	case *ast.ForStmt:
		return l.Cond != nil
	}
	return false
}

// closedByLaunch reports whether a goroutine started in the function
// closes ch (after waiting for the workers, typically).
func (c *checker) closedByLaunch(fcur inspector.Cursor, ch *types.Var) bool {
	for _, l := range launchesIn(c.info, fcur) {
		if l.lit != nil && c.closes(l.lit.Body, ch) {
			return true
		}
	}
	return false
}

// closes reports whether n calls close(ch), deferred or not, in function
// literals too.
func (c *checker) closes(n ast.Node, ch *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if call, ok := m.(*ast.CallExpr); ok && len(call.Args) == 1 && c.isBuiltin(call, "close") && c.exprVar(call.Args[0]) == ch {
			found = true
		}
		return !found
	})
	return found
}

// producerOnly reports whether the goroutine literal produces for ch and
// nothing else: it closes ch, every send on ch is a plain one (none in a
// select that could give up), and no send is followed by a return or ends
// the goroutine's body (a producer that stops after sending an error or a
// final value, on which the consumer stops too).
func (c *checker) producerOnly(lit *ast.FuncLit, ch *types.Var) bool {
	if !c.closes(lit.Body, ch) {
		return false
	}
	ok := true
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if cc, isCase := n.(*ast.CommClause); isCase {
			if s, isSend := cc.Comm.(*ast.SendStmt); isSend && c.exprVar(s.Chan) == ch {
				ok = false
			}
		}
		if list, isList := funcs.StmtList(n); isList {
			for i, st := range list {
				if s, isSend := st.(*ast.SendStmt); !isSend || c.exprVar(s.Chan) != ch {
					continue
				}
				if i+1 < len(list) {
					if _, isRet := list[i+1].(*ast.ReturnStmt); isRet {
						ok = false
					}
				} else if n == lit.Body {
					ok = false // the goroutine's last act: a final value the consumer may stop on
				}
			}
		}
		return ok
	})
	return ok
}
