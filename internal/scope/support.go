package scope

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
)

// supportFuncs returns, per production file of a library, the
// unexported package-level functions that only test support uses: every
// reference to one from a non-test file lies in a test-support file or
// in another such function, and at least one chain of them starts in a
// test-support file. A harness that keeps its log proxy in log.go, called
// only by the New(t testing.TB) of harness.go, is test support in both
// files.
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
	support := false
	for _, fk := range files {
		support = support || fk.kind == TestSupport
	}
	if !support {
		return nil
	}
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, fk := range files {
		if fk.kind != Production {
			continue
		}
		for _, d := range fk.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Name.IsExported() || fd.Name.Name == "init" {
				continue
			}
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
				decls[fn] = fd
			}
		}
	}
	if len(decls) == 0 {
		return nil
	}
	// callers[fn] holds the candidate functions whose bodies refer to fn;
	// rooted are those referred to from test-support files; outside those
	// referred to from anywhere else.
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
		fk, ok := files[fset.File(id.Pos())]
		switch {
		case ok && fk.kind == Test:
		case ok && fk.kind == TestSupport:
			rooted[fn] = true
		case ok && fk.kind == Production:
			caller := enclosingFunc(info, fk.file, id.Pos())
			if caller == nil || decls[caller] == nil {
				outside[fn] = true
			} else if caller != fn {
				callers[fn] = append(callers[fn], caller)
			}
		default:
			outside[fn] = true // a file of no kind the rule knows of
		}
	}
	// The largest set closed under "every caller is in the set", then
	// what of it a test-support file reaches.
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
