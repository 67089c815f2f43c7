package sliceretain

// Ownership of the operand: whether a local variable holds a large array
// that the function allocated, or received fresh from a call.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/stdlib"
	"github.com/trapvet/trapvet/internal/typematch"
)

// varIsLarge reports whether every definition of v gives it a fresh value
// (or the zero value, or a re-slice or append of itself) and at least one
// gives it a large one.
func (c *checker) varIsLarge(v *types.Var, seen map[*types.Var]bool) bool {
	if seen[v] {
		return false
	}
	if seen == nil {
		seen = make(map[*types.Var]bool)
	}
	seen[v] = true
	ds := c.defsOf(v)
	large := false
	for _, d := range ds {
		switch {
		case d.bad:
			return false
		case d.zero:
			if arr, ok := typeUnder(v.Type()).(*types.Array); ok && c.sizeAtLeast(arr) {
				large = true
			}
			continue
		case d.index >= 0:
			call, ok := ast.Unparen(d.rhs).(*ast.CallExpr)
			if !ok || !c.freshCallResult(call, d.index) {
				return false
			}
			large = true
		case code.IsNil(c.info, d.rhs):
			continue
		case c.isSelfUpdate(v, d.rhs):
			// Appending in a loop (over rows, records, lines) builds
			// an array as large as the input.
			if c.appendsInLoop(v, d.rhs) {
				large = true
			}
			continue
		case c.isLargeFresh(d.rhs, seen):
			large = true
		default:
			return false
		}
	}
	return large
}

// isLargeFresh reports whether e allocates (or returns freshly allocated)
// a large or unbounded array.
func (c *checker) isLargeFresh(e ast.Expr, seen map[*types.Var]bool) bool {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.CompositeLit:
		return c.compositeIsLarge(e)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			if lit, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok {
				if _, isArr := typeUnder(c.info.TypeOf(lit)).(*types.Array); isArr {
					return c.compositeIsLarge(lit)
				}
			}
		}
	case *ast.CallExpr:
		if c.isBuiltin(e, "make") {
			return c.makeIsLarge(e)
		}
		if c.isBuiltin(e, "new") {
			if arr, ok := typeUnder(c.info.TypeOf(e.Args[0])).(*types.Array); ok {
				return c.sizeAtLeast(arr)
			}
			return false
		}
		if tv, ok := c.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			// string(b) copies a large buffer into a string as large.
			if isString(tv.Type) && isByteOrRuneSlice(c.info.TypeOf(e.Args[0])) {
				arg := ast.Unparen(e.Args[0])
				if c.isLargeFresh(arg, seen) {
					return true
				}
				if v := c.varOf(arg); v != nil {
					return c.varIsLarge(v, seen)
				}
			}
			return false
		}
		if t, ok := c.info.TypeOf(e).(*types.Tuple); ok && t != nil {
			return false
		}
		if c.isTrim(e) && len(e.Args) > 0 && c.varOf(e.Args[0]) == nil {
			// strings.TrimSpace(string(out)) is most of a fresh string
			// that nothing else refers to.
			return c.isLargeFresh(e.Args[0], seen)
		}
		return c.freshCallResult(e, 0)
	}
	return false
}

func (c *checker) compositeIsLarge(lit *ast.CompositeLit) bool {
	switch t := typeUnder(c.info.TypeOf(lit)).(type) {
	case *types.Array:
		return c.sizeAtLeast(t)
	case *types.Slice:
		n := int64(0)
		next := int64(0)
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if tv, ok := c.info.Types[kv.Key]; ok && tv.Value != nil {
					if k, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
						next = k
					}
				}
			}
			next++
			n = max(n, next)
		}
		size, ok := c.sizeof(t.Elem())
		return ok && size*n >= c.threshold
	}
	return false
}

func (c *checker) makeIsLarge(call *ast.CallExpr) bool {
	if len(call.Args) < 2 {
		return false // make(map) or make(chan)
	}
	sl, ok := typeUnder(c.info.TypeOf(call.Args[0])).(*types.Slice)
	if !ok {
		return false
	}
	n := int64(0)
	for _, a := range call.Args[1:] {
		tv, ok := c.info.Types[a]
		if !ok || tv.Value == nil {
			return true // unbounded: the length comes at run time
		}
		k, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok {
			return false
		}
		n = max(n, k)
	}
	size, ok := c.sizeof(sl.Elem())
	return ok && size*n >= c.threshold
}

func (c *checker) sizeAtLeast(arr *types.Array) bool {
	size, ok := c.sizeof(arr.Elem())
	return ok && size*arr.Len() >= c.threshold
}

// sizeof returns the size of t, unless it depends on type parameters.
func (c *checker) sizeof(t types.Type) (int64, bool) {
	if hasTypeParam(t) || c.pass.TypesSizes == nil {
		return 0, false
	}
	return c.pass.TypesSizes.Sizeof(t), true
}

func hasTypeParam(t types.Type) bool {
	found := false
	var walk func(types.Type, int)
	walk = func(t types.Type, depth int) {
		if found || depth > 8 {
			return
		}
		switch t := types.Unalias(t).(type) {
		case *types.TypeParam:
			found = true
		case *types.Array:
			walk(t.Elem(), depth+1)
		case *types.Struct:
			for i := range t.NumFields() {
				walk(t.Field(i).Type(), depth+1)
			}
		case *types.Named:
			if t.TypeArgs().Len() > 0 {
				for a := range t.TypeArgs().Types() {
					walk(a, depth+1)
				}
			}
			walk(t.Underlying(), depth+1)
		}
	}
	walk(t, 0)
	return found
}

// freshCallResult reports whether result idx of call is a fresh buffer
// the caller owns whole: the library readers that allocate their result,
// and functions known (in this package, or through a fact) to return one.
func (c *checker) freshCallResult(call *ast.CallExpr, idx int) bool {
	fn := typematch.Callee(c.info, call)
	if fn == nil {
		return false
	}
	switch {
	case typematch.IsFunc(fn, "io", "ReadAll"), typematch.IsFunc(fn, "io/ioutil", "ReadAll", "ReadFile"),
		typematch.IsFunc(fn, "os", "ReadFile"),
		typematch.IsMethod(fn, "bufio", "Reader", "ReadBytes", "ReadString"),
		typematch.IsMethod(fn, "os/exec", "Cmd", "Output", "CombinedOutput"):
		return idx == 0
	case typematch.IsMethod(fn, "bytes", "Buffer", "Bytes", "String"),
		typematch.IsMethod(fn, "strings", "Builder", "String"):
		return idx == 0 && c.ownsLocalBuffer(call)
	}
	fn = fn.Origin()
	if res, ok := c.fresh[fn]; ok {
		return slices.Contains(res, idx)
	}
	if fn.Pkg() != c.pass.Pkg && fn.Pkg() != nil && !c.isStd(fn.Pkg().Path()) {
		// The standard library's fresh results that matter are listed
		// above; others (strings.Split, strings.Join) are sized by their
		// input, usually small.
		var f freshResults
		if c.pass.ImportObjectFact(fn, &f) {
			return slices.Contains(f.Results, idx)
		}
	}
	return false
}

// ownsLocalBuffer reports whether the receiver of a bytes.Buffer or
// strings.Builder method call is a local variable, made here, that the
// function hands to no one who could keep it.
func (c *checker) ownsLocalBuffer(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v := c.varOf(sel.X)
	if v == nil {
		return false
	}
	for _, d := range c.defsOf(v) {
		switch {
		case d.bad, d.index >= 0:
			return false
		case d.zero:
		default:
			rhs := ast.Unparen(d.rhs)
			if u, ok := rhs.(*ast.UnaryExpr); ok && u.Op == token.AND {
				rhs = ast.Unparen(u.X)
			}
			switch rhs := rhs.(type) {
			case *ast.CompositeLit:
				if len(rhs.Elts) != 0 {
					return false
				}
			case *ast.CallExpr:
				if !c.isBuiltin(rhs, "new") {
					return false
				}
			default:
				return false
			}
		}
	}
	for _, u := range c.usesOf(v) {
		p := u.Parent()
		if _, ok := p.Node().(*ast.SelectorExpr); ok {
			continue // a method call
		}
		if un, ok := p.Node().(*ast.UnaryExpr); ok && un.Op == token.AND {
			p = p.Parent()
		}
		// Handed to a writer such as fmt.Fprintf or json.NewEncoder(&b).Encode:
		// accept calls into the standard library only.
		if call, ok := p.Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) != u.Node() {
			if fn := typematch.Callee(c.info, call); fn != nil && fn.Pkg() != nil && c.isStd(fn.Pkg().Path()) {
				if _, isGo := p.Parent().Node().(*ast.GoStmt); !isGo && !c.resultKept(p) {
					continue
				}
			}
		}
		return false
	}
	return true
}

// resultKept reports whether the value of the call at cur is stored or
// returned rather than used on the spot (json.NewEncoder(&b).Encode(v)).
func (c *checker) resultKept(cur inspector.Cursor) bool {
	switch p := cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		return false
	case *ast.SelectorExpr:
		if call, ok := cur.Parent().Parent().Node().(*ast.CallExpr); ok && call.Fun == p {
			return c.resultKept(cur.Parent().Parent())
		}
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if t := c.info.TypeOf(l); t != nil && !referenceFree(t) {
				return true
			}
		}
		return false
	case *ast.IfStmt, *ast.BinaryExpr:
		return false
	}
	return true
}

// isStd reports whether path is a standard-library package.
func (c *checker) isStd(path string) bool { return stdlib.Has(path) }

// appendsInLoop reports whether e, a self-update of v, is v = append(v,
// ...) inside a loop of v's function.
func (c *checker) appendsInLoop(v *types.Var, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !c.isBuiltin(call, "append") {
		return false
	}
	fn := c.funcOf(v)
	if fn == nil {
		return false
	}
	in := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if in || n == nil || n.Pos() > e.Pos() || n.End() < e.End() {
			return false
		}
		switch n.(type) {
		case *ast.FuncLit:
			return n == fn
		case *ast.ForStmt, *ast.RangeStmt:
			in = true
		}
		return !in
	})
	return in
}
