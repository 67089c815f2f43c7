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

// Clear hands every idle connection to the caller: the deferred reset runs
// after the result is taken, still under the lock, and the pool starts a
// new array.
func (s *IdlePool) Clear() []*PoolConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		s.data = nil
	}()
	return s.data
}

// Drain defers a reset that keeps the array: the next Put overwrites what
// the caller holds.
func (s *IdlePool) Drain() []*PoolConn { // want Drain:"result 0 refers into s\\.data, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		s.data = s.data[:0]
	}()
	return s.data // want `Drain returns slice s.data, guarded by s.mu: callers can change it without the lock`
}

// Empty defers the reset before the unlock: it runs after the unlock, and
// a Put in between appends into the array the caller holds.
func (s *IdlePool) Empty() []*PoolConn { // want Empty:"result 0 refers into s\\.data, guarded by s\\.mu"
	s.mu.Lock()
	defer func() {
		s.data = nil
	}()
	defer s.mu.Unlock()
	return s.data // want `Empty returns slice s.data, guarded by s.mu: callers can change it without the lock`
}

// Sessions changes its sessions in place under the lock.
type Sessions struct {
	mu sync.Mutex
	m  map[string]*PoolConn
}

func (s *Sessions) Bump(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k].Uses++
}

// Take deletes the session it returns: the caller's alone.
func (s *Sessions) Take(k string) *PoolConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.m[k]
	delete(s.m, k)
	return c
}

// Peek deletes only a spent session; a live one is handed out in place.
func (s *Sessions) Peek(k string) *PoolConn { // want Peek:"result 0 refers into s\\.m, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.m[k]
	if c.Uses < 10 {
		return c // want `Peek returns \*PoolConn from s.m, guarded by s.mu: callers can change it without the lock`
	}
	delete(s.m, k)
	return nil
}
