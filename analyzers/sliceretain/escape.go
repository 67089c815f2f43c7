package sliceretain

// Escape of the part: where a value sharing the array goes (returned,
// stored, sent, captured), and which calls cannot keep it.

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// referenceFree reports whether values of t can hold no reference to
// memory: numbers, booleans, and errors (which the standard library's
// functions build from copies).
func referenceFree(t types.Type) bool {
	if t == nil {
		return false
	}
	if tup, ok := t.(*types.Tuple); ok {
		for v := range tup.Variables() {
			if !referenceFree(v.Type()) {
				return false
			}
		}
		return true
	}
	if typematch.IsError(t) {
		return true
	}
	b, ok := typeUnder(t).(*types.Basic)
	return ok && b.Info()&(types.IsBoolean|types.IsNumeric) != 0
}

// escapes summarises how a variable's array leaves the function.
type escapes struct {
	other   bool   // the whole array escapes or a part that is not small
	unknown bool   // handed somewhere the analysis cannot follow
	parts   []part // small strict parts that escape
}

// part is one small piece of the array that escapes.
type part struct {
	node  ast.Expr       // the reported expression
	slice *ast.SliceExpr // node, when the part is a slice expression
	cur   inspector.Cursor
	where ast.Node      // the escaping use
	split *ast.CallExpr // the call that made the part, for parts made by splitting
	// call is the call whose result is the part, for parts a callee
	// makes of its argument arg (parseName(line)).
	call *ast.CallExpr
	arg  int
	// loader is the call whose fresh result the part slices directly, for
	// parts of a result no variable holds (fetchAll()[:10]).
	loader *ast.CallExpr
}

// operandEscapes examines every use of v. With allowReturn, returning v
// (or a re-slice of it) is not an escape: the caller then owns it.
func (c *checker) operandEscapes(v *types.Var, allowReturn bool) escapes {
	var esc escapes
	var truncs []part // v = v[:k]: v is a small part of itself from here on
	fn := c.funcOf(v)
	for _, u := range c.usesOf(v) {
		if enclosingFunc(u) != fn {
			esc.unknown = true // captured by a closure
			return esc
		}
		cur := parentSkippingParens(u)
		ctx := cur.Node()
		if call, ok := ctx.(*ast.CallExpr); ok && c.splitOf(call) != notSplit && ast.Unparen(call.Args[0]) == u.Node() {
			if allowReturn {
				esc.unknown = true // a function returning parts does not return a fresh buffer
				return esc
			}
			s := c.splitFlow(cur, v, fn)
			if s.other || s.unknown {
				return s
			}
			esc.parts = append(esc.parts, s.parts...)
			continue
		}
		if call, ok := ctx.(*ast.CallExpr); ok {
			if j, ok := c.partResult(call, u.Node()); ok {
				if allowReturn {
					esc.unknown = true // a function returning parts does not return a fresh buffer
					return esc
				}
				a := c.resultFlow(cur, call, j, v, fn, nil)
				if a.unknown {
					esc.unknown = true
					return esc
				}
				if a.other || a.ret {
					esc.parts = append(esc.parts, part{node: call, cur: cur, where: a.where, call: call, arg: argIndex(call, u.Node(), c.info.TypeOf(call.Fun).Underlying().(*types.Signature))})
				}
				continue
			}
		}
		if sl, ok := ctx.(*ast.SliceExpr); ok && ast.Unparen(sl.X) == u.Node() {
			if c.isSelfAssigned(v, cur) {
				if !allowReturn && c.isTruncation(v, sl, cur) {
					truncs = append(truncs, part{node: sl, slice: sl, cur: cur})
				}
				continue
			}
			a := c.aliasFlow(cur, v, fn, nil)
			if allowReturn && a.ret && !a.other && !a.unknown {
				continue
			}
			if a.other || a.ret {
				if c.isStrictPart(v, sl) && !allowReturn {
					esc.parts = append(esc.parts, part{node: sl, slice: sl, cur: cur, where: a.where})
					continue
				}
				esc.other = true
				return esc
			}
			if a.unknown {
				esc.unknown = true
				return esc
			}
			continue
		}
		if c.isSelfAssigned(v, u) || c.isLHS(u) {
			continue
		}
		if _, isArr := typeUnder(v.Type()).(*types.Array); isArr && !c.aliasesArray(u) {
			continue // using an array's value copies it
		}
		a := c.aliasFlow(u, v, fn, nil)
		if allowReturn && a.ret && !a.other && !a.unknown {
			continue
		}
		if a.other || a.ret {
			if t, ok := c.truncatedBefore(truncs, u); ok {
				if !slices.ContainsFunc(esc.parts, func(p part) bool { return p.node == t.node }) {
					t.where = a.where
					esc.parts = append(esc.parts, t)
				}
				continue
			}
			esc.other = true
			return esc
		}
		if a.unknown {
			esc.unknown = true
			return esc
		}
	}
	return esc
}

// aliasesArray reports whether the use at cur of an array variable refers
// to the array itself rather than copying it: &a, a.M() with a pointer
// receiver, a[i] of elements that are arrays or have pointer methods.
func (c *checker) aliasesArray(cur inspector.Cursor) bool {
	switch ctx := parentSkippingParens(cur).Node().(type) {
	case *ast.UnaryExpr:
		return ctx.Op == token.AND
	case *ast.SelectorExpr:
		return true
	case *ast.IndexExpr:
		return c.elementFlow(parentSkippingParens(cur)).unknown
	}
	return false
}

// flow is where a value aliasing the array goes.
type flow struct {
	ret     bool     // returned from the declaring function
	other   bool     // escapes for certain by another route
	unknown bool     // goes where the analysis cannot tell
	where   ast.Node // the first certain escape
}

func (f *flow) merge(g flow) {
	if f.where == nil {
		f.where = g.where
	}
	f.ret = f.ret || g.ret
	f.other = f.other || g.other
	f.unknown = f.unknown || g.unknown
}

// aliasFlow follows the expression at cur, whose value shares the array
// of v, through its context: further slicing, struct and slice literals,
// local variables, stores, returns, sends, goroutines.
func (c *checker) aliasFlow(cur inspector.Cursor, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	e := cur.Node()
	p := parentSkippingParens(cur)
	escape := func(at ast.Node) flow { return flow{other: true, where: at} }
	switch ctx := p.Node().(type) {
	case *ast.SliceExpr:
		if ast.Unparen(ctx.X) == e {
			return c.aliasFlow(p, v, fn, seen)
		}
		return flow{} // an index
	case *ast.IndexExpr:
		if ast.Unparen(ctx.X) != e {
			// A map key stored by m[k] = v keeps k (a substring) alive.
			if _, isMap := typeUnder(c.info.TypeOf(ctx.X)).(*types.Map); isMap && c.isLHS(p) {
				return c.pointerRootFlow(p, ctx.X, v, fn, seen)
			}
			return flow{}
		}
		return c.elementFlow(p)
	case *ast.StarExpr:
		return flow{} // *p of an array pointer copies the array
	case *ast.RangeStmt, *ast.BinaryExpr, *ast.IfStmt, *ast.SwitchStmt, *ast.IncDecStmt, *ast.TypeSwitchStmt:
		return flow{}
	case *ast.ReturnStmt:
		if _, ok := fn.(*ast.FuncDecl); ok {
			return flow{ret: true, where: ctx}
		}
		return flow{unknown: true}
	case *ast.SendStmt:
		if ctx.Value == e {
			return escape(ctx)
		}
		return flow{}
	case *ast.KeyValueExpr:
		if ctx.Value != e {
			lit, _ := p.Parent().Node().(*ast.CompositeLit)
			if lit == nil {
				return flow{unknown: true}
			}
			if _, isMap := typeUnder(c.info.TypeOf(lit)).(*types.Map); !isMap {
				return flow{} // a field name or array index
			}
		}
		// A composite literal that holds an aliasing value is followed
		// like the value itself.
		if _, ok := p.Parent().Node().(*ast.CompositeLit); ok {
			return c.aliasFlow(p.Parent(), v, fn, seen)
		}
		return flow{unknown: true}
	case *ast.CompositeLit:
		return c.aliasFlow(p, v, fn, seen)
	case *ast.CallExpr:
		return c.callArgFlow(p, ctx, e, v, fn, seen)
	case *ast.AssignStmt:
		for i, l := range ctx.Lhs {
			if ast.Unparen(l) == e {
				return flow{} // assigned to
			}
			if len(ctx.Lhs) == len(ctx.Rhs) && ast.Unparen(ctx.Rhs[i]) == e {
				return c.storeFlow(p, l, v, fn, seen)
			}
		}
		return flow{unknown: true}
	case *ast.ValueSpec:
		for i, val := range ctx.Values {
			if ast.Unparen(val) == e && i < len(ctx.Names) {
				return c.storeFlow(p, ctx.Names[i], v, fn, seen)
			}
		}
		return flow{unknown: true}
	case *ast.UnaryExpr:
		if ctx.Op == token.AND {
			return c.aliasFlow(p, v, fn, seen)
		}
		return flow{}
	case *ast.ExprStmt:
		return flow{}
	case *ast.SelectorExpr:
		// A method called on the value, or a field of an array pointer.
		return flow{unknown: true}
	}
	return flow{unknown: true}
}

// elementFlow follows x[i] for an aliasing x: reading an element copies
// it, but &x[i] or a pointer method on it points into the array.
func (c *checker) elementFlow(cur inspector.Cursor) flow {
	p := parentSkippingParens(cur)
	switch ctx := p.Node().(type) {
	case *ast.UnaryExpr:
		if ctx.Op == token.AND {
			return flow{unknown: true}
		}
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[ctx]; ok && sel.Kind() == types.MethodVal {
			if sig, ok := sel.Obj().Type().(*types.Signature); !ok || sig.Recv() == nil {
				return flow{unknown: true}
			} else if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
				return flow{unknown: true}
			}
		}
		if _, ok := typeUnder(c.info.TypeOf(ctx)).(*types.Array); ok {
			return flow{unknown: true} // x[i].arr[:] would alias
		}
	case *ast.SliceExpr:
		if _, ok := typeUnder(c.info.TypeOf(cur.Node().(ast.Expr))).(*types.Array); ok {
			return flow{unknown: true}
		}
	}
	return flow{}
}

// storeFlow follows an aliasing value assigned to lhs.
func (c *checker) storeFlow(stmt inspector.Cursor, lhs ast.Expr, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	lhs = ast.Unparen(lhs)
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return flow{}
	}
	if w := c.varOf(lhs); w != nil {
		if w == v {
			return flow{}
		}
		return c.varFlow(w, v, fn, seen)
	}
	// A store into a field, element or map entry: the value goes where
	// the root of lhs goes.
	root := lhs
	for {
		switch r := root.(type) {
		case *ast.SelectorExpr:
			if sel, ok := c.info.Selections[r]; ok && sel.Kind() == types.FieldVal {
				if sel.Indirect() {
					return c.pointerRootFlow(stmt, r.X, v, fn, seen)
				}
				root = ast.Unparen(r.X)
				continue
			}
			if obj, ok := c.info.Uses[r.Sel].(*types.Var); ok && typematch.IsPackageLevel(obj) {
				return flow{other: true, where: stmt.Node()} // pkg.Var = x
			}
			return flow{unknown: true}
		case *ast.IndexExpr:
			if _, isMap := typeUnder(c.info.TypeOf(r.X)).(*types.Map); isMap {
				return c.pointerRootFlow(stmt, r.X, v, fn, seen)
			}
			if _, isSlice := typeUnder(c.info.TypeOf(r.X)).(*types.Slice); isSlice {
				return c.pointerRootFlow(stmt, r.X, v, fn, seen)
			}
			root = ast.Unparen(r.X)
			continue
		case *ast.StarExpr:
			return c.pointerRootFlow(stmt, r.X, v, fn, seen)
		case *ast.Ident:
			if w := c.localVar(c.info.Uses[r]); w != nil {
				if c.funcOf(w) != fn {
					return flow{unknown: true}
				}
				return c.varFlow(w, v, fn, seen)
			}
			if obj, ok := c.info.Uses[r].(*types.Var); ok && typematch.IsPackageLevel(obj) {
				return flow{other: true, where: stmt.Node()} // a package variable
			}
			return flow{unknown: true}
		}
		return flow{unknown: true}
	}
}

// pointerRootFlow follows a store through a reference (pointer, map,
// slice) x: it escapes when x is a parameter, receiver or global, and
// goes where x goes when x is a local variable.
func (c *checker) pointerRootFlow(stmt inspector.Cursor, x ast.Expr, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	x = ast.Unparen(x)
	for {
		switch r := x.(type) {
		case *ast.SelectorExpr:
			if sel, ok := c.info.Selections[r]; ok && sel.Kind() == types.FieldVal {
				x = ast.Unparen(r.X)
				continue
			}
		case *ast.IndexExpr:
			x = ast.Unparen(r.X)
			continue
		case *ast.StarExpr:
			x = ast.Unparen(r.X)
			continue
		}
		break
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return flow{unknown: true}
	}
	obj, ok := c.info.Uses[id].(*types.Var)
	if !ok || obj == nil {
		return flow{unknown: true}
	}
	if w := c.localVar(obj); w != nil {
		if c.funcOf(w) != fn {
			return flow{unknown: true}
		}
		return c.varFlow(w, v, fn, seen)
	}
	if typematch.IsPackageLevel(obj) {
		return flow{other: true, where: stmt.Node()}
	}
	if obj.Kind() == types.ParamVar || obj.Kind() == types.RecvVar {
		if _, isDecl := fn.(*ast.FuncDecl); isDecl {
			return flow{other: true, where: stmt.Node()}
		}
	}
	return flow{unknown: true}
}

// varFlow follows every use of the local variable w, which holds a value
// sharing v's array.
func (c *checker) varFlow(w, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	if seen[w] {
		return flow{}
	}
	if seen == nil {
		seen = make(map[*types.Var]bool)
	}
	seen[w] = true
	var f flow
	for _, u := range c.usesOf(w) {
		if ufn := enclosingFunc(u); ufn != fn {
			if c.inGoStmt(u, fn) {
				f.merge(flow{other: true, where: u.Node()})
			} else if lit, ok := outermostLit(u, fn); ok {
				// The closure holds w: it escapes if the closure does.
				g := c.aliasFlow(lit, v, fn, seen)
				if g.ret || g.other {
					f.merge(flow{other: true, where: lit.Node()})
				} else {
					f.merge(flow{unknown: true})
				}
			} else {
				f.merge(flow{unknown: true})
			}
			continue
		}
		if c.isLHS(u) {
			continue
		}
		f.merge(c.aliasFlow(u, v, fn, seen))
	}
	return f
}

// outermostLit returns the function literal of fn that contains the use
// at cur.
func outermostLit(cur inspector.Cursor, fn ast.Node) (inspector.Cursor, bool) {
	var lit inspector.Cursor
	found := false
	for e := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if e.Node() == fn {
			return lit, found
		}
		if _, ok := e.Node().(*ast.FuncLit); !ok {
			return lit, false
		}
		lit, found = e, true
	}
	return lit, false
}

// inGoStmt reports whether the use at cur lies in a function literal
// started by a go statement of fn.
func (c *checker) inGoStmt(cur inspector.Cursor, fn ast.Node) bool {
	for e := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if e.Node() == fn {
			return false
		}
		if _, ok := e.Node().(*ast.FuncLit); !ok {
			return false
		}
		call, ok := e.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != e.Node() {
			return false
		}
		if _, ok := e.Parent().Parent().Node().(*ast.GoStmt); ok {
			return true
		}
	}
	return false
}

// callArgFlow follows an aliasing value passed to a call.
func (c *checker) callArgFlow(cur inspector.Cursor, call *ast.CallExpr, e ast.Node, v *types.Var, fn ast.Node, seen map[*types.Var]bool) flow {
	if ast.Unparen(call.Fun) == e {
		return flow{unknown: true}
	}
	if _, ok := cur.Parent().Node().(*ast.GoStmt); ok {
		return flow{other: true, where: call} // go f(part)
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "len", "cap", "copy", "clear", "print", "println", "min", "max", "delete":
				return flow{}
			case "append":
				if ast.Unparen(call.Args[0]) == e || !call.Ellipsis.IsValid() {
					return c.aliasFlow(cur, v, fn, seen) // the result holds the array
				}
				return flow{} // append(dst, part...) copies the elements
			}
			return flow{unknown: true}
		}
	}
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		from, to := c.info.TypeOf(e.(ast.Expr)), tv.Type
		if isString(to) != isString(from) {
			return flow{} // string(b) and []byte(s) copy
		}
		return c.aliasFlow(cur, v, fn, seen)
	}
	fnObj := typematch.Callee(c.info, call)
	if fnObj == nil {
		return flow{unknown: true}
	}
	if typematch.IsFunc(fnObj, "slices", "Clone") || typematch.IsFunc(fnObj, "bytes", "Clone") || typematch.IsFunc(fnObj, "strings", "Clone") {
		return flow{}
	}
	if fl, ok := c.paramArgFlow(cur, call, e, v, fn, seen); ok {
		return fl
	}
	if c.isTrim(call) && ast.Unparen(call.Args[0]) == e {
		return c.aliasFlow(cur, v, fn, seen) // strings.TrimSpace(part) is a part of the part
	}
	if c.readsOnly(fnObj) {
		return flow{}
	}
	return flow{unknown: true}
}

// readsOnly reports whether a call cannot keep a reference to its
// arguments: a standard-library function or method whose parameters are
// not interfaces (fmt's are, but fmt only formats) and whose results hold
// no references, or any Read or Write method of the io contracts, which
// must not retain the buffer, and the packet reads of net.PacketConn's
// contract, which copy the packet into it.
func (c *checker) readsOnly(fn *types.Func) bool {
	sig := fn.Signature()
	if sig.Recv() != nil && (isIOMethod(fn) || isPacketRead(fn)) {
		return true
	}
	// Decoders copy what they keep (even json.RawMessage fields).
	if typematch.IsFunc(fn, "encoding/json", "Unmarshal", "Valid", "Compact", "Indent") ||
		typematch.IsFunc(fn, "encoding/xml", "Unmarshal") {
		return true
	}
	if fn.Pkg() == nil || !c.isStd(fn.Pkg().Path()) || !referenceFree(sig.Results()) {
		return false
	}
	switch fn.Pkg().Path() {
	case "fmt", "log", "strconv", "strings", "bytes", "unicode/utf8", "unicode/utf16", "encoding/binary",
		"encoding/hex", "encoding/base64", "os", "io", "hash", "crypto/sha256", "crypto/sha1", "crypto/md5", "hash/crc32":
		return true
	}
	for p := range sig.Params().Variables() {
		if types.IsInterface(p.Type()) {
			return false
		}
	}
	return sig.Recv() == nil
}

// isIOMethod reports whether fn is a Read/Write-style method taking a
// []byte and returning (int, error): io's contracts forbid keeping p.
func isIOMethod(fn *types.Func) bool {
	switch fn.Name() {
	case "Read", "Write", "ReadAt", "WriteAt", "ReadFull":
	default:
		return false
	}
	sig := fn.Signature()
	return sig.Params().Len() >= 1 && isByteOrRuneSlice(sig.Params().At(0).Type()) && referenceFree(sig.Results())
}

// isPacketRead reports whether fn is a method that reads one packet into
// the []byte it is given and returns the packet's length first, as
// net.PacketConn's ReadFrom does (n int, addr net.Addr, err error), and
// *net.UDPConn's ReadFromUDP, ReadMsgUDP and their siblings: ReadFrom or
// ReadMsg and a suffix, a []byte parameter first, an int result first and
// the sender (or a control message) among the others. io.ReaderFrom's
// ReadFrom takes a Reader and is not one.
func isPacketRead(fn *types.Func) bool {
	if !strings.HasPrefix(fn.Name(), "ReadFrom") && !strings.HasPrefix(fn.Name(), "ReadMsg") {
		return false
	}
	sig := fn.Signature()
	if sig.Recv() == nil || sig.Params().Len() < 1 || !isByteOrRuneSlice(sig.Params().At(0).Type()) || sig.Results().Len() < 3 {
		return false
	}
	b, ok := sig.Results().At(0).Type().(*types.Basic)
	return ok && b.Kind() == types.Int
}

// isTruncation reports whether the self-assignment v = v[:k] at cur cuts
// v down to a small part of its array (if i := strings.IndexByte(s, '\n');
// i >= 0 { s = s[:i] }), once: outside any loop, in a function that does
// not append to v. Only bounds that are small by their form count here
// (clearlySmall): cutting a buffer at its last newline keeps most of it.
func (c *checker) isTruncation(v *types.Var, sl *ast.SliceExpr, cur inspector.Cursor) bool {
	if sl.Low != nil {
		if k, ok := c.constInt(sl.Low); !ok || k != 0 {
			return false
		}
	}
	if sl.High == nil || !c.isStrictPart(v, sl) || !c.clearlySmall(v, sl.High) {
		return false
	}
	for l := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch l.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return false
		}
		break
	}
	for _, d := range c.defsOf(v) {
		if call, ok := ast.Unparen(d.rhs).(*ast.CallExpr); ok && d.rhs != nil && c.isBuiltin(call, "append") {
			return false
		}
	}
	return true
}

// truncatedBefore returns the truncation of truncs that every path to the
// use at cur has passed: the statement holding it ends, in a block that
// also holds the use, before the use. A use in the other branch of the if
// that truncates does not count.
func (c *checker) truncatedBefore(truncs []part, cur inspector.Cursor) (part, bool) {
	pos := cur.Node().Pos()
	for _, t := range truncs {
		for s := t.cur; ; s = s.Parent() {
			list, ok := funcs.StmtList(s.Parent().Node())
			if !ok {
				switch s.Parent().Node().(type) {
				case *ast.FuncDecl, *ast.FuncLit, nil:
					list = nil
				default:
					continue
				}
			}
			if list == nil {
				break
			}
			blk := s.Parent().Node()
			if blk.Pos() <= pos && pos < blk.End() {
				if pos >= s.Node().End() {
					return t, true
				}
				break
			}
			if c.leavesAfter(list, s.Node()) {
				break // the cut's branch ends (return, panic, break) before the use
			}
		}
	}
	return part{}, false
}

// leavesAfter reports whether a statement of list after stmt leaves the
// list for good: a return, a branch statement, or a call that does not
// return (panic, os.Exit, log.Fatal).
func (c *checker) leavesAfter(list []ast.Stmt, stmt ast.Node) bool {
	after := false
	for _, st := range list {
		if st == stmt {
			after = true
			continue
		}
		if !after {
			continue
		}
		switch st := st.(type) {
		case *ast.ReturnStmt, *ast.BranchStmt:
			return true
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(st.X).(*ast.CallExpr); ok && funcs.EndsGoroutine(c.info, nil, c.pass.Pkg, call) {
				return true
			}
		}
	}
	return false
}
