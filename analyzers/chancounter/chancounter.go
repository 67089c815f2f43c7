package chancounter

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports channels whose only receiver counts their events.
var Analyzer = &analysis.Analyzer{
	Name:     "chancounter",
	Doc:      docs.Extract(doc, "chancounter"),
	URL:      "https://github.com/trapvet/trapvet/blob/main/docs/chancounter.md",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

// A counting loop is "for range ch { n++ }" (or n += step): the one
// receiver of a channel that only counts.
type countingLoop struct {
	loop    *ast.RangeStmt
	ch      *types.Var // the channel: a variable or a struct field
	counter *types.Var
	incr    ast.Stmt
	// step is what each event adds: the constant of n += c, or nil when
	// the loop adds the received value (n += v) or one (n++).
	step     constant.Value
	addsRecv bool // n += v, v the received value
	// goStmt is the go statement whose function literal's whole body is
	// the loop, if it is one.
	goStmt *ast.GoStmt

	// What the rest of the package does with the channel and the counter.
	sends   []*ast.SendStmt
	sent    []constant.Value // the constant of each send; nil for struct{}{}
	closes  []*ast.ExprStmt
	makes   []ast.Node // statements or keyed elements that make the channel
	reads   []*ast.Ident
	written bool // the counter is assigned or has its address taken outside the loop
	invalid bool // the channel has another use: not a counter
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	info := pass.TypesInfo
	byChan := make(map[*types.Var]*countingLoop)
	byCounter := make(map[*types.Var][]*countingLoop)
	for cur := range in.Root().Preorder((*ast.RangeStmt)(nil)) {
		l := asCountingLoop(info, cur.Node().(*ast.RangeStmt))
		if l == nil {
			continue
		}
		l.goStmt = launchedAlone(cur)
		if prev, ok := byChan[l.ch]; ok {
			if prev != nil {
				prev.invalid = true
			}
			continue // two receivers: not a counter
		}
		byChan[l.ch] = l
		byCounter[l.counter] = append(byCounter[l.counter], l)
	}
	if len(byChan) == 0 {
		return nil, nil
	}
	for cur := range in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		obj, _ := info.Uses[id].(*types.Var)
		if obj == nil {
			obj, _ = info.Defs[id].(*types.Var)
		}
		if obj == nil {
			continue
		}
		if l := byChan[obj]; l != nil {
			l.classifyChanUse(info, cur)
		}
		for _, l := range byCounter[obj] {
			l.classifyCounterUse(info, cur)
		}
	}
	r := report.New(pass)
	for _, l := range byChan {
		if !l.isCounter() {
			continue
		}
		d := analysis.Diagnostic{
			Pos:     l.loop.X.Pos(),
			End:     l.loop.X.End(),
			Message: "channel " + l.ch.Name() + " only counts events into " + l.counter.Name() + ": use an atomic counter instead",
			Related: report.Related(l.sends[0], "sent here"),
		}
		if fix, ok := l.fix(pass); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		r.Report(d)
	}
	return nil, nil
}

// asCountingLoop returns the loop as a counting loop, if it ranges over a
// channel variable or field and its body only adds to an integer.
func asCountingLoop(info *types.Info, rs *ast.RangeStmt) *countingLoop {
	ch := varOf(info, rs.X)
	if ch == nil || ch.Exported() {
		return nil
	}
	if _, ok := ch.Type().Underlying().(*types.Chan); !ok || rs.Body == nil || len(rs.Body.List) != 1 || rs.Value != nil {
		return nil
	}
	l := &countingLoop{loop: rs, ch: ch, incr: rs.Body.List[0]}
	var target ast.Expr
	switch s := l.incr.(type) {
	case *ast.IncDecStmt:
		if s.Tok != token.INC {
			return nil
		}
		target = s.X
	case *ast.AssignStmt:
		if s.Tok != token.ADD_ASSIGN || len(s.Lhs) != 1 {
			return nil
		}
		target = s.Lhs[0]
		if tv := info.Types[s.Rhs[0]]; tv.Value != nil {
			l.step = tv.Value
		} else if key, ok := rs.Key.(*ast.Ident); ok && key.Name != "_" && isIdentOf(info, s.Rhs[0], info.Defs[key]) {
			l.addsRecv = true
		} else {
			return nil
		}
	default:
		return nil
	}
	l.counter = varOf(info, target)
	if l.counter == nil || l.counter == ch {
		return nil
	}
	if b, ok := l.counter.Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
		return nil
	}
	if key, ok := rs.Key.(*ast.Ident); ok && key.Name != "_" && !l.addsRecv {
		return nil // the received value is named but not counted: it is used otherwise
	}
	return l
}

// launchedAlone returns the go statement that runs the loop at cur as the
// whole body of a function literal, if there is one.
func launchedAlone(cur inspector.Cursor) *ast.GoStmt {
	block, ok := cur.Parent().Node().(*ast.BlockStmt)
	if !ok || len(block.List) != 1 {
		return nil
	}
	lit, ok := cur.Parent().Parent().Node().(*ast.FuncLit)
	if !ok || lit.Type.Params.NumFields() != 0 {
		return nil
	}
	call, ok := cur.Parent().Parent().Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != lit {
		return nil
	}
	g, _ := cur.Parent().Parent().Parent().Parent().Node().(*ast.GoStmt)
	return g
}

// varOf returns the variable or field that e names: x, or a selector x.f.
func varOf(info *types.Info, e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := info.Uses[e].(*types.Var)
		return v
	case *ast.SelectorExpr:
		if sel := info.Selections[e]; sel != nil && sel.Kind() == types.FieldVal {
			return sel.Obj().(*types.Var)
		}
		if v, ok := info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			return v // pkg.V
		}
	}
	return nil
}

func isIdentOf(info *types.Info, e ast.Expr, obj types.Object) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && obj != nil && info.Uses[id] == obj
}

// classifyChanUse records what the expression at cur (an identifier
// naming the channel) does with it; any use but a send of a constant, the
// counting loop, close and the make that creates it marks the channel as
// not a counter.
func (l *countingLoop) classifyChanUse(info *types.Info, cur inspector.Cursor) {
	id := cur.Node().(*ast.Ident)
	expr := ast.Node(id)
	if p, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && p.Sel == id {
		cur = cur.Parent()
		expr = p
	}
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.RangeStmt:
		if p == l.loop && p.X == expr {
			return
		}
	case *ast.SendStmt:
		if p.Chan == expr {
			if v, ok := sentConstant(info, p.Value); ok {
				l.sends = append(l.sends, p)
				l.sent = append(l.sent, v)
				return
			}
		}
	case *ast.CallExpr:
		if b, ok := info.Uses[calleeIdent(p)].(*types.Builtin); ok && b.Name() == "close" {
			if stmt, ok := parent.Parent().Node().(*ast.ExprStmt); ok {
				l.closes = append(l.closes, stmt)
				return
			}
		}
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && p.Lhs[0] == expr && isMakeChan(info, p.Rhs[0]) {
			l.makes = append(l.makes, p)
			return
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 && isMakeChan(info, p.Values[0]) {
			l.makes = append(l.makes, p)
			return
		}
	case *ast.KeyValueExpr:
		if p.Key == expr && isMakeChan(info, p.Value) {
			l.makes = append(l.makes, p)
			return
		}
	case *ast.Field:
		return // the field's declaration
	}
	l.invalid = true
}

// classifyCounterUse records a use of the counter outside the loop's
// increment: a read, or a write that rules out the fix.
func (l *countingLoop) classifyCounterUse(info *types.Info, cur inspector.Cursor) {
	id := cur.Node().(*ast.Ident)
	if id.Pos() >= l.incr.Pos() && id.End() <= l.incr.End() || info.Defs[id] != nil {
		return // the increment, or the declaration
	}
	node := ast.Node(id)
	if p, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && p.Sel == id {
		cur, node = cur.Parent(), p
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if slices.Contains(p.Lhs, node.(ast.Expr)) {
			l.written = true
			if p.Tok == token.ASSIGN || p.Tok == token.DEFINE {
				return // a plain store reads nothing
			}
		}
	case *ast.KeyValueExpr:
		if p.Key == node {
			l.written = true
			return
		}
	case *ast.IncDecStmt:
		l.written = true
	case *ast.UnaryExpr:
		if p.Op == token.AND {
			l.written = true
		}
	}
	l.reads = append(l.reads, id)
}

// isCounter decides, once every use is known, whether the channel only
// counts: sends of constants, all the same when the loop adds them, and
// a counter that someone reads.
func (l *countingLoop) isCounter() bool {
	if l.invalid || len(l.sends) == 0 || len(l.reads) == 0 && !l.counter.Exported() {
		return false
	}
	if l.addsRecv {
		for _, v := range l.sent {
			if v == nil || v.Kind() != constant.Int || !constant.Compare(v, token.EQL, l.sent[0]) {
				return false
			}
		}
	}
	return true
}

// sentConstant reports whether e is a constant or an empty struct value,
// returning the constant (nil for the struct).
func sentConstant(info *types.Info, e ast.Expr) (constant.Value, bool) {
	tv := info.Types[e]
	if tv.Value != nil {
		return tv.Value, true
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok || len(lit.Elts) != 0 {
		return nil, false
	}
	st, ok := tv.Type.Underlying().(*types.Struct)
	return nil, ok && st.NumFields() == 0
}

func isMakeChan(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	b, ok := info.Uses[calleeIdent(call)].(*types.Builtin)
	return ok && b.Name() == "make"
}

func calleeIdent(call *ast.CallExpr) *ast.Ident {
	id, _ := ast.Unparen(call.Fun).(*ast.Ident)
	return id
}
