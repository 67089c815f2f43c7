package a

import "sync"

// A session keeps user state that callers borrow under its lock.
type session struct {
	mu      sync.Mutex
	storage map[string]any
	seen    []string
}

// Acquire hands the lock to its caller with the map and a release
// function: the map is read under the lock until release runs.
func (s *session) Acquire() (map[string]any, func(map[string]any)) {
	s.mu.Lock()
	if s.storage == nil {
		s.storage = map[string]any{}
	}
	return s.storage, func(updated map[string]any) {
		s.storage = updated
		s.mu.Unlock()
	}
}

// useAcquired writes the borrowed map while it holds the lock.
func useAcquired(s *session) {
	m, release := s.Acquire()
	m["k"] = 1
	release(m)
}

// Seen unlocks in a deferred literal: it does not hand the lock over, so
// its result is summarized for its callers.
func (s *session) Seen() []string { // want Seen:"result 0 refers into s\\.seen, guarded by s\\.mu"
	s.mu.Lock()
	defer func() { s.mu.Unlock() }()
	return s.seen
}

// Storage unlocks in a deferred call: the map escapes.
func (s *session) Storage() map[string]any { // want Storage:"result 0 refers into s\\.storage, guarded by s\\.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.storage // want `Storage returns map s.storage, guarded by s.mu`
}

// Note appends under the lock, so that the guarded fields are written.
func (s *session) Note(k string) {
	s.mu.Lock()
	s.seen = append(s.seen, k)
	s.storage[k] = true
	s.mu.Unlock()
}
