// Package mismatchall is run with -lostunlock.scope=all: the mismatched
// unlocks of a test are reported too.
package mismatchall

import (
	"sync"
	"testing"
)

func TestUnlockAfterRLock(t *testing.T) {
	var rw sync.RWMutex
	rw.RLock()
	rw.Unlock() // want `rw.Unlock releases the read lock taken by rw.RLock`
}

func TestRUnlockAfterLock(t *testing.T) {
	var rw sync.RWMutex
	rw.Lock()
	rw.RUnlock() // want `rw.RUnlock releases the write lock taken by rw.Lock`
}

// TestPaired releases each lock with its own kind: not reported.
func TestPaired(t *testing.T) {
	var rw sync.RWMutex
	rw.RLock()
	rw.RUnlock()
	rw.Lock()
	rw.Unlock()
}

// TestDeferred defers the matching unlock: not reported.
func TestDeferred(t *testing.T) {
	var rw sync.RWMutex
	rw.RLock()
	defer rw.RUnlock()
}
