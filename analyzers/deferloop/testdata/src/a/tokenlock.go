package a

// rbMutex is a reader-biased mutex: RLock returns a token that RUnlock
// takes back.
type rbMutex struct{ n int }

type rToken struct{ slot int }

func (mu *rbMutex) RLock() *rToken      { return &rToken{} }
func (mu *rbMutex) RUnlock(t *rToken)   {}
func (mu *rbMutex) Lock()               {}
func (mu *rbMutex) Unlock()             {}
func (mu *rbMutex) Release(t *rToken)   {}
func (mu *rbMutex) Acquire(n int) error { return nil }

type shard struct {
	mu rbMutex
	m  map[string]int
}

type store struct {
	shards []*shard
	mu     rbMutex
}

// A snapshot under every shard's read lock, taken in the store's own
// shard order: holding them all until return is the point.
func (s *store) total() int {
	n := 0
	for _, sh := range s.shards {
		t := sh.mu.RLock()
		n += len(sh.m)
		defer sh.mu.RUnlock(t)
	}
	return n
}

// The caller's shards, in the caller's order: a repeated one is
// read-locked twice.
func (s *store) sum(shards []*shard) int {
	n := 0
	for _, sh := range shards {
		t := sh.mu.RLock()
		n += len(sh.m)
		defer sh.mu.RUnlock(t) // want `defer sh.mu.RUnlock\(t\) in loop: one lock per item of shards stays held until sum returns`
	}
	return n
}

// The same store lock in every iteration.
func (s *store) each(keys []string) {
	for range keys {
		t := s.mu.RLock()
		defer s.mu.RUnlock(t) // want `defer s.mu.RUnlock\(t\) in loop: it runs only when each returns`
	}
}
