package mutexmodel

import (
	"go/ast"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"

	"github.com/trapvet/trapvet/internal/funcs"
)

// Analyzer computes the mutex model of a package for the analyzers that
// reason about locks (lockescape, lostunlock), which Require it so that
// they agree on what locks and unlocks which mutex. It reports nothing,
// and no driver lists it: it runs when an analyzer requires it.
var Analyzer = &analysis.Analyzer{
	Name:       "mutexmodel",
	Doc:        "compute which calls lock and unlock which mutex, and which fields a mutex guards\n\nmutexmodel reports nothing: its result serves lockescape and lostunlock.",
	Requires:   []*analysis.Analyzer{ctrlflow.Analyzer, funcs.DeclsAnalyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run:        run,
}

// Result is the mutex model of one package. Its methods are safe for the
// concurrent use of the analyzers that require it; the *Model that
// Model returns is not, and serves one analyzer (lockescape).
type Result struct {
	info  *types.Info
	files []*ast.File
	cfgs  *ctrlflow.CFGs
	decls funcs.Decls

	once  sync.Once
	model *Model

	mu      sync.Mutex
	keys    *Keys
	unlocks map[*types.Func]map[types.Object]bool
	locks   map[*types.Func]map[types.Object]bool
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{
		info:    pass.TypesInfo,
		files:   pass.Files,
		cfgs:    pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		decls:   pass.ResultOf[funcs.DeclsAnalyzer].(funcs.Decls),
		keys:    NewKeys(),
		unlocks: make(map[*types.Func]map[types.Object]bool),
		locks:   make(map[*types.Func]map[types.Object]bool),
	}
	return r, nil
}

// Model returns the guard model of the package: which fields each mutex
// guards, and the regions that hold a lock. It is built on first use, as
// most packages never lock.
func (r *Result) Model() *Model {
	r.once.Do(func() { r.model = build(r) })
	return r.model
}

// Decl returns the declaration, with a body, of the function fn in this
// package, or nil.
func (r *Result) Decl(fn *types.Func) *ast.FuncDecl { return r.decls[fn] }

// Key returns the identity of the mutex expression e (see Keys.Key): two
// expressions denote the same mutex when their keys are equal and not
// empty. It is the one "same mutex" test of the analyzers, and agrees
// with the model's regions, which end at an unlock of the same chain.
func (r *Result) Key(e ast.Expr) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.keys.Key(r.info, e)
}

// FieldKey returns the identity of the mutex in field f of the value e
// selects (e.mu for the field mu), as Key would give it, or "" when e is
// not a chain.
func (r *Result) FieldKey(e ast.Expr, f *types.Var) string {
	objs := Chain(r.info, e)
	if objs == nil {
		return ""
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.keys.keyOf(append(objs, f))
}

// Unlocks returns the last objects of the mutex chains that fn, declared
// in this package, unlocks in its body (c.mu.Unlock() gives the field
// mu), and the first (c, a parameter): a call of fn may release a mutex
// in such a field, or one of the value passed as that parameter.
func (r *Result) Unlocks(fn *types.Func) map[types.Object]bool {
	return r.opsOf(fn, r.unlocks, Op.Releases)
}

// Locks is Unlocks for Lock and RLock.
func (r *Result) Locks(fn *types.Func) map[types.Object]bool {
	return r.opsOf(fn, r.locks, Op.Acquires)
}

func (r *Result) opsOf(fn *types.Func, cache map[*types.Func]map[types.Object]bool, is func(Op) bool) map[types.Object]bool {
	fn = fn.Origin()
	r.mu.Lock()
	defer r.mu.Unlock()
	if m, ok := cache[fn]; ok {
		return m
	}
	m := make(map[types.Object]bool)
	cache[fn] = m
	decl := r.decls[fn]
	if decl == nil {
		return m
	}
	// A function literal's body counts only where the literal runs as it
	// stands (func() { ... }(), deferred, or started by go): a closure
	// returned or stored (sync.OnceFunc(func() { b.mu.Lock(); ... })) runs
	// later.
	inline := make(map[*ast.FuncLit]bool)
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return inline[n]
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				inline[lit] = true
			}
			if op, mu := CallOp(r.info, n); is(op) {
				if chain := Chain(r.info, mu); chain != nil {
					// The mutex field, and the variable the chain starts
					// from (a parameter: the caller's value).
					m[chain[len(chain)-1]] = true
					m[chain[0]] = true
				}
			}
		}
		return true
	})
	return m
}
