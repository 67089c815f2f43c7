// Package lostunlock defines an Analyzer that reports a mutex left locked
// on some path of a function that unlocks it by hand.
//
// # Analyzer lostunlock
//
// lostunlock: report locks that some path leaves without unlocking
//
// A function that locks a mutex and unlocks it with a plain call, not a
// deferred one, must reach that call on every path. An early return for an
// error, or a continue or break added later, skips it: the mutex stays
// locked, and the next Lock anywhere in the program blocks forever. The
// deadlock shows up far from its cause, often only under production load.
//
//	func (c *Cache) Load(key string) (*Item, error) {
//		c.mu.Lock()
//		it, err := c.fetch(key)
//		if err != nil {
//			return nil, err // c.mu stays locked
//		}
//		c.items[key] = it
//		c.mu.Unlock()
//		return it, nil
//	}
//
// lostunlock reports:
//
//	return leaves c.mu locked (it is unlocked on other paths); use defer c.mu.Unlock() after Lock
//
// Defer the unlock right after the lock:
//
//	c.mu.Lock()
//	defer c.mu.Unlock()
//
// lostunlock offers that rewrite as a suggested fix when it cannot change
// what the function does apart from the leak: the function takes the lock
// once, at the top level of its body, defers nothing after it, and every
// manual unlock immediately precedes a return (whose results call no
// function, which might take the same lock) or ends the body. The fix
// inserts the defer and deletes the manual unlocks.
//
// Inside a loop, where a defer would pile up, unlock before leaving:
//
//	for _, k := range keys {
//		c.mu.Lock()
//		if c.items[k] == nil {
//			continue // continue leaves c.mu locked ...; call c.mu.Unlock() before continue
//		}
//		...
//		c.mu.Unlock()
//	}
//
// It also reports an unlock of the wrong kind on a path from the lock: a
// write lock released with RUnlock, or a read lock with Unlock, is a fatal
// error at run time:
//
//	c.mu.RUnlock releases the write lock taken by c.mu.Lock (a fatal error at run time); use c.mu.Unlock()
//
// # The rule
//
// For each Lock or RLock call statement on a mutex (a sync.Mutex, a
// sync.RWMutex, either embedded, or a sync.Locker) named by a chain of
// variables and fields (mu, c.mu, c.inner.mu, or c when c embeds the
// mutex), lostunlock follows the function's control-flow graph from the
// lock. A path ends when it reaches an unlock of the same mutex (the same
// chain of objects, not the same spelling), a return, the end of the
// function, or the lock statement again (a loop iteration that kept the
// lock). Calls that never return (panic, log.Fatal, os.Exit) end a path
// without a finding: the out-of-scope case of panics is left to defer.
//
// A lock is reported only when the function is inconsistent about it:
// some path from the lock reaches an unlock, and another path returns,
// leaves the loop or comes back to the lock while still holding it. The
// finding is at the return, or at the continue, break or goto that leaves
// the region; the lock is the related position.
//
// Not reported, because holding the lock past the function is the intent
// or beyond what one function's graph shows:
//
//   - functions that never unlock on any path from the lock: acquire
//     helpers (lockAll, a Lock method of a wrapper type);
//   - conditional acquires: every return that keeps the lock returns true
//     or a nil error, and every other return does not (lockIfPresent,
//     tryAcquire), so the caller knows when to unlock;
//   - a mutex whose unlock is deferred anywhere in the function, or called
//     in a function literal (an unlock closure returned to the caller, a
//     goroutine that takes over the lock), or taken as a method value
//     (unlock := c.mu.Unlock);
//   - a lock on whose paths a call may release it: a call of a function
//     of the same package that unlocks a mutex in the same field
//     (c.unlockAndNotify()), or a call that is passed the mutex
//     (sync.NewCond(&c.mu), release(mu));
//   - a deliberate conditional unlock: a return (or the end of the
//     function, or a branch) that is reached both holding the lock and
//     after an unlock, as in `if keep { hold = true } else { mu.Unlock() }`
//     followed by one return, or a lock and an unlock under the same
//     condition;
//   - a lock taken in a loop and released outside it (n RLocks, then n
//     RUnlocks), which the graph cannot pair;
//   - mutexes reached through an index or a call (c.shards[i].mu,
//     c.get().mu), or through a variable that the function reassigns
//     (hand-over-hand locking of a list), whose identity between two
//     statements is not known.
//
// # Limits
//
// The analysis is per function. A lock released by a function of another
// package (other than through a mutex passed to it) counts as not
// released, but only makes the function look like an acquire helper, and
// so keeps it silent. Paths are not pruned by the values of conditions: a
// lock released under `if ok` and kept under `if !ok` on an impossible
// path is reported; restructure the function, or suppress the finding.
// Panics are out of scope: a manual unlock is also skipped when the code
// between Lock and Unlock panics and the panic is recovered; use defer
// when that matters.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the reported line or the
// line above it:
//
//	return item, nil //trapvet:ignore lostunlock the caller unlocks through item.release
package lostunlock
