package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/typematch"
)

// releaseVerbs name what gives a resource back. A function or method whose
// name is one of them, alone or followed by a capitalised word, digit or
// underscore (Close, CloseWithError, closeFile, RemoveAll, unlockPage),
// releases: its name says so, whatever its body shows.
var releaseVerbs = []string{
	"close", "unlock", "runlock", "rollback", "release", "stop", "cancel",
	"end", "finish", "done", "remove", "delete", "unlink", "free",
	"shutdown", "abort", "disconnect", "unmount", "unregister", "unsubscribe",
}

// namesRelease reports whether a function's name starts with a release
// verb as a word of its own: Close and closeFile, not Closed or Endpoint.
func namesRelease(name string) bool {
	for _, v := range releaseVerbs {
		if len(name) < len(v) || !strings.EqualFold(name[:len(v)], v) {
			continue
		}
		if len(name) == len(v) {
			return true
		}
		if next, _ := utf8.DecodeRuneInString(name[len(v):]); unicode.IsUpper(next) || unicode.IsDigit(next) || next == '_' {
			return true
		}
	}
	return false
}

// releases reports whether the call gives something back, by what it
// calls: close(ch), a context's cancel function, a sync.Pool's Put, or a
// function or method, of any package, whose name is a release verb
// (Close, Unlock, RUnlock, Rollback, Release, Stop, Cancel, End, Finish,
// Done, os.Remove and RemoveAll, ...).
func releases(info *types.Info, call *ast.CallExpr) bool {
	if code.CallsBuiltin(info, call, "close") || callsCancelFunc(info, call) {
		return true
	}
	fn := typematch.Callee(info, call)
	return fn != nil && (namesRelease(fn.Name()) || typematch.IsMethod(fn, "sync", "Pool", "Put"))
}

// releaseSummaries says, once per function of the package, whether
// calling it may release something: its body or the body of a function
// of the package it calls (or refers to, as a method value) makes a call
// that releases, closes a channel, sends on one or receives from one as a
// statement (a semaphore's slot), or calls what the analysis cannot read:
// a function value, a method of an interface or a type parameter (other
// than Error and String, which describe a value, and context.Context's),
// a function of the package without a body. A call into another package
// releases only when its name says so.
type releaseSummaries struct {
	info  *types.Info
	pkg   *types.Package
	decls funcs.Decls
	// bodies holds each function's own calls, read once.
	bodies map[*types.Func]*bodyReleases
	// quiet holds the functions known to release nothing, through any
	// chain of calls; may the ones known to release something.
	quiet, may map[*types.Func]bool
}

// bodyReleases is what one function's body does itself: whether it
// releases, and which functions of the package it calls.
type bodyReleases struct {
	releases bool
	calls    []*types.Func
}

func newReleaseSummaries(info *types.Info, pkg *types.Package, decls funcs.Decls) *releaseSummaries {
	return &releaseSummaries{
		info: info, pkg: pkg, decls: decls,
		bodies: make(map[*types.Func]*bodyReleases),
		quiet:  make(map[*types.Func]bool),
		may:    make(map[*types.Func]bool),
	}
}

// releasesNothing reports whether call calls a function or concrete
// method declared in this package that releases nothing, through any
// function of the package it calls.
func (s *releaseSummaries) releasesNothing(call *ast.CallExpr) bool {
	fn := typematch.Callee(s.info, call)
	if fn == nil || fn.Pkg() != s.pkg {
		return false
	}
	if typematch.IsInterfaceMethod(fn) {
		return false
	}
	fn = fn.Origin()
	if s.decls[fn] == nil || namesRelease(fn.Name()) {
		return false
	}
	return !s.mayRelease(fn)
}

// callsReleasing reports whether call calls a function or concrete
// method declared in this package that may release.
func (s *releaseSummaries) callsReleasing(call *ast.CallExpr) bool {
	fn := typematch.Callee(s.info, call)
	if fn == nil || fn.Pkg() != s.pkg || typematch.IsInterfaceMethod(fn) || s.decls[fn.Origin()] == nil {
		return false
	}
	return s.mayRelease(fn.Origin())
}

// mayRelease walks the functions of the package that fn reaches. When
// none releases, none of those it walked does either: they reach no more
// than fn.
func (s *releaseSummaries) mayRelease(fn *types.Func) bool {
	if s.quiet[fn] || s.may[fn] {
		return s.may[fn]
	}
	seen := map[*types.Func]bool{fn: true}
	queue := []*types.Func{fn}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if s.may[f] {
			s.may[fn] = true
			return true
		}
		if s.quiet[f] {
			continue
		}
		b := s.body(f)
		if b.releases {
			s.may[fn] = true
			return true
		}
		for _, g := range b.calls {
			if !seen[g] {
				seen[g] = true
				queue = append(queue, g)
			}
		}
	}
	for f := range seen {
		s.quiet[f] = true
	}
	return false
}

// body reads what fn's own body does, once.
func (s *releaseSummaries) body(fn *types.Func) *bodyReleases {
	if b, ok := s.bodies[fn]; ok {
		return b
	}
	b := &bodyReleases{}
	s.bodies[fn] = b
	decl := s.decls[fn]
	if decl == nil || decl.Body == nil {
		b.releases = true // assembly or linkname: unread
		return b
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if b.releases {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident:
			if f, ok := s.info.Uses[n].(*types.Func); ok {
				if s.funcReleases(f) {
					b.releases = true
				} else if f.Pkg() == s.pkg && !typematch.IsInterfaceMethod(f) {
					b.calls = append(b.calls, f.Origin())
				}
			}
		case *ast.CallExpr:
			b.releases = code.CallsBuiltin(s.info, n, "close") || s.callsUnseen(n)
		case *ast.SendStmt:
			b.releases = true
		case *ast.ExprStmt:
			if u, ok := ast.Unparen(n.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				_, fromCall := ast.Unparen(u.X).(*ast.CallExpr)
				b.releases = !fromCall // <-sem gives a slot back; <-ctx.Done() waits
			}
		}
		return true
	})
	return b
}

// funcReleases reports whether calling f, named in a body, releases or
// may: its name is a release verb, it is a sync.Pool's Put, a method the
// analysis cannot see (of an interface or a type parameter) that does
// not merely describe a value, or a function of the package without a
// body to read.
func (s *releaseSummaries) funcReleases(f *types.Func) bool {
	switch {
	case describes(f):
		return false
	case namesRelease(f.Name()), typematch.IsMethod(f, "sync", "Pool", "Put"), typematch.IsInterfaceMethod(f):
		return true
	case f.Pkg() == s.pkg:
		return s.decls[f.Origin()] == nil
	}
	return false
}

// callsUnseen reports whether call calls a function value (a parameter, a
// field, a variable: a cancel or a Close bound as a method value may be
// behind it), not a function or method named in the code, a builtin, a
// conversion or a literal called on the spot.
func (s *releaseSummaries) callsUnseen(call *ast.CallExpr) bool {
	fun := ast.Unparen(call.Fun)
	if _, lit := fun.(*ast.FuncLit); lit {
		return false
	}
	if tv, ok := s.info.Types[fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
		return false
	}
	return typematch.Callee(s.info, call) == nil
}

// describes reports whether f only describes a value: a method Error or
// String without parameters returning a string, or a method of
// context.Context (Deadline, Done, Err, Value).
func describes(f *types.Func) bool {
	sig := f.Signature()
	if sig.Recv() == nil {
		return false
	}
	if typematch.IsMethod(f, "context", "Context", "Deadline", "Done", "Err", "Value") {
		return true
	}
	if f.Name() != "Error" && f.Name() != "String" || sig.Params().Len() != 0 || sig.Results().Len() != 1 {
		return false
	}
	b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}
