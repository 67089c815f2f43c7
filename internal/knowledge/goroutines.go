package knowledge

import (
	"go/ast"
	"go/types"

	"github.com/trapvet/trapvet/internal/typematch"
)

// A Launcher is a function, or a method of Recv, that runs its last
// argument (a function) in a new goroutine.
type Launcher struct {
	Pkg, Recv string // Recv is "" for a package-level function
	Names     []string
	// Joined: the launcher's type has a Wait that returns once every
	// function it started has returned.
	Joined bool
}

// launchers are the wrappers of the go statement that the analyzers know.
var launchers = []Launcher{
	{"golang.org/x/sync/errgroup", "Group", []string{"Go", "TryGo"}, true},
	{"sync", "WaitGroup", []string{"Go"}, true},
	{"github.com/zeromicro/go-zero/core/threading", "RoutineGroup", []string{"Run", "RunSafe"}, true},
	{"github.com/zeromicro/go-zero/core/threading", "", []string{"GoSafe", "GoSafeCtx"}, false},
}

// joins are the methods that wait for what a joined launcher started.
var joins = []struct{ pkg, recv string }{
	{"golang.org/x/sync/errgroup", "Group"},
	{"sync", "WaitGroup"},
	{"github.com/zeromicro/go-zero/core/threading", "RoutineGroup"},
}

// launcherNames are the launchers' names: a call spelled otherwise is
// skipped before its callee is resolved, which is the expensive part.
var launcherNames = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range launchers {
		for _, name := range w.Names {
			m[name] = true
		}
	}
	return m
}()

// LauncherOf returns the launcher that call calls, if it calls one
// (errgroup.Group.Go, sync.WaitGroup.Go, go-zero's threading.GoSafe and
// RoutineGroup.Run). The function it runs is Launched(call).
func LauncherOf(info *types.Info, call *ast.CallExpr) (Launcher, bool) {
	if !launcherNames[calledName(call.Fun)] {
		return Launcher{}, false
	}
	fn := typematch.Callee(info, call)
	if fn == nil {
		return Launcher{}, false
	}
	for _, w := range launchers {
		if w.Recv == "" && typematch.IsFunc(fn, w.Pkg, w.Names...) ||
			w.Recv != "" && typematch.IsMethod(fn, w.Pkg, w.Recv, w.Names...) {
			return w, true
		}
	}
	return Launcher{}, false
}

// Launched returns the function that a launcher call runs: its last
// argument (nil when it has none).
func Launched(call *ast.CallExpr) ast.Expr {
	if len(call.Args) == 0 {
		return nil
	}
	return call.Args[len(call.Args)-1]
}

// CallsJoin reports whether call is the Wait of a joined launcher's type
// (sync.WaitGroup, errgroup.Group, go-zero's threading.RoutineGroup): it
// returns once what the launcher started has returned.
func CallsJoin(info *types.Info, call *ast.CallExpr) bool {
	for _, j := range joins {
		if typematch.CallsMethod(info, call, j.pkg, j.recv, "Wait") {
			return true
		}
	}
	return false
}

// calledName returns the name a call's function is spelled with: f, x.f,
// f[T] or x.f[T].
func calledName(fun ast.Expr) string {
	switch f := ast.Unparen(fun).(type) {
	case *ast.IndexExpr:
		return calledName(f.X)
	case *ast.IndexListExpr:
		return calledName(f.X)
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.Ident:
		return f.Name
	}
	return ""
}
