package g

import (
	"log"
	"sync"
	"sync/atomic"
)

func held() {}

type Item struct { // want `Item data guarded by mu`
	n int
}

type Cache struct { // want `Cache self-synchronized`
	mu     sync.RWMutex
	items  map[string]*Item // want `items guarded by mu written=false inplace=false`
	list   []int            // want `list guarded by mu written=true inplace=true`
	hits   int              // want `hits guarded by mu written=true inplace=false`
	name   string
	config map[string]string // want `config guarded by mu written=true inplace=false`
}

func New(name string) *Cache {
	return &Cache{name: name, items: map[string]*Item{}}
}

func (c *Cache) Bump(k string) {
	c.mu.Lock()
	held() // want `held under c.Lock`
	c.hits++
	c.list = append(c.list, 1)
	c.list[0] = 2
	if it := c.items[k]; it != nil {
		it.n++
	}
	c.mu.Unlock()
	held()
}

func (c *Cache) Swap(m map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.config = m
	held() // want `held under c.Lock`
}

func (c *Cache) Early(k string) int {
	c.mu.RLock()
	if k == "" {
		c.mu.RUnlock()
		held()
		return 0
	}
	held() // want `held under c.RLock`
	c.mu.RUnlock()
	return 1
}

type Embedded struct { // want `Embedded self-synchronized`
	sync.Mutex
	n int // want `n guarded by Mutex written=true inplace=false`
}

func (e *Embedded) Inc() {
	e.Lock()
	e.n++
	e.Unlock()
}

type Counter struct { // want `Counter self-synchronized`
	mu sync.Mutex
	n  int
}

type Atomic struct { // want `Atomic self-synchronized`
	n atomic.Int64
}

type Odd struct { // want `Odd self-synchronized`
	mu *sync.Mutex
	n  int // want `n guarded by mu written=true inplace=false`
}

func (o *Odd) Inc() {
	(*o.mu).Lock()
	o.n++
	(&(*o.mu)).Unlock()
}

func (o *Odd) Get() int {
	(o.mu).Lock()
	defer o.mu.Unlock()
	return o.n
}

// base carries the mutex of the types that embed it.
type base struct { // want `base self-synchronized`
	mu   sync.RWMutex
	name string
}

// Remote embeds base by value: it carries base's mutex.
type Remote struct { // want `Remote self-synchronized`
	base
	Status string
}

// Deeper embeds Remote, which embeds base.
type Deeper struct { // want `Deeper self-synchronized`
	Remote
}

// Shared embeds a pointer to a struct of its own package.
type Shared struct { // want `Shared self-synchronized`
	*base
	n int
}

// counted embeds a struct that carries atomics.
type counted struct { // want `counted self-synchronized`
	Atomic
}

// Logged embeds a pointer to another package's struct, whose mutex
// guards that type's own fields: not self-synchronized.
type Logged struct {
	*log.Logger
	n int
}

// Plain embeds a struct without a mutex.
type Plain struct {
	inner
	n int
}

type inner struct{ m map[string]int }

// Cycle embeds a pointer to itself: the walk ends.
type Cycle struct {
	*Cycle
	n int
}

// ByValue embeds another package's struct by value: it carries that
// struct's mutex and promotes its locking methods.
type ByValue struct { // want `ByValue self-synchronized`
	log.Logger
	n int
}
