// Package cache is the library side of the caller-write rule: methods
// that return references into guarded state, and their correct siblings.
// The package itself never writes a Project after Put publishes it, so
// handing out a *Project is not reported here: the race is in the caller
// that writes through it (package handler), and is reported there. The
// counts map, which Put changes in place, is reported where it is
// returned.
package cache

import "sync"

type Project struct {
	ID     string
	Status string
	Tags   []string
	Labels map[string]string
}

type Cache struct {
	mu       sync.RWMutex
	projects map[string]*Project
	counts   map[string]int
}

func New() *Cache {
	return &Cache{projects: make(map[string]*Project), counts: make(map[string]int)}
}

func (c *Cache) Put(p *Project) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.projects[p.ID] = p
	c.counts[p.Status]++
}

func (c *Cache) GetProject(id string) *Project { // want GetProject:"result 0 refers into c\\.projects, guarded by c\\.mu"
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.projects[id]
}

func (c *Cache) Lookup(id string) (*Project, bool) { // want Lookup:"result 0 refers into c\\.projects, guarded by c\\.mu"
	c.mu.RLock()
	p, ok := c.projects[id]
	c.mu.RUnlock()
	return p, ok
}

func (c *Cache) Counts() map[string]int { // want Counts:"result 0 refers into c\\.counts, guarded by c\\.mu"
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.counts // want `Counts returns map c.counts`
}

// Snapshot returns a copy: it shares no memory with the cache (Tags and
// Labels aside, which callers only read).
func (c *Cache) Snapshot(id string) Project {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return *c.projects[id]
}

// Fresh returns a pointer to a copy.
func (c *Cache) Fresh(id string) *Project {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p := *c.projects[id]
	return &p
}

// Update is the correct way to change a project: under the lock.
func (c *Cache) Update(id string, f func(*Project)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.projects[id]; ok {
		f(p)
	}
}

// Registry guards its state with an embedded mutex.
type Registry struct {
	sync.RWMutex
	byName map[string]*Project
}

func (r *Registry) Add(p *Project) {
	r.Lock()
	defer r.Unlock()
	r.byName[p.ID] = p
}

func (r *Registry) Find(name string) *Project { // want Find:"result 0 refers into r\\.byName, guarded by r"
	r.RLock()
	defer r.RUnlock()
	return r.byName[name]
}

// Locked is a handle whose mutex is exported: a caller may hold it.
type Locked struct {
	Mu    sync.Mutex
	items map[string]*Project
}

func (l *Locked) Put(p *Project) {
	l.Mu.Lock()
	defer l.Mu.Unlock()
	l.items[p.ID] = p
}

func (l *Locked) Item(id string) *Project { // want Item:"result 0 refers into l\\.items, guarded by l\\.Mu"
	l.Mu.Lock()
	defer l.Mu.Unlock()
	return l.items[id]
}

// HasLabel reads a project's labels under the lock: a caller's write
// into them races with it.
func (c *Cache) HasLabel(id, k string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p := c.projects[id]
	return p != nil && p.Labels[k] != ""
}

type Meta struct{ Tags map[string]bool }

type Hooks struct{ OnEvict func(string) }

type Item struct {
	Name  string
	Meta  Meta
	Hooks *Hooks
}

type Items struct {
	mu sync.Mutex
	m  map[string]*Item
}

func (c *Items) Put(it *Item) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[it.Name] = it
}

// Tag changes an item's tags in place under the lock.
func (c *Items) Tag(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k].Meta.Tags[v] = true
}

func (c *Items) Get(k string) *Item { // want Get:"result 0 refers into c\\.m, guarded by c\\.mu"
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k] // want `Get returns \*Item from c.m, guarded by c.mu`
}
