package a

import "sync"

// Pools that pop: the item returned is taken out of the container under
// the lock, so the caller alone holds it.

type PoolConn struct {
	Node uint32
	Uses int
}

type IdlePool struct {
	mu   sync.Mutex
	data []*PoolConn
}

func (s *IdlePool) Put(c *PoolConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data = append(s.data, c)
}

// Touch changes an idle connection in place.
func (s *IdlePool) Touch(i int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[i].Uses++
}

// PopByNode returns an element popByNode took out of the slice.
func (s *IdlePool) PopByNode(node uint32) *PoolConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.popByNode(node)
}

func (s *IdlePool) popByNode(node uint32) *PoolConn {
	for i := len(s.data) - 1; i >= 0; i-- {
		if s.data[i].Node != node {
			continue
		}
		last := len(s.data) - 1
		c := s.data[i]
		copy(s.data[i:], s.data[i+1:])
		s.data[last] = nil
		s.data = s.data[:last]
		return c
	}
	return nil
}

// PopLast takes the last element out itself.
func (s *IdlePool) PopLast() *PoolConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.data) == 0 {
		return nil
	}
	c := s.data[len(s.data)-1]
	s.data = s.data[:len(s.data)-1]
	s.data = append(s.data[:0:0], s.data...)
	return c
}

// UseIdle takes a connection out, uses it, and puts it back.
func UseIdlePool(s *IdlePool) {
	c := s.PopByNode(1)
	if c == nil {
		return
	}
	c.Uses++
	s.Put(c)
}

// A pool that also keeps every connection in all: popping it from idle
// still leaves it where Sweep changes it under the lock.
type TrackedPool struct {
	mu   sync.Mutex
	idle []*PoolConn
	all  []*PoolConn
}

func (t *TrackedPool) Sweep() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, c := range t.all {
		c.Uses = 0
	}
}

func (t *TrackedPool) Pop() *PoolConn { // want Pop:"result 0 refers into t\\.idle, guarded by t\\.mu"
	t.mu.Lock()
	defer t.mu.Unlock()
	last := len(t.idle) - 1
	c := t.idle[last]
	t.idle[last] = nil
	t.idle = t.idle[:last]
	return c // want `Pop returns \*PoolConn from t.idle, changed in place, guarded by t.mu`
}

// A lookup that leaves the element where it is.
func (s *IdlePool) At(i int) *PoolConn { // want At:"result 0 refers into s\\.data, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.data[i]
	return c // want `At returns \*PoolConn from s.data, guarded by s.mu: callers can change it without the lock`
}
