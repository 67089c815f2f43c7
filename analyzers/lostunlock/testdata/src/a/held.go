package a

import (
	"sync"
	"time"
)

type Conn struct {
	mu      sync.Mutex
	rw      sync.RWMutex
	ready   bool
	pending int
	cache   map[string]int
}

func (c *Conn) poll() error { return nil }

// waitReady is entered with c.mu held (its first operation on c.mu is an
// Unlock): it drops the lock while it sleeps and takes it again before it
// returns, so it leaves the lock as it found it.
func (c *Conn) waitReady() error {
	for !c.ready {
		c.mu.Unlock()
		time.Sleep(time.Millisecond)
		c.mu.Lock()
		if err := c.poll(); err != nil {
			return err
		}
	}
	return nil
}

// flushLocked follows the ...Locked naming convention: the caller holds
// c.mu; the lock is taken first only on the slow path after a sleep.
func (c *Conn) flushLocked(slow bool) error {
	if slow {
		c.mu.Lock()
		c.pending = 0
		if err := c.poll(); err != nil {
			return err
		}
		c.mu.Unlock()
	}
	return nil
}

// drain is documented as entered with the lock held.
//
// Lock should be held.
func (c *Conn) drain(slow bool) error {
	if slow {
		c.mu.Lock()
		if err := c.poll(); err != nil {
			return err
		}
		c.mu.Unlock()
	}
	return nil
}

// retry must be called with c.mu held; it may sleep without it.
func (c *Conn) retry(n int) error {
	if n > 0 {
		c.mu.Lock()
		if err := c.poll(); err != nil {
			return err
		}
		c.mu.Unlock()
	}
	return nil
}

// notHeldDoc says the lock is not held: the comment convention does not
// apply, and the early return is a leak.
//
// c.mu must not be held.
func (c *Conn) notHeldDoc() error {
	c.mu.Lock()
	if err := c.poll(); err != nil {
		return err // want `return leaves c.mu locked`
	}
	c.mu.Unlock()
	return nil
}

// lockedThenUnlockedFirstOp takes the lock first on every path: it is not
// entered with the lock held, and the early return leaks it.
func (c *Conn) lockedThenUnlockedFirstOp() error {
	c.mu.Lock()
	if err := c.poll(); err != nil {
		return err // want `return leaves c.mu locked`
	}
	c.mu.Unlock()
	c.mu.Lock()
	c.mu.Unlock()
	return nil
}

// sameCondition chooses the lock kind and the unlock kind by the same
// unchanged parameter: the mixed paths cannot happen.
func (c *Conn) sameCondition(write bool, k string) int {
	if write {
		c.rw.Lock()
	} else {
		c.rw.RLock()
	}
	v := c.cache[k]
	if write {
		c.cache[k] = v + 1
	}
	if write {
		c.rw.Unlock()
	} else {
		c.rw.RUnlock()
	}
	return v
}

// sameNegatedCondition spells the second test with a negation of an
// unchanged local.
func (c *Conn) sameNegatedCondition(k string) int {
	cacheEnabled := len(c.cache) > 0
	if cacheEnabled {
		c.rw.Lock()
	} else {
		c.rw.RLock()
	}
	v := c.cache[k]
	if !cacheEnabled {
		c.rw.RUnlock()
	} else {
		c.rw.Unlock()
	}
	return v
}

// sameConditionEarlyReturn unlocks under the same unchanged condition it
// locked under; the path that skips both is lock-free.
func (c *Conn) sameConditionEarlyReturn(locked bool) int {
	if locked {
		c.mu.Lock()
	}
	n := c.pending
	if locked {
		c.mu.Unlock()
	}
	return n
}

// changedCondition assigns the condition between the two tests: the
// correlation no longer holds, and the read lock can meet Unlock.
func (c *Conn) changedCondition(write bool, k string) int {
	if write {
		c.rw.Lock()
	} else {
		c.rw.RLock()
	}
	v := c.cache[k]
	write = v > 0
	if write {
		c.rw.Unlock() // want `c.rw.Unlock releases the read lock taken by c.rw.RLock`
	} else {
		c.rw.RUnlock() // want `c.rw.RUnlock releases the write lock taken by c.rw.Lock`
	}
	return v
}

// deadReturn has a return inside if false, kept to silence another
// linter: it is unreachable.
func (c *Conn) deadReturn() int {
	c.mu.Lock()
	n := c.pending
	if false {
		return 0
	}
	c.mu.Unlock()
	return n
}

const debugLocks = false

// deadConstReturn tests a false constant: the branch is dead code.
func (c *Conn) deadConstReturn() int {
	c.mu.Lock()
	n := c.pending
	if debugLocks {
		return -1
	}
	c.mu.Unlock()
	return n
}

// liveReturnAfterDead: the unlock in dead code does not count, and the
// early return still leaves the lock held.
func (c *Conn) liveReturnAfterDead(k string) int {
	c.mu.Lock()
	if false {
		c.mu.Unlock()
	}
	n, ok := c.cache[k]
	if !ok {
		return 0 // want `return leaves c.mu locked`
	}
	c.mu.Unlock()
	return n
}

// computedCondition sets the condition before the lock and never after:
// the branches still pair up.
func (c *Conn) computedCondition(k string, force bool) int {
	write := false
	if force || len(c.cache) == 0 {
		write = true
	}
	if write {
		c.rw.Lock()
	} else {
		c.rw.RLock()
	}
	v := c.cache[k]
	if write {
		c.rw.Unlock()
	} else {
		c.rw.RUnlock()
	}
	return v
}

// conditionChangedInLoop assigns the condition in the loop around the
// lock: the next iteration may test another value, so nothing is pruned.
func (c *Conn) conditionChangedInLoop(keys []string) {
	write := false
	for _, k := range keys {
		if write {
			c.rw.Lock()
		} else {
			c.rw.RLock()
		}
		write = c.cache[k] > 0
		if write {
			c.rw.Unlock() // want `c.rw.Unlock releases the read lock taken by c.rw.RLock`
		} else {
			c.rw.RUnlock() // want `c.rw.RUnlock releases the write lock taken by c.rw.Lock`
		}
	}
}
