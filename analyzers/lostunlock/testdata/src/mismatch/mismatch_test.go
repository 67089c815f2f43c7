package mismatch

import (
	"sync"
	"testing"
)

// TestUnlockAfterRLock releases a read lock with Unlock on purpose, as
// std's sync tests do to check that the runtime stops it: a fatal error
// each time it runs cannot hide in a test, so it is not reported there.
func TestUnlockAfterRLock(t *testing.T) {
	var rw sync.RWMutex
	rw.RLock()
	rw.Unlock()
}

// TestRUnlockAfterLock is the other kind, as deliberate.
func TestRUnlockAfterLock(t *testing.T) {
	var rw sync.RWMutex
	rw.Lock()
	rw.RUnlock()
}

func TestLeftHeld(t *testing.T) {
	var m sync.Mutex
	m.Lock()
	if testing.Short() {
		return // want `return leaves m locked`
	}
	m.Unlock()
}
