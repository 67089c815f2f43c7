package rpctimeout

// A stream kept beside its connection: a long-lived stream whose end is
// the connection's Close, not its context.

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// keptBesideConn reports whether the stream that call opens is handed to
// an owner together with a gRPC connection: the variable it is assigned
// to is passed to one call, or placed in one composite literal, with a
// *grpc.ClientConn (NewConnection(conn, stream)), or stored in a field of
// a struct that also holds a *grpc.ClientConn (c.stream = stream). Such a
// stream is meant to live as long as its owner's connection, and closing
// that connection ends it (and any Recv blocked on it) whatever its
// context: a deadline would only cut it off.
func (c *checker) keptBesideConn(cur inspector.Cursor, call *ast.CallExpr) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != call || len(as.Lhs) == 0 {
		return false
	}
	if c.fieldBesideConn(as.Lhs[0]) || c.keptByReceiver(cur, as.Lhs[0]) {
		return true // c.stream, err = client.Open(context.Background())
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := c.info.ObjectOf(id).(*types.Var)
	if v == nil {
		return false
	}
	body, ok := funcs.Enclosing(cur)
	if !ok {
		return false
	}
	for n := range body.Preorder((*ast.CallExpr)(nil), (*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil)) {
		switch n := n.Node().(type) {
		case *ast.CallExpr:
			if c.listsBesideConn(n.Args, v) {
				return true
			}
		case *ast.CompositeLit:
			if c.listsBesideConn(n.Elts, v) {
				return true
			}
		case *ast.AssignStmt:
			for i, rhs := range n.Rhs {
				if i < len(n.Lhs) && len(n.Lhs) == len(n.Rhs) && c.isVar(rhs, v) && (c.fieldBesideConn(n.Lhs[i]) || c.keptByReceiver(cur, n.Lhs[i])) {
					return true
				}
			}
		}
	}
	return false
}

// keptByReceiver reports whether lhs is a field of the receiver of the
// method around cur (s.stream = stream), a method given the connection
// as a *grpc.ClientConn parameter, that every call of it in the package
// passes a connection field of a struct which also holds the receiver's
// type (c.stream.recreate(c.conn), where c holds conn and the stream
// value): the stream is kept, one call down, beside its connection.
func (c *checker) keptByReceiver(cur inspector.Cursor, lhs ast.Expr) bool {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fc, ok := funcs.Enclosing(cur)
	if !ok {
		return false
	}
	fd, ok := fc.Node().(*ast.FuncDecl)
	if !ok {
		return false
	}
	recv := funcs.Receiver(c.info, fd)
	m, _ := c.info.Defs[fd.Name].(*types.Func)
	if recv == nil || m == nil || !c.isVar(sel.X, recv) {
		return false
	}
	connAt := -1
	for i := range m.Signature().Params().Len() {
		if isClientConn(m.Signature().Params().At(i).Type()) {
			connAt = i
		}
	}
	recvType := typematch.NamedObj(recv.Type())
	if connAt < 0 || recvType == nil {
		return false
	}
	calls := 0
	for cc := range cur.Inspector().Root().Preorder((*ast.CallExpr)(nil)) {
		call := cc.Node().(*ast.CallExpr)
		if typematch.Callee(c.info, call) != m {
			continue
		}
		calls++
		if connAt >= len(call.Args) || !c.connBesideType(call.Args[connAt], recvType) {
			return false
		}
	}
	return calls > 0
}

// connBesideType reports whether e is x.f, a *grpc.ClientConn field of a
// struct that also has a field holding a value of the named type t (t,
// *t, or a map or slice of them).
func (c *checker) connBesideType(e ast.Expr, t *types.TypeName) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || !isClientConn(c.info.TypeOf(sel)) {
		return false
	}
	if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
		return false
	}
	st, ok := typematch.UnderPointer(c.info.TypeOf(sel.X)).(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if holdsNamed(f.Type(), t) {
			return true
		}
	}
	return false
}

// holdsNamed reports whether t is the named type n, a pointer to it, or a
// map or slice of those.
func holdsNamed(t types.Type, n *types.TypeName) bool {
	switch u := types.Unalias(t).(type) {
	case *types.Map:
		return holdsNamed(u.Elem(), n)
	case *types.Slice:
		return holdsNamed(u.Elem(), n)
	}
	return typematch.NamedObj(t) == n
}

// listsBesideConn reports whether exprs (a call's arguments or a
// composite literal's elements) hold v and a *grpc.ClientConn.
func (c *checker) listsBesideConn(exprs []ast.Expr, v *types.Var) bool {
	stream, conn := false, false
	for _, e := range exprs {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			e = kv.Value
		}
		switch {
		case c.isVar(e, v):
			stream = true
		case isClientConn(c.info.TypeOf(e)):
			conn = true
		}
	}
	return stream && conn
}

// fieldBesideConn reports whether lhs is a field of a struct that also
// has a *grpc.ClientConn field.
func (c *checker) fieldBesideConn(lhs ast.Expr) bool {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := c.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return false
	}
	st, ok := typematch.UnderPointer(s.Recv()).(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if isClientConn(f.Type()) {
			return true
		}
	}
	return false
}

func (c *checker) isVar(e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && c.info.Uses[id] == v
}

// isClientConn reports whether t is *grpc.ClientConn.
func isClientConn(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && typematch.IsNamed(p.Elem(), grpcPath, "ClientConn")
}
