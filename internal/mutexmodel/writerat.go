package mutexmodel

import (
	"go/ast"
	"go/types"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// writerAtFill reports whether call, under r's lock, is an io.WriterAt's
// fill of its buffer: copy(b.buf[off:], p) in a method
// WriteAt(p []byte, off int64) (n int, err error), copying the method's
// p (or a slice of it) into the field at a position computed from off.
//
// io.WriterAt lets its clients run WriteAt calls in parallel on ranges
// that do not overlap, and such a sink is read once they have all
// returned (the parallel downloaders of object stores fill one this way):
// its lock serialises the buffer's growth, not a reader beside the
// writers. Every other change in place (a Reset that clears the buffer,
// a Write that overwrites a ring) still counts as a rewrite.
func (m *Model) writerAtFill(r *Region, call *ast.CallExpr) bool {
	if len(call.Args) != 2 {
		return false
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok {
		return false
	} else if b, ok := m.info.Uses[id].(*types.Builtin); !ok || b.Name() != "copy" {
		return false
	}
	decl, ok := r.Func.(*ast.FuncDecl)
	if !ok || decl.Recv == nil || decl.Name.Name != "WriteAt" {
		return false
	}
	fn, ok := m.info.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	p, off, ok := writerAtParams(fn.Type().(*types.Signature))
	if !ok {
		return false
	}
	dst, ok := ast.Unparen(call.Args[0]).(*ast.SliceExpr)
	if !ok || dst.Low == nil || !code.Uses(m.info, dst.Low, off) {
		return false
	}
	src, ok := ast.Unparen(unslice(call.Args[1])).(*ast.Ident)
	return ok && m.info.Uses[src] == p
}

// writerAtParams returns the parameters p and off of a signature
// func(p []byte, off int64) (n int, err error), io.WriterAt's.
func writerAtParams(sig *types.Signature) (p, off *types.Var, ok bool) {
	if !typematch.IsIOSignature(sig, types.NewSlice(types.Typ[types.Byte]), types.Typ[types.Int64]) {
		return nil, nil, false
	}
	return sig.Params().At(0), sig.Params().At(1), true
}
