package a

import "sync"

// A pointer to a field of a record read out of guarded state: the
// package rewrites that field in place under the lock (memberlist's
// LocalNode, whose MemberNode is the embedded public part of a *nodeState).

type MemberNode struct {
	Name string
	Addr string
	Port uint16
}

type nodeState struct {
	MemberNode
	Incarnation uint32
	stats       counters
}

type counters struct{ probes int }

type Members struct {
	mu    sync.RWMutex
	nodes map[string]*nodeState
}

func (m *Members) Alive(name, addr string, inc uint32) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := m.nodes[name]
	if st == nil {
		st = &nodeState{MemberNode: MemberNode{Name: name}}
		m.nodes[name] = st
	}
	st.Addr = addr // a promoted field of the embedded MemberNode
	st.Incarnation = inc
}

func (m *Members) LocalNode(name string) *MemberNode {
	m.mu.RLock()
	defer m.mu.RUnlock()
	st := m.nodes[name]
	return &st.MemberNode // want `LocalNode returns &st.MemberNode, a pointer into \*nodeState from m.nodes, changed in place, guarded by m.mu: callers can change it without the lock`
}

// Not reported: a copy of the field shares nothing.
func (m *Members) NodeCopy(name string) MemberNode {
	m.mu.RLock()
	defer m.mu.RUnlock()
	st := m.nodes[name]
	return st.MemberNode
}

// Not reported: the package never writes the stats field of a record it
// has published, so a pointer to it sees a value nobody changes.
func (m *Members) Stats(name string) *counters {
	m.mu.RLock()
	defer m.mu.RUnlock()
	st := m.nodes[name]
	return &st.stats
}

// Records collected into a fresh slice are the same records.
func (m *Members) All() []*nodeState {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]*nodeState, 0, len(m.nodes))
	for _, st := range m.nodes {
		out = append(out, st)
	}
	return out // want `All returns a slice of \*nodeState from m.nodes, guarded by m.mu: callers can change it without the lock`
}

func (m *Members) List() []*MemberNode {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var nodes []*MemberNode
	for _, st := range m.nodes {
		if st.Incarnation > 0 {
			nodes = append(nodes, &st.MemberNode)
		}
	}
	return nodes // want `List returns a slice of pointers into \*nodeState from m.nodes, changed in place, guarded by m.mu`
}

// Not reported: copies of the records share nothing.
func (m *Members) Copies() []MemberNode {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]MemberNode, 0, len(m.nodes))
	for _, st := range m.nodes {
		out = append(out, st.MemberNode)
	}
	return out
}

// Not reported: a pointer to a field the package never writes in place.
func (m *Members) AllStats() []*counters {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []*counters
	for _, st := range m.nodes {
		out = append(out, &st.stats)
	}
	return out
}

// Not reported: records nobody changes after publishing them.
type frozenEntry struct{ Name string }

type frozenSet struct {
	mu      sync.Mutex
	entries map[string]*frozenEntry
}

func (s *frozenSet) Add(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries[name] = &frozenEntry{Name: name}
}

func (s *frozenSet) All() []*frozenEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*frozenEntry, 0, len(s.entries))
	for _, e := range s.entries {
		out = append(out, e)
	}
	return out
}
