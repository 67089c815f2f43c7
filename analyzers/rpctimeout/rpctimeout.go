package rpctimeout

import (
	_ "embed"
	"flag"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

const (
	grpcPath = "google.golang.org/grpc"
	zrpcPath = "github.com/zeromicro/go-zero/zrpc"
)

// Analyzer reports network calls that have no deadline.
var Analyzer = &analysis.Analyzer{
	Name:      "rpctimeout",
	Doc:       docs.Extract(doc, "rpctimeout"),
	URL:       "https://github.com/trapvet/trapvet/blob/main/docs/rpctimeout.md",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	Run:       run,
	Flags:     flags(),
	FactTypes: []analysis.Fact{new(returnsDeadlineFact), new(sendsRequestFact), new(ctxSinkFact), new(copiesWithContextFact)},
}

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("rpctimeout", flag.ExitOnError)
	fs.Bool("strict", false, "also require a deadline on contexts from *http.Request.Context() and on the context parameters of HTTP handlers")
	fs.Bool("tests", false, "also report in _test.go files (the spelling before -rpctimeout.scope, which it extends with test)")
	return *fs
}

func boolFlag(a *analysis.Analyzer, name string) bool {
	f := a.Flags.Lookup(name)
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

// returnsDeadlineFact marks a function whose context.Context result always
// carries a deadline (a helper wrapping context.WithTimeout).
type returnsDeadlineFact struct{}

func (*returnsDeadlineFact) AFact()         {}
func (*returnsDeadlineFact) String() string { return "returnsDeadline" }

// value is one value stored into a variable or field: the expression, and
// for a multi-value call the index of the result stored.
type value struct {
	expr  ast.Expr
	index int
}

type fieldKey struct {
	base  *types.Var
	field *types.Var
}

type param struct {
	fn *ast.FuncType
	id *ast.Ident
}

// checker holds what one pass knows about the package.
type checker struct {
	pass   *analysis.Pass
	info   *types.Info
	r      *report.Reporter
	strict bool
	// noContext are the database/sql calls without a context, reported
	// once per database handle (reportNoContext).
	noContext []sqlCall

	assigns        map[*types.Var][]value            // values stored into each variable
	escapes        map[*types.Var]bool               // address taken, or set by range
	params         map[*types.Var]param              // parameters of functions and literals
	fieldAssigns   map[fieldKey][]value              // x.f = e, by variable x and field f
	fieldStores    map[*types.Var][]value            // every store into a field, in the package
	helpers        map[*types.Func]bool              // this package's deadline helpers
	busy           map[any]bool                      // classifications in progress
	reported       map[token.Pos]bool                // NewRequest calls already reported
	zrpc           bool                              // the package depends on go-zero's zrpc
	defaultTimed   bool                              // the package sets http.DefaultClient.Timeout
	funcs          map[*ast.FuncType]ast.Node        // function types to their declarations or literals
	tuples         map[*ast.CallExpr][]*types.Var    // the variables a multi-value call is assigned to
	fieldMutated   map[*types.Var]bool               // fields f stored through: x.f.g = e
	cancelEscapes  map[*types.Var]bool               // cancel functions used other than by calling them
	fieldAddrTaken map[*types.Var]bool               // fields whose address is taken (&x.f)
	goLits         []*ast.FuncLit                    // function literals started by go statements
	senders        map[*types.Func]*sendsRequestFact // this package's functions that send a request parameter
	copiers        map[*types.Func]bool              // this package's methods that return a copy of their receiver with a context
	sinks          map[*types.Func]map[int]sink      // context parameters that alone bound a network call
	in             *inspector.Inspector
	serves         *bool                               // the package starts a server (servesAny), computed on demand
	embeddedSQL    bool                                // the package's database/sql calls go to an embedded SQLite
	uses           map[types.Object][]inspector.Cursor // the uses of functions and function variables, built on demand (txFromBegin)
	ifaceMethods   map[string]bool                     // the method names of the package's interfaces, built on demand
	decls          funcs.Decls                         // the package's function declarations, built on demand
}

func run(pass *analysis.Pass) (any, error) {
	if !typematch.Imports(pass.Pkg, "context", "net/http", "database/sql") && !importsTransitively(pass.Pkg, grpcPath) {
		return nil, nil
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:           pass,
		info:           pass.TypesInfo,
		r:              report.New(pass),
		strict:         boolFlag(pass.Analyzer, "strict"),
		assigns:        make(map[*types.Var][]value),
		escapes:        make(map[*types.Var]bool),
		params:         make(map[*types.Var]param),
		fieldAssigns:   make(map[fieldKey][]value),
		fieldStores:    make(map[*types.Var][]value),
		helpers:        make(map[*types.Func]bool),
		busy:           make(map[any]bool),
		reported:       make(map[token.Pos]bool),
		funcs:          make(map[*ast.FuncType]ast.Node),
		tuples:         make(map[*ast.CallExpr][]*types.Var),
		fieldMutated:   make(map[*types.Var]bool),
		cancelEscapes:  make(map[*types.Var]bool),
		fieldAddrTaken: make(map[*types.Var]bool),
		senders:        make(map[*types.Func]*sendsRequestFact),
		sinks:          make(map[*types.Func]map[int]sink),
		copiers:        make(map[*types.Func]bool),
	}
	c.zrpc = importsTransitively(pass.Pkg, zrpcPath)
	c.in = in
	c.collect(in)
	c.embeddedSQL = knowledge.IsEmbeddedSQL(pass.Pkg) || typematch.Imports(pass.Pkg, "database/sql") && c.opensOwnDriver(in)
	c.findHelpers(in)
	c.exportContextCopiers(in)
	if typematch.Imports(pass.Pkg, "net/http") {
		c.findRequestSenders(in)
	}

	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		// Every call is checked, whatever kind of code it is in: a call
		// in test support still makes its function's context the only
		// deadline of a network call (a fact importers are reported on),
		// and the Reporter drops the findings of the kinds not reported.
		call := cur.Node().(*ast.CallExpr)
		fn := typematch.Callee(c.info, call)
		if fn == nil {
			continue
		}
		c.checkDroppedContextCopy(cur, call, fn)
		if fn.Pkg() == pass.Pkg && !isGRPCCall(fn) {
			// net/http's and database/sql's own convenience forms
			// (http.Get, DB.Query) call their context forms with
			// context.Background(): their callers are reported instead.
			continue
		}
		switch {
		case isGRPCCall(fn):
			c.checkGRPC(cur, call, fn)
		case typematch.IsFunc(fn, "net/http", "NewRequest"):
			c.checkNewRequest(cur, call)
		case typematch.IsFunc(fn, "net/http", "Get", "Head", "Post", "PostForm"):
			c.checkHTTPFunc(call, fn)
		case typematch.IsMethod(fn, "net/http", "Client", "Do", "Get", "Head", "Post", "PostForm"):
			c.checkHTTPClient(cur, call, fn)
		case isSQLMethod(fn) || isWrapperBegin(fn):
			c.checkSQL(cur, call, fn)
		}
	}
	c.reportNoContext()
	c.propagateSinks(in)
	c.exportSinks()
	// A second walk, once every sink of the package is known: the calls
	// that give a sink context.Background().
	seen := make(map[*types.Var]*analysis.Diagnostic)
	var pending []*analysis.Diagnostic
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if fn := typematch.Callee(c.info, call); fn != nil && takesContext(fn) && !c.convenienceForm(cur, fn) {
			pending = append(pending, c.checkSinkCall(cur, call, fn, seen)...)
		}
	}
	for _, d := range pending {
		c.report(*d)
	}
	return nil, nil
}

// importsTransitively reports whether pkg depends on path.
func importsTransitively(pkg *types.Package, path string) bool {
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package) bool
	visit = func(p *types.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		if typematch.PathIs(p.Path(), path) {
			return true
		}
		for _, imp := range p.Imports() {
			if visit(imp) {
				return true
			}
		}
		return false
	}
	return visit(pkg)
}

// collect records, for the whole package, every value stored into a
// variable or a field, the variables whose address is taken, and the
// parameters of every function.
func (c *checker) collect(in *inspector.Inspector) {
	filter := []ast.Node{
		(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil),
		(*ast.UnaryExpr)(nil), (*ast.CompositeLit)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil),
		(*ast.Ident)(nil), (*ast.GoStmt)(nil),
	}
	for cur := range in.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				c.goLits = append(c.goLits, lit)
			}
		case *ast.Ident:
			if v, ok := c.info.Uses[n].(*types.Var); ok && isCancelFunc(v.Type()) && !calledInPlace(cur, v) {
				c.cancelEscapes[v] = true
			}
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
				continue
			}
			if len(n.Rhs) == 1 && len(n.Lhs) > 1 {
				if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok {
					for _, lhs := range n.Lhs {
						c.tuples[call] = append(c.tuples[call], c.varOrFieldOf(lhs))
					}
				}
			}
			for i, lhs := range n.Lhs {
				var v value
				switch {
				case len(n.Lhs) == len(n.Rhs):
					v = value{n.Rhs[i], -1}
				case len(n.Rhs) == 1:
					v = value{n.Rhs[0], i}
				default:
					continue
				}
				// *req = *r2 replaces all of the value, its context too.
				if star, ok := ast.Unparen(lhs).(*ast.StarExpr); ok {
					if pv := c.varOf(star.X); pv != nil {
						c.escapes[pv] = true
					}
				}
				c.store(lhs, v)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				obj, ok := c.info.Defs[name].(*types.Var)
				if !ok {
					continue
				}
				switch {
				case len(n.Values) == len(n.Names):
					c.assigns[obj] = append(c.assigns[obj], value{n.Values[i], -1})
				case len(n.Values) == 1:
					c.assigns[obj] = append(c.assigns[obj], value{n.Values[0], i})
					if call, ok := ast.Unparen(n.Values[0]).(*ast.CallExpr); ok {
						c.tuples[call] = append(c.tuples[call], obj)
					}
				default:
					c.assigns[obj] = append(c.assigns[obj], value{nil, -1}) // zero value
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if v := c.varOf(e); v != nil {
					c.escapes[v] = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op != token.AND {
				continue
			}
			if v := c.varOf(n.X); v != nil {
				c.escapes[v] = true
			}
			// &x.f lets anyone change the field.
			if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok {
				if v := c.varOf(sel.X); v != nil {
					c.escapes[v] = true
				}
				if f, ok := c.info.Uses[sel.Sel].(*types.Var); ok && f.IsField() {
					c.fieldAddrTaken[f] = true
				}
			}
		case *ast.CompositeLit:
			st, ok := typeOfLit(c.info, n).(*types.Struct)
			if !ok {
				continue
			}
			for i, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						if f, ok := c.info.ObjectOf(id).(*types.Var); ok && f.IsField() {
							c.fieldStores[f] = append(c.fieldStores[f], value{kv.Value, -1})
						}
					}
				} else if i < st.NumFields() {
					f := st.Field(i)
					c.fieldStores[f] = append(c.fieldStores[f], value{elt, -1})
				}
			}
		case *ast.FuncDecl:
			c.funcs[n.Type] = n
			c.addParams(n.Type, n.Recv)
			c.addParams(n.Type, n.Type.Params)
		case *ast.FuncLit:
			c.funcs[n.Type] = n
			c.addParams(n.Type, n.Type.Params)
		}
	}
}

func (c *checker) addParams(ft *ast.FuncType, fields *ast.FieldList) {
	if fields == nil {
		return
	}
	for _, f := range fields.List {
		for _, name := range f.Names {
			if v, ok := c.info.Defs[name].(*types.Var); ok {
				c.params[v] = param{fn: ft, id: name}
			}
		}
	}
}

// store records v as stored into lhs.
func (c *checker) store(lhs ast.Expr, v value) {
	switch lhs := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if obj, ok := c.info.ObjectOf(lhs).(*types.Var); ok {
			c.assigns[obj] = append(c.assigns[obj], v)
		}
	case *ast.SelectorExpr:
		s, ok := c.info.Selections[lhs]
		if !ok || s.Kind() != types.FieldVal {
			return
		}
		f, _ := s.Obj().(*types.Var)
		c.fieldStores[f] = append(c.fieldStores[f], v)
		if typematch.IsNamed(s.Recv(), "net/http", "Client") {
			if id, ok := ast.Unparen(lhs.X).(*ast.SelectorExpr); ok {
				if dv, ok := c.info.Uses[id.Sel].(*types.Var); ok && isDefaultClient(dv) {
					c.defaultTimed = true
				}
			}
		}
		// x.f.g = e changes the value held in field f.
		if inner, ok := ast.Unparen(lhs.X).(*ast.SelectorExpr); ok {
			if is, ok := c.info.Selections[inner]; ok && is.Kind() == types.FieldVal {
				if f, ok := is.Obj().(*types.Var); ok {
					c.fieldMutated[f] = true
				}
			}
		}
		if base := c.varOf(lhs.X); base != nil && len(s.Index()) == 1 {
			k := fieldKey{base, f}
			c.fieldAssigns[k] = append(c.fieldAssigns[k], v)
		}
	}
}

// varOrFieldOf returns the variable e names, or the field x.f selects.
func (c *checker) varOrFieldOf(e ast.Expr) *types.Var {
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
		if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.FieldVal {
			f, _ := s.Obj().(*types.Var)
			return f
		}
		return nil
	}
	return c.varOf(e)
}

// varOf returns the variable e names, if any.
func (c *checker) varOf(e ast.Expr) *types.Var {
	if e == nil {
		return nil
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.info.ObjectOf(id).(*types.Var)
	return v
}

func isDefaultClient(v *types.Var) bool {
	return v.Name() == "DefaultClient" && v.Pkg() != nil && typematch.PathIs(v.Pkg().Path(), "net/http")
}

// hasFieldAssigns reports whether the function stores into any field of v
// (c.Timeout = d), which the classifications of literals do not follow.
func (c *checker) hasFieldAssigns(v *types.Var) bool {
	for k := range c.fieldAssigns {
		if k.base == v {
			return true
		}
	}
	return false
}

// boundsRequest reports whether the function stores into a field of the
// *http.Request variable v that can end the request: only Cancel (a
// deprecated channel) can. Its other fields (ContentLength, Header,
// Host, ...) attach no context: the request keeps the one it was made
// with.
func (c *checker) boundsRequest(v *types.Var) bool {
	for k := range c.fieldAssigns {
		if k.base == v && k.field.Name() == "Cancel" {
			return true
		}
	}
	return false
}

// ctxParamInScope returns the name of a context.Context parameter of the
// function enclosing cur that the name still refers to at pos.
func (c *checker) ctxParamInScope(cur inspector.Cursor, pos token.Pos) string {
	return c.enclosingCtxParam(cur, pos, false)
}

// enclosingCtxParam returns the name of the first context.Context
// parameter, of the functions enclosing cur from the innermost out, that
// the name still refers to at pos; with stopAtGo, it does not look past
// a function literal started by a go statement.
func (c *checker) enclosingCtxParam(cur inspector.Cursor, pos token.Pos, stopAtGo bool) string {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if name := c.ctxParamOf(funcs.Type(fc.Node()), pos); name != "" {
			return name
		}
		if !stopAtGo {
			continue
		}
		if _, ok := fc.Parent().Node().(*ast.CallExpr); ok {
			if _, ok := fc.Parent().Parent().Node().(*ast.GoStmt); ok {
				return ""
			}
		}
	}
	return ""
}

func isContext(t types.Type) bool {
	return typematch.IsNamed(t, "context", "Context")
}

func isCancelFunc(t types.Type) bool {
	return typematch.IsNamed(t, "context", "CancelFunc") || typematch.IsNamed(t, "context", "CancelCauseFunc")
}

// calledInPlace reports whether the use of the cancel function v at cur
// is a plain call or deferred call in the function that declares v: then
// only that function's own return ends the context. Any other use (a
// timer, a goroutine, a store) may cancel the context at any time.
func calledInPlace(cur inspector.Cursor, v *types.Var) bool {
	parent := cur.Parent()
	if sel, ok := parent.Node().(*ast.SelectorExpr); ok && sel.Sel == cur.Node() && v.IsField() {
		// c.stop() of a cancel kept in a field: called by whichever
		// method shuts the value down, which is no deadline.
		if as, ok := parent.Parent().Node().(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if l == sel {
					return true // the store itself
				}
			}
		}
		call, ok := parent.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != sel {
			return false
		}
		switch parent.Parent().Parent().Node().(type) {
		case *ast.ExprStmt, *ast.DeferStmt:
			return true
		}
		return false
	}
	call, ok := parent.Node().(*ast.CallExpr)
	if !ok || call.Fun != cur.Node() {
		return false
	}
	switch parent.Parent().Node().(type) {
	case *ast.ExprStmt, *ast.DeferStmt:
	default:
		return false
	}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		n := fc.Node()
		return n.Pos() <= v.Pos() && v.Pos() < n.End()
	}
	return false
}
