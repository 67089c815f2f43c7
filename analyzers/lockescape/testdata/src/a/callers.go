package a

import "sync"

// The caller-write rule inside the package: GetProject's result written
// without the lock, and with it.

func (c *ProjectCache) Pause(id string) {
	p := c.GetProject(id)
	p.Status = "paused" // want `assignment to p.Status writes the \*ProjectInfo that c.GetProject returns from c.projects without holding c.mu`
}

func (c *ProjectCache) Touch(id string) {
	p := c.GetProject(id)
	c.mu.Lock()
	p.Status = "seen"
	c.mu.Unlock()
}

// A variable declared without a value holds nothing until the call
// assigns it: the write through it is the caller's race all the same.
func (c *ProjectCache) PauseDeclared(id string) {
	var p *ProjectInfo
	p = c.GetProject(id)
	p.Status = "paused" // want `assignment to p.Status writes the \*ProjectInfo that c.GetProject returns from c.projects without holding c.mu`
}

// PauseCopy writes a record of its own when the variable is assigned
// again before the write: not reported.
func (c *ProjectCache) PauseCopy(id string) {
	var p *ProjectInfo
	p = c.GetProject(id)
	if p != nil {
		p = &ProjectInfo{ID: p.ID}
	}
	p.Status = "paused"
}

func pauseAll(c *ProjectCache, ids []string) {
	for _, id := range ids {
		c.GetProject(id).Status = "paused" // want `assignment to c.GetProject\(id\).Status writes the \*ProjectInfo`
	}
}

// Writes through a pointer field of the returned record reach another
// object: they race with the lock's holders only when the package uses
// that object, along the same field path, under the lock.

type Callbacks struct{ OnLeave func(*Peer) }

type Peer struct {
	ID       string
	Callback *Callbacks
}

type Room struct {
	mu    sync.RWMutex
	peers map[string]*Peer
}

func (r *Room) Join(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.peers[id] = &Peer{ID: id, Callback: &Callbacks{}}
}

// Leave calls the callback after the unlock.
func (r *Room) Leave(id string) {
	r.mu.Lock()
	p := r.peers[id]
	delete(r.peers, id)
	r.mu.Unlock()
	if p != nil && p.Callback.OnLeave != nil {
		p.Callback.OnLeave(p)
	}
}

func (r *Room) Get(id string) *Peer { // want Get:"result 0 refers into r\\.peers, guarded by r\\.mu"
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.peers[id]
}

// Setup sets a callback of the peer: the callbacks are another object,
// which no code of the package uses under r.mu.
func Setup(r *Room) {
	p := r.Get("a")
	p.Callback.OnLeave = func(*Peer) {}
}

// LockedRoom calls the callback while holding the lock.
type LockedRoom struct {
	mu    sync.RWMutex
	peers map[string]*Peer
}

func (r *LockedRoom) Join(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.peers[id] = &Peer{ID: id, Callback: &Callbacks{}}
}

func (r *LockedRoom) Leave(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p := r.peers[id]; p != nil && p.Callback.OnLeave != nil {
		p.Callback.OnLeave(p)
	}
	delete(r.peers, id)
}

func (r *LockedRoom) Get(id string) *Peer { // want Get:"result 0 refers into r\\.peers, guarded by r\\.mu"
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.peers[id]
}

func SetupLocked(r *LockedRoom) {
	p := r.Get("a")
	p.Callback.OnLeave = func(*Peer) {} // want `assignment to p.Callback.OnLeave writes the \*Peer that r.Get returns from r.peers without holding r.mu`
}

// fire calls the peer's callback.
func (p *Peer) fire() {
	if p.Callback.OnLeave != nil {
		p.Callback.OnLeave(p)
	}
}

// MethodRoom calls the callback through a method of the peer, holding
// the lock.
type MethodRoom struct {
	mu    sync.Mutex
	peers map[string]*Peer
}

func (r *MethodRoom) Join(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.peers[id] = &Peer{ID: id, Callback: &Callbacks{}}
}

func (r *MethodRoom) Leave(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.peers[id].fire()
	delete(r.peers, id)
}

func (r *MethodRoom) Get(id string) *Peer { // want Get:"result 0 refers into r\\.peers, guarded by r\\.mu"
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.peers[id]
}

func SetupMethod(r *MethodRoom) {
	p := r.Get("a")
	p.Callback.OnLeave = func(*Peer) {} // want `assignment to p.Callback.OnLeave writes the \*Peer that r.Get returns from r.peers without holding r.mu`
}
