package chancounter

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/astedit"
)

// atomicFuncs names sync/atomic's functions for each counter type the fix
// handles: a counter of another type (int, a named type) needs its
// declaration changed too, which is left to the reader.
var atomicFuncs = map[types.BasicKind]string{
	types.Int32:  "Int32",
	types.Int64:  "Int64",
	types.Uint32: "Uint32",
	types.Uint64: "Uint64",
}

// fix rewrites a local counting channel to atomic operations on its
// counter, when every piece it touches is in one place it can see: the
// channel made in one statement, drained by a go statement that does
// nothing else, and a counter nothing else writes.
func (l *countingLoop) fix(pass *analysis.Pass) (analysis.SuggestedFix, bool) {
	suffix, ok := l.fixable(pass)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	step, ok := l.stepText(pass.Fset)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	tf := pass.Fset.File(l.loop.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	file := fileOf(pass, l.loop.Pos())
	n := l.counter.Name()
	var edits []analysis.TextEdit
	for _, s := range l.sends {
		edits = append(edits, analysis.TextEdit{Pos: s.Pos(), End: s.End(),
			NewText: fmt.Appendf(nil, "atomic.Add%s(&%s, %s)", suffix, n, step)})
	}
	for _, id := range l.reads {
		edits = append(edits, analysis.TextEdit{Pos: id.Pos(), End: id.End(),
			NewText: fmt.Appendf(nil, "atomic.Load%s(&%s)", suffix, n)})
	}
	for _, s := range l.closes {
		edits = append(edits, astedit.DeleteStmt(tf, src, s))
	}
	edits = append(edits, astedit.DeleteStmt(tf, src, l.makes[0].(ast.Stmt)), astedit.DeleteStmt(tf, src, l.goStmt))
	if !astedit.Imports(file, "sync/atomic") {
		edits = append(edits, astedit.AddImport(file, "sync/atomic"))
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Count with atomic.Add%s on %s instead of channel %s", suffix, n, l.ch.Name()),
		TextEdits: edits,
	}, true
}

// fixable reports whether the rewrite is local, and the suffix of the
// atomic functions for the counter's type.
func (l *countingLoop) fixable(pass *analysis.Pass) (string, bool) {
	if l.goStmt == nil || l.written || l.ch.IsField() || l.counter.IsField() || len(l.makes) != 1 {
		return "", false
	}
	if l.ch.Parent() == nil || l.ch.Parent() == pass.Pkg.Scope() {
		return "", false // a package-level channel: other files may send
	}
	if as, ok := l.makes[0].(*ast.AssignStmt); !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 {
		return "", false
	}
	b, ok := l.counter.Type().(*types.Basic)
	if !ok {
		return "", false
	}
	suffix, ok := atomicFuncs[b.Kind()]
	if !ok {
		return "", false
	}
	file := fileOf(pass, l.loop.Pos())
	hasAtomic := astedit.Imports(file, "sync/atomic")
	for _, pos := range l.editSites() {
		if fileOf(pass, pos) != file {
			return "", false
		}
		scope := pass.Pkg.Scope().Innermost(pos)
		if scope == nil {
			return "", false
		}
		if _, obj := scope.LookupParent(l.counter.Name(), pos); obj != l.counter {
			return "", false
		}
		_, obj := scope.LookupParent("atomic", pos)
		if pn, ok := obj.(*types.PkgName); obj != nil && !(ok && hasAtomic && pn.Imported().Path() == "sync/atomic") {
			return "", false
		}
	}
	return suffix, true
}

// editSites returns the positions at which the fix writes the counter's
// name and the atomic package's.
func (l *countingLoop) editSites() []token.Pos {
	var sites []token.Pos
	for _, s := range l.sends {
		sites = append(sites, s.Pos())
	}
	for _, id := range l.reads {
		sites = append(sites, id.Pos())
	}
	return sites
}

// stepText returns what each event adds, as source text.
func (l *countingLoop) stepText(fset *token.FileSet) (string, bool) {
	var e ast.Expr
	switch {
	case l.addsRecv:
		e = l.sends[0].Value
	case l.step != nil:
		e = l.incr.(*ast.AssignStmt).Rhs[0]
	default:
		return "1", true
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, e); err != nil {
		return "", false
	}
	return buf.String(), true
}

func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}
