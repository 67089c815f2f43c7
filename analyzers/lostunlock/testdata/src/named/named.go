// Package named holds deferred unlocks through named results.
package named

import (
	"errors"
	"sync"
)

type fileStore struct {
	mu     sync.Mutex
	blocks []int
}

var errBad = errors.New("bad")

func (fs *fileStore) load() error    { return nil }
func (fs *fileStore) recover() error { return nil }

// open's error returns set fs to nil before the deferred literal reads it.
func open(dir string) (fs *fileStore, err error) {
	fs = &fileStore{}
	fs.mu.Lock()
	unlocked := false
	defer func() {
		if !unlocked {
			fs.mu.Unlock()
		}
	}()
	if dir == "" {
		return nil, errBad // want `this return sets the named result fs to nil before the deferred fs\.mu\.Unlock\(\) runs: it panics with a nil dereference and the lock stays held`
	}
	if err := fs.load(); err != nil {
		return nil, err // want `this return sets the named result fs to nil`
	}
	fs.mu.Unlock()
	unlocked = true
	// The flag is set: the deferred literal no longer reads fs.
	if err := fs.recover(); err != nil {
		return nil, err
	}
	return fs, nil
}

// openArg gives fs to the deferred literal: it keeps the store.
func openArg(dir string) (fs *fileStore, err error) {
	fs = &fileStore{}
	fs.mu.Lock()
	defer func(fs *fileStore) {
		fs.mu.Unlock()
	}(fs)
	if dir == "" {
		return nil, errBad
	}
	return fs, nil
}

// openDirect defers the unlock itself: its receiver is evaluated at the
// defer statement.
func openDirect(dir string) (fs *fileStore, err error) {
	fs = &fileStore{}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if dir == "" {
		return nil, errBad
	}
	return fs, nil
}

// openChecked checks the result in the deferred literal.
func openChecked(dir string) (fs *fileStore, err error) {
	fs = &fileStore{}
	fs.mu.Lock()
	defer func() {
		if fs != nil {
			fs.mu.Unlock()
		}
	}()
	if dir == "" {
		return nil, errBad
	}
	return fs, nil
}

// openLocal keeps the store in a local: the return does not change it.
func openLocal(dir string) (*fileStore, error) {
	fs := &fileStore{}
	fs.mu.Lock()
	defer func() {
		fs.mu.Unlock()
	}()
	if dir == "" {
		return nil, errBad
	}
	return fs, nil
}

// openEarly returns nil before the defer is registered.
func openEarly(dir string) (fs *fileStore, err error) {
	if dir == "" {
		return nil, errBad
	}
	fs = &fileStore{}
	fs.mu.Lock()
	defer func() {
		fs.mu.Unlock()
	}()
	return fs, nil
}

// openKeep returns fs itself on the error path.
func openKeep(dir string) (fs *fileStore, err error) {
	fs = &fileStore{}
	fs.mu.Lock()
	defer func() {
		fs.mu.Unlock()
	}()
	if dir == "" {
		return fs, errBad
	}
	return fs, nil
}

// service's receiver form: the receiver keeps its value on every return.
type service struct {
	mu sync.Mutex
}

func (s *service) start(fail bool) (*fileStore, error) {
	s.mu.Lock()
	defer func() {
		s.mu.Unlock()
	}()
	if fail {
		return nil, errBad
	}
	return &fileStore{}, nil
}
