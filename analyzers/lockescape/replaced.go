package lockescape

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/mutexmodel"
)

// A backgroundWrite is a field that a goroutine the package starts and
// does not wait for assigns while holding a write lock.
type backgroundWrite struct {
	mutex *types.Var
	// starter is the function whose go statement starts the goroutine.
	starter string
}

// maxBackgroundDepth bounds how far calls are followed from a goroutine's
// function: a refresher calling its refresh method, which assigns the
// cache, is two steps.
const maxBackgroundDepth = 3

// backgroundWrites returns the fields of the package's structs that a
// goroutine started by the package, and not waited for by the function
// starting it, assigns while holding a write lock of their mutex (a cache
// refresher replacing c.items under c.mu.Lock() every minute), and the
// function nodes such goroutines run. Such a goroutine runs while callers
// use the value, so every access of the field without the lock races with
// it.
func (c *checker) backgroundWrites() (map[*types.Var]backgroundWrite, map[ast.Node]bool) {
	writes := make(map[*types.Var]backgroundWrite)
	runs := make(map[ast.Node]bool)
	for cur := range c.in.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		if strings.HasSuffix(c.pass.Fset.File(g.Pos()).Name(), "_test.go") {
			continue
		}
		fc, ok := funcs.Enclosing(cur)
		if !ok || waitsAfter(c.info, fc.Node(), g) {
			continue // fan-out joined before the starter returns
		}
		name := funcs.Name(fc.Node())
		var start ast.Node
		if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
			start = lit
		} else if fn := typeutil.StaticCallee(c.info, g.Call); fn != nil {
			if fd := c.funcDecl(fn.Origin()); fd != nil {
				start = fd
			}
		}
		if start == nil {
			continue
		}
		c.followBackground(start, 0, name, runs, writes)
	}
	return writes, runs
}

// followBackground records what the function node n, run by a background
// goroutine started in starter, and the package's functions it calls
// assign under a write lock.
func (c *checker) followBackground(n ast.Node, depth int, starter string, runs map[ast.Node]bool, writes map[*types.Var]backgroundWrite) {
	if runs[n] {
		return
	}
	runs[n] = true
	body := funcs.Body(n)
	if body == nil {
		return
	}
	for _, r := range c.model.RegionsOf(n) {
		if r.Op != mutexmodel.Lock {
			continue
		}
		r.Nodes(func(held ast.Node) {
			var lhs []ast.Expr
			switch s := held.(type) {
			case *ast.AssignStmt:
				lhs = s.Lhs
			case *ast.IncDecStmt:
				lhs = []ast.Expr{s.X}
			}
			for _, e := range lhs {
				if f := assignedField(c.info, r, e); f != nil {
					if _, seen := writes[f]; !seen {
						writes[f] = backgroundWrite{mutex: r.Mutex, starter: starter}
					}
				}
			}
		})
	}
	if depth == maxBackgroundDepth {
		return
	}
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			c.followBackground(x, depth+1, starter, runs, writes)
			return false
		case *ast.CallExpr:
			if fn := typeutil.StaticCallee(c.info, x); fn != nil {
				if fd := c.funcDecl(fn.Origin()); fd != nil {
					c.followBackground(fd, depth+1, starter, runs, writes)
				}
			}
		}
		return true
	})
}

// assignedField returns the field of the region's struct that an
// assignment to e replaces: c.f for c.f = v, and the struct field c.s for
// c.s.f = v when c.s is a struct value. Writes through a pointer or into
// a map or slice element replace no field of the struct.
func assignedField(info *types.Info, r *mutexmodel.Region, e ast.Expr) *types.Var {
	if f := r.FieldOf(info, e); f != nil {
		return f
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	f := r.FieldOf(info, sel.X)
	if f == nil {
		return nil
	}
	if _, isStruct := f.Type().Underlying().(*types.Struct); !isStruct {
		return nil
	}
	return f
}

// waitsAfter reports whether the function fn calls a Wait method (a
// sync.WaitGroup's, an errgroup.Group's) after the go statement g: a
// fan-out whose goroutines end before fn returns.
func waitsAfter(info *types.Info, fn ast.Node, g *ast.GoStmt) bool {
	return funcs.HasCall(fn, func(call *ast.CallExpr) bool {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && call.Pos() > g.End() && sel.Sel.Name == "Wait" && info.Selections[sel] != nil
	})
}

// checkReplacedFields reports an exported method that reads or writes a
// field without holding the mutex under which a background goroutine of
// the package assigns it (backgroundWrites): a data race with every
// assignment the goroutine makes.
func (c *checker) checkReplacedFields(m publicMethod, writes map[*types.Var]backgroundWrite) bool {
	reported := false
	ast.Inspect(m.fd.Body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || reported {
			return false
		}
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		f := c.recvField(sel, m.recv)
		if f == nil {
			return true
		}
		w, ok := writes[f]
		if !ok {
			return true
		}
		for _, h := range m.held[w.mutex] {
			if code.Encloses(h, sel) {
				return true
			}
		}
		reported = true
		c.r.Report(analysis.Diagnostic{
			Pos: sel.Pos(), End: sel.End(),
			Message: fmt.Sprintf("%s reads %s without holding %s, under which the goroutine started in %s assigns it: a data race",
				m.fd.Name.Name, types.ExprString(sel), m.recv.Name()+"."+w.mutex.Name(), w.starter),
		})
		return false
	})
	return reported
}

// recvField returns the field sel selects directly on the receiver recv.
func (c *checker) recvField(sel *ast.SelectorExpr, recv *types.Var) *types.Var {
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || c.info.Uses[id] != recv {
		return nil
	}
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return nil
	}
	v, _ := s.Obj().(*types.Var)
	if v == nil {
		return nil
	}
	return v.Origin()
}
