package lockescape

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/typematch"
)

// checkUnlockedMaps reports an exported method that reads or writes a map
// field's elements (an index, a range, delete or clear) without holding
// the mutex under which other methods change that map in place (c.data[k] = v, delete(c.data, k)
// under c.mu.Lock()): a concurrent call of the two is a fatal error of the
// runtime ("concurrent map read and map write"), which no recover stops.
//
// Only what the package shows is judged: a method that takes the lock
// through a helper (c.lockAll()), or whose name says its caller holds the
// lock (getLocked, setNoLock, unsafeGet), or that is for debugging or
// documented as not for concurrent use, or that no importer can call (an
// unexported type no exported declaration reaches), is left alone, and so
// is an access inside a function literal. A method that tears the value
// down (Close, Stop, Shutdown: the last call, by convention) is judged
// only for fields a background goroutine assigns under a mutex it takes
// itself (checkReplacedFields).
func (c *checker) checkUnlockedMaps(in *inspector.Inspector) {
	var writes map[*types.Var]*backgroundWrite
	var runs map[ast.Node]bool
	for _, m := range c.publicMethods(in) {
		if !m.teardown && c.checkUnlockedMap(m) {
			continue // one finding per method: one lock fixes them all
		}
		if writes == nil {
			writes, runs = c.backgroundWrites()
		}
		if len(writes) > 0 && !runs[m.fd] {
			c.checkReplacedFields(m, writes)
		}
	}
}

// A publicMethod is an exported method with a pointer receiver that
// importers call, while other goroutines may use the same value, and
// whose locking the package shows: the methods the unlocked-access rules
// judge.
type publicMethod struct {
	fd   *ast.FuncDecl
	recv *types.Var
	// held: per mutex, the control-flow nodes the method holds it over.
	held map[*types.Var][]ast.Node
	// teardown: the method's name says it tears the value down (Close,
	// Stop, Shutdown), the last call its callers make.
	teardown bool
}

// publicMethods returns the package's methods the unlocked-access rules
// judge: not one whose name says its caller holds the lock, nor one that
// locks through a helper or whose type hands
// its lock to callers, nor one for debugging or documented as not for
// concurrent use, nor one no importer can call.
func (c *checker) publicMethods(in *inspector.Inspector) []publicMethod {
	var out []publicMethod
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		recv := funcs.Receiver(c.info, fd)
		if recv == nil || fd.Body == nil || !fd.Name.IsExported() || callerHoldsLock(fd.Name.Name) {
			continue
		}
		if fn, ok := c.info.Defs[fd.Name].(*types.Func); !ok || !c.calledFromOutside(fn) || restrictsCallers(fd) || isBuilderOption(c.info, fd, recv) {
			continue
		}
		if _, isPtr := recv.Type().(*types.Pointer); !isPtr {
			continue // a value receiver works on its own copy of the struct
		}
		regions := c.model.RegionsOf(fd)
		if len(regions) == 0 && locksThroughHelper(fd.Body) {
			continue
		}
		if c.hasAcquireMethod(recv) {
			continue // callers take the lock through the type's own API
		}
		out = append(out, publicMethod{fd: fd, recv: recv, held: heldNodes(regions), teardown: isTeardownName(fd.Name.Name)})
	}
	return out
}

// checkUnlockedMap reports the first use of a guarded map's elements in
// m without its lock, and whether it did.
func (c *checker) checkUnlockedMap(m publicMethod) bool {
	reported := false
	ast.Inspect(m.fd.Body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || reported {
			return false
		}
		sel := c.mapOperand(n)
		if sel == nil {
			return true
		}
		f := c.unlockedMapField(sel, m.recv, m.held)
		if f == nil || c.leftWritePhase(m, f, sel.Pos()) || c.joinedWriters(m, f, sel) {
			return true
		}
		reported = true
		c.r.Report(analysis.Diagnostic{
			Pos: sel.Pos(), End: sel.End(),
			Message: fmt.Sprintf("%s uses map %s without holding %s, under which other methods change it: a concurrent call is a fatal concurrent map access",
				m.fd.Name.Name, types.ExprString(sel), m.recv.Name()+"."+f.Mutex.Name()),
		})
		return true
	})
	return reported
}

// mapOperand returns the selector of the map that n operates on: the map
// of an index (c.m[k], read or written), of a range, or the map argument
// of delete or clear. A read of the field's value alone (m := c.m,
// c.m = nil) touches no map element, and len reads the count without the
// runtime's concurrent-access check.
func (c *checker) mapOperand(n ast.Node) *ast.SelectorExpr {
	x := elementOperand(c.info, n)
	if call, ok := n.(*ast.CallExpr); ok && x == nil {
		if m, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && c.usesMapElements(call) {
			x = m.X // c.forwarders.Kill(path), a method of the map type ranging over it
		}
	}
	sel, _ := ast.Unparen(x).(*ast.SelectorExpr)
	return sel
}

// elementOperand returns the operand whose elements n uses: the map or
// slice of an index, of a range, or the argument of delete or clear.
func elementOperand(info *types.Info, n ast.Node) ast.Expr {
	switch n := n.(type) {
	case *ast.IndexExpr:
		return n.X
	case *ast.RangeStmt:
		return n.X
	case *ast.CallExpr:
		if len(n.Args) > 0 && code.CallsBuiltin(info, n, "delete", "clear") {
			return n.Args[0]
		}
	}
	return nil
}

// usesMapElements reports whether call is a method of a map type of the
// package whose body uses the receiver's elements: an index, a range,
// delete or clear on it (Forwarders.Kill ranging over and deleting from
// the map it is called on).
func (c *checker) usesMapElements(call *ast.CallExpr) bool {
	fn := typeutil.StaticCallee(c.info, call)
	if fn == nil || fn.Signature().Recv() == nil {
		return false
	}
	if _, isMap := typematch.UnderPointer(fn.Signature().Recv().Type()).(*types.Map); !isMap {
		return false
	}
	fd := c.funcDecl(fn.Origin())
	if fd == nil || fd.Body == nil {
		return false
	}
	recv := funcs.Receiver(c.info, fd)
	return recv != nil && funcs.Has(fd.Body, func(n ast.Node) bool {
		x := elementOperand(c.info, n)
		if st, ok := ast.Unparen(x).(*ast.StarExpr); ok {
			x = st.X
		}
		id, ok := ast.Unparen(x).(*ast.Ident)
		return ok && c.info.Uses[id] == recv
	})
}

// heldNodes collects, per mutex, the control-flow nodes the regions of a
// function hold it over.
func heldNodes(regions []*mutexmodel.Region) map[*types.Var][]ast.Node {
	held := make(map[*types.Var][]ast.Node)
	for _, r := range regions {
		r.Nodes(func(n ast.Node) { held[r.Mutex] = append(held[r.Mutex], n) })
	}
	return held
}

// unlockedMapField returns what the model knows of the field sel selects
// on the receiver recv, when it is a map whose elements are changed in
// place under a write lock of a mutex of the receiver, and no node held
// over that mutex in the function (held, by mutex) contains sel.
func (c *checker) unlockedMapField(sel *ast.SelectorExpr, recv *types.Var, held map[*types.Var][]ast.Node) *mutexmodel.Field {
	v := c.recvField(sel, recv)
	if v == nil {
		return nil
	}
	if _, isMap := v.Type().Underlying().(*types.Map); !isMap {
		return nil
	}
	f := c.model.Guarded(v)
	if f == nil || !f.InPlace() || !f.Locked || c.frozenWhileServing(v) {
		return nil
	}
	if heldAt(held, f.Under, sel) {
		return nil
	}
	return f
}

// restrictsCallers reports whether a method is for debugging, fills a
// value before it is shared, or is documented as not for concurrent use:
// String and GoString, the decoding interfaces' methods (UnmarshalJSON,
// UnmarshalBinary, GobDecode, ...), or a doc
// comment saying so ("for debugging", "must not be called concurrently",
// "not safe for concurrent use", "cannot be used concurrently", "it is
// not safe to call this function until ...").
func restrictsCallers(fd *ast.FuncDecl) bool {
	switch fd.Name.Name {
	case "String", "GoString":
		return true
	case "UnmarshalJSON", "UnmarshalText", "UnmarshalBinary", "UnmarshalYAML", "GobDecode":
		return true // decoders fill a value before it is shared
	}
	if fd.Doc == nil {
		return false
	}
	doc := strings.ToLower(strings.Join(strings.Fields(fd.Doc.Text()), " "))
	for _, p := range []string{"debugging", "not be called concurrent", "not safe for concurrent", "not concurrency-safe", "not concurrency safe", "not thread-safe", "not thread safe", "not safe to call", "cannot be used concurrently", "not be used concurrently", "cannot be called concurrently", "only after", "only be called after", "only be accessed after", "only be used after"} {
		if strings.Contains(doc, p) {
			return true
		}
	}
	return false
}

// isBuilderOption reports a method that configures a value while it is
// built: named With... (WithLogger, WithMetrics), returning nothing or
// its receiver on every return (New(cfg).WithMetrics(m), chained before
// the value starts).
func isBuilderOption(info *types.Info, fd *ast.FuncDecl, recv *types.Var) bool {
	switch {
	case !strings.HasPrefix(fd.Name.Name, "With"):
		return false
	case fd.Type.Results == nil:
		return true
	case fd.Type.Results.NumFields() != 1:
		return false
	}
	returnsSelf := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				returnsSelf = false
			} else if id, ok := ast.Unparen(n.Results[0]).(*ast.Ident); !ok || info.Uses[id] != recv {
				returnsSelf = false
			}
		}
		return returnsSelf
	})
	return returnsSelf
}

// callerHoldsLock reports whether a method's name says that its caller
// holds the lock.
func callerHoldsLock(name string) bool {
	lower := strings.ToLower(name)
	for _, w := range []string{"locked", "nolock", "unsafe"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// locksThroughHelper reports whether the body calls something named for
// locking (c.lock(), c.lockAll(), s.acquire()): a lock the model does not
// see as a region.
func locksThroughHelper(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if id := code.NameIdent(call.Fun); id != nil {
			lower := strings.ToLower(id.Name)
			found = strings.Contains(lower, "lock") || strings.Contains(lower, "acquire")
		}
		return !found
	})
	return found
}

// frozenWhileServing reports whether every function of the package that
// changes the map field f in place first tests a bool field of the same
// value and gives up when it is set (if s.serve { log.Fatalf(...) }, or a
// return): registration closes once the value starts serving, so a reader
// that runs while it serves meets no writer (gRPC's RegisterService before
// Serve).
func (c *checker) frozenWhileServing(f *types.Var) bool {
	if c.frozen == nil {
		c.frozen = make(map[*types.Var]bool)
	}
	if r, ok := c.frozen[f]; ok {
		return r
	}
	c.frozen[f] = c.writersBackOff(f, nil, false, nil)
	return c.frozen[f]
}

// writersBackOff reports whether every function of the package but skip
// that changes the field f (its elements; with whole, the field itself
// too) first tests a bool field (flag, when it is not nil) and gives up
// when it is set, and whether there is such a writer.
func (c *checker) writersBackOff(f, flag *types.Var, whole bool, skip ast.Node) bool {
	writers := 0
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if fd.Body == nil || fd == skip {
			continue
		}
		for _, w := range c.writesOf(fd.Body, f, whole) {
			writers++
			if !c.guardedByFlag(fd.Body, w, flag) {
				return false
			}
		}
	}
	return writers > 0
}

// writesOf returns the statements of body that change the field f: its
// elements (x.f[k] = v, delete, clear) and, with whole, the field itself
// (x.f = append(x.f, v)).
func (c *checker) writesOf(body *ast.BlockStmt, f *types.Var, whole bool) []ast.Node {
	var out []ast.Node
	isF := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		return ok && c.info.Uses[sel.Sel] == f
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if ix, ok := ast.Unparen(l).(*ast.IndexExpr); ok && isF(ix.X) || whole && isF(l) {
					out = append(out, n)
				}
			}
		case *ast.CallExpr:
			if len(n.Args) > 0 && code.CallsBuiltin(c.info, n, "delete", "clear") && isF(n.Args[0]) {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}

// guardedByFlag reports whether a statement of body before w is if x.flag
// { ... } on a bool field (flag, when it is not nil) whose branch gives up
// (returns, panics or exits).
func (c *checker) guardedByFlag(body *ast.BlockStmt, w ast.Node, flag *types.Var) bool {
	for _, st := range body.List {
		if st.Pos() >= w.Pos() {
			return false
		}
		ifs, ok := st.(*ast.IfStmt)
		if !ok || ifs.Init != nil {
			continue
		}
		sel, ok := ast.Unparen(ifs.Cond).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		v, ok := c.info.Uses[sel.Sel].(*types.Var)
		if !ok || !v.IsField() || !types.Identical(v.Type(), types.Typ[types.Bool]) || (flag != nil && v != flag) {
			continue
		}
		if funcs.LeavesList(ifs.Body) || c.endsWithExit(ifs.Body) {
			return true
		}
	}
	return false
}

// endsWithExit reports whether the block's last statement is a call that
// ends the program (a Fatal, a panic).
func (c *checker) endsWithExit(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	es, ok := b.List[len(b.List)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	return ok && funcs.EndsGoroutine(c.info, nil, c.pass.Pkg, call)
}

// hasAcquireMethod reports whether the receiver's type declares an
// exported method that locks one of its mutexes and returns holding it, unlocking it on
// no path (LockWithVersion, with Unlock separate): the type lets its
// callers hold the lock across calls, and a method that uses guarded state
// unlocked may be meant to run under it.
func (c *checker) hasAcquireMethod(recv *types.Var) bool {
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	if c.acquirers == nil {
		c.acquirers = make(map[*types.Named]bool)
	}
	if r, ok := c.acquirers[named]; ok {
		return r
	}
	found := false
	for m := range named.Methods() {
		if !m.Exported() {
			continue // a helper of the type's own methods, not its API
		}
		if len(c.summary.Locks(m)) > 0 && len(c.summary.Unlocks(m)) == 0 {
			found = true
			break
		}
	}
	c.acquirers[named] = found
	return found
}

// frozenByHandout reports whether the function fn hands out the field
// res selects only after freezing it: it sets a bool field of the same
// value to true (b.frozen = true), and every function of the package that
// changes the field (its elements, or the field itself) first tests that
// flag and gives up when it is set. No writer touches the value once it
// is handed out (a hash bucket's nodes, frozen before a resize copies
// them).
func (c *checker) frozenByHandout(fn ast.Node, res ast.Expr) bool {
	sel, ok := ast.Unparen(res).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	f, ok := c.info.Uses[sel.Sel].(*types.Var)
	if !ok || !f.IsField() {
		return false
	}
	body := funcs.Body(fn)
	if body == nil {
		return false
	}
	var flag *types.Var
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || flag != nil {
			return flag == nil
		}
		fs, ok := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr)
		if !ok || code.RootVar(c.info, fs.X, false) == nil || code.RootVar(c.info, fs.X, false) != code.RootVar(c.info, sel.X, false) {
			return true
		}
		v, ok := c.info.Uses[fs.Sel].(*types.Var)
		if tv, isConst := c.info.Types[as.Rhs[0]]; ok && isConst && tv.Value != nil && tv.Value.String() == "true" && v.IsField() {
			flag = v
		}
		return flag == nil
	})
	if flag == nil {
		return false
	}
	return c.writersBackOff(f, flag, true, fn)
}
