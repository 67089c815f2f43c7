package funcs

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/ctrlflow"

	"github.com/trapvet/trapvet/internal/code"
	"github.com/trapvet/trapvet/internal/typematch"
)

// EndsGoroutine reports whether call may end the goroutine or the program
// (panic, os.Exit, log.Fatal, runtime.Goexit, t.Fatal, ...). ctrlflow's
// NoReturn facts know every function whose body cannot return, here and in
// the packages analysed before this one (pkg), so a function or concrete
// method declared in pkg is left to them. Elsewhere, where the facts cannot
// know (a method called through an interface, testing.TB's Fatal or a
// logger interface's; a logger that exits or panics in a hook its body
// does not show, zap's, logrus's and klog's Fatal and Panic; testify's
// require.FailNow, which calls FailNow through an interface; any driver
// that provides no facts), a function that returns nothing ends them by
// the convention its name states: Exit, Goexit, Fatal, FailNow, Panic and
// Skip, with their f, ln and Now forms. A builder's Skip(n) returns its
// builder, and is none of them.
func EndsGoroutine(info *types.Info, cfgs *ctrlflow.CFGs, pkg *types.Package, call *ast.CallExpr) bool {
	if code.CallsBuiltin(info, call, "panic") {
		return true
	}
	fn := typematch.Callee(info, call)
	if fn == nil {
		return false
	}
	if cfgs != nil && cfgs.NoReturn(fn) {
		return true
	}
	if recv := fn.Signature().Recv(); fn.Pkg() == pkg && (recv == nil || !types.IsInterface(recv.Type())) {
		return false // declared here with a body: the facts have the answer
	}
	return exitNames[fn.Name()] && fn.Signature().Results().Len() == 0
}

var exitNames = map[string]bool{
	"Exit": true, "Goexit": true, "Fatal": true, "Fatalf": true, "Fatalln": true, "FailNow": true,
	"Panic": true, "Panicf": true, "Panicln": true, "Skip": true, "SkipNow": true, "Skipf": true,
}
