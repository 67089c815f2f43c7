package goroutineleak

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/typematch"
)

// netReads are the methods of the net package's connections and
// listeners (and crypto/tls's Conn) that block until data, a peer or a
// deadline comes.
var netReads = map[string]bool{
	"Read": true, "ReadFrom": true, "ReadFromUDP": true, "ReadFromUDPAddrPort": true,
	"ReadMsgUDP": true, "ReadMsgUDPAddrPort": true, "ReadFromUnix": true, "ReadMsgUnix": true,
	"ReadFromIP": true, "ReadMsgIP": true, "Accept": true, "AcceptTCP": true, "AcceptUnix": true,
}

// blockingNetRead reports whether call, in a loop of the function fn,
// reads from, or accepts on, a connection or listener of the net package
// (conn.Read(buf), ln.Accept()) held in a local variable that nothing in
// the declaration around it closes or gives a deadline while the loop
// runs: such a call blocks until data or a peer comes, as a receive does.
// A test's fake server looping on one end of net.Pipe() waits there for
// good once the test is done. Once closed, or past a deadline, the read
// fails at once every round, and a loop that ignores the error spins: a
// Close, SetDeadline or SetReadDeadline of the variable, or of the other
// end of the same net.Pipe, keeps the loop counted as spinning, unless it
// is deferred by fn itself (defer ln.Close() beside the loop runs only
// once the loop ends, and the loop never does).
func (c *checker) blockingNetRead(call *ast.CallExpr, fn ast.Node) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !netReads[sel.Sel.Name] {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !isNetConn(v.Type()) {
		return false
	}
	dcur, ok := c.declAround(call)
	if !ok {
		return false
	}
	ends := map[*types.Var]bool{v: true}
	if twin := pipeTwin(c.info, dcur.Node(), v); twin != nil {
		ends[twin] = true
	}
	for cur := range dcur.Preorder((*ast.SelectorExpr)(nil)) {
		s := cur.Node().(*ast.SelectorExpr)
		switch s.Sel.Name {
		case "Close", "SetDeadline", "SetReadDeadline":
		default:
			continue
		}
		x, ok := ast.Unparen(s.X).(*ast.Ident)
		if !ok {
			continue
		}
		if w, ok := c.info.Uses[x].(*types.Var); ok && ends[w] && deferredBy(cur) != fn {
			return false
		}
	}
	return true
}

// deferredBy returns the function whose defer statement runs the node at
// cur (defer ln.Close(), or a call in a deferred literal), or nil when the
// node is not deferred.
func deferredBy(cur inspector.Cursor) ast.Node {
	deferred := false
	for e := range cur.Enclosing((*ast.DeferStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := e.Node().(type) {
		case *ast.DeferStmt:
			deferred = true
		case *ast.FuncLit:
			if deferred {
				return n
			}
			// defer func() { ln.Close() }(): the literal is the deferred call.
			if call, ok := e.Parent().Node().(*ast.CallExpr); ok && call.Fun == n {
				if _, ok := e.Parent().Parent().Node().(*ast.DeferStmt); ok {
					deferred = true
					continue
				}
			}
			return nil
		case *ast.FuncDecl:
			if deferred {
				return n
			}
			return nil
		}
	}
	return nil
}

// isNetConn reports whether t is a connection or listener of the net
// package (net.Conn, net.PacketConn, net.Listener, *net.TCPConn, ...) or
// a *tls.Conn.
func isNetConn(t types.Type) bool {
	n := typematch.NamedObj(t)
	if n == nil || n.Pkg() == nil {
		return false
	}
	switch n.Pkg().Path() {
	case "net":
		return netConns[n.Name()]
	case "crypto/tls":
		return n.Name() == "Conn"
	}
	return false
}

// netConns are the net package's connections and listeners (not Buffers,
// whose Read empties memory and never waits).
var netConns = map[string]bool{
	"Conn": true, "PacketConn": true, "Listener": true, "TCPConn": true, "UDPConn": true,
	"UnixConn": true, "IPConn": true, "TCPListener": true, "UnixListener": true,
}

// pipeTwin returns the other end of the net.Pipe() call that defines v
// in decl (srv, cli := net.Pipe()), or nil.
func pipeTwin(info *types.Info, decl ast.Node, v *types.Var) *types.Var {
	var twin *types.Var
	ast.Inspect(decl, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
			return twin == nil
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok || !typematch.CallsFunc(info, call, "net", "Pipe") {
			return true
		}
		var ends [2]*types.Var
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				ends[i], _ = info.ObjectOf(id).(*types.Var)
			}
		}
		switch v {
		case ends[0]:
			twin = ends[1]
		case ends[1]:
			twin = ends[0]
		}
		return twin == nil
	})
	return twin
}

// declAround returns the cursor of the top-level declaration that holds
// n, found by position (not by a walk of the package).
func (c *checker) declAround(n ast.Node) (inspector.Cursor, bool) {
	cur, ok := c.in.Root().FindByPos(n.Pos(), n.End())
	if !ok {
		return inspector.Cursor{}, false
	}
	for e := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return e, true
	}
	return inspector.Cursor{}, false
}
