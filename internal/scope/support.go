package scope

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
)

// supportFuncs returns, per production file of a library, the functions
// that are test support there: those that take a stand-in for testing.TB
// (standInFuncs), and the unexported package-level functions that only
// test support uses: every reference to one from a non-test file lies in
// a test-support file, in a function taking a stand-in, or in another
// such function, and at least one chain of them starts in one of the
// first two. A harness that keeps its log proxy in log.go, called only by
// the New(t testing.TB) of harness.go, is test support in both files; so
// are pgtestdb's create(t TB, ...), taking its own TB, and the template
// and role helpers only create calls.
//
// References from _test.go files do not count either way: the package
// without its tests (analysed standalone) and its test variant (all that
// go vet analyses) then agree. A function referenced from production
// code, from a package variable's initializer, or by nothing at all stays
// production.
func supportFuncs(info *types.Info, fset *token.FileSet, files map[*token.File]fileKind) map[*token.File][]*ast.FuncDecl {
	if info == nil {
		return nil
	}
	roots := standInFuncs(info, files)
	if len(roots) == 0 && !hasKind(files, TestSupport) {
		return nil
	}
	decls := candidates(info, files, Production, func(fd *ast.FuncDecl) bool {
		return declAt(roots[fset.File(fd.Pos())], fd.Pos()) != nil
	})
	out := onlyUsedBy(info, fset, decls, func(id *ast.Ident) (*types.Func, reference) {
		tf := fset.File(id.Pos())
		fk, ok := files[tf]
		switch {
		case ok && fk.kind == Test:
			return nil, fromNowhere
		case ok && fk.kind == TestSupport:
			return nil, fromRoot
		case ok && fk.kind == Production && declAt(roots[tf], id.Pos()) != nil:
			return nil, fromRoot
		case ok && fk.kind == Production:
			return enclosingFunc(info, fk.file, id.Pos()), fromFunc
		}
		return nil, fromOutside // a file of no kind the rule knows of
	})
	for tf, fds := range roots {
		if out == nil {
			out = make(map[*token.File][]*ast.FuncDecl)
		}
		fds = append(out[tf], fds...)
		sort.Slice(fds, func(i, j int) bool { return fds[i].Pos() < fds[j].Pos() })
		out[tf] = fds
	}
	return out
}

// benchmarkFuncs returns, per _test.go file, the unexported package-level
// functions that only benchmarks use: every reference to one lies in a
// Benchmark function or in another such function, and a chain of them
// starts in a Benchmark function (benchmarkGetConcurrent(b, n), called by
// BenchmarkGetConcurrent1 and BenchmarkGetConcurrent8). A function a test,
// a method, a variable or nothing refers to stays a test. Benchmark
// functions themselves are told by their names (inBenchmarkFunc).
func benchmarkFuncs(info *types.Info, fset *token.FileSet, files map[*token.File]fileKind) map[*token.File][]*ast.FuncDecl {
	if info == nil || !hasBenchmark(files) {
		return nil
	}
	decls := candidates(info, files, Test, func(fd *ast.FuncDecl) bool { return isBenchmarkName(fd.Name.Name) })
	return onlyUsedBy(info, fset, decls, func(id *ast.Ident) (*types.Func, reference) {
		fk, ok := files[fset.File(id.Pos())]
		if !ok || fk.kind != Test {
			return nil, fromOutside
		}
		caller := enclosingFunc(info, fk.file, id.Pos())
		if caller != nil && isBenchmarkName(caller.Name()) {
			return nil, fromRoot
		}
		return caller, fromFunc
	})
}

// hasBenchmark reports whether a _test.go file declares a Benchmark
// function.
func hasBenchmark(files map[*token.File]fileKind) bool {
	for _, fk := range files {
		if fk.kind != Test {
			continue
		}
		for _, d := range fk.file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && isBenchmarkName(fd.Name.Name) {
				return true
			}
		}
	}
	return false
}

func hasKind(files map[*token.File]fileKind, k Kind) bool {
	for _, fk := range files {
		if fk.kind == k {
			return true
		}
	}
	return false
}

// candidates returns the unexported package-level functions (no methods,
// no init) of the files of kind k that root does not claim.
func candidates(info *types.Info, files map[*token.File]fileKind, k Kind, root func(*ast.FuncDecl) bool) map[*types.Func]*ast.FuncDecl {
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, fk := range files {
		if fk.kind != k {
			continue
		}
		for _, d := range fk.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Name.IsExported() || fd.Name.Name == "init" || root(fd) {
				continue
			}
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
				decls[fn] = fd
			}
		}
	}
	return decls
}

// A reference says where a use of a candidate function lies.
type reference uint8

const (
	fromNowhere reference = iota // counts neither way
	fromRoot                     // where the chain starts
	fromFunc                     // in the function returned with it: a candidate, or else outside
	fromOutside                  // anywhere else: the function is not the roots' alone
)

// onlyUsedBy returns, per file, the candidates (decls) that only roots
// use: where tells where each use lies; a candidate is kept when no use
// lies outside the roots and the candidates kept, and a chain of uses
// starts at a root.
func onlyUsedBy(info *types.Info, fset *token.FileSet, decls map[*types.Func]*ast.FuncDecl, where func(*ast.Ident) (*types.Func, reference)) map[*token.File][]*ast.FuncDecl {
	if len(decls) == 0 {
		return nil
	}
	// callers[fn] holds the candidates whose bodies refer to fn; rooted
	// are those referred to from a root; outside those referred to from
	// anywhere else.
	callers := make(map[*types.Func][]*types.Func)
	rooted := make(map[*types.Func]bool)
	outside := make(map[*types.Func]bool)
	for id, obj := range info.Uses {
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		fn = fn.Origin()
		if decls[fn] == nil {
			continue
		}
		switch caller, ref := where(id); ref {
		case fromRoot:
			rooted[fn] = true
		case fromFunc:
			if caller == nil || decls[caller] == nil {
				outside[fn] = true
			} else if caller != fn {
				callers[fn] = append(callers[fn], caller)
			}
		case fromOutside:
			outside[fn] = true
		}
	}
	// The largest set closed under "every caller is in the set", then
	// what of it a root reaches.
	in := make(map[*types.Func]bool)
	for fn := range decls {
		if !outside[fn] && (rooted[fn] || len(callers[fn]) > 0) {
			in[fn] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for fn := range in {
			for _, c := range callers[fn] {
				if !in[c] {
					delete(in, fn)
					changed = true
					break
				}
			}
		}
	}
	callees := make(map[*types.Func][]*types.Func)
	for fn, cs := range callers {
		for _, c := range cs {
			callees[c] = append(callees[c], fn)
		}
	}
	reached := make(map[*types.Func]bool)
	var visit func(fn *types.Func)
	visit = func(fn *types.Func) {
		if !in[fn] || reached[fn] {
			return
		}
		reached[fn] = true
		for _, callee := range callees[fn] {
			visit(callee)
		}
	}
	for fn := range rooted {
		visit(fn)
	}
	out := make(map[*token.File][]*ast.FuncDecl)
	for fn := range reached {
		fd := decls[fn]
		tf := fset.File(fd.Pos())
		out[tf] = append(out[tf], fd)
	}
	for _, fds := range out {
		sort.Slice(fds, func(i, j int) bool { return fds[i].Pos() < fds[j].Pos() })
	}
	return out
}

// enclosingFunc returns the package-level function whose declaration in
// f holds pos, or nil.
func enclosingFunc(info *types.Info, f *ast.File, pos token.Pos) *types.Func {
	d := declAt(f.Decls, pos)
	fd, ok := d.(*ast.FuncDecl)
	if !ok || fd.Recv != nil {
		return nil
	}
	fn, _ := info.Defs[fd.Name].(*types.Func)
	return fn
}

// declAt returns the declaration of decls (sorted by position) that holds
// pos, or nil.
func declAt[D ast.Node](decls []D, pos token.Pos) ast.Node {
	i := sort.Search(len(decls), func(i int) bool { return decls[i].End() > pos })
	if i == len(decls) || decls[i].Pos() > pos {
		return nil
	}
	return decls[i]
}
