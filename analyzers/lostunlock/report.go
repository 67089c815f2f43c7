package lostunlock

// The report of a lock left held or unlocked with the other kind, and the
// defer fix for the first.

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/mutexmodel"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/scope"
)

func lockedWord(op mutexmodel.Op) string {
	if op.Read() {
		return "read-locked"
	}
	return "locked"
}

// A leak is a place (a return, a branch, the end of the body) that
// leaves one or more locks held.
type leak struct {
	at    ast.Node
	what  string
	locks []lockStmt
	fix   []analysis.SuggestedFix
}

// reportLeak records that at leaves l held; a second lock left held at
// the same place joins the same finding (flushLeaks), whose fix, mending
// one lock only, is then dropped.
func (c *checker) reportLeak(l lockStmt, at ast.Node, what string, fix []analysis.SuggestedFix) {
	if l.relockedBy != nil {
		fix = nil // a deferred unlock would run after the literal's Lock
	}
	for _, lk := range c.leaks {
		if lk.at.Pos() == at.Pos() {
			if !slices.ContainsFunc(lk.locks, func(o lockStmt) bool { return o.key == l.key }) {
				lk.locks = append(lk.locks, l)
				lk.fix = nil
			}
			return
		}
	}
	if c.reported[at.Pos()] {
		return
	}
	c.reported[at.Pos()] = true
	c.leaks = append(c.leaks, &leak{at, what, []lockStmt{l}, fix})
}

// flushLeaks reports the function's leaks: "return leaves A locked (it
// is unlocked on other paths); use defer A.Unlock() after Lock", or, for
// several locks, "return leaves A locked and B locked (each is unlocked
// on other paths); use defer A.Unlock() after Lock and defer B.Unlock()
// after Lock".
func (c *checker) flushLeaks() {
	for _, lk := range c.leaks {
		var held, advice []string
		var related []analysis.RelatedInformation
		for _, l := range lk.locks {
			mu := types.ExprString(l.mu)
			held = append(held, mu+" "+lockedWord(l.op))
			a := fmt.Sprintf("use defer %s.%s() after %s", mu, l.op.Release(), l.op)
			if lk.what == "continue" || lk.what == "break" || lk.what == "goto" || l.inLoop {
				a = fmt.Sprintf("call %s.%s() before %s", mu, l.op.Release(), lk.what)
			}
			if l.relockedBy != nil {
				a = fmt.Sprintf("call %s.%s() before %s", mu, l.op.Release(), lk.what)
			}
			advice = append(advice, a)
			related = append(related, report.Related(l.stmt, "%s.%s here", mu, l.op)...)
			if l.relockedBy != nil {
				related = append(related, report.Related(l.relockedBy, "the deferred function locks %s again here", mu)...)
			}
		}
		which := "it is"
		if len(held) > 1 {
			which = "each is"
		}
		end := lk.at.End()
		if ret, ok := lk.at.(*ast.ReturnStmt); ok && strings.HasPrefix(lk.what, "the end of") {
			end = ret.Return + 1 // the closing brace
		}
		msg := fmt.Sprintf("%s leaves %s (%s unlocked on other paths); %s", lk.what, joinAnd(held), which, joinAnd(advice))
		if len(lk.locks) == 1 && lk.locks[0].relockedBy != nil {
			msg = fmt.Sprintf("%s leaves %s, and the deferred function then locks it again: a deadlock; %s", lk.what, held[0], advice[0])
		}
		d := analysis.Diagnostic{
			Pos:            lk.at.Pos(),
			End:            end,
			Message:        msg,
			Related:        related,
			SuggestedFixes: lk.fix,
		}
		if c.localFail(lk) {
			c.r.ReportRule(scope.RuleLocalFail, d)
		} else {
			c.r.Report(d)
		}
	}
	c.leaks = c.leaks[:0]
}

// joinAnd joins words as a list: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func (c *checker) reportMismatch(l lockStmt, m *ast.ExprStmt) {
	if c.reported[m.Pos()] {
		return
	}
	c.reported[m.Pos()] = true
	mu := types.ExprString(l.mu)
	got, _ := mutexmodel.StmtOp(c.info, m)
	kind := "write lock"
	if l.op.Read() {
		kind = "read lock"
	}
	// A fatal error each time it runs: in a test it cannot go unseen, so
	// it is deliberate there, and the rule reports production code only.
	c.r.ReportRule(scope.RuleMismatch, analysis.Diagnostic{
		Pos:     m.Pos(),
		End:     m.End(),
		Message: fmt.Sprintf("%s.%s releases the %s taken by %s.%s (a fatal error at run time); use %s.%s()", mu, got, kind, mu, l.op, mu, l.op.Release()),
		Related: report.Related(l.stmt, "%s.%s here", mu, l.op),
	})
}

// deferFix offers to replace the manual unlocks by a deferred one, when
// that cannot change what the function does other than fix the leak: the
// lock is taken once, at the top level of the body, no other defer
// follows it, and every manual unlock immediately precedes a return whose
// results call nothing (a call might take the same lock), or ends the
// body.
func (c *checker) deferFix(body *ast.BlockStmt, l lockStmt, all []lockStmt) []analysis.SuggestedFix {
	for _, o := range all {
		if o.key == l.key && o.stmt != l.stmt {
			return nil
		}
	}
	top := false
	for _, s := range body.List {
		top = top || s == l.stmt
	}
	if !top {
		return nil
	}
	tf := c.pass.Fset.File(l.stmt.Pos())
	file := c.fileOf(l.stmt.Pos())
	if tf == nil || file == nil {
		return nil
	}
	var unlocks []*ast.ExprStmt
	ok := true
	var visit func(list []ast.Stmt)
	check := func(list []ast.Stmt) {
		for i, s := range list {
			op, mu := mutexmodel.StmtOp(c.info, s)
			if op != mutexmodel.NoOp && c.mutexes.Key(mu) == l.key && op.Releases() {
				if op != l.op.Release() || !alone(tf, file, s, list, i) {
					ok = false
					continue
				}
				last := i == len(list)-1 && isBody(list, body)
				if !last {
					if i+1 >= len(list) {
						ok = false
						continue
					}
					ret, isRet := list[i+1].(*ast.ReturnStmt)
					if !isRet || !callFree(c.info, ret) {
						ok = false
						continue
					}
				}
				unlocks = append(unlocks, s.(*ast.ExprStmt))
			}
		}
	}
	visit = func(list []ast.Stmt) {
		check(list)
		for _, s := range list {
			ast.Inspect(s, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.DeferStmt:
					if n.Pos() > l.stmt.Pos() {
						ok = false
					}
				case *ast.BlockStmt:
					check(n.List)
				case *ast.CaseClause:
					check(n.Body)
				case *ast.CommClause:
					check(n.Body)
				}
				return true
			})
		}
	}
	visit(body.List)
	if !ok || len(unlocks) == 0 {
		return nil
	}
	mu := types.ExprString(l.mu)
	indent := strings.Repeat("\t", tf.Position(l.stmt.Pos()).Column-1)
	edits := []analysis.TextEdit{{
		Pos:     l.stmt.End(),
		End:     l.stmt.End(),
		NewText: fmt.Appendf(nil, "\n%sdefer %s.%s()", indent, mu, l.op.Release()),
	}}
	for _, u := range unlocks {
		line := tf.Line(u.Pos())
		edits = append(edits, analysis.TextEdit{Pos: tf.LineStart(line), End: tf.LineStart(line + 1)})
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Defer %s.%s() after %s and drop the manual unlocks", mu, l.op.Release(), l.op),
		TextEdits: edits,
	}}
}

func isBody(list []ast.Stmt, body *ast.BlockStmt) bool {
	return len(list) > 0 && len(body.List) > 0 && &list[0] == &body.List[0]
}

// alone reports whether s is the only thing on its line, comments
// included, so that deleting the line deletes exactly s.
func alone(tf *token.File, file *ast.File, s ast.Stmt, list []ast.Stmt, i int) bool {
	line := tf.Line(s.Pos())
	if tf.Line(s.End()) != line || line >= tf.LineCount() {
		return false
	}
	if i > 0 && tf.Line(list[i-1].End()) == line {
		return false
	}
	if i+1 < len(list) && tf.Line(list[i+1].Pos()) == line {
		return false
	}
	for _, g := range file.Comments {
		for _, cm := range g.List {
			if tf.Line(cm.Pos()) <= line && line <= tf.Line(cm.End()) {
				return false
			}
		}
	}
	return true
}

// callFree reports whether the results of ret call no function (type
// conversions and len/cap aside), so evaluating them under the lock
// cannot deadlock.
func callFree(info *types.Info, ret *ast.ReturnStmt) bool {
	ok := true
	for _, e := range ret.Results {
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if tv, isType := info.Types[n.Fun]; isType && tv.IsType() {
					return true
				}
				if id, isID := ast.Unparen(n.Fun).(*ast.Ident); isID {
					if b, isB := info.Uses[id].(*types.Builtin); isB && (b.Name() == "len" || b.Name() == "cap") {
						return true
					}
				}
				ok = false
			}
			return ok
		})
	}
	return ok
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// localFail reports whether the leak is a return of a non-nil error that
// leaves only mutexes declared in the function held (rule
// lostunlock.localfail): in a test or its harness, a failed check.
func (c *checker) localFail(lk *leak) bool {
	ret, ok := lk.at.(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 {
		return false
	}
	last := ret.Results[len(ret.Results)-1]
	if t := c.info.TypeOf(last); t == nil || !types.Identical(t, types.Universe.Lookup("error").Type()) {
		return false
	}
	if tv, ok := c.info.Types[last]; !ok || tv.IsNil() {
		return false
	}
	for _, l := range lk.locks {
		if !l.local {
			return false
		}
	}
	return true
}
