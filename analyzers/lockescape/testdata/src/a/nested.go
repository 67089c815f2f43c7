package a

import "sync"

// A membership list whose node map is guarded by nodeLock; Leave takes
// leaveLock around nodeLock, so the map is also read under leaveLock
// there. nodeLock is still held at every access: it guards the map.

type Gossiper struct {
	Name string
	Meta []byte
}

type gossiperState struct {
	Gossiper
	Incarnation uint32
}

type Roster struct {
	leaveLock sync.Mutex
	nodeLock  sync.RWMutex
	nodeMap   map[string]*gossiperState
	self      string
}

func (m *Roster) LocalG() *Gossiper {
	m.nodeLock.RLock()
	defer m.nodeLock.RUnlock()
	state := m.nodeMap[m.self]
	return &state.Gossiper // want `LocalG returns &state.Gossiper, a pointer into \*gossiperState from m.nodeMap, changed in place, guarded by m.nodeLock`
}

func (m *Roster) Alive(name string, meta []byte) {
	m.nodeLock.Lock()
	defer m.nodeLock.Unlock()
	state, ok := m.nodeMap[name]
	if !ok {
		state = &gossiperState{Gossiper: Gossiper{Name: name}}
		m.nodeMap[name] = state
	}
	state.Meta = meta
	state.Incarnation++
}

func (m *Roster) Leave() uint32 {
	m.leaveLock.Lock()
	defer m.leaveLock.Unlock()
	m.nodeLock.Lock()
	state := m.nodeMap[m.self]
	inc := state.Incarnation
	m.nodeLock.Unlock()
	return inc
}

// Correct: a map read under one mutex in one place and under another
// elsewhere has no single guard, so no lock is said to guard it.

type splitGuard struct {
	mu, other sync.Mutex
	byName    map[string]*gossiperState
}

func (s *splitGuard) Lookup(name string) *Gossiper {
	s.mu.Lock()
	defer s.mu.Unlock()
	state := s.byName[name]
	return &state.Gossiper
}

func (s *splitGuard) Touch(name string) {
	s.other.Lock()
	defer s.other.Unlock()
	s.byName[name].Incarnation++
}
