package a

import (
	"errors"
	"os"
	"sync"
)

// A deferred function literal that locks the mutex again before it
// unlocks it releases only its own lock: a return that still holds the
// mutex deadlocks when the literal runs.

type shrinkDB struct {
	mu        sync.Mutex
	closed    bool
	shrinking bool
	file      *os.File
}

var errDBClosed = errors.New("closed")

func (db *shrinkDB) Shrink() error {
	db.mu.Lock()
	if db.closed {
		db.mu.Unlock()
		return errDBClosed
	}
	db.shrinking = true
	defer func() {
		db.mu.Lock()
		db.shrinking = false
		db.mu.Unlock()
	}()
	if _, err := db.file.Seek(0, 2); err != nil {
		return err // want `return leaves db.mu locked, and the deferred function then locks it again: a deadlock; call db.mu.Unlock\(\) before return`
	}
	db.mu.Unlock()
	return nil
}

// Every return unlocks first: the literal's Lock finds the mutex free.
func (db *shrinkDB) ShrinkOK() error {
	db.mu.Lock()
	if db.closed {
		db.mu.Unlock()
		return errDBClosed
	}
	db.shrinking = true
	defer func() {
		db.mu.Lock()
		db.shrinking = false
		db.mu.Unlock()
	}()
	_, err := db.file.Seek(0, 2)
	db.mu.Unlock()
	return err
}

// A deferred literal that unlocks first releases the function's lock.
func (db *shrinkDB) releasedByDefer() error {
	db.mu.Lock()
	defer func() {
		db.shrinking = false
		db.mu.Unlock()
	}()
	if db.closed {
		return errDBClosed
	}
	return nil
}

// A literal that locks only under a condition may release the
// function's lock on its other path: left alone.
func (db *shrinkDB) conditionalRelock(relock bool) error {
	db.mu.Lock()
	defer func() {
		if relock {
			db.mu.Lock()
		}
		db.shrinking = false
		db.mu.Unlock()
	}()
	if db.closed {
		return errDBClosed
	}
	db.mu.Unlock()
	return nil
}

// The literal relocks a different mutex: db.mu stays an unusual release.
type twoLocks struct {
	mu, other sync.Mutex
	n         int
}

func (t *twoLocks) otherMutex(fail bool) error {
	t.mu.Lock()
	defer func() {
		t.other.Lock()
		t.n++
		t.other.Unlock()
		t.mu.Unlock()
	}()
	if fail {
		return errDBClosed
	}
	return nil
}

// A literal called in the function that locks the mutex first and
// unlocks it itself releases its own lock, not the function's: the
// function's own paths are still judged.
func (db *shrinkDB) ShrinkAndSwap() error {
	db.mu.Lock()
	if db.closed {
		db.mu.Unlock()
		return errDBClosed
	}
	db.shrinking = true
	defer func() {
		db.mu.Lock()
		db.shrinking = false
		db.mu.Unlock()
	}()
	if _, err := db.file.Seek(0, 2); err != nil {
		return err // want `return leaves db.mu locked, and the deferred function then locks it again`
	}
	db.mu.Unlock()
	return func() error {
		db.mu.Lock()
		defer db.mu.Unlock()
		if db.closed {
			return errDBClosed
		}
		return nil
	}()
}

// A literal that unlocks first may take over the function's lock: left
// alone.
func (db *shrinkDB) handOver(fail bool) (func(), error) {
	db.mu.Lock()
	release := func() {
		db.mu.Unlock()
	}
	if fail {
		return nil, errDBClosed
	}
	return release, nil
}
