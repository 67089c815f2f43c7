package loopcapture

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
)

// Flags are the boolean local variables whose value is known at a site,
// and what the search for a change learns of them on its way.
//
// A goroutine started once, when a state flag turns on, reads a variable
// that the loop assigns only while the flag is off:
//
//	for {
//		str, err := accept(ctx)
//		if err != nil {
//			shutdown = graceCtx.Err() != nil
//			if !shutdown {
//				break
//			}
//			go sendGoAway(next) // shutdown is true here, and stays true
//			continue
//		}
//		if shutdown {
//			continue
//		}
//		next = str.ID() + 4 // never reached once shutdown is true
//	}
//
// Once the flag is known at the site, the search follows only the
// branches of if statements on the flag (if shutdown, if !shutdown) that
// agree with it; an assignment of a computed value makes it unknown again,
// and the next such if teaches it once more on each of its branches.
type flags struct {
	vars []*types.Var
	vals []flagVal // by index of vars
}

type flagVal int8

const (
	flagUnknown flagVal = iota
	flagFalse
	flagTrue
)

func valueOf(b bool) flagVal {
	if b {
		return flagTrue
	}
	return flagFalse
}

func (f flags) key() string {
	var sb strings.Builder
	for _, v := range f.vals {
		sb.WriteByte(byte('0' + v))
	}
	return sb.String()
}

func (f flags) index(v *types.Var) int {
	for i, w := range f.vars {
		if w == v {
			return i
		}
	}
	return -1
}

// with returns a copy of f with v set to val.
func (f flags) with(i int, val flagVal) flags {
	if f.vals[i] == val {
		return f
	}
	vals := append([]flagVal(nil), f.vals...)
	vals[i] = val
	return flags{vars: f.vars, vals: vals}
}

// condFlag returns the local boolean variable that cond tests, x or !x
// (in parentheses or not), and whether it is negated.
func condFlag(info *types.Info, cond ast.Expr) (*types.Var, bool) {
	neg := false
	for {
		switch e := cond.(type) {
		case *ast.ParenExpr:
			cond = e.X
			continue
		case *ast.UnaryExpr:
			if e.Op != token.NOT {
				return nil, false
			}
			neg = !neg
			cond = e.X
			continue
		case *ast.Ident:
			v, ok := info.Uses[e].(*types.Var)
			if !ok || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
				return nil, false
			}
			if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
				return nil, false
			}
			return v, neg
		}
		return nil, false
	}
}

// flagsAt returns the flags known at the site at cur, inside region: the
// condition of an if around it (if x {...site...}, or its else), and a
// guard before it in an enclosing statement list (if !x { break }) that
// no later statement before the site undoes by assigning x. A variable
// the literal itself assigns is not a flag.
func (c *checker) flagsAt(cur inspector.Cursor, s site, region ast.Stmt) flags {
	info := c.pass.TypesInfo
	var f flags
	decided := make(map[*types.Var]bool)
	byLit := assignedVars(info, s.lit)
	learn := func(v *types.Var, val bool) {
		if v == nil || decided[v] || byLit[v] {
			return
		}
		decided[v] = true
		f.vars = append(f.vars, v)
		f.vals = append(f.vals, valueOf(val))
	}
	child := cur.Node()
	for p := range cur.Enclosing() {
		n := p.Node()
		if n == child {
			continue
		}
		if n == region {
			break
		}
		switch n := n.(type) {
		case *ast.IfStmt:
			if v, neg := condFlag(info, n.Cond); v != nil {
				switch child {
				case n.Body:
					learn(v, !neg)
				case n.Else:
					learn(v, neg)
				}
			}
		case *ast.FuncLit:
			return flags{}
		}
		if list, ok := funcs.StmtList(n); ok {
			for i := len(list) - 1; i >= 0; i-- {
				st := list[i]
				if code.Encloses(st, child) || st.Pos() > child.Pos() {
					continue
				}
				if ifs, ok := st.(*ast.IfStmt); ok && ifs.Init == nil && ifs.Else == nil && funcs.LeavesList(ifs.Body) {
					if v, neg := condFlag(info, ifs.Cond); v != nil {
						learn(v, neg) // past if !x { break }, x holds
					}
				}
				for v := range assignedVars(info, st) {
					decided[v] = true // assigned after any guard before it: not known
				}
			}
		}
		child = n
	}
	return f
}

// assignedVars returns the variables n assigns (x = e, x := e) or takes
// the address of (&x), which may change them.
func assignedVars(info *types.Info, n ast.Node) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	if n == nil {
		return out
	}
	add := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.ObjectOf(id).(*types.Var); ok {
				out[v] = true
			}
		}
	}
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.AssignStmt:
			for _, l := range m.Lhs {
				add(l)
			}
		case *ast.UnaryExpr:
			if m.Op == token.AND {
				add(m.X)
			}
		}
		return true
	})
	return out
}

// afterNodes returns f as the nodes of b leave it: an assignment of true
// or false sets a flag, any other assignment makes it unknown.
func (c *checker) afterNodes(f flags, nodes []ast.Node) flags {
	if len(f.vars) == 0 {
		return f
	}
	info := c.pass.TypesInfo
	for _, n := range nodes {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			continue
		}
		for k, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				continue
			}
			v, _ := info.ObjectOf(id).(*types.Var)
			i := f.index(v)
			if i < 0 {
				continue
			}
			val := flagUnknown
			if len(as.Rhs) == len(as.Lhs) {
				if tv := info.Types[as.Rhs[k]]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
					val = valueOf(constant.BoolVal(tv.Value))
				}
			}
			f = f.with(i, val)
		}
	}
	return f
}

// follows reports whether control may go from b to its successor s with
// the flags f, and returns what it learns on the way: a successor of an
// if on a known flag that disagrees with it is not followed.
func (c *checker) follows(f flags, b, s *cfg.Block) (flags, bool) {
	if len(f.vars) == 0 || len(b.Nodes) == 0 {
		return f, true
	}
	ifs, ok := s.Stmt.(*ast.IfStmt)
	if !ok || b.Nodes[len(b.Nodes)-1] != ifs.Cond {
		return f, true
	}
	var holds bool
	switch s.Kind {
	case cfg.KindIfThen:
		holds = true
	case cfg.KindIfElse, cfg.KindIfDone:
		holds = false
	default:
		return f, true
	}
	v, neg := condFlag(c.pass.TypesInfo, ifs.Cond)
	i := f.index(v)
	if i < 0 {
		return f, true
	}
	want := valueOf(holds != neg)
	if f.vals[i] != flagUnknown && f.vals[i] != want {
		return f, false
	}
	return f.with(i, want), true
}
