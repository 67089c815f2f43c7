package m

import (
	str "strings"
	"sync"
)

type Mutex struct{}

func (Mutex) Lock() {}

type guarded struct {
	sync.Mutex
	mu sync.Mutex
}

type Box[T any] struct{ v T }

func (b *Box[T]) Get() T { return b.v }

type Getter interface{ Get() int }

func Clone(s string) string { return s }

func f(g *guarded, b *Box[int], i Getter) {
	g.mu.Lock()   // want `sync.Mutex method`
	g.Lock()      // want `sync.Mutex method`
	g.mu.Unlock() // want `sync.Mutex method`
	var local Mutex
	local.Lock()      // a type named Mutex, not sync's
	_ = str.Clone("") // want `strings.Clone`
	_ = Clone("")     // a function named Clone, not strings'
	_ = b.Get()       // want `m.Box.Get`
	_ = i.Get()       // want `m.Getter.Get`
	f := g.mu.Lock
	f() // a function value: no static callee
}
