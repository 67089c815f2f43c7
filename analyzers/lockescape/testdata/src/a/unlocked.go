package a

import (
	"fmt"
	"sync"
	"time"
)

// A token cache whose readers skip the lock that its writer takes.
type Memory struct {
	sync.Mutex
	data map[string]*entry
}

type entry struct {
	val    string
	expiry time.Time
}

func (m *Memory) Set(key, val string, ttl time.Duration) {
	m.Lock()
	defer m.Unlock()
	m.data[key] = &entry{val: val, expiry: time.Now().Add(ttl)}
}

func (m *Memory) Get(key string) string {
	if e, ok := m.data[key]; ok { // want `Get uses map m.data without holding m.Mutex, under which other methods change it: a concurrent call is a fatal concurrent map access`
		return e.val
	}
	return ""
}

func (m *Memory) Delete(key string) {
	m.Lock()
	defer m.Unlock()
	delete(m.data, key)
}

// A read before the lock is taken races the same way.
func (m *Memory) First(key string) string {
	e := m.data[key] // want `First uses map m.data without holding m.Mutex`
	m.Lock()
	defer m.Unlock()
	if e == nil {
		return ""
	}
	return e.val
}

// Not reported: under the lock.
func (m *Memory) Has(key string) bool {
	m.Lock()
	defer m.Unlock()
	_, ok := m.data[key]
	return ok
}

// Not reported: the caller holds the lock, as the name says.
func (m *Memory) GetLocked(key string) string {
	return m.data[key].val
}

// Not reported: the lock is taken through a helper the model does not see.
func (m *Memory) lockAll()   { m.Lock() }
func (m *Memory) unlockAll() { m.Unlock() }

func (m *Memory) Keys() []string {
	m.lockAll()
	defer m.unlockAll()
	var keys []string
	for k := range m.data {
		keys = append(keys, k)
	}
	return keys
}

// Not reported: an unexported helper, which callers may call holding the
// lock.
func (m *Memory) get(key string) string { return m.data[key].val }

// Not reported: a map nothing changes in place under the lock (only
// replaced whole, or read).
type Snapshot struct {
	mu   sync.RWMutex
	byID map[string]int
}

func (s *Snapshot) Replace(m map[string]int) {
	s.mu.Lock()
	s.byID = m
	s.mu.Unlock()
}

func (s *Snapshot) Peek(id string) int { return s.byID[id] }

// Not reported: the field's value is read outside the lock, and the map
// itself is read under it; a reset replaces the field whole.
func (m *Memory) Clone() map[string]*entry {
	data := m.data
	m.Lock()
	defer m.Unlock()
	out := make(map[string]*entry, len(data))
	for k, v := range data {
		out[k] = v
	}
	return out
}

func (m *Memory) Reset() {
	m.data = nil
}

// Not reported: a debug printer, and a method documented as not for
// concurrent use.
func (m *Memory) String() string {
	return fmt.Sprint(len(m.data), m.data["x"])
}

// Dump lists the entries. It must not be called concurrently with Set.
func (m *Memory) Dump() []string {
	var out []string
	for k := range m.data {
		out = append(out, k)
	}
	return out
}

// Not reported: len reads the count without the runtime's check.
func (m *Memory) Size() int { return len(m.data) }

// Not reported: an unexported type no importer reaches; its callers are
// all in the package.
type registry struct {
	mu    sync.Mutex
	items map[string]int
}

func (r *registry) Add(k string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items[k]++
}

func (r *registry) Count(k string) int { return r.items[k] }

// Not reported: the lock is held across the store. Handing the struct that
// embeds the mutex to a function of the package that does not unlock it
// keeps the lock held, and so does building a closure that locks later.
type Links struct {
	sync.Mutex
	links map[string]*Link
}

type Link struct {
	owner *Links
	done  func()
}

func newLink(owner *Links, name string) *Link { return &Link{owner: owner} }

func (l *Links) cleanupFor(name string) func() {
	return sync.OnceFunc(func() {
		l.Lock()
		defer l.Unlock()
		delete(l.links, name)
	})
}

func (l *Links) Start(name string) {
	l.Lock()
	defer l.Unlock()
	link := newLink(l, name)
	link.done = l.cleanupFor(name)
	l.links[name] = link
}

func (l *Links) Remove(name string) {
	l.Lock()
	defer l.Unlock()
	delete(l.links, name)
}

// Entries returns the recorded entries. It should only be called after
// the recorder is closed. Not reported: a documented restriction.
func (m *Memory) Entries() []string {
	var out []string
	for k := range m.data {
		out = append(out, k)
	}
	return out
}

// Not reported: registration closes once the server serves (Register
// gives up when s.serving is set), so a reader while it serves meets no
// writer.
type ServiceHost struct {
	mu       sync.Mutex
	serving  bool
	services map[string]func()
}

func (s *ServiceHost) Register(name string, h func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.serving {
		panic("Register after Serve")
	}
	s.services[name] = h
}

func (s *ServiceHost) Serve() {
	s.mu.Lock()
	s.serving = true
	s.mu.Unlock()
}

func (s *ServiceHost) Services() []string {
	var names []string
	for n := range s.services {
		names = append(names, n)
	}
	return names
}

// Reported: one writer keeps writing while serving.
type HandlerRouter struct {
	mu       sync.Mutex
	running  bool
	handlers map[string]func()
}

func (r *HandlerRouter) Add(name string, h func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.running {
		panic("Add after Run")
	}
	r.handlers[name] = h
}

func (r *HandlerRouter) remove(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.handlers, name)
}

func (r *HandlerRouter) Handlers() []string {
	var names []string
	for n := range r.handlers { // want `Handlers uses map r.handlers without holding r.mu`
		names = append(names, n)
	}
	return names
}

// Not reported: the type hands its lock to callers (LockWithVersion locks
// and returns; Unlock releases), and Load runs under it.
type SourceLoader struct {
	mut   sync.Mutex
	cache map[string][]byte
}

func (l *SourceLoader) LockWithVersion(v string) {
	l.mut.Lock()
	l.cache[v] = nil
}

func (l *SourceLoader) Unlock() { l.mut.Unlock() }

func (l *SourceLoader) Load(file string) []byte { return l.cache[file] }

// One finding per method, however many maps it reads.
type Docs struct {
	mu      sync.Mutex
	inputs  map[string]string
	outputs map[string]string
}

func (d *Docs) Add(k, v string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.inputs[k] = v
	d.outputs[k] = v
}

func (d *Docs) Clone() *Docs {
	c := &Docs{inputs: map[string]string{}, outputs: map[string]string{}}
	for k, v := range d.inputs { // want `Clone uses map d.inputs without holding d.mu`
		c.inputs[k] = v
	}
	for k, v := range d.outputs {
		c.outputs[k] = v
	}
	return c
}

// A bucket hands out its nodes only once frozen, and every writer backs
// off a frozen bucket. Not reported.
type bucketNode struct{ key int }

type Bucket struct {
	mu     sync.Mutex
	nodes  []*bucketNode
	frozen bool
}

func (b *Bucket) Freeze() []*bucketNode { // want Freeze:"result 0 refers into b\\.nodes, guarded by b\\.mu"
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.frozen {
		b.frozen = true
	}
	return b.nodes
}

func (b *Bucket) Add(k int) bool {
	b.mu.Lock()
	if b.frozen {
		b.mu.Unlock()
		return false
	}
	b.nodes = append(b.nodes, &bucketNode{key: k})
	b.mu.Unlock()
	return true
}

// One writer that ignores the flag: the handout races with it. Reported.
type LooseBucket struct {
	mu     sync.Mutex
	nodes  []*bucketNode
	frozen bool
}

func (b *LooseBucket) Freeze() []*bucketNode { // want Freeze:"result 0 refers into b\\.nodes, guarded by b\\.mu"
	b.mu.Lock()
	defer b.mu.Unlock()
	b.frozen = true
	return b.nodes // want `Freeze returns slice b.nodes, guarded by b.mu`
}

func (b *LooseBucket) Set(i, k int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.nodes[i] = &bucketNode{key: k}
}
