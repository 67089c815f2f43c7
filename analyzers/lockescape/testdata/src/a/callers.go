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

// A lock that guards a map's membership, not its records' fields: the
// one goroutine that owns a channel's sequence writes it without the
// lock, and no code holding the lock reads it.

type channel struct {
	name    string
	nextSeq uint64
}

type channelStore struct {
	mu       sync.RWMutex
	channels map[string]*channel
}

func (cs *channelStore) lookup(name string) *channel { // want lookup:"result 0 refers into cs\\.channels, guarded by cs\\.mu"
	cs.mu.RLock()
	defer cs.mu.RUnlock()
	return cs.channels[name]
}

func (cs *channelStore) create(name string) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.channels[name] = &channel{name: name, nextSeq: 1}
}

// names reads only the channels' names under the lock.
func (cs *channelStore) names() []string {
	cs.mu.RLock()
	defer cs.mu.RUnlock()
	var out []string
	for _, c := range cs.channels {
		out = append(out, c.name)
	}
	return out
}

// ioLoop owns every channel's sequence: no holder of cs.mu uses it. Not
// reported.
func (cs *channelStore) ioLoop(in <-chan string) {
	for name := range in {
		c := cs.lookup(name)
		c.nextSeq++
	}
}

// rename writes a field the lock's holders read (names): reported.
func (cs *channelStore) rename(from, to string) {
	c := cs.lookup(from)
	c.name = to // want `assignment to c.name writes the \*channel that cs.lookup returns from cs.channels without holding cs.mu`
}

// A store whose Reset writes the sequence under the lock: the owner's
// write races with it.

type resetStore struct {
	mu       sync.Mutex
	channels map[string]*channel
}

func (rs *resetStore) lookup(name string) *channel { // want lookup:"result 0 refers into rs\\.channels, guarded by rs\\.mu"
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.channels[name]
}

func (rs *resetStore) reset(name string) {
	rs.mu.Lock()
	rs.channels[name].nextSeq = 0
	rs.mu.Unlock()
}

func (rs *resetStore) next(name string) {
	c := rs.lookup(name)
	c.nextSeq++ // want `c.nextSeq\+\+ writes the \*channel that rs.lookup returns from rs.channels without holding rs.mu`
}

// A store whose snapshot copies whole records under the lock: every
// field is read there.

type copyStore struct {
	mu       sync.Mutex
	channels map[string]*channel
}

func (s *copyStore) lookup(name string) *channel { // want lookup:"result 0 refers into s\\.channels, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.channels[name]
}

func (s *copyStore) snapshot() []channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []channel
	for _, c := range s.channels {
		out = append(out, *c)
	}
	return out
}

func (s *copyStore) next(name string) {
	c := s.lookup(name)
	c.nextSeq++ // want `c.nextSeq\+\+ writes the \*channel that s.lookup returns from s.channels without holding s.mu`
}

// A store that hands each record to a function of the package under the
// lock: what that function uses of it counts, one call deep.

type handStore struct {
	mu       sync.Mutex
	channels map[string]*channel
}

func (s *handStore) lookup(name string) *channel { // want lookup:"result 0 refers into s\\.channels, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.channels[name]
}

func label(c *channel) string { return "channel " + c.name }

func seq(c *channel) uint64 { return c.nextSeq }

func (s *handStore) labels() (out []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.channels {
		out = append(out, label(c))
	}
	return out
}

// rename writes the name that label reads under the lock: reported.
func (s *handStore) rename(from, to string) {
	c := s.lookup(from)
	c.name = to // want `assignment to c.name writes the \*channel that s.lookup returns from s.channels without holding s.mu`
}

// next writes the sequence, which label does not read: not reported.
func (s *handStore) next(name string) {
	c := s.lookup(name)
	c.nextSeq++
}

type seqStore struct {
	mu       sync.Mutex
	channels map[string]*channel
}

func (s *seqStore) lookup(name string) *channel { // want lookup:"result 0 refers into s\\.channels, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.channels[name]
}

func (s *seqStore) total() (n uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.channels {
		n += seq(c)
	}
	return n
}

// next writes the sequence that seq reads under the lock: reported.
func (s *seqStore) next(name string) {
	c := s.lookup(name)
	c.nextSeq++ // want `c.nextSeq\+\+ writes the \*channel that s.lookup returns from s.channels without holding s.mu`
}
