// Package mismatch holds tests that take a lock and release it with
// the other kind of unlock: by default, a mismatch is reported in
// production code only, a lock left held everywhere.
package mismatch

import "sync"

var mu sync.RWMutex

func release() {
	mu.RLock()
	mu.Unlock() // want `mu.Unlock releases the read lock taken by mu.RLock`
}
