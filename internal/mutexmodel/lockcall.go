// Package mutexmodel models what a sync.Mutex or sync.RWMutex guards, for the
// analyzers that reason about locks: which calls lock and unlock which
// mutex (this file), and which struct fields a mutex guards (model.go).
package mutexmodel

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"github.com/trapvet/trapvet/internal/typematch"
)

// Op is what a call does to a mutex.
type Op int

// The operations of sync.Mutex, sync.RWMutex and sync.Locker.
const (
	NoOp Op = iota
	Lock
	Unlock
	RLock
	RUnlock
)

// Read reports whether op takes or releases a read lock.
func (op Op) Read() bool { return op == RLock || op == RUnlock }

// Acquires reports whether op takes a lock.
func (op Op) Acquires() bool { return op == Lock || op == RLock }

// Releases reports whether op releases a lock.
func (op Op) Releases() bool { return op == Unlock || op == RUnlock }

// Release returns the operation that releases what op acquires.
func (op Op) Release() Op {
	switch op {
	case Lock:
		return Unlock
	case RLock:
		return RUnlock
	}
	return NoOp
}

func (op Op) String() string {
	switch op {
	case Lock:
		return "Lock"
	case Unlock:
		return "Unlock"
	case RLock:
		return "RLock"
	case RUnlock:
		return "RUnlock"
	}
	return "none"
}

// CallOp returns what call does to a mutex, and the expression denoting
// the mutex (the receiver: c.mu in c.mu.Lock(), or c in c.Lock() when c
// embeds the mutex). It recognises the methods of sync.Mutex,
// sync.RWMutex (also promoted through embedding) and sync.Locker.
func CallOp(info *types.Info, call *ast.CallExpr) (Op, ast.Expr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return NoOp, nil
	}
	fn := typematch.Callee(info, call)
	if fn == nil {
		return NoOp, nil
	}
	if op := MethodOp(fn); op != NoOp {
		return op, sel.X
	}
	return NoOp, nil
}

// MethodOp returns what calling fn does to a mutex: fn is a method of
// sync.Mutex, sync.RWMutex, sync.Locker or another interface that is only
// a lock, or NoOp.
func MethodOp(fn *types.Func) Op {
	var op Op
	switch fn.Name() {
	case "Lock":
		op = Lock
	case "Unlock":
		op = Unlock
	case "RLock":
		op = RLock
	case "RUnlock":
		op = RUnlock
	default:
		return NoOp
	}
	switch {
	case typematch.IsMethod(fn, "sync", "Mutex", "Lock", "Unlock"),
		typematch.IsMethod(fn, "sync", "RWMutex", "Lock", "Unlock", "RLock", "RUnlock"),
		typematch.IsMethod(fn, "sync", "Locker", "Lock", "Unlock"):
		return op
	}
	if recv := fn.Signature().Recv(); recv != nil && IsLockInterface(recv.Type()) {
		return op
	}
	return NoOp
}

// IsLockInterface reports whether t is an interface that is only a lock:
// its methods are exactly Lock and Unlock (sync.Locker's), or those with
// RLock and RUnlock, none taking or returning anything. A program that
// takes its locks through such an interface (a logging mutex in debug
// builds, a sync.Mutex otherwise) locks and unlocks as with sync's.
func IsLockInterface(t types.Type) bool {
	it, ok := t.Underlying().(*types.Interface)
	if !ok || (it.NumMethods() != 2 && it.NumMethods() != 4) {
		return false
	}
	want := map[string]bool{"Lock": true, "Unlock": true}
	if it.NumMethods() == 4 {
		want["RLock"], want["RUnlock"] = true, true
	}
	for m := range it.Methods() {
		sig := m.Signature()
		if !want[m.Name()] || sig.Params().Len() != 0 || sig.Results().Len() != 0 {
			return false
		}
	}
	return true
}

// StmtOp returns what the statement s does to a mutex when it is a call
// statement of a mutex method.
func StmtOp(info *types.Info, s ast.Node) (Op, ast.Expr) {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return NoOp, nil
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return NoOp, nil
	}
	return CallOp(info, call)
}

// Keys gives mutex expressions identities that do not depend on spelling:
// two expressions have the same key when they select the same chain of
// objects (c.mu and c.mu, not d.mu).
type Keys struct {
	ids map[types.Object]int
}

// NewKeys returns an empty Keys.
func NewKeys() *Keys { return &Keys{ids: make(map[types.Object]int)} }

// Key returns the identity of the mutex expression e, or "" when e is not
// a chain of identifiers and field selections (m[k].mu, f().mu), whose
// identity the analyzers do not track. &x and *x have x's identity.
func (k *Keys) Key(info *types.Info, e ast.Expr) string {
	return k.keyOf(Chain(info, e))
}

// keyOf returns the identity of the chain objs, or "" for none.
func (k *Keys) keyOf(objs []types.Object) string {
	if objs == nil {
		return ""
	}
	var b strings.Builder
	for i, obj := range objs {
		id, ok := k.ids[obj]
		if !ok {
			id = len(k.ids) + 1
			k.ids[obj] = id
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(id))
	}
	return b.String()
}

// Chain returns the objects e selects, outermost first (c, mu for c.mu),
// or nil when e is not a chain of identifiers and field selections.
func Chain(info *types.Info, e ast.Expr) []types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.ObjectOf(e)
		if obj == nil {
			return nil
		}
		if _, ok := obj.(*types.Var); !ok {
			return nil
		}
		return []types.Object{obj}
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			if _, ok := info.ObjectOf(id).(*types.PkgName); ok {
				obj := info.ObjectOf(e.Sel)
				if _, ok := obj.(*types.Var); !ok {
					return nil
				}
				return []types.Object{obj}
			}
		}
		sel := info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal {
			return nil
		}
		base := Chain(info, e.X)
		if base == nil {
			return nil
		}
		return append(base, sel.Obj())
	case *ast.UnaryExpr:
		if e.Op.String() == "&" {
			return Chain(info, e.X)
		}
	case *ast.StarExpr:
		return Chain(info, e.X)
	}
	return nil
}
