package rpctimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/typematch"
)

var sqlTypes = []string{"DB", "Tx", "Conn", "Stmt"}

// sqlNoContext maps the database/sql methods that use
// context.Background() to their context forms.
var sqlNoContext = map[string]string{
	"Query":    "QueryContext",
	"QueryRow": "QueryRowContext",
	"Exec":     "ExecContext",
	"Prepare":  "PrepareContext",
	"Begin":    "BeginTx",
	"Ping":     "PingContext",
}

var sqlWithContext = []string{"QueryContext", "QueryRowContext", "ExecContext", "PrepareContext", "BeginTx", "PingContext"}

func isSQLMethod(fn *types.Func) bool {
	for _, t := range sqlTypes {
		if typematch.IsMethod(fn, "database/sql", t, "Query", "QueryRow", "Exec", "Prepare", "Begin", "Ping") ||
			typematch.IsMethod(fn, "database/sql", t, sqlWithContext...) {
			return true
		}
	}
	return false
}

func (c *checker) checkSQL(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	if c.embeddedSQL {
		return // no network: SQLite in the process, bounded by its busy timeout
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && c.inProcessHandle(sel.X, 0) {
		return // the package's own in-process driver: no network
	}
	recv := "the database"
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		recv = types.ExprString(sel.X)
	}
	alt, ok := sqlNoContext[fn.Name()]
	if ctx, wrapper := wrapperBegin(fn); wrapper {
		if fn.Pkg() == c.pass.Pkg {
			return // the wrapper's own Begin is judged where it calls database/sql
		}
		alt, ok = contextBegin(fn), !ctx
	}
	if ok {
		if c.convenienceForm(cur, fn) {
			return // its callers chose the form without a context
		}
		sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if c.schemaSetup(cur, call, fn) || c.preparesCache(cur, call, fn) {
			return // start-up work: a migration's DDL, a statement cache
		}
		if typematch.IsMethod(fn, "database/sql", "Tx", "Query", "QueryRow", "Exec", "Prepare") && sel != nil && c.txFromBegin(sel.X, map[*types.Var]bool{}) {
			return // one defect with its Begin: bounded by BeginTx's context, or reported at Begin
		}
		c.noContext = append(c.noContext, sqlCall{call: call, recv: recv, method: fn.Name(), alt: alt, handle: c.handleOf(sel)})
		return
	}
	if len(call.Args) == 0 {
		return
	}
	ctx := call.Args[0]
	o := c.context(ctx, 0)
	if o.kind == caller {
		if !c.reportIgnoredContext(cur, ctx, o, recv+"."+fn.Name()) && c.isSink(o) {
			c.addSink(o.param, call, sink{name: recv + "." + fn.Name(), sql: true})
		}
		return
	}
	if o.kind != none || c.schemaSetup(cur, call, fn) {
		return
	}
	c.report(c.diag(cur, ctx, o, fmt.Sprintf("%s.%s is called with %s: a slow database blocks this goroutine forever", recv, fn.Name(), describe(ctx, o))))
}

// findHelpers finds this package's functions whose context result always
// has a deadline, and exports a fact for each, so that callers in this
// package and others count their results as bounded.
func (c *checker) findHelpers(in *inspector.Inspector) {
	var decls []*ast.FuncDecl
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if fd.Body == nil || contextResult(c.info, fd) < 0 {
			continue
		}
		decls = append(decls, fd)
	}
	for changed := true; changed; {
		changed = false
		for _, fd := range decls {
			fn, ok := c.info.Defs[fd.Name].(*types.Func)
			if !ok || c.helpers[fn] {
				continue
			}
			if c.alwaysReturnsDeadline(fd) {
				c.helpers[fn] = true
				changed = true
			}
		}
	}
	for fn := range c.helpers {
		c.pass.ExportObjectFact(fn, new(returnsDeadlineFact))
	}
}

// contextResult returns the index of fd's context.Context result, or -1.
func contextResult(info *types.Info, fd *ast.FuncDecl) int {
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return -1
	}
	res := fn.Signature().Results()
	for i := 0; i < res.Len(); i++ {
		if isContext(res.At(i).Type()) {
			return i
		}
	}
	return -1
}

func (c *checker) alwaysReturnsDeadline(fd *ast.FuncDecl) bool {
	idx := contextResult(c.info, fd)
	fn := c.info.Defs[fd.Name].(*types.Func)
	res := fn.Signature().Results()
	returns := 0
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			var o origin
			switch {
			case len(n.Results) == res.Len():
				o = c.context(n.Results[idx], 0)
			case len(n.Results) == 1:
				o = c.context(n.Results[0], 0) // a call returning (ctx, cancel)
			case len(n.Results) == 0 && res.At(idx).Name() != "":
				o = c.contextVar(res.At(idx), 0)
			}
			ok = o.kind == deadline
		}
		return true
	})
	return ok && returns > 0
}

// returnsDeadline reports whether fn is known to return a context with a
// deadline.
func (c *checker) returnsDeadline(fn *types.Func) bool {
	fn = fn.Origin()
	if c.helpers[fn] {
		return true
	}
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return false
	}
	return c.pass.ImportObjectFact(fn, new(returnsDeadlineFact))
}

// convenienceForm reports whether the call at cur, of callee, is made by
// the context-less form of an API that also has a context form: a
// function declaration without a context parameter that is exported with
// the name of the method it calls (a wrapper's Exec calling Stmt.Exec,
// Ping calling DB.Ping) or has a twin that takes a context (Queryx beside QueryxContext,
// Prepare beside PrepareContext or PrepareCtx, as a method of the same
// type or a function of the same package; Begin beside BeginTx, as in
// database/sql). Like database/sql's own
// DB.Query, it runs with context.Background() so that callers who want no
// deadline have a short form; its callers chose it, and are where a
// deadline belongs.
func (c *checker) convenienceForm(cur inspector.Cursor, callee *types.Func) bool {
	fc, ok := funcs.Enclosing(cur)
	if !ok {
		return false
	}
	fd, ok := fc.Node().(*ast.FuncDecl)
	if !ok {
		return false
	}
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok || takesContext(fn) {
		return false
	}
	if callee != nil && fn.Exported() && fn.Name() == callee.Name() {
		return true
	}
	var scope func(name string) types.Object
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if _, isPtr := t.(*types.Pointer); !isPtr {
			t = types.NewPointer(t)
		}
		scope = func(name string) types.Object {
			obj, _, _ := types.LookupFieldOrMethod(t, true, fn.Pkg(), name)
			return obj
		}
	} else {
		scope = fn.Pkg().Scope().Lookup
	}
	for _, name := range twinNames(fn.Name()) {
		if twin, ok := scope(name).(*types.Func); ok && takesContext(twin) {
			return true
		}
	}
	return false
}

// twinNames returns the names the context form of a function called name
// may have: name with Context, Ctx or WithContext after it, and, for a
// transaction's Begin, database/sql's own naming, Tx after Begin (BeginTx
// beside Begin, BeginTxx beside sqlx's Beginx).
func twinNames(name string) []string {
	names := []string{name + "Context", name + "Ctx", name + "WithContext"}
	if rest, ok := strings.CutPrefix(name, "Begin"); ok {
		names = append(names, "BeginTx"+rest)
	}
	return names
}

// A sqlCall is a database/sql call without a context.
type sqlCall struct {
	call              *ast.CallExpr
	recv, method, alt string
	handle            types.Object // the variable or field the call is made on, or nil
}

// handleOf returns the variable or field a call's receiver names (db in
// db.Query, s.db in s.db.Exec, s.stmts in s.stmts[k].Exec or
// (*s.stmt).Exec), or nil.
func (c *checker) handleOf(sel *ast.SelectorExpr) types.Object {
	if sel == nil {
		return nil
	}
	for e := ast.Unparen(sel.X); ; {
		switch x := e.(type) {
		case *ast.Ident:
			return c.info.Uses[x]
		case *ast.SelectorExpr:
			return c.info.Uses[x.Sel]
		case *ast.IndexExpr:
			e = ast.Unparen(x.X)
		case *ast.StarExpr:
			e = ast.Unparen(x.X)
		default:
			return nil
		}
	}
}

// reportNoContext reports the database/sql calls without a context, one
// finding for each database handle (a variable or a field) in each file,
// at its first call there, with the file's other calls on it as related
// positions: code that never passes a context to its database does so by
// habit, one defect, fixed by one change of habit, not a finding on every
// line.
func (c *checker) reportNoContext() {
	type group struct {
		first *sqlCall
		rest  []*sqlCall
	}
	// A file is one kind of code (internal/scope): grouping by file keeps
	// a test's calls from standing for production code's.
	type key struct {
		handle types.Object
		file   *token.File
	}
	var order []*group
	byHandle := make(map[key]*group)
	for i := range c.noContext {
		sc := &c.noContext[i]
		k := key{sc.handle, c.pass.Fset.File(sc.call.Pos())}
		g := byHandle[k]
		if sc.handle == nil || g == nil {
			g = &group{first: sc}
			order = append(order, g)
			if sc.handle != nil {
				byHandle[k] = g
			}
			continue
		}
		g.rest = append(g.rest, sc)
	}
	for _, g := range order {
		sc := g.first
		d := analysis.Diagnostic{
			Pos: sc.call.Pos(), End: sc.call.End(),
			Message: fmt.Sprintf("%s.%s has no context, so a slow database blocks this goroutine forever; use %s with a deadline", sc.recv, sc.method, sc.alt),
		}
		if n := len(g.rest); n > 0 {
			calls := "calls"
			if n == 1 {
				calls = "call"
			}
			d.Message += fmt.Sprintf(" (and %d more %s on %s)", n, calls, sc.handle.Name())
			for _, o := range g.rest {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: o.call.Pos(), End: o.call.End(),
					Message: fmt.Sprintf("%s.%s has no context either", o.recv, o.method)})
			}
		}
		c.report(d)
	}
}

// schemaSetup reports whether call runs a schema change (a statement
// starting CREATE, ALTER, DROP or COMMENT ON, constant or built from such
// a constant: a table, an index, a migration step), with Exec or with
// ExecContext given context.Background(), in a function that has no
// context or request
// to bound it by: start-up schema work, which runs once before the
// program serves and which a deadline would cut short in the middle of a
// long index build. The same statement where a context is at hand is
// judged as any other (pass it on).
func (c *checker) schemaSetup(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) bool {
	q := 0
	switch {
	case fn.Name() == "Exec":
	case fn.Name() == "ExecContext" && len(call.Args) > 1 && isBackgroundCall(c.info, call.Args[0]):
		q = 1 // ExecContext(context.Background(), ddl): Exec's own form
	default:
		return false
	}
	return len(call.Args) > q && c.isDDLExpr(call.Args[q]) && c.noContextAtHand(cur)
}

// isDDLExpr reports whether e is a schema statement: a constant one, or
// one built from a constant that starts like one (fmt.Sprintf("CREATE
// TABLE IF NOT EXISTS %s (...)", table), "DROP TABLE " + name).
func (c *checker) isDDLExpr(e ast.Expr) bool {
	if q, ok := code.ConstString(c.info, e); ok {
		return isDDL(q)
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		return e.Op == token.ADD && c.isDDLExpr(e.X)
	case *ast.CallExpr:
		return typematch.CallsFunc(c.info, e, "fmt", "Sprintf") && len(e.Args) > 0 && c.isDDLExpr(e.Args[0])
	}
	return false
}

// preparesCache reports whether call prepares a statement that it stores
// beyond the function (s.insertStmt, err = db.Prepare(q); *st.Stmt, err =
// db.Prepare(st.SQL)) in a function with no context or request at hand:
// a statement cache built once at start-up, before the program serves.
// A statement prepared into a local, used and closed within one call, is
// judged as any other.
func (c *checker) preparesCache(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) bool {
	if fn.Name() != "Prepare" || !c.noContextAtHand(cur) {
		return false
	}
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != call || len(as.Lhs) == 0 {
		return false
	}
	switch lhs := ast.Unparen(as.Lhs[0]).(type) {
	case *ast.SelectorExpr:
		sel := c.info.Selections[lhs]
		return sel != nil && sel.Kind() == types.FieldVal
	case *ast.StarExpr, *ast.IndexExpr:
		return true
	}
	return false
}

// noContextAtHand reports whether the function around cur has no
// context.Context or *http.Request parameter.
func (c *checker) noContextAtHand(cur inspector.Cursor) bool {
	fcur, ok := funcs.Enclosing(cur)
	if !ok {
		return false
	}
	var sig *types.Signature
	switch fn := fcur.Node().(type) {
	case *ast.FuncDecl:
		if obj, ok := c.info.Defs[fn.Name].(*types.Func); ok {
			sig = obj.Signature()
		}
	case *ast.FuncLit:
		sig, _ = c.info.TypeOf(fn).(*types.Signature)
	}
	return sig != nil && !takesContextOrRequest(sig)
}

// takesContextOrRequest reports whether a function of signature sig is
// given a context.Context or an *http.Request, which carries one.
func takesContextOrRequest(sig *types.Signature) bool {
	for p := range sig.Params().Variables() {
		t := p.Type()
		if ptr, ok := t.(*types.Pointer); ok {
			t = ptr.Elem()
		}
		if typematch.IsNamed(t, "context", "Context") || typematch.IsNamed(t, "net/http", "Request") {
			return true
		}
	}
	return false
}

// isDDL reports whether a SQL text starts, after blanks and comments,
// with CREATE, ALTER, DROP or COMMENT.
func isDDL(q string) bool {
	for {
		q = strings.TrimLeft(q, " \t\r\n;")
		switch {
		case strings.HasPrefix(q, "--"):
			i := strings.IndexByte(q, '\n')
			if i < 0 {
				return false
			}
			q = q[i+1:]
		case strings.HasPrefix(q, "/*"):
			i := strings.Index(q, "*/")
			if i < 0 {
				return false
			}
			q = q[i+2:]
		default:
			word := q
			if i := strings.IndexAny(q, " \t\r\n("); i >= 0 {
				word = q[:i]
			}
			switch strings.ToUpper(word) {
			case "CREATE", "ALTER", "DROP", "COMMENT":
				return true
			}
			return false
		}
	}
}

// opensOwnDriver reports whether the package's database/sql handles are
// its own in-process driver's: it opens a DB only with sql.OpenDB over a
// connector type of its own whose Connect makes no call (it hands back a
// connection value: a scratch DB that converts rows in memory), and never
// with sql.Open by driver name. Its statements make no network round
// trip.
func (c *checker) opensOwnDriver(in *inspector.Inspector) bool {
	own := false
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		switch {
		case typematch.CallsFunc(c.info, call, "database/sql", "Open"):
			return false
		case typematch.CallsFunc(c.info, call, "database/sql", "OpenDB") && len(call.Args) == 1:
			if !c.inProcessConnector(c.info.TypeOf(call.Args[0])) {
				return false
			}
			own = true
		}
	}
	return own
}

// inProcessConnector reports whether t (or what it points to) is a type of
// this package whose Connect method's body calls nothing.
func (c *checker) inProcessConnector(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != c.pass.Pkg {
		return false
	}
	for m := range named.Methods() {
		if m.Name() != "Connect" {
			continue
		}
		fd := c.declOf(m)
		if fd == nil || fd.Body == nil {
			return false
		}
		return !funcs.HasCall(fd.Body, func(*ast.CallExpr) bool { return true })
	}
	return false
}

// opensInProcess reports whether call opens a DB that runs in the
// process: sql.OpenDB over the package's own in-process connector
// (inProcessConnector), sql.Open with a constant driver name of an
// embedded SQLite (sql.Open("sqlite", path), the driver imported by the
// program's main), or a mock driver's constructor (db, mock, err :=
// sqlmock.New(): its answers are the expectations set on mock).
func (c *checker) opensInProcess(call *ast.CallExpr) bool {
	switch {
	case knowledge.OpensMockSQL(c.info, call):
		return true
	case typematch.CallsFunc(c.info, call, "database/sql", "OpenDB"):
		return len(call.Args) == 1 && c.inProcessConnector(c.info.TypeOf(call.Args[0]))
	case typematch.CallsFunc(c.info, call, "database/sql", "Open"):
		if len(call.Args) != 2 {
			return false
		}
		name, ok := code.ConstString(c.info, call.Args[0])
		return ok && knowledge.IsEmbeddedSQLDriverName(name)
	}
	return false
}

// inProcessHandle reports whether the database handle x only ever holds a
// DB opened in the process (opensInProcess): a field every store gives
// such a DB (nil aside), a variable every assignment does, a parameter of
// a function every call of which in the package passes such a handle, or
// a method of the package without arguments that returns such a field (a
// lazily opened scratch DB).
func (c *checker) inProcessHandle(x ast.Expr, depth int) bool {
	if depth > 3 {
		return false
	}
	opens := func(vals []value) bool {
		n := 0
		for _, v := range vals {
			if v.expr == nil {
				continue
			}
			if tv, ok := c.info.Types[v.expr]; ok && tv.IsNil() {
				continue
			}
			call, ok := ast.Unparen(v.expr).(*ast.CallExpr)
			if !ok || !c.opensInProcess(call) {
				return false
			}
			n++
		}
		return n > 0
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.SelectorExpr:
		if f, ok := c.info.Uses[x.Sel].(*types.Var); ok && f.IsField() {
			return !f.Exported() && opens(c.fieldStores[f])
		}
	case *ast.Ident:
		v, ok := c.info.Uses[x].(*types.Var)
		if !ok || c.escapes[v] {
			return false
		}
		if p, isParam := c.params[v]; isParam {
			// A handle parameter of a function every call of which the
			// package sees is what those calls pass.
			args, ok := c.callArgs(p, v)
			if !ok {
				return false
			}
			for _, a := range args {
				if !c.inProcessHandle(a, depth+1) {
					return false
				}
			}
			return true
		}
		return opens(c.assigns[v])
	case *ast.CallExpr:
		fn := typematch.Callee(c.info, x)
		if fn == nil || fn.Pkg() != c.pass.Pkg || len(x.Args) != 0 {
			return false
		}
		fd := c.declOf(fn)
		if fd == nil || fd.Body == nil {
			return false
		}
		ok, n := true, 0
		ast.Inspect(fd.Body, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if len(m.Results) != 1 || !c.inProcessHandle(m.Results[0], depth+1) {
					ok = false
				}
				n++
			}
			return ok
		})
		return ok && n > 0
	}
	return false
}
