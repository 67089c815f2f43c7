package fmtlog

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// fieldsSet is a fact about a function whose first result or pointer
// receiver is a struct with a logger field. Builds: the function builds
// the struct of its first result (every non-nil result is a composite
// literal, new(T), or a local made from one), a constructor; Result: the
// logger fields every non-nil result has set (&Service{Logger: l});
// Recv: the logger fields of its receiver that it sets on every path
// returning no error (a Start that builds the logger and stores it in
// s.Logger, after which it only fails with an error).
type fieldsSet struct {
	Builds       bool
	Result, Recv []string
}

func (*fieldsSet) AFact() {}

func (f *fieldsSet) String() string {
	return fmt.Sprintf("fieldsSet(builds %v, result %v, recv %v)", f.Builds, f.Result, f.Recv)
}

// fieldsAnalyzer computes fieldsSet, as facts, for every package
// fmtlog's packages import, and gives fmtlog what the package and its
// imports set. It is apart from fmtlog so that only this cheap walk of
// the declarations runs on the dependencies, and fmtlog itself only on
// the packages it reports.
var fieldsAnalyzer = &analysis.Analyzer{
	Name:       "fmtlogfields",
	Doc:        "compute which logger fields of their results and receivers functions set, for fmtlog",
	Run:        runFields,
	FactTypes:  []analysis.Fact{new(fieldsSet)},
	ResultType: reflect.TypeFor[map[*types.Func]*fieldsSet](),
}

func runFields(pass *analysis.Pass) (any, error) {
	setBy := computeFieldsSet(pass)
	for _, f := range pass.AllObjectFacts() {
		fn, ok := f.Object.(*types.Func)
		fs, isSet := f.Fact.(*fieldsSet)
		if ok && isSet && setBy[fn] == nil {
			setBy[fn] = fs
		}
	}
	return setBy, nil
}

// loggerFields returns the names of the fields of the struct t holds or
// points to whose type is one of heldLoggers.
func loggerFields(t types.Type) []string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var out []string
	for i := range st.NumFields() {
		if isHeldLogger(st.Field(i).Type()) {
			out = append(out, st.Field(i).Name())
		}
	}
	return out
}

// computeFieldsSet computes fieldsSet for the package's functions whose
// first result or pointer receiver is a struct with a logger field, and
// exports it as a fact for those whose answer is not empty.
func computeFieldsSet(pass *analysis.Pass) map[*types.Func]*fieldsSet {
	out := make(map[*types.Func]*fieldsSet)
	info := pass.TypesInfo
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			sig := fn.Signature()
			var fs fieldsSet
			if sig.Results().Len() > 0 {
				if fields := loggerFields(sig.Results().At(0).Type()); len(fields) > 0 {
					fs.Builds = builds(info, fd)
					fs.Result = resultSets(info, fd, fields)
				}
			}
			if recv := sig.Recv(); recv != nil && isPointer(recv.Type()) {
				if fields := loggerFields(recv.Type()); len(fields) > 0 {
					fs.Recv = recvSets(info, fd, recv, fields)
				}
			}
			if fs.Builds || len(fs.Result)+len(fs.Recv) > 0 {
				out[fn] = &fs
				pass.ExportObjectFact(fn, &fs)
			}
		}
	}
	return out
}

// returnsOf returns the return statements of body, outside function
// literals.
func returnsOf(body *ast.BlockStmt) []*ast.ReturnStmt {
	var out []*ast.ReturnStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			out = append(out, n)
		}
		return true
	})
	return out
}

// builds reports whether every return of fd gives as its first result
// nil or a struct it builds: a composite literal, the address of one,
// new(T), or a local of fd defined from one of those.
func builds(info *types.Info, fd *ast.FuncDecl) bool {
	n := fd.Type.Results.NumFields()
	some := false
	for _, r := range returnsOf(fd.Body) {
		if len(r.Results) != n {
			return false
		}
		e := ast.Unparen(r.Results[0])
		if code.IsNil(info, e) {
			continue
		}
		if id, ok := e.(*ast.Ident); ok {
			e = localInit(info, fd.Body, id)
		}
		if e == nil || !isBuilt(info, e) {
			return false
		}
		some = true
	}
	return some
}

// isBuilt reports whether e is a composite literal, the address of one,
// or new(T).
func isBuilt(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		id, ok := ast.Unparen(e.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		b, ok := info.Uses[id].(*types.Builtin)
		return ok && b.Name() == "new"
	}
	return false
}

// localInit returns the value a statement of body defines the local id
// names from (s := &T{}), or nil.
func localInit(info *types.Info, body *ast.BlockStmt, id *ast.Ident) ast.Expr {
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	for _, st := range body.List {
		if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) {
			for i, l := range as.Lhs {
				if lid, ok := l.(*ast.Ident); ok && info.Defs[lid] == v {
					return as.Rhs[i]
				}
			}
		}
	}
	return nil
}

// resultSets returns the fields among fields that every return of fd
// sets in its first result: a composite literal naming the field, or a
// local the body built from one or whose field a statement of the body
// sets before the return. A nil result (return nil, err) is no value to
// use.
func resultSets(info *types.Info, fd *ast.FuncDecl, fields []string) []string {
	rets := returnsOf(fd.Body)
	n := fd.Type.Results.NumFields()
	var out []string
	for _, f := range fields {
		all, some := true, false
		for _, r := range rets {
			if len(r.Results) != n {
				all = false // a bare return, or return f()
				break
			}
			e := ast.Unparen(r.Results[0])
			if code.IsNil(info, e) {
				continue
			}
			if !litSetsField(info, e, f) && !localSetsField(info, fd.Body, e, f, r.Pos()) {
				all = false
				break
			}
			some = true
		}
		if all && some {
			out = append(out, f)
		}
	}
	return out
}

// litSetsField reports whether e is a composite literal, or the address
// of one, that sets field to something other than nil.
func litSetsField(info *types.Info, e ast.Expr, field string) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	st, ok := info.TypeOf(lit).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == field {
				return !code.IsNil(info, kv.Value)
			}
			continue
		}
		if len(lit.Elts) == st.NumFields() && st.Field(i).Name() == field {
			return !code.IsNil(info, elt) // positional: T{a, l}
		}
	}
	return false
}

// localSetsField reports whether e is a local of body that a statement
// of body, before pos, defines from a composite literal setting field
// (s := &T{Logger: l}) or whose field it sets (s.Logger = l).
func localSetsField(info *types.Info, body *ast.BlockStmt, e ast.Expr, field string, pos token.Pos) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	for _, st := range body.List {
		if st.Pos() >= pos {
			break
		}
		as, ok := st.(*ast.AssignStmt)
		if !ok {
			continue
		}
		for i, lhs := range as.Lhs {
			if l, ok := lhs.(*ast.Ident); ok && info.Defs[l] == v && len(as.Rhs) == len(as.Lhs) && litSetsField(info, as.Rhs[i], field) {
				return true
			}
		}
		if assignsField(info, as, v, field) {
			return true
		}
	}
	return false
}

// assignsField reports whether as sets the field of v (v.Logger = l,
// v.Logger, err = build()) to something other than nil.
func assignsField(info *types.Info, as *ast.AssignStmt, v *types.Var, field string) bool {
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != field {
			continue
		}
		if x, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || info.Uses[x] != v {
			continue
		}
		if len(as.Rhs) == len(as.Lhs) && code.IsNil(info, as.Rhs[i]) {
			return false
		}
		return true
	}
	return false
}

// recvSets returns the fields among fields that fd sets in its receiver
// on every path that returns no error: a statement of its body (not one
// nested in a branch) assigns the field, and every return before it
// returns an error other than nil.
func recvSets(info *types.Info, fd *ast.FuncDecl, recv *types.Var, fields []string) []string {
	res := fd.Type.Results
	n := res.NumFields()
	errResult := false
	if sig, ok := info.TypeOf(fd.Name).(*types.Signature); ok && n > 0 {
		errResult = typematch.IsError(sig.Results().At(n - 1).Type())
	}
	rets := returnsOf(fd.Body)
	var out []string
	for _, f := range fields {
		i := slices.IndexFunc(fd.Body.List, func(st ast.Stmt) bool {
			as, ok := st.(*ast.AssignStmt)
			return ok && assignsField(info, as, recv, f)
		})
		if i < 0 {
			continue
		}
		at := fd.Body.List[i].Pos()
		ok := true
		for _, r := range rets {
			if r.Pos() < at && (!errResult || len(r.Results) != n || code.IsNil(info, r.Results[n-1])) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, f)
		}
	}
	return out
}

// fieldsSetBy returns what fn sets (fieldsSet), for the package's own
// functions and, from facts, for those of the packages it imports.
func (c *checker) fieldsSetBy(fn *types.Func) *fieldsSet {
	return c.setBy[fn.Origin()]
}

// fieldKey memoizes fieldSetAt.
type fieldKey struct {
	v     *types.Var
	field string
	pos   token.Pos
}

// fieldSetAt reports whether the logger field of the struct the local v
// holds or points to counts as at hand at pos. A receiver's or a
// parameter's is set (a method runs on a built value), and so is that
// of a local whose value came from where fmtlog cannot see (a range, a
// map, a dynamic call, a local reassigned or whose address is taken).
// A local the function builds (from a composite literal, new, the zero
// value, a call of a constructor: fieldsSet.Builds) has the field set
// only when it is known set at pos: the literal names it, the
// constructor returns it set (fieldsSet.Result), or a statement before pos in a block around it assigns it
// (s.Logger = l) or calls a method that sets it on every path returning
// no error (fieldsSet: s.Start()). A print in the error branch of that
// statement (if err := s.Start(); err != nil { ... }, or an if testing
// the error it assigned) is not after it, and neither is one after an
// error branch that does not end the function: the logger may be nil
// there.
func (c *checker) fieldSetAt(v *types.Var, field string, pos token.Pos) bool {
	k := fieldKey{v, field, pos}
	if set, ok := c.fieldsAt[k]; ok {
		return set
	}
	if c.fieldsAt == nil {
		c.fieldsAt = make(map[fieldKey]bool)
	}
	set := c.computeFieldSetAt(v, field, pos)
	c.fieldsAt[k] = set
	return set
}

func (c *checker) computeFieldSetAt(v *types.Var, field string, pos token.Pos) bool {
	info := c.pass.TypesInfo
	idc, ok := c.in.Root().FindByPos(v.Pos(), v.Pos()+token.Pos(len(v.Name())))
	if !ok {
		return true
	}
	if id, isID := idc.Node().(*ast.Ident); !isID || info.Defs[id] != v {
		return true
	}
	var declStmt ast.Stmt
	var init ast.Expr
	switch d := idc.Parent().Node().(type) {
	case *ast.AssignStmt:
		if d.Tok != token.DEFINE {
			return true
		}
		declStmt = d
		init = declInit(d.Lhs, d.Rhs, v, info)
	case *ast.ValueSpec:
		ds, ok := idc.Parent().Parent().Parent().Node().(*ast.DeclStmt)
		if !ok {
			return true
		}
		declStmt = ds
		lhs := make([]ast.Expr, len(d.Names))
		for i, n := range d.Names {
			lhs[i] = n
		}
		init = declInit(lhs, d.Values, v, info) // nil: the zero value
	default:
		return true // a range, a type switch: not built here
	}
	fc, ok := funcs.Enclosing(idc)
	if !ok || c.reassigned(funcs.Body(fc.Node()), v) {
		return true
	}
	cur, ok := c.in.Root().FindByPos(pos, pos)
	if !ok {
		return false
	}
	body := funcs.Body(fc.Node())
	initSets := false
	if init != nil {
		switch e := ast.Unparen(init).(type) {
		case *ast.CallExpr:
			if isBuilt(info, e) {
				break // new(T)
			}
			// A value from elsewhere (a function value's, a getter's) is
			// set, but not in the error branch of the call that returned
			// it: beside an error, a result is not to be used (opts, err :=
			// config.Load(b); if err != nil { log.Fatal(err) }, with opts
			// nil there).
			fn := typeutil.StaticCallee(info, e)
			if fn == nil {
				return c.afterSuccess(body, declStmt, cur)
			}
			f := c.fieldsSetBy(fn)
			if f == nil || !f.Builds {
				return c.afterSuccess(body, declStmt, cur)
			}
			initSets = slices.Contains(f.Result, field)
		default:
			if !isBuilt(info, e) {
				return true // a value from elsewhere
			}
			initSets = litSetsField(info, e, field)
		}
	}
	if initSets && c.afterSuccess(body, declStmt, cur) {
		return true
	}
	for a := cur; a.Parent().Node() != nil && a.Node() != fc.Node(); a = a.Parent() {
		list, ok := funcs.StmtList(a.Parent().Node())
		st, isStmt := a.Node().(ast.Stmt)
		if !ok || !isStmt {
			continue
		}
		for _, s := range list {
			if s == st {
				break
			}
			if s.Pos() > declStmt.Pos() && c.setsField(s, v, field) && c.afterSuccess(body, s, cur) {
				return true
			}
		}
	}
	return false
}

// declInit returns the expression that declares v among lhs: its own
// value, or the call whose results lhs take.
func declInit(lhs, rhs []ast.Expr, v *types.Var, info *types.Info) ast.Expr {
	for i, l := range lhs {
		if id, ok := l.(*ast.Ident); ok && info.Defs[id] == v {
			switch {
			case len(rhs) == len(lhs):
				return rhs[i]
			case len(rhs) == 1:
				return rhs[0]
			}
		}
	}
	return nil
}

// reassigned reports whether body assigns v after its declaration (v =
// x, or v redeclared by :=) or takes its address.
func (c *checker) reassigned(body *ast.BlockStmt, v *types.Var) bool {
	info := c.pass.TypesInfo
	return body == nil || funcs.Has(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.Uses[id] == v {
					return true
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[id] == v {
				return true
			}
		}
		return false
	}) || c.inLiteral(body, v)
}

// inLiteral reports whether a function literal in body assigns v.
func (c *checker) inLiteral(body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && !found {
			found = c.reassigned(lit.Body, v)
		}
		return !found
	})
	return found
}

// setsField reports whether the statement s sets v's field: it assigns
// it, or calls a method on v that sets it (fieldsSet), in its own
// expressions (not in the branches of an if).
func (c *checker) setsField(s ast.Stmt, v *types.Var, field string) bool {
	info := c.pass.TypesInfo
	var exprs []ast.Expr
	switch s := s.(type) {
	case *ast.AssignStmt:
		if assignsField(info, s, v, field) {
			return true
		}
		exprs = s.Rhs
	case *ast.ExprStmt:
		exprs = []ast.Expr{s.X}
	case *ast.IfStmt:
		if s.Init != nil && c.setsField(s.Init, v, field) {
			return true
		}
		exprs = []ast.Expr{s.Cond}
	}
	for _, e := range exprs {
		if funcs.HasCall(e, func(call *ast.CallExpr) bool {
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return false
			}
			if x, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || info.Uses[x] != v {
				return false
			}
			fn := typeutil.StaticCallee(info, call)
			if fn == nil {
				return false
			}
			f := c.fieldsSetBy(fn)
			return f != nil && slices.Contains(f.Recv, field)
		}) {
			return true
		}
	}
	return false
}

// afterSuccess reports whether the print at cur runs only after s
// succeeded: s binds no error (err := s.Start(), or an if's err :=
// s.Start()), or every if testing that error, up to cur, ends the
// function or the loop in its body, and cur is not in such an if's body
// (an if err == nil body is the success branch).
func (c *checker) afterSuccess(body *ast.BlockStmt, s ast.Stmt, cur inspector.Cursor) bool {
	info := c.pass.TypesInfo
	var errs []types.Object
	bound := s
	if ifs, ok := s.(*ast.IfStmt); ok && ifs.Init != nil {
		bound = ifs.Init
	}
	if as, ok := bound.(*ast.AssignStmt); ok {
		for _, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				if obj := info.ObjectOf(id); obj != nil && typematch.IsError(obj.Type()) {
					errs = append(errs, obj)
				}
			}
		}
	}
	if len(errs) == 0 {
		return true
	}
	testsErr := func(cond ast.Expr) bool {
		for _, e := range errs {
			if code.Uses(info, cond, e) {
				return true
			}
		}
		return false
	}
	pos := cur.Node().Pos()
	// The if statements testing the error, from s up to the print.
	bad := false
	ast.Inspect(body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if bad || !ok || ifs.Pos() < s.Pos() || ifs.Pos() > pos || !testsErr(ifs.Cond) {
			return !bad
		}
		if code.Contains(ifs.Body, pos) {
			bad = !isEqNil(info, ifs.Cond) // the error branch
		} else if code.Contains(ifs.Else, pos) {
			bad = isEqNil(info, ifs.Cond)
		} else if !isEqNil(info, ifs.Cond) && !c.endsBranch(ifs.Body) {
			bad = true // the error branch goes on to the print
		}
		return !bad
	})
	return !bad
}

// isEqNil reports whether cond is x == nil.
func isEqNil(info *types.Info, cond ast.Expr) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	return ok && be.Op == token.EQL && (code.IsNil(info, be.X) || code.IsNil(info, be.Y))
}

// endsBranch reports whether the block ends its function or its pass of
// a loop: a return, break, continue, panic, os.Exit or log.Fatal.
func (c *checker) endsBranch(b *ast.BlockStmt) bool {
	return funcs.LeavesList(b) || len(b.List) > 0 && c.abortStmt(b.List[len(b.List)-1]) == aborts
}
