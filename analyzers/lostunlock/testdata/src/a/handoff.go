package a

import (
	"errors"
	"sync"
)

// An Unlocker releases what a tryLock handed out.
type Unlocker interface{ Unlock() error }

type nopUnlocker struct{}

func (nopUnlocker) Unlock() error { return nil }

// fileLock hands its held mutex to the caller of tryLock, with its own
// Unlock to release it.
type fileLock struct {
	mu     sync.Mutex
	locked bool
}

func (l *fileLock) tryLock(busy bool) (Unlocker, error) {
	l.mu.Lock()
	switch {
	case busy:
		l.mu.Unlock()
		return nopUnlocker{}, nil
	case l.locked:
		l.mu.Unlock()
		return nil, errors.New("locked")
	}
	return l, nil // the caller's ul.Unlock() releases l.mu
}

// Unlock releases the lock tryLock took.
func (l *fileLock) Unlock() error {
	defer l.mu.Unlock()
	l.locked = false
	return nil
}

// acquire returns the value whose Release unlocks it.
type lease struct{ mu sync.Mutex }

func (s *lease) acquire(ok bool) *lease {
	s.mu.Lock()
	if !ok {
		s.mu.Unlock()
		return nil
	}
	return s
}

func (s *lease) Release() { s.mu.Unlock() }

// store's methods lock and unlock for themselves: none releases a lock
// its caller holds, so returning the store hands nothing over.
type store struct {
	mu sync.Mutex
	n  int
}

func (s *store) Inc() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
}

func (s *store) self(fail bool) *store {
	s.mu.Lock()
	if fail {
		s.mu.Unlock()
		return nil
	}
	return s // want `return leaves s.mu locked`
}

// other returns a value of another type: the lock stays with s.
func (l *fileLock) other(busy bool) (Unlocker, error) {
	l.mu.Lock()
	if busy {
		l.mu.Unlock()
		return nil, nil
	}
	return nopUnlocker{}, nil // want `return leaves l.mu locked`
}
