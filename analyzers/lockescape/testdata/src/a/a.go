package a

import (
	"io"
	"sync"
	"sync/atomic"
)

type ProjectInfo struct {
	ID     string
	Status string
}

type ProjectCache struct {
	mu       sync.RWMutex
	projects map[string]*ProjectInfo
	order    []string
	current  *ProjectInfo
	hits     int
	stats    Stats
	name     string
}

type Stats struct {
	byStatus map[string]int
	total    int
}

func NewProjectCache(name string) *ProjectCache {
	return &ProjectCache{name: name, projects: make(map[string]*ProjectInfo)}
}

func (c *ProjectCache) Add(p *ProjectInfo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.projects[p.ID] = p
	c.order = append(c.order, p.ID)
	c.order[0] = p.ID
	c.current = p
	c.stats.byStatus[p.Status]++
	c.stats.total++
}

func (c *ProjectCache) UpdateStatus(id, status string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.projects[id]; ok {
		p.Status = status
	}
}

func (c *ProjectCache) GetProject(id string) *ProjectInfo { // want GetProject:"result 0 refers into c\\.projects, guarded by c\\.mu"
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.projects[id] // want `GetProject returns \*ProjectInfo from c.projects, guarded by c.mu: callers can change it without the lock`
}

func (c *ProjectCache) GetAfterUnlock(id string) *ProjectInfo { // want GetAfterUnlock:"result 0 refers into c\\.projects, guarded by c\\.mu"
	c.mu.RLock()
	p := c.projects[id]
	c.mu.RUnlock()
	return p // want `GetAfterUnlock returns \*ProjectInfo from c.projects, guarded by c.mu`
}

func (c *ProjectCache) Lookup(id string) (*ProjectInfo, bool) { // want Lookup:"result 0 refers into c\\.projects, guarded by c\\.mu"
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.projects[id]
	return p, ok // want `Lookup returns \*ProjectInfo from c.projects`
}

func (c *ProjectCache) All() map[string]*ProjectInfo { // want All:"result 0 refers into c\\.projects, guarded by c\\.mu"
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.projects // want `All returns map c.projects, guarded by c.mu: callers can change it without the lock`
}

func (c *ProjectCache) Order() []string { // want Order:"result 0 refers into c\\.order, guarded by c\\.mu"
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.order // want `Order returns slice c.order, guarded by c.mu: .*; return slices.Clone\(c.order\)`
}

func (c *ProjectCache) Current() *ProjectInfo { // want Current:"result 0 refers into c\\.current, guarded by c\\.mu"
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.current // want `Current returns \*ProjectInfo c.current, guarded by c.mu`
}

func (c *ProjectCache) HitsPtr() *int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return &c.stats.total // want `HitsPtr returns &c.stats.total, a pointer into c.stats, guarded by c.mu`
}

func (c *ProjectCache) First() *string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return &c.order[0] // want `First returns &c.order\[0\], a pointer into c.order`
}

func (c *ProjectCache) StatsCopy() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats // want `StatsCopy returns a copy of c.stats that shares its maps and slices, guarded by c.mu`
}

func (c *ProjectCache) Fill(out *[]string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	*out = c.order // want `Fill stores in \*out slice c.order, guarded by c.mu`
}

func (c *ProjectCache) CountHit() {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.hits++ // want `c.hits\+\+ writes c.hits under c.mu.RLock: concurrent readers race with it; use c.mu.Lock`
}

func (c *ProjectCache) Forget(id string) {
	c.mu.RLock()
	delete(c.projects, id) // want `delete\(c.projects, id\) writes c.projects under c.mu.RLock: concurrent readers race with it \(fatal for a map\)`
	c.mu.RUnlock()
}

func (c *ProjectCache) Remember(p *ProjectInfo) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.projects[p.ID] = p // want `writes c.projects under c.mu.RLock`
}

func (c *ProjectCache) AppendOrder(id string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.order = append(c.order, id) // want `writes c.order under c.mu.RLock`
}

func (c *ProjectCache) Reset() {
	c.mu.RLock()
	defer c.mu.RUnlock()
	clear(c.projects) // want `clear\(c.projects\) writes c.projects under c.mu.RLock`
}

type Registry struct {
	sync.Mutex
	byName map[string][]int
}

func (r *Registry) Put(name string, v int) {
	r.Lock()
	r.byName[name] = append(r.byName[name], v)
	r.Unlock()
}

func (r *Registry) Names() map[string][]int { // want Names:"result 0 refers into r\\.byName, guarded by r"
	r.Lock()
	defer r.Unlock()
	return r.byName // want `Names returns map r.byName, guarded by r: callers can change it without the lock$`
}

// GetProjectCopy returns a copy of the project, which shares nothing.
func (c *ProjectCache) GetProjectCopy(id string) (ProjectInfo, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.projects[id]
	if !ok {
		return ProjectInfo{}, false
	}
	return *p, true
}

// Hits returns a scalar: a copy.
func (c *ProjectCache) Hits() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.hits
}

// Name returns a string, immutable, and set only in the constructor.
func (c *ProjectCache) Name() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.name
}

// Total copies a scalar field out of a struct field.
func (c *ProjectCache) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats.total
}

// OrderCopy returns a clone of the guarded slice.
func (c *ProjectCache) OrderCopy() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]string, len(c.order))
	copy(out, c.order)
	return out
}

// ReadUnderRLock only reads guarded state under the read lock.
func (c *ProjectCache) ReadUnderRLock(id string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.projects[id]
	if !ok {
		return "", false
	}
	return p.Status, true
}

// WriteUnderLock writes under the write lock.
func (c *ProjectCache) WriteUnderLock() {
	c.mu.Lock()
	c.hits++
	c.mu.Unlock()
}

// localWrites under a read lock writes only local state.
func (c *ProjectCache) localWrites() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := 0
	for range c.projects {
		n++
	}
	return n
}

type Conn struct {
	mu     sync.Mutex
	closed bool
}

type Pool struct {
	mu    sync.Mutex
	conns map[string]*Conn
	ch    chan int
	count atomic.Int64
	seen  sync.Map
}

func (p *Pool) Put(k string, c *Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.conns[k] = c
	p.ch = make(chan int)
}

// Get returns a *Conn that carries its own mutex: safe on its own.
func (p *Pool) Get(k string) *Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.conns[k]
}

// Chan returns a channel, safe to share.
func (p *Pool) Chan() chan int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ch
}

// Counter returns a pointer to an atomic: safe on its own.
func (p *Pool) Counter() *atomic.Int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return &p.count
}

// Seen returns a sync.Map: safe on its own.
func (p *Pool) Seen() *sync.Map {
	p.mu.Lock()
	defer p.mu.Unlock()
	return &p.seen
}

type Endpoint struct {
	Addr string
}

type Resolver struct {
	mu        sync.RWMutex
	endpoints []*Endpoint
	table     map[string]*Endpoint
	snapshot  map[string]int
}

// Update replaces the endpoints wholesale: the old slice and the
// endpoints it points to are never changed in place.
func (r *Resolver) Update(eps []*Endpoint) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.endpoints = eps
	m := make(map[string]*Endpoint)
	for _, e := range eps {
		m[e.Addr] = e
	}
	r.table = m
}

// Endpoints returns a slice that is only ever replaced, never written in
// place (copy-on-write): callers can keep it.
func (r *Resolver) Endpoints() []*Endpoint { // want Endpoints:"result 0 refers into r\\.endpoints, guarded by r\\.mu"
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.endpoints
}

// Lookup returns an endpoint that is never changed after it is published.
func (r *Resolver) Lookup(addr string) *Endpoint { // want Lookup:"result 0 refers into r\\.table, guarded by r\\.mu"
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.table[addr]
}

// SetSnapshot replaces a map built outside the lock.
func (r *Resolver) SetSnapshot(m map[string]int) {
	r.mu.Lock()
	r.snapshot = m
	r.mu.Unlock()
}

// Snapshot is copy-on-write: the map is replaced, never written.
func (r *Resolver) Snapshot() map[string]int { // want Snapshot:"result 0 refers into r\\.snapshot, guarded by r\\.mu"
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.snapshot
}

type Server struct {
	mu      sync.RWMutex
	statsMu sync.Mutex
	conns   map[string]int
	reads   int
}

// countRead writes under a second, write-held mutex that guards it.
func (s *Server) countRead(k string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.statsMu.Lock()
	s.reads++
	s.statsMu.Unlock()
	return s.conns[k]
}

// reset writes under the write lock.
func (s *Server) reset() {
	s.mu.Lock()
	s.conns = map[string]int{}
	s.mu.Unlock()
}

// byCopy reads the map under the lock into a fresh one.
func (s *Server) byCopy() map[string]int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	m := make(map[string]int, len(s.conns))
	for k, v := range s.conns {
		m[k] = v
	}
	return m
}

type Buffer struct {
	mu      sync.Mutex
	pending []string
}

func (b *Buffer) Push(s string) {
	b.mu.Lock()
	b.pending = append(b.pending, s)
	b.pending[len(b.pending)-1] = s
	b.mu.Unlock()
}

// Take hands the pending slice over and resets the field: the caller
// owns it now, and nobody else can reach it.
func (b *Buffer) Take() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.pending
	b.pending = nil
	return out
}

type Rows struct {
	closemu  sync.RWMutex
	closed   bool
	lastcols []string
}

// Next writes under the read lock, but the read lock is a barrier against
// Close, which takes the write lock; lastcols belongs to the one goroutine
// that iterates, and is never touched under the write lock (the shape of
// database/sql's Rows).
func (rs *Rows) Next() bool {
	rs.closemu.RLock()
	defer rs.closemu.RUnlock()
	if rs.closed {
		return false
	}
	rs.lastcols = nil
	return true
}

func (rs *Rows) Close() {
	rs.closemu.Lock()
	rs.closed = true
	rs.closemu.Unlock()
}

// MergeIter's Close clears what Next stores, under the write lock: the
// read lock in Next is still a barrier against Close, and the fields
// belong to the one goroutine that iterates.
type MergeIter struct {
	mu     sync.RWMutex
	inputs []int
	curr   *int
	reads  int
}

func (it *MergeIter) Next() (int, bool) {
	it.mu.RLock()
	defer it.mu.RUnlock()
	if len(it.inputs) == 0 {
		return 0, false
	}
	it.curr = &it.inputs[0]
	v := *it.curr
	it.inputs = it.inputs[1:]
	it.reads++ // want `it.reads\+\+ writes it.reads under it.mu.RLock: concurrent readers race with it`
	return v, true
}

func (it *MergeIter) Close() {
	it.mu.Lock()
	it.curr = nil
	it.inputs = nil
	it.reads = 0
	it.mu.Unlock()
}

type Socket struct {
	ID     int64
	parent *channelMap
}

type channelMap struct {
	mu      sync.RWMutex
	sockets map[int64]*Socket
}

// addSocket initialises the socket it is given before publishing it; that
// write says nothing about sockets already in the map.
func (c *channelMap) addSocket(s *Socket) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s.parent = c
	c.sockets[s.ID] = s
}

// getSocket returns a socket that nobody changes in place under c.mu.
func (c *channelMap) getSocket(id int64) *Socket { // want getSocket:"result 0 refers into c\\.sockets, guarded by c\\.mu"
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.sockets[id]
}

type Request struct {
	next *Request
}

type RPCServer struct {
	reqLock sync.Mutex
	freeReq *Request
}

// freeRequest links the request into the free list: storing into a field
// of the parameter hands the request over, it does not leak the list.
func (s *RPCServer) freeRequest(req *Request) {
	s.reqLock.Lock()
	req.next = s.freeReq
	s.freeReq = req
	s.reqLock.Unlock()
}

func (s *RPCServer) getRequest() *Request {
	s.reqLock.Lock()
	req := s.freeReq
	if req == nil {
		req = new(Request)
	} else {
		s.freeReq = req.next
		*req = Request{}
	}
	s.reqLock.Unlock()
	return req
}

type leaseKey struct {
	rev   int64
	waitc chan struct{}
}

type leaseCache struct {
	mu      sync.RWMutex
	entries map[string]*leaseKey
}

func (lc *leaseCache) Lock(key string) chan struct{} {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if li := lc.entries[key]; li != nil {
		li.waitc = make(chan struct{})
		return li.waitc
	}
	return nil
}

// notify is unexported: its callers in the package dereference the entry
// under lc.mu again (etcd's leasing cache).
func (lc *leaseCache) notify(key string) *leaseKey { // want notify:"result 0 refers into lc\\.entries, guarded by lc\\.mu"
	lc.mu.RLock()
	defer lc.mu.RUnlock()
	return lc.entries[key]
}

type Cert struct {
	Leaf string
}

type fakeStore struct {
	mu   sync.Mutex
	cert *Cert
}

// Update replaces the pointer and fills in the new value before anyone
// else can reach it; Current returns a value never changed in place.
func (s *fakeStore) Update(leaf string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cert = &Cert{}
	s.cert.Leaf = leaf
}

// Current returns a pointer to a value that is only ever replaced.
func (s *fakeStore) Current() *Cert { // want Current:"result 0 refers into s\\.cert, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cert
}

func (c *ProjectCache) HitsFunc() func() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return func() int {
		return c.hits // want `HitsFunc returns a closure that reads c.hits, guarded by c.mu, without the lock`
	}
}

// HitsFuncLocked returns a closure that takes the lock itself.
func (c *ProjectCache) HitsFuncLocked() func() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return func() int {
		c.mu.RLock()
		defer c.mu.RUnlock()
		return c.hits
	}
}

// StopInit returns with the lock held on its second path and hands it to
// the closure it returns, which releases it: the closure reads and writes
// under the lock.
func (c *ProjectCache) StopInit() (bool, func(bool)) {
	c.mu.Lock()
	if c.hits == 0 {
		c.mu.Unlock()
		return false, func(bool) {}
	}
	return true, func(done bool) {
		defer c.mu.Unlock()
		if done {
			c.hits = 0
		}
	}
}

// NameFunc returns a closure over a field never written under the lock.
func (c *ProjectCache) NameFunc() func() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return func() string { return c.name }
}

type User struct {
	Name  string
	Email string
}

type UserStore struct {
	mu    sync.RWMutex
	users map[string]*User
}

func (s *UserStore) Put(id string, u *User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[id] = u
}

// Get hands out a record that nothing in the package writes after Put
// publishes it: sharing an immutable value races with nothing. A
// caller's write through the result is reported at the write (the
// ReturnsGuarded fact; see package handler).
func (s *UserStore) Get(id string) *User { // want Get:"result 0 refers into s\\.users, guarded by s\\.mu"
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.users[id]
}

// get is unexported: its callers are in the package, which may follow the
// locking discipline.
func (s *UserStore) get(id string) *User { // want get:"result 0 refers into s\\.users, guarded by s\\.mu"
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.users[id]
}

type Generic[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

func (g *Generic[K, V]) Set(k K, v V) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.m[k] = v
}

func (g *Generic[K, V]) All() map[K]V { // want All:"result 0 refers into g\\.m, guarded by g\\.mu"
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.m // want `All returns map g.m, guarded by g.mu`
}

func (g *Generic[K, V]) Drop(k K) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	delete(g.m, k) // want `delete\(g.m, k\) writes g.m under g.mu.RLock`
}

// Len reads under the read lock of a generic type.
func (g *Generic[K, V]) Len() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return len(g.m)
}

// Scanner's Stop clears the provider under the read lock: it runs once,
// and no function reads the provider under the read lock.
type Scanner struct {
	mx          sync.RWMutex
	provider    io.Closer
	cache       map[string]int
	initialized bool
}

func (s *Scanner) Init(p io.Closer) {
	s.mx.Lock()
	s.provider = p
	s.initialized = true
	s.cache = map[string]int{}
	s.mx.Unlock()
}

func (s *Scanner) IsInitialized() bool {
	s.mx.RLock()
	defer s.mx.RUnlock()
	return s.initialized
}

func (s *Scanner) Stop() {
	s.mx.RLock()
	defer s.mx.RUnlock()
	if s.provider != nil {
		_ = s.provider.Close()
		s.provider = nil
	}
	s.initialized = false // want `assignment to s.initialized writes s.initialized under s.mx.RLock: concurrent readers race with it`
}
