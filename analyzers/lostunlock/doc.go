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
// A place that leaves several locks held is one finding that names them
// all (return leaves queues locked and topics locked (each is unlocked
// on other paths); ...), with no fix: mending one would leave the other
// held.
//
// A deferred function literal that locks the mutex again before it
// unlocks it (defer func() { db.mu.Lock(); db.shrinking = false;
// db.mu.Unlock() }(), run after the function has unlocked by hand)
// releases only its own lock. A return that still holds the mutex makes
// it wait on itself: the goroutine deadlocks, and so does every later
// Lock. lostunlock reports such a return, with no fix (a deferred unlock
// registered before the literal would run after its Lock):
//
//	return leaves db.mu locked, and the deferred function then locks it again: a deadlock; call db.mu.Unlock() before return
//
// The literal counts so when its first operation on the mutex is a Lock
// or RLock statement of its own body, not under a branch; a literal that
// unlocks first, or locks only under a condition, may release the
// function's lock and is left alone, as below.
//
// Inside a loop, where a defer would pile up (and a deferred unlock would
// hold the lock into the next pass, which then waits on itself), unlock
// before leaving, by continue, break or return:
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
// Unlike a lock left held, which lostunlock reports in tests and test
// support too (a test that hangs), a mismatched unlock
// (lostunlock.mismatch in docs/scope.md) is reported in production code
// only: it fails every time it runs, so in a test it cannot be a flaky,
// unseen defect, only a deliberate one, such as a test that the runtime
// does stop it. -lostunlock.scope=all reports it everywhere.
//
// So is a lock on a mutex declared in the function (var mu sync.Mutex, a
// counter's guard shared with the callbacks it hands out), left held by
// a return of a non-nil error (lostunlock.localfail): in a service those
// callbacks wait forever on their next Lock, while in a test or a test
// harness the error return is a failed check, and once the test is over
// nothing takes the test's own mutex again.
//
// It also reports an unlock of a mutex that is no longer held: an
// explicit unlock followed, on some path, by a deferred unlock of the
// same mutex, with no Lock in between. The deferred unlock then fails
// with "fatal error: sync: unlock of unlocked mutex":
//
//	c.mu.Lock()
//	unlocked := false
//	defer func() {
//		if !unlocked {
//			c.mu.Unlock()
//		}
//	}()
//	if err := c.load(); err != nil {
//		c.mu.Unlock() // the error path forgets unlocked = true
//		return err
//	}
//
// lostunlock reports, naming the deferred unlock and the return as
// related positions:
//
//	c.mu.Unlock() is followed by the deferred c.mu.Unlock() on the path to return: unlock of unlocked mutex; set unlocked = true after this unlock
//
// Unlock of an unlocked mutex is a fatal error at run time, which no
// recover stops.
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
// Paths that cannot run are not followed: the branch of an if (or the
// body of a for) whose condition is a false constant (if false
// { return }, kept to quiet another linter, or a const debug flag), and
// a branch that contradicts the condition the lock was taken under, when
// that condition reads only constants, and locals and parameters that the
// function does not assign after that if (nor in a loop around it, nor in
// a function literal): after if write { mu.Lock() } else
// { mu.RLock() }, a later if write { mu.Unlock() } else { mu.RUnlock() }
// pairs each lock with its own unlock.
//
// Not reported, because holding the lock past the function is the intent
// or beyond what one function's graph shows:
//
//   - functions entered with the lock held, which may release it (to
//     sleep, wait or do I/O) and take it again before they return: a
//     function whose first operation on the mutex, on some path from its
//     entry, is an unlock; a function named ...Locked; and a function
//     whose doc comment says so ("must be called with c.mu held", "Lock
//     should be held", "the caller must hold mu", "requires mu to be
//     held"; a clause that says "not", "never" or "without" before the
//     phrase does not count). The suggested defer would unlock twice
//     there;
//   - functions that never unlock on any path from the lock: acquire
//     helpers (lockAll, a Lock method of a wrapper type);
//   - conditional acquires: every return that keeps the lock returns true
//     or a nil error, and every other return does not (lockIfPresent,
//     tryAcquire), so the caller knows when to unlock; a bare return
//     counts with its named error result: not nil inside the body of an
//     if err != nil, nil elsewhere when every assignment to err is
//     followed at once by an if err != nil that leaves (lockID(id)
//     (owner string, err error), which unlocks and returns on a load
//     error, and else returns holding the lock);
//   - a mutex whose unlock is deferred anywhere in the function, or called
//     in a function literal (an unlock closure returned to the caller, a
//     goroutine that takes over the lock), or taken as a method value
//     (unlock := c.mu.Unlock), or handed to the caller with the value
//     that releases it: a return of a value (l, itself or as an
//     interface) one of whose type's methods unlocks the mutex in its
//     field and never locks it (tryLock returning l as an
//     Unlocker, whose Unlock runs l.mu.Unlock()); a type whose methods
//     each lock and unlock for themselves hands nothing over;
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
// The unlock-twice search follows every path from the function's entry,
// with what it knows of the deferred unlock: defer mu.Unlock(), or a
// deferred closure that unlocks at its top level or under if flag / if
// !flag on a bool variable of the function that only constants are
// assigned to. It reports an explicit unlock from which a path returns,
// without a Lock or TryLock (or a call of a function of the package that
// locks a mutex in the same field), while the defer has run and its flag
// says it unlocks. A deferred Lock of the same mutex registered after the
// deferred unlock (mu.RUnlock(); defer mu.RLock(), around callbacks)
// runs first, last in first out, so the deferred unlock finds the mutex
// held: not reported. A deferred closure that takes the lock itself, a
// flag set from a computed value, or a mutex unlocked by several defers
// is left alone.
//
// # A deferred unlock through a named result
//
// A deferred function literal reads the variables it names when it runs,
// after a return statement has assigned the results. When the mutex is
// reached through a named pointer result, every return of nil for that
// result makes the deferred unlock dereference nil:
//
//	func open(dir string) (fs *fileStore, err error) {
//		fs = &fileStore{}
//		fs.mu.Lock()
//		unlocked := false
//		defer func() {
//			if !unlocked {
//				fs.mu.Unlock()
//			}
//		}()
//		if err := fs.load(); err != nil {
//			return nil, err
//		}
//
//	this return sets the named result fs to nil before the deferred fs.mu.Unlock() runs: it panics with a nil dereference and the lock stays held
//
// Pass fs to the deferred function as an argument.
//
// Reported at each return, after the defer statement and in the block
// that holds it, whose value for the result is nil. Not reported: defer
// fs.mu.Unlock() (its receiver is evaluated at the defer statement); a
// literal given fs as an argument (defer func(fs *fileStore) { ... }(fs));
// an unlock under a condition that checks the result (if fs != nil); a
// return after a statement that sets a variable the unlock's condition
// reads (unlocked = true); results that are not pointers, or not named.
//
// # Limits
//
// The analysis is per function. A lock released by a function of another
// package (other than through a mutex passed to it) counts as not
// released, but only makes the function look like an acquire helper, and
// so keeps it silent. Paths are pruned only by constant conditions and by
// the conditions the lock statement itself sits under; other impossible
// paths (a lock released under `if ok` and kept under `if !ok` on a
// variable assigned in between, two different variables that always
// agree, a switch on the same value) are followed and may be reported:
// restructure the function, or suppress the finding. The name and
// comment conventions apply to every mutex the function locks, not only
// the one the comment names, so a leak of a second mutex in a ...Locked
// function is not reported. The unlock-twice rule sees only deferred
// unlocks in this function; an unlock deferred by a caller, or a flag
// kept in a struct field, is out of its reach.
// The named-result rule follows only returns in the block of the defer
// statement (a defer registered in a branch is not followed to the
// returns after the branch) and returns of the literal nil.
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
