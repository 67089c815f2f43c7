package g

import (
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
