package loopcapture

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/goversion"
	"github.com/trapvet/trapvet/internal/knowledge"
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

// kind says how a function literal outlives the statement that starts it.
type kind int

const (
	goroutine kind = iota // go, or a launcher (errgroup.Group.Go, threading.GoSafe): runs concurrently, can be waited for
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
	pass  *analysis.Pass
	r     *report.Reporter
	cfgs  *ctrlflow.CFGs
	decls funcs.Decls // the package's function declarations, built on demand
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
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			c.checkAddressHandedOn(cur, n)
		case *ast.CallExpr:
			if _, inGo := cur.Parent().Node().(*ast.GoStmt); !inGo {
				c.checkAddressToLauncher(cur, n)
			}
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
		if _, ok := knowledge.LauncherOf(info, n); ok {
			if lit, ok := ast.Unparen(knowledge.Launched(n)).(*ast.FuncLit); ok {
				return site{kind: goroutine, lit: lit, node: n, from: lit.Pos()}, true
			}
			return site{}, false
		}
		callee := typematch.Callee(info, n)
		if callee == nil {
			return site{}, false
		}
		switch {
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
	flagsByRegion := make(map[ast.Stmt]flags) // the flags known at the site, by loop
	for _, cp := range c.captures(s) {
		region := regionOf(cp.v, loops, old)
		if region == nil {
			continue
		}
		if s.kind == deferred && isNamedResult(cp.v, fn) {
			continue // a deferred literal reads a named result for its final value
		}
		if c.readsOwnElement(cur, s, cp, fn, loops, old) {
			continue // muxes[i] of a slice only appended to: this iteration's element
		}
		known, ok := flagsByRegion[region]
		if !ok {
			known = c.flagsAt(cur, s, region)
			flagsByRegion[region] = known
		}
		change := c.reachesChange(startBlock, startIndex, region, c.newChanges(cp.v, region), waits, comms, known)
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
			if code.Contains(s.lit, v.Pos()) {
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
