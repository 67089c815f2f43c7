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
