package lockescape

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/mutexmodel"
)

// Records changed in place: the struct types whose fields the package
// assigns through a pointer it did not just allocate (j.Status = done in
// a method, a worker, a loop over the jobs). A pointer to such a record,
// handed out of guarded state (c.jobs[k], a []*Job), lets the caller read
// or write the record while the package changes it.

// inPlaceWrite returns where the package first assigns a field of a value
// of type t through a shared pointer, or nil.
func (c *checker) inPlaceWrite(t types.Type) ast.Node {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() != c.pass.Pkg {
		return nil
	}
	c.indexRecordWrites()
	return c.recordWrites[n.Origin().Obj()]
}

// indexRecordWrites finds the package's in-place record writes, per type
// and per field, on first use.
func (c *checker) indexRecordWrites() {
	if c.recordWrites == nil {
		c.recordWrites = c.findRecordWrites()
	}
}

// findRecordWrites scans every function of the package for field stores
// through a pointer to a named struct of the package. A function that
// also allocates a value of that type (&T{}, new(T)) is building it, and
// its stores fill in a value nobody else holds yet.
func (c *checker) findRecordWrites() map[*types.TypeName]ast.Node {
	writes := make(map[*types.TypeName]ast.Node)
	c.recordFieldWrites = make(map[recordSlot]ast.Node)
	building := make(map[recordSlot]bool) // recorded from a function that allocates the record
	in := c.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for fcur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := fcur.Node().(*ast.FuncDecl)
		if fd.Body == nil {
			continue
		}
		allocated := c.allocatedTypes(fd.Body)
		var vars varOccurrences // indexed when a store first needs it
		note := func(lhs ast.Expr, at inspector.Cursor) {
			tn := c.recordThrough(lhs)
			if tn == nil {
				return
			}
			if vars == nil {
				vars = c.indexVars(fcur)
			}
			if c.fillsBeforePublishing(fd, vars, lhs, at) {
				return
			}
			// Per field, a function that also allocates the type may
			// still store into a record it found (st := m[k]; if st ==
			// nil { st = &T{} }; st.F = v): recordFieldEscape asks only
			// for records already read out of guarded state.
			if s := c.info.Selections[ast.Unparen(lhs).(*ast.SelectorExpr)]; s != nil {
				// The position shown is the first write of a function
				// that does not also build records, when there is one;
				// else the last write of one that does (it builds a
				// record for a new key first, then updates the one it
				// found).
				key := recordSlot{tn, s.Index()[0]}
				old, ok := c.recordFieldWrites[key]
				pos := at.Node().Pos()
				if !ok || !allocated[tn] && (building[key] || pos < old.Pos()) || allocated[tn] && building[key] && pos > old.Pos() {
					c.recordFieldWrites[key] = at.Node()
					building[key] = allocated[tn]
				}
			}
			if allocated[tn] {
				return
			}
			if old, ok := writes[tn]; !ok || at.Node().Pos() < old.Pos() {
				writes[tn] = at.Node()
			}
		}
		for cur := range fcur.Preorder((*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE {
					continue
				}
				for _, lhs := range n.Lhs {
					note(lhs, cur)
				}
			case *ast.IncDecStmt:
				note(n.X, cur)
			}
		}
	}
	return writes
}

// varOccurrences holds, for each variable of one function, the cursors
// of its identifiers, declaration included, in source order.
type varOccurrences map[*types.Var][]inspector.Cursor

// indexVars walks the function at fcur once for the identifiers of its
// variables.
func (c *checker) indexVars(fcur inspector.Cursor) varOccurrences {
	out := make(varOccurrences)
	for cur := range fcur.Preorder((*ast.Ident)(nil)) {
		if v, ok := c.info.ObjectOf(cur.Node().(*ast.Ident)).(*types.Var); ok && !v.IsField() {
			out[v] = append(out[v], cur)
		}
	}
	return out
}

// fillsBeforePublishing reports whether the store at, lhs = v.F, fills in
// a record that the function publishes only afterwards, so that no
// handout of the container can hold it yet: v is a parameter, or a local
// set once from a call (a constructor: never read from a container, which
// may hold it already); every use of v before the store reads or writes
// one of its fields; a later statement stores v itself into a field or an
// element (t.recs[k] = v, t.list = append(t.list, v)); and no loop holds
// both the store and that publication, whose next round would change a
// published record.
func (c *checker) fillsBeforePublishing(fd *ast.FuncDecl, vars varOccurrences, lhs ast.Expr, at inspector.Cursor) bool {
	sel := ast.Unparen(lhs).(*ast.SelectorExpr)
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !c.paramOrMadeByCall(fd, vars[v], v) {
		return false
	}
	store := at.Node()
	var published ast.Node
	for _, cur := range vars[v] {
		use := cur.Node().(*ast.Ident)
		if use == id || c.info.Defs[use] != nil {
			continue
		}
		if use.Pos() < store.Pos() {
			if !c.fieldOf(cur) {
				return false // v may be handed on before it is filled in
			}
			continue
		}
		if use.Pos() > store.End() && published == nil && storedItself(cur) {
			published = use
		}
	}
	if published == nil {
		return false
	}
	for loop := range at.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil)) {
		if _, lit := loop.Node().(*ast.FuncLit); lit {
			return false // a closure may run after the publication
		}
		if loop.Node().Pos() <= published.Pos() && published.End() <= loop.Node().End() {
			return false
		}
	}
	return true
}

// paramOrMadeByCall reports whether v is a parameter of fd, or a local
// it sets once, from a call; occ are v's identifiers in fd.
func (c *checker) paramOrMadeByCall(fd *ast.FuncDecl, occ []inspector.Cursor, v *types.Var) bool {
	for _, f := range fd.Type.Params.List {
		for _, name := range f.Names {
			if c.info.Defs[name] == v {
				return true
			}
		}
	}
	sets := 0
	madeByCall := false
	for _, cur := range occ {
		id := cur.Node().(*ast.Ident)
		switch n := cur.Parent().Node().(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if ast.Unparen(l) != id {
					continue
				}
				sets++
				rhs := n.Rhs[0]
				if len(n.Rhs) == len(n.Lhs) {
					rhs = n.Rhs[i]
				}
				_, madeByCall = ast.Unparen(rhs).(*ast.CallExpr)
			}
		case *ast.ValueSpec:
			if c.info.Defs[id] == v {
				sets += 2 // var v T: set again later, or nil
			}
		}
	}
	return sets == 1 && madeByCall
}

// fieldOf reports whether the identifier at cur is the operand of a
// field selection (v.F, read or written).
func (c *checker) fieldOf(cur inspector.Cursor) bool {
	sel, ok := cur.Parent().Node().(*ast.SelectorExpr)
	if !ok || sel.X != cur.Node() {
		return false
	}
	s := c.info.Selections[sel]
	return s != nil && s.Kind() == types.FieldVal
}

// storedItself reports whether the identifier at cur is stored, as a
// value, into a field or an element: x.f = v, x[k] = v, or
// x.f = append(x.f, v).
func storedItself(cur inspector.Cursor) bool {
	val := cur.Node().(ast.Expr)
	parent := cur.Parent()
	if call, ok := parent.Node().(*ast.CallExpr); ok {
		if fn, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || fn.Name != "append" || len(call.Args) < 2 || call.Args[0] == val {
			return false
		}
		val, parent = call, parent.Parent()
	}
	as, ok := parent.Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for i, r := range as.Rhs {
		if r != val {
			continue
		}
		switch ast.Unparen(as.Lhs[i]).(type) {
		case *ast.IndexExpr, *ast.SelectorExpr:
			return true
		}
	}
	return false
}

// recordThrough returns the named struct type of this package whose
// field lhs assigns through a pointer (p.F, with p a *T), or nil.
func (c *checker) recordThrough(lhs ast.Expr) *types.TypeName {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal || !s.Indirect() {
		return nil
	}
	p, ok := types.Unalias(c.info.TypeOf(sel.X)).Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() != c.pass.Pkg {
		return nil
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return nil
	}
	return n.Origin().Obj()
}

// allocatedTypes returns the named types body allocates with &T{...} or
// new(T).
func (c *checker) allocatedTypes(body *ast.BlockStmt) map[*types.TypeName]bool {
	out := make(map[*types.TypeName]bool)
	add := func(t types.Type) {
		if n, ok := types.Unalias(t).(*types.Named); ok {
			out[n.Origin().Obj()] = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if lit, ok := ast.Unparen(n.X).(*ast.CompositeLit); ok && n.Op == token.AND {
				add(c.info.TypeOf(lit))
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "new" && len(n.Args) == 1 {
				if _, ok := c.info.Uses[id].(*types.Builtin); ok {
					add(c.info.TypeOf(n.Args[0]))
				}
			}
		}
		return true
	})
	return out
}

// recordElems returns where the package changes in place the record
// that an element of type t points to ([]*Job, map[string]*Job), when
// an exported function hands out the container or one of its elements:
// its callers cannot take the lock the package changes it under, if any.
func (c *checker) recordElems(t types.Type) ast.Node {
	p, ok := types.Unalias(t).Underlying().(*types.Pointer)
	if !ok || !c.exported || mutexmodel.SelfSynchronized(p) {
		return nil
	}
	return c.inPlaceWrite(p.Elem())
}
