package loopcapture

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/goversion"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

// Analyzer reports function literals, run after their loop iteration moves
// on, that read a variable the loop changes.
//
// Its result is a *report.Findings: the lines on which it found something.
// go vet's loopclosure reports a subset of loopcapture's findings, and a
// driver running both uses the result to keep loopclosure silent there.
var Analyzer = &analysis.Analyzer{
	Name:       "loopcapture",
	Doc:        docs.Extract(doc, "loopcapture"),
	URL:        "https://github.com/trapvet/trapvet/blob/main/docs/loopcapture.md",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	ResultType: reflect.TypeOf((*report.Findings)(nil)),
	Run:        run,
}

const errgroupPath = "golang.org/x/sync/errgroup"

// kind says how a function literal outlives the statement that starts it.
type kind int

const (
	goroutine kind = iota // go, errgroup.Group.Go, sync.WaitGroup.Go: runs concurrently, can be waited for
	deferred              // defer: runs when the function returns
	subtest               // t.Run with t.Parallel: runs after the test function returns
)

func (k kind) String() string {
	switch k {
	case deferred:
		return "deferred function"
	case subtest:
		return "parallel subtest"
	}
	return "goroutine"
}

func (k kind) plural() string {
	switch k {
	case deferred:
		return "every deferred call"
	case subtest:
		return "every subtest"
	}
	return "every goroutine"
}

// A site is a function literal started so that it runs later.
type site struct {
	kind kind
	lit  *ast.FuncLit
	// node is the statement or call that starts the literal.
	node ast.Node
	// call is the call of the literal itself (go func(){}()), when its
	// arguments can be extended; nil where the signature is fixed.
	call *ast.CallExpr
	// from is the position after which the literal's reads happen late
	// (after t.Parallel for subtests; the literal's start otherwise).
	from token.Pos
}

type checker struct {
	pass *analysis.Pass
	r    *report.Reporter
	cfgs *ctrlflow.CFGs
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass: pass,
		r:    report.New(pass),
		cfgs: pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
	}
	for cur := range in.Root().Preorder((*ast.GoStmt)(nil), (*ast.DeferStmt)(nil), (*ast.CallExpr)(nil)) {
		if s, ok := c.siteOf(cur.Node()); ok {
			c.check(cur, s)
		}
	}
	return c.r.Findings(), nil
}

// siteOf recognises the statements and calls that run a function literal
// later.
func (c *checker) siteOf(n ast.Node) (site, bool) {
	info := c.pass.TypesInfo
	switch n := n.(type) {
	case *ast.GoStmt:
		if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
			return site{kind: goroutine, lit: lit, node: n, call: n.Call, from: lit.Pos()}, true
		}
	case *ast.DeferStmt:
		if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
			return site{kind: deferred, lit: lit, node: n, call: n.Call, from: lit.Pos()}, true
		}
	case *ast.CallExpr:
		callee := typematch.Callee(info, n)
		if callee == nil {
			return site{}, false
		}
		switch {
		case typematch.IsMethod(callee, errgroupPath, "Group", "Go", "TryGo"),
			typematch.IsMethod(callee, "sync", "WaitGroup", "Go"):
			if len(n.Args) == 1 {
				if lit, ok := ast.Unparen(n.Args[0]).(*ast.FuncLit); ok {
					return site{kind: goroutine, lit: lit, node: n, from: lit.Pos()}, true
				}
			}
		case typematch.IsMethod(callee, "testing", "T", "Run"):
			if len(n.Args) == 2 {
				if lit, ok := ast.Unparen(n.Args[1]).(*ast.FuncLit); ok {
					if after := parallelFrom(info, lit); after.IsValid() {
						return site{kind: subtest, lit: lit, node: n, from: after}, true
					}
				}
			}
		}
	}
	return site{}, false
}

// parallelFrom returns the end of the t.Parallel() call that makes the
// subtest literal lit run in parallel, or token.NoPos. Only a call among
// the literal's top-level statements, after its last label, counts: the
// statements after it surely run late, those before it run synchronously.
func parallelFrom(info *types.Info, lit *ast.FuncLit) token.Pos {
	params := lit.Type.Params.List
	if len(params) != 1 || len(params[0].Names) != 1 {
		return token.NoPos
	}
	t := info.Defs[params[0].Names[0]]
	if t == nil {
		return token.NoPos
	}
	from := token.NoPos
	for _, stmt := range lit.Body.List {
		if l, ok := stmt.(*ast.LabeledStmt); ok {
			from = token.NoPos
			for ok {
				stmt = l.Stmt
				l, ok = stmt.(*ast.LabeledStmt)
			}
		}
		es, ok := stmt.(*ast.ExprStmt)
		if !ok || from.IsValid() {
			continue
		}
		call, ok := es.X.(*ast.CallExpr)
		if !ok || !typematch.CallsMethod(info, call, "testing", "T", "Parallel") {
			continue
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && info.Uses[id] == t {
				from = call.End()
			}
		}
	}
	return from
}

// capture is one variable a literal reads from outside, with its uses.
type capture struct {
	v       *types.Var
	uses    []*ast.Ident
	written bool // the literal assigns the variable itself
	writes  map[*ast.Ident]bool
}

func (c *checker) check(cur inspector.Cursor, s site) {
	loops, fn := enclosingLoops(cur, s.node)
	if len(loops) == 0 {
		return
	}
	g := funcs.CFG(c.cfgs, fn)
	if g == nil {
		return
	}
	startBlock, startIndex := locate(g, s.node)
	if startBlock == nil {
		return
	}
	file := goversion.FileOf(c.pass, s.node.Pos())
	old := file != nil && !goversion.LangAtLeast(c.pass, file, goversion.Go1_22)

	var reported []*capture
	var changes []ast.Node
	waits := c.waitsFor(s)
	comms := commStmts(fn)
	for _, cp := range c.captures(s) {
		region := regionOf(cp.v, loops, old)
		if region == nil {
			continue
		}
		if s.kind == deferred && isNamedResult(cp.v, fn) {
			continue // a deferred literal reads a named result for its final value
		}
		change := c.reachesChange(g, startBlock, startIndex, region, c.newChanges(cp.v, region), waits, comms)
		if change == nil {
			continue
		}
		reported = append(reported, cp)
		changes = append(changes, change)
	}
	if len(reported) == 0 {
		return
	}
	fixes := c.fixes(cur, s, reported, loops, old, fn, file)
	for i, cp := range reported {
		loopVar := isLoopVar(c.pass.TypesInfo, cp.v, loops)
		for _, line := range usesByLine(c.pass.Fset, cp) {
			d := analysis.Diagnostic{
				Pos:     line[0].Pos(),
				End:     line[0].End(),
				Message: message(s.kind, cp, line, loopVar),
				Related: report.Related(changes[i], "%s changes here", cp.v.Name()),
			}
			if fixes != nil {
				d.SuggestedFixes = fixes
				fixes = nil
			}
			c.r.Report(d)
		}
	}
}

// usesByLine groups the uses of a capture by line: one finding per line,
// on the lines go vet's loopclosure would report.
func usesByLine(fset *token.FileSet, cp *capture) [][]*ast.Ident {
	var lines [][]*ast.Ident
	last := -1
	for _, id := range cp.uses {
		line := fset.Position(id.Pos()).Line
		if line != last {
			lines = append(lines, nil)
			last = line
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], id)
	}
	return lines
}

func message(k kind, cp *capture, uses []*ast.Ident, loopVar bool) string {
	verb := "reads"
	if allWrites(cp, uses) {
		verb = "writes"
	}
	name := cp.v.Name()
	if loopVar {
		return fmt.Sprintf("%s %s loop variable %s after the loop has changed it (%s sees the last value)", k, verb, name, k.plural())
	}
	return fmt.Sprintf("%s %s variable %s, declared outside the loop, after the loop has changed it (%s sees the last value)", k, verb, name, k.plural())
}

// allWrites reports whether every one of uses assigns the variable.
func allWrites(cp *capture, uses []*ast.Ident) bool {
	for _, id := range uses {
		if !cp.writes[id] {
			return false
		}
	}
	return true
}

// captures returns the local variables declared outside the literal that
// it refers to (after s.from), in order of first use.
func (c *checker) captures(s site) []*capture {
	info := c.pass.TypesInfo
	byVar := make(map[*types.Var]*capture)
	var list []*capture
	written := make(map[*ast.Ident]bool)
	ast.Inspect(s.lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, lhs := range n.Lhs {
					if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
						written[id] = true
					}
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				written[id] = true
			}
		case *ast.Ident:
			if n.Pos() < s.from {
				return true
			}
			v, ok := info.Uses[n].(*types.Var)
			if !ok || v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
				return true
			}
			if within(v.Pos(), s.lit) {
				return true
			}
			cp := byVar[v]
			if cp == nil {
				cp = &capture{v: v, writes: make(map[*ast.Ident]bool)}
				byVar[v] = cp
				list = append(list, cp)
			}
			cp.uses = append(cp.uses, n)
		}
		return true
	})
	// Writes inside the literal (to the captured variable) disable the
	// argument fix; note them.
	for id := range written {
		if v, ok := info.Uses[id].(*types.Var); ok && byVar[v] != nil {
			byVar[v].written = true
			byVar[v].writes[id] = true
		}
	}
	for _, cp := range list {
		sort.Slice(cp.uses, func(i, j int) bool { return cp.uses[i].Pos() < cp.uses[j].Pos() })
	}
	return list
}

// enclosingLoops returns the for and range loops whose bodies contain n,
// innermost first, up to the nearest enclosing function, which it also
// returns.
func enclosingLoops(cur inspector.Cursor, n ast.Node) (loops []ast.Stmt, fn ast.Node) {
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch l := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return loops, l
		case *ast.ForStmt:
			if within(n.Pos(), l.Body) {
				loops = append(loops, l)
			}
		case *ast.RangeStmt:
			if within(n.Pos(), l.Body) {
				loops = append(loops, l)
			}
		}
	}
	return nil, nil
}

// locate returns the live block and index of the CFG node that contains n.
func locate(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for i, m := range b.Nodes {
			if m.Pos() <= n.Pos() && n.End() <= m.End() {
				return b, i
			}
		}
	}
	return nil, 0
}

// headerVar reports whether v is declared by the header of loop (a range
// key or value, or the init statement of a three-clause loop, with :=).
func headerVar(info *types.Info, v *types.Var, loop ast.Stmt) bool {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if l.Tok != token.DEFINE {
			return false
		}
		for _, e := range []ast.Expr{l.Key, l.Value} {
			if id, ok := e.(*ast.Ident); ok && info.Defs[id] == v {
				return true
			}
		}
	case *ast.ForStmt:
		if as, ok := l.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			for _, e := range as.Lhs {
				if id, ok := e.(*ast.Ident); ok && info.Defs[id] == v {
					return true
				}
			}
		}
	}
	return false
}

// regionOf returns the outermost of loops (innermost first) across whose
// iterations v is one shared variable, or nil when v is per-iteration in
// the innermost loop. A variable declared in a loop body is per-iteration;
// so is one declared by the loop header with :=, from Go 1.22 on.
func regionOf(v *types.Var, loops []ast.Stmt, old bool) ast.Stmt {
	var region ast.Stmt
	for _, l := range loops {
		body := loopBody(l)
		if within(v.Pos(), body) {
			break
		}
		if within(v.Pos(), l) { // declared in the header
			if !old {
				break
			}
			return l
		}
		region = l
	}
	return region
}

// isLoopVar reports whether v is set by the header of one of loops: a
// range key or value, or a variable of a three-clause loop's init or post
// statement.
func isLoopVar(info *types.Info, v *types.Var, loops []ast.Stmt) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.ObjectOf(id) == v
	}
	for _, l := range loops {
		switch l := l.(type) {
		case *ast.RangeStmt:
			if (l.Key != nil && is(l.Key)) || (l.Value != nil && is(l.Value)) {
				return true
			}
		case *ast.ForStmt:
			for _, s := range []ast.Stmt{l.Init, l.Post} {
				switch s := s.(type) {
				case *ast.AssignStmt:
					for _, e := range s.Lhs {
						if is(e) {
							return true
						}
					}
				case *ast.IncDecStmt:
					if is(s.X) {
						return true
					}
				}
			}
		}
	}
	return false
}

func isNamedResult(v *types.Var, fn ast.Node) bool {
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	}
	if ft == nil || ft.Results == nil {
		return false
	}
	return within(v.Pos(), ft.Results)
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

func within(pos token.Pos, n ast.Node) bool {
	return n != nil && !reflect.ValueOf(n).IsNil() && n.Pos() <= pos && pos < n.End()
}

// changes are the places in a region where the loop changes a variable
// on every pass through them: assignments not under a condition, and range
// headers that assign it.
type changes struct {
	stmts  map[ast.Node]ast.Node       // assignment or inc/dec statement -> the assigned identifier
	ranges map[*ast.RangeStmt]ast.Node // range loop -> its key or value identifier
}

func (c *checker) newChanges(v *types.Var, region ast.Stmt) *changes {
	info := c.pass.TypesInfo
	ch := &changes{stmts: make(map[ast.Node]ast.Node), ranges: make(map[*ast.RangeStmt]ast.Node)}
	is := func(e ast.Expr) (*ast.Ident, bool) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return id, ok && info.ObjectOf(id) == v
	}
	var walk func(s ast.Stmt, cond bool)
	walkList := func(list []ast.Stmt, cond bool) {
		for _, s := range list {
			walk(s, cond)
		}
	}
	walk = func(s ast.Stmt, cond bool) {
		switch s := s.(type) {
		case *ast.BlockStmt:
			walkList(s.List, cond)
		case *ast.LabeledStmt:
			walk(s.Stmt, cond)
		case *ast.ForStmt:
			if s != region {
				walk(s.Init, cond)
			}
			walk(s.Post, cond)
			walk(s.Body, cond)
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{s.Key, s.Value} {
				if e == nil {
					continue
				}
				if id, ok := is(e); ok {
					ch.ranges[s] = id
				}
			}
			walk(s.Body, cond)
		case *ast.IfStmt:
			walk(s.Init, cond)
			walk(s.Body, true)
			walk(s.Else, true)
		case *ast.SwitchStmt:
			walk(s.Init, cond)
			for _, cc := range s.Body.List {
				walkList(cc.(*ast.CaseClause).Body, true)
			}
		case *ast.TypeSwitchStmt:
			walk(s.Init, cond)
			for _, cc := range s.Body.List {
				walkList(cc.(*ast.CaseClause).Body, true)
			}
		case *ast.SelectStmt:
			for _, cc := range s.Body.List {
				walkList(cc.(*ast.CommClause).Body, true)
			}
		case *ast.AssignStmt:
			if cond {
				return
			}
			for _, lhs := range s.Lhs {
				id, ok := is(lhs)
				if !ok {
					continue
				}
				if s.Tok == token.DEFINE && info.Defs[id] != nil {
					continue // a new variable, not an assignment
				}
				ch.stmts[s] = id
			}
		case *ast.IncDecStmt:
			if cond {
				return
			}
			if id, ok := is(s.X); ok {
				ch.stmts[s] = id
			}
		}
	}
	walk(region, false)
	return ch
}

// waits describes what makes the loop wait for a goroutine: any
// WaitGroup or errgroup Wait, or a receive from a channel the literal
// refers to (it sends on or closes it).
type waits struct {
	none  bool // the literal runs late whatever the loop waits for
	objs  map[types.Object]bool
	exprs map[string]bool
}

func (c *checker) waitsFor(s site) *waits {
	w := &waits{none: s.kind != goroutine, objs: make(map[types.Object]bool), exprs: make(map[string]bool)}
	if w.none {
		return w
	}
	info := c.pass.TypesInfo
	add := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			e, ok := n.(ast.Expr)
			if !ok {
				return true
			}
			if t := info.TypeOf(e); t == nil {
				return true
			} else if _, ok := t.Underlying().(*types.Chan); !ok {
				return true
			}
			switch e := ast.Unparen(e).(type) {
			case *ast.Ident:
				if obj := info.ObjectOf(e); obj != nil {
					w.objs[obj] = true
				}
			case *ast.SelectorExpr:
				w.exprs[types.ExprString(e)] = true
			}
			return true
		})
	}
	add(s.lit)
	if s.call != nil {
		for _, a := range s.call.Args {
			add(a)
		}
	}
	return w
}

func (w *waits) isChan(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.ObjectOf(e)
		return obj != nil && w.objs[obj]
	case *ast.SelectorExpr:
		return w.exprs[types.ExprString(e)]
	}
	return false
}

// waitsIn reports whether evaluating n blocks until a goroutine the waits
// describe has finished or signalled.
func (c *checker) waitsIn(w *waits, n ast.Node) bool {
	if w.none || n == nil {
		return false
	}
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if typematch.CallsMethod(info, n, "sync", "WaitGroup", "Wait") ||
				typematch.CallsMethod(info, n, errgroupPath, "Group", "Wait") {
				found = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && w.isChan(info, n.X) {
				found = true
			}
		}
		return !found
	})
	return found
}

// commStmts returns the communication statements of the select cases in
// fn. The CFG evaluates them all before the select chooses; each really
// happens only in its own case.
func commStmts(fn ast.Node) map[ast.Node]*ast.CommClause {
	m := make(map[ast.Node]*ast.CommClause)
	ast.Inspect(fn, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CommClause); ok && cc.Comm != nil {
			m[cc.Comm] = cc
		}
		return true
	})
	return m
}

// inRegion reports whether b belongs to the iterations of region: it is
// not the block after the loop, and what it holds lies inside the loop.
func inRegion(b *cfg.Block, region ast.Stmt) bool {
	if b.Stmt == region && (b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone) {
		return false
	}
	if len(b.Nodes) > 0 {
		return within(b.Nodes[0].Pos(), region)
	}
	return b.Stmt != nil && within(b.Stmt.Pos(), region)
}

// reachesChange looks for a path in g from just after node startIndex of
// startBlock, staying inside region and passing no wait, to a place where
// the loop changes the variable. It returns that place, or nil.
func (c *checker) reachesChange(g *cfg.CFG, startBlock *cfg.Block, startIndex int, region ast.Stmt, ch *changes, w *waits, comms map[ast.Node]*ast.CommClause) ast.Node {
	info := c.pass.TypesInfo
	// scan walks the nodes of b from index i; it returns the change found,
	// and whether control goes on to b's successors.
	scan := func(b *cfg.Block, i int) (ast.Node, bool) {
		if i == 0 {
			switch s := b.Stmt.(type) {
			case *ast.RangeStmt:
				if b.Kind == cfg.KindRangeLoop {
					if w.isChan(info, s.X) && !w.none {
						return nil, false // receives from the goroutine's channel
					}
					if id := ch.ranges[s]; id != nil {
						return id, false
					}
				}
			case *ast.CommClause:
				if b.Kind == cfg.KindSelectCaseBody {
					if c.waitsIn(w, s.Comm) {
						return nil, false
					}
					if id := ch.stmts[s.Comm]; id != nil {
						return id, false
					}
				}
			}
		}
		for _, n := range b.Nodes[i:] {
			if _, ok := comms[n]; ok {
				continue
			}
			if c.waitsIn(w, n) {
				return nil, false
			}
			if id := ch.stmts[n]; id != nil {
				return id, false
			}
		}
		return nil, true
	}
	found, goOn := scan(startBlock, startIndex+1)
	if found != nil || !goOn {
		return found
	}
	funcs.SearchBlocks(startBlock.Succs, func(b *cfg.Block) (bool, []*cfg.Block) {
		if !inRegion(b, region) {
			return false, nil
		}
		var goOn bool
		found, goOn = scan(b, 0)
		if found != nil {
			return true, nil
		}
		if goOn {
			return false, b.Succs
		}
		return false, nil
	})
	return found
}

// fixes returns the one fix for all the variables reported for a site:
// pass them as arguments where the literal is called on the spot, else
// copy them before the call. It offers none when the literal assigns a
// variable it captures (a copy would lose the write).
func (c *checker) fixes(cur inspector.Cursor, s site, caps []*capture, loops []ast.Stmt, old bool, fn ast.Node, file *ast.File) []analysis.SuggestedFix {
	if file == nil {
		return nil
	}
	for _, cp := range caps {
		if cp.written {
			return nil
		}
	}
	if s.call != nil {
		if fix, ok := c.argumentFix(s, caps, file); ok {
			return []analysis.SuggestedFix{fix}
		}
		return nil
	}
	if fix, ok := c.copyFix(cur, s, caps, loops, old, fn); ok {
		return []analysis.SuggestedFix{fix}
	}
	return nil
}

// argumentFix turns go func() {...}() into go func(v T) {...}(v).
func (c *checker) argumentFix(s site, caps []*capture, file *ast.File) (analysis.SuggestedFix, bool) {
	params := s.lit.Type.Params
	if s.call.Ellipsis.IsValid() || params == nil || !params.Closing.IsValid() {
		return analysis.SuggestedFix{}, false
	}
	if n := len(params.List); n > 0 {
		last := params.List[n-1]
		if _, variadic := last.Type.(*ast.Ellipsis); variadic || len(last.Names) == 0 {
			return analysis.SuggestedFix{}, false
		}
	}
	var decls, args, names []string
	for _, cp := range caps {
		typ, ok := c.typeExpr(cp.v.Type(), file)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		decls = append(decls, cp.v.Name()+" "+typ)
		args = append(args, cp.v.Name())
		names = append(names, cp.v.Name())
	}
	sep := func(existing bool) string {
		if existing {
			return ", "
		}
		return ""
	}
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("Pass %s as %s to the function literal", joinNames(names), plural(len(names), "an argument", "arguments")),
		TextEdits: []analysis.TextEdit{
			{Pos: params.Closing, End: params.Closing, NewText: []byte(sep(len(params.List) > 0) + strings.Join(decls, ", "))},
			{Pos: s.call.Rparen, End: s.call.Rparen, NewText: []byte(sep(len(s.call.Args) > 0) + strings.Join(args, ", "))},
		},
	}, true
}

// copyFix inserts v := v (a loop variable of a file before Go 1.22) or a
// fresh variable (vCopy := v, read by the literal instead of v) before the
// statement that starts the literal.
func (c *checker) copyFix(cur inspector.Cursor, s site, caps []*capture, loops []ast.Stmt, old bool, fn ast.Node) (analysis.SuggestedFix, bool) {
	stmt, rest := statementOf(cur)
	if stmt == nil || !within(stmt.Pos(), loopBody(loops[0])) {
		return analysis.SuggestedFix{}, false
	}
	indent, ok := c.indentOf(stmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	info := c.pass.TypesInfo
	var copies []string
	var names []string
	var edits []analysis.TextEdit
	taken := identNames(fn)
	for _, cp := range caps {
		name := cp.v.Name()
		shadow := old && isHeaderVarOf(info, cp.v, loops) && !changedIn(info, cp.v, rest, s.lit)
		if !shadow {
			name = freshName(name+"Copy", taken)
			taken[name] = true
			ast.Inspect(s.lit.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && info.Uses[id] == cp.v {
					edits = append(edits, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(name)})
				}
				return true
			})
		}
		copies = append(copies, fmt.Sprintf("%s := %s\n%s", name, cp.v.Name(), indent))
		names = append(names, fmt.Sprintf("%s := %s", name, cp.v.Name()))
	}
	edits = append(edits, analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(strings.Join(copies, ""))})
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Copy before the call (%s)", strings.Join(names, "; ")),
		TextEdits: edits,
	}, true
}

// statementOf returns the statement, directly in a block or case clause,
// that contains the node at cur, and the statements from it to the end of
// that list.
func statementOf(cur inspector.Cursor) (ast.Stmt, []ast.Stmt) {
	for c := cur; ; c = c.Parent() {
		p := c.Parent()
		if p.Node() == nil {
			return nil, nil
		}
		list, ok := funcs.StmtList(p.Node())
		if !ok {
			switch p.Node().(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				return nil, nil
			}
			continue
		}
		for i, s := range list {
			if s == c.Node() {
				return s, list[i:]
			}
		}
		return nil, nil
	}
}

// indentOf returns the white space before stmt on its line.
func (c *checker) indentOf(stmt ast.Stmt) (string, bool) {
	tf := c.pass.Fset.File(stmt.Pos())
	if tf == nil || c.pass.ReadFile == nil {
		return "", false
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return "", false
	}
	off := tf.Offset(stmt.Pos())
	start := tf.Offset(tf.LineStart(tf.Line(stmt.Pos())))
	if off > len(src) || start > off {
		return "", false
	}
	indent := string(src[start:off])
	for _, r := range indent {
		if r != ' ' && r != '\t' {
			return "", false
		}
	}
	return indent, true
}

func isHeaderVarOf(info *types.Info, v *types.Var, loops []ast.Stmt) bool {
	for _, l := range loops {
		if headerVar(info, v, l) {
			return true
		}
	}
	return false
}

// changedIn reports whether stmts, outside the literal lit, assign v or
// take its address: a shadowing copy would then change what they do.
func changedIn(info *types.Info, v *types.Var, stmts []ast.Stmt, lit *ast.FuncLit) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == v
	}
	changed := false
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return n != lit
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					changed = changed || is(lhs)
				}
			case *ast.IncDecStmt:
				changed = changed || is(n.X)
			case *ast.UnaryExpr:
				changed = changed || (n.Op == token.AND && is(n.X))
			case *ast.RangeStmt:
				changed = changed || (n.Key != nil && is(n.Key)) || (n.Value != nil && is(n.Value))
			}
			return !changed
		})
	}
	return changed
}

func identNames(n ast.Node) map[string]bool {
	m := make(map[string]bool)
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			m[id.Name] = true
		}
		return true
	})
	return m
}

func freshName(base string, taken map[string]bool) string {
	name := base
	for i := 2; taken[name] || token.IsKeyword(name); i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}

// typeExpr writes t as it must be spelled in file, or reports false when
// it cannot be (a package the file does not import, an unexported type of
// another package).
func (c *checker) typeExpr(t types.Type, file *ast.File) (string, bool) {
	ok := true
	qual := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		for _, imp := range file.Imports {
			pn := c.pass.TypesInfo.PkgNameOf(imp)
			if pn == nil || pn.Imported() != p {
				continue
			}
			switch pn.Name() {
			case "_":
				continue
			case ".":
				return ""
			}
			return pn.Name()
		}
		ok = false
		return p.Name()
	}
	s := types.TypeString(t, qual)
	return s, ok && spellable(t, c.pass.Pkg, make(map[types.Type]bool))
}

// spellable reports whether every named type in t can be named from pkg.
func spellable(t types.Type, pkg *types.Package, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg() != pkg && !obj.Exported() {
			return false
		}
		for i := 0; i < t.TypeArgs().Len(); i++ {
			if !spellable(t.TypeArgs().At(i), pkg, seen) {
				return false
			}
		}
	case *types.Alias:
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg() != pkg && !obj.Exported() {
			return false
		}
	case *types.Pointer:
		return spellable(t.Elem(), pkg, seen)
	case *types.Slice:
		return spellable(t.Elem(), pkg, seen)
	case *types.Array:
		return spellable(t.Elem(), pkg, seen)
	case *types.Chan:
		return spellable(t.Elem(), pkg, seen)
	case *types.Map:
		return spellable(t.Key(), pkg, seen) && spellable(t.Elem(), pkg, seen)
	case *types.Signature:
		return spellable(t.Params(), pkg, seen) && spellable(t.Results(), pkg, seen)
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			if !spellable(t.At(i).Type(), pkg, seen) {
				return false
			}
		}
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if !spellable(t.Field(i).Type(), pkg, seen) {
				return false
			}
		}
	case *types.Basic:
		return t.Info()&types.IsUntyped == 0 && t.Kind() != types.Invalid
	}
	return true
}

func joinNames(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
