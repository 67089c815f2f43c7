package lockescape

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
)

// A writePhase is the state in which every write of a map field under
// its lock happens: the body of if x.state == notRunning { ... }.
type writePhase struct {
	state *types.Var     // the field tested: x.state
	value constant.Value // the constant it equals there: notRunning
}

// leftWritePhase reports whether the method m, before its access at,
// leaves the phase in which every locked in-place write of the map field
// f happens: it assigns the phase's state field of its receiver another
// constant while holding one of f's mutexes (s.state = normal, after
// Add's s.services[id] = svc only under if s.state == notRunning). Once
// the state has left the phase, no method changes the map under the
// lock any more; later changes reach it through the method's own
// goroutine (a supervisor's Serve taking over from Add), so its accesses
// meet no locked writer. One locked write outside the phase, or tested
// against another field or value, keeps the finding.
func (c *checker) leftWritePhase(m publicMethod, f *mutexmodel.Field, at token.Pos) bool {
	ph := c.writePhaseOf(f)
	if ph == nil {
		return false
	}
	return funcs.Has(m.fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Pos() >= at || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Tok != token.ASSIGN {
			return false
		}
		sel, ok := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr)
		if !ok || c.info.Uses[sel.Sel] != ph.state || code.RootVar(c.info, sel.X, false) != m.recv {
			return false
		}
		v := c.info.Types[as.Rhs[0]].Value
		return v != nil && v.Kind() == ph.value.Kind() && !sameConstant(v, ph.value) && heldAt(m.held, f.Under, as)
	})
}

// writePhaseOf returns the phase shared by every write of the map field
// f's elements made under one of its mutexes, in any function of the
// package, or nil when one such write is outside a phase or the writes
// disagree.
func (c *checker) writePhaseOf(f *mutexmodel.Field) *writePhase {
	if c.phases == nil {
		c.phases = make(map[*types.Var]*writePhase)
	}
	if ph, ok := c.phases[f.Var]; ok {
		return ph
	}
	var ph *writePhase
	ok := true
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if fd.Body == nil || !ok {
			continue
		}
		var held map[*types.Var][]ast.Node
		for _, w := range c.writesOf(fd.Body, f.Var, false) {
			if held == nil {
				held = heldNodes(c.model.RegionsOf(fd))
			}
			if !heldAt(held, f.Under, w) {
				continue
			}
			got := c.phaseTest(fd.Body, w)
			if got == nil || ph != nil && (got.state != ph.state || !sameConstant(got.value, ph.value)) {
				ok = false
				break
			}
			ph = got
		}
	}
	if !ok {
		ph = nil
	}
	c.phases[f.Var] = ph
	return ph
}

// phaseTest returns the innermost test of body that w sits in the then
// branch of, when it compares a field with a constant (if s.state ==
// notRunning { ... w ... }).
func (c *checker) phaseTest(body *ast.BlockStmt, w ast.Node) *writePhase {
	var ph *writePhase
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || !code.Encloses(n, w) {
			return false
		}
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		if ifs, ok := n.(*ast.IfStmt); ok && code.Encloses(ifs.Body, w) {
			if got := c.fieldEquals(ifs.Cond); got != nil {
				ph = got
			}
		}
		return true
	})
	return ph
}

// fieldEquals returns the field and constant of a condition x.f == C (or
// C == x.f).
func (c *checker) fieldEquals(cond ast.Expr) *writePhase {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.EQL {
		return nil
	}
	for _, pair := range [2][2]ast.Expr{{be.X, be.Y}, {be.Y, be.X}} {
		sel, ok := ast.Unparen(pair[0]).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		v, ok := c.info.Uses[sel.Sel].(*types.Var)
		if val := c.info.Types[pair[1]].Value; ok && v.IsField() && val != nil {
			return &writePhase{state: v, value: val}
		}
	}
	return nil
}

// sameConstant reports whether two constants are of one kind and equal
// (constant.Compare panics on kinds it cannot compare).
func sameConstant(a, b constant.Value) bool {
	return a.Kind() == b.Kind() && constant.Compare(a, token.EQL, b)
}

// heldAt reports whether one of the mutexes under is held over n: a node
// of its regions (held, by mutex) encloses n.
func heldAt(held map[*types.Var][]ast.Node, under map[*types.Var]bool, n ast.Node) bool {
	for mu := range under {
		for _, h := range held[mu] {
			if code.Encloses(h, n) {
				return true
			}
		}
	}
	return false
}
