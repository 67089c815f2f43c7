package anymap

// Decoded maps returned through function results: a client method that
// decodes a response into map[string]any and returns it hands its caller
// a decode, across packages through the DecodesResult fact.

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/typematch"
)

// exportDecodesResult exports a DecodesResult fact for fd when every
// return statement gives, at some result, either nil or a local variable
// of a dynamic type that the function decodes into and assigns nowhere
// else. It reports whether the fact is new.
func exportDecodesResult(pass *analysis.Pass, pkg *pkgInfo, fd *ast.FuncDecl) bool {
	fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return false
	}
	res := fn.Signature().Results()
	if res.Len() == 0 {
		return false
	}
	decoded := decodedLocals(pass, pkg, fd)
	if len(decoded) == 0 {
		return false
	}
	var out []int
	for i := range res.Len() {
		if !isDynamic(res.At(i).Type()) {
			continue
		}
		if returnsDecoded(pass, fd, i, res.Len(), decoded) {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		return false
	}
	yaml := slices.ContainsFunc(pkg.sites[fd.Body], func(call *ast.CallExpr) bool {
		return len(decodeTarget(pass, call)) > 0 && decodesYAML(pass, call)
	})
	var old DecodesResult
	if pass.ImportObjectFact(fn, &old) && slices.Equal(old.Results, out) && old.YAML == yaml {
		return false
	}
	pass.ExportObjectFact(fn, &DecodesResult{Results: out, YAML: yaml})
	return true
}

// decodedLocals returns fd's local variables of dynamic type that a
// decode fills and that are assigned only by their declaration.
func decodedLocals(pass *analysis.Pass, pkg *pkgInfo, fd *ast.FuncDecl) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	for _, call := range pkg.sites[fd.Body] {
		for _, t := range decodeTarget(pass, call) {
			id := addrOfIdent(t)
			if id == nil {
				continue
			}
			if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok && !v.IsField() && !typematch.IsPackageLevel(v) && isDynamic(v.Type()) {
				out[v] = true
			}
		}
	}
	if len(out) == 0 {
		return out
	}
	// The map must be returned as decoded: not assigned again, not
	// written (v["k"] = x, delete), not handed to a call that may write
	// it (Merge(v, defaults)). Its decode is the one call it may go to.
	sites := make(map[ast.Expr]bool)
	for _, call := range pkg.sites[fd.Body] {
		for _, t := range decodeTarget(pass, call) {
			sites[t] = true
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				lhs = ast.Unparen(lhs)
				if ix, ok := lhs.(*ast.IndexExpr); ok {
					lhs = ast.Unparen(ix.X)
				}
				if id, ok := lhs.(*ast.Ident); ok {
					if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok {
						delete(out, v)
					}
				}
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if _, builtin := pass.TypesInfo.Uses[id].(*types.Builtin); builtin && id.Name == "len" {
					return true
				}
			}
			for _, a := range n.Args {
				if sites[a] {
					continue
				}
				if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok {
					a = u.X
				}
				if id, ok := ast.Unparen(a).(*ast.Ident); ok {
					if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok {
						delete(out, v)
					}
				}
			}
		}
		return true
	})
	return out
}

// returnsDecoded reports whether every return of fd (not in a function
// literal) gives result i as nil or a decoded local, and one of them the
// local.
func returnsDecoded(pass *analysis.Pass, fd *ast.FuncDecl, i, n int, decoded map[*types.Var]bool) bool {
	some, all := false, true
	ast.Inspect(fd.Body, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(node.Results) != n {
				all = false
				return false
			}
			e := ast.Unparen(node.Results[i])
			if tv, ok := pass.TypesInfo.Types[e]; ok && tv.IsNil() {
				return false
			}
			id, ok := e.(*ast.Ident)
			if !ok {
				all = false
				return false
			}
			if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok && decoded[v] {
				some = true
			} else {
				all = false
			}
		}
		return all
	})
	return some && all
}

// resultDecodes returns the results of call that are decoded JSON, from
// the callee's DecodesResult fact.
func resultDecodes(pass *analysis.Pass, call *ast.CallExpr) []int {
	fn := typematch.Callee(pass.TypesInfo, call)
	if fn == nil {
		return nil
	}
	var f DecodesResult
	if !pass.ImportObjectFact(fn.Origin(), &f) {
		return nil
	}
	return f.Results
}

// resultRoots returns the local variables of fd assigned a decoded result
// of a call (info, err := agent.Self()), each with the call.
func resultRoots(pass *analysis.Pass, fd *ast.FuncDecl) map[*types.Var]*ast.CallExpr {
	out := make(map[*types.Var]*ast.CallExpr)
	add := func(lhs []ast.Expr, rhs []ast.Expr) {
		if len(rhs) != 1 {
			return
		}
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok {
			return
		}
		for _, i := range resultDecodes(pass, call) {
			if i >= len(lhs) {
				continue
			}
			id, ok := ast.Unparen(lhs[i]).(*ast.Ident)
			if !ok || id.Name == "_" {
				continue
			}
			v, ok := pass.TypesInfo.ObjectOf(id).(*types.Var)
			if !ok || v.IsField() || typematch.IsPackageLevel(v) || !isDynamic(v.Type()) {
				continue
			}
			if _, seen := out[v]; !seen {
				out[v] = call
			}
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			add(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			add(lhs, n.Values)
		}
		return true
	})
	return out
}
