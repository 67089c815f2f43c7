package a

import "sync"

type Recovery struct {
	mu    sync.Mutex
	state map[string]int
}

func (r *Recovery) load() error { return nil }

func (r *Recovery) recoverEarlyUnlock(k string) error {
	r.mu.Lock()
	unlocked := false
	defer func() {
		if !unlocked {
			r.mu.Unlock()
		}
	}()
	if err := r.load(); err != nil {
		r.mu.Unlock() // want `r.mu.Unlock\(\) is followed by the deferred r.mu.Unlock\(\) on the path to return: unlock of unlocked mutex; set unlocked = true after this unlock`
		return err
	}
	r.state[k]++
	r.mu.Unlock()
	unlocked = true
	return r.load()
}

func (r *Recovery) deferAndExplicit(k string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := r.state[k]
	if n == 0 {
		r.mu.Unlock() // want `r.mu.Unlock\(\) is followed by the deferred r.mu.Unlock\(\) on the path to return: .*; drop this unlock or the deferred one`
		return 0
	}
	return n
}

func (r *Recovery) lockedFlag(k string) {
	locked := true
	r.mu.Lock()
	defer func() {
		if locked {
			r.mu.Unlock()
		}
	}()
	if r.state[k] == 0 {
		r.mu.Unlock() // want `r.mu.Unlock\(\) is followed by the deferred r.mu.Unlock\(\) on the path to return: .*; set locked = false after this unlock`
		return
	}
	r.state[k] = 0
}

// recoverSetsFlag sets the flag after every explicit unlock: the deferred
// unlock runs only on the paths that still hold the lock.
func (r *Recovery) recoverSetsFlag(k string) error {
	r.mu.Lock()
	unlocked := false
	defer func() {
		if !unlocked {
			r.mu.Unlock()
		}
	}()
	if err := r.load(); err != nil {
		r.mu.Unlock()
		unlocked = true
		return err
	}
	r.state[k]++
	return nil
}

// flagBeforeUnlock sets the flag before unlocking: same effect.
func (r *Recovery) flagBeforeUnlock(k string) {
	r.mu.Lock()
	var unlocked bool
	defer func() {
		if !unlocked {
			r.mu.Unlock()
		}
	}()
	if r.state[k] > 0 {
		unlocked = true
		r.mu.Unlock()
		return
	}
	r.state[k] = 1
}

// unlockRelock drops the lock around slow work and takes it back: the
// deferred unlock releases a held mutex.
func (r *Recovery) unlockRelock(k string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.mu.Unlock()
	err := r.load()
	r.mu.Lock()
	if err != nil {
		return err
	}
	r.state[k]++
	return nil
}

// unknownFlag sets the flag from a computed value: which way the deferred
// unlock goes is not known, so nothing is said.
func (r *Recovery) unknownFlag(k string, keep bool) {
	r.mu.Lock()
	unlocked := false
	defer func() {
		if !unlocked {
			r.mu.Unlock()
		}
	}()
	if !keep {
		r.mu.Unlock()
		unlocked = !keep
	}
}

// deferredInDeadCode: the explicit unlock sits in dead code.
func (r *Recovery) deferredInDeadCode() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if false {
		r.mu.Unlock()
		return
	}
	r.state["x"] = 1
}

func (r *Recovery) unlockAtEnd(k string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.state[k] = 1
	r.mu.Unlock() // want `r.mu.Unlock\(\) is followed by the deferred r.mu.Unlock\(\) on the path to the end of unlockAtEnd`
}

// relockInDefer unlocks by hand; the deferred closure takes the lock
// again before it unlocks (the shape of testing's runCleanup).
func (r *Recovery) relockInDefer(k string) {
	r.mu.Lock()
	r.state[k] = 1
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		delete(r.state, k)
		r.mu.Unlock()
	}()
	_ = r.load()
}

// tryRelock takes the lock back with TryLock before it returns: the
// deferred unlock releases a held mutex.
func (r *Recovery) tryRelock() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.mu.Unlock()
	for !r.mu.TryLock() {
	}
}

var globalUnlocked bool

// globalFlag keys the deferred unlock on a package variable that other
// functions may set: which way it goes is not known.
func (r *Recovery) globalFlag(k string) {
	r.mu.Lock()
	defer func() {
		if !globalUnlocked {
			r.mu.Unlock()
		}
	}()
	if r.state[k] == 0 {
		r.mu.Unlock()
		return
	}
	r.state[k] = 1
}

var queues, topics struct {
	sync.Mutex
	m map[string]int
}

// loadBoth returns, on a bad key, with both locks held: one finding names
// them both, so that mending one does not leave the other.
func loadBoth(keys []string) error {
	queues.Lock()
	topics.Lock()
	for _, k := range keys {
		if k == "" {
			return nil // want `return leaves queues locked and topics locked \(each is unlocked on other paths\); use defer queues.Unlock\(\) after Lock and use defer topics.Unlock\(\) after Lock`
		}
		queues.m[k]++
		topics.m[k]++
	}
	queues.Unlock()
	topics.Unlock()
	return nil
}

// loadPaired releases both on every path: not reported.
func loadPaired(keys []string) error {
	queues.Lock()
	topics.Lock()
	for _, k := range keys {
		if k == "" {
			topics.Unlock()
			queues.Unlock()
			return nil
		}
	}
	topics.Unlock()
	queues.Unlock()
	return nil
}

type machine struct {
	stateMu sync.RWMutex
	state   string
}

func (m *machine) callbacks() {}

// event releases the read lock around its callbacks and defers taking
// it again: deferred calls run last in, first out, so the read lock is
// held again when the first defer releases it. Not reported.
func (m *machine) event(to string) error {
	m.stateMu.RLock()
	defer m.stateMu.RUnlock()
	if m.state == to {
		m.stateMu.RUnlock()
		defer m.stateMu.RLock()
		m.callbacks()
		return nil
	}
	return nil
}

// eventLeak releases the read lock without taking it again: the deferred
// unlock then releases a lock no longer held.
func (m *machine) eventLeak(to string) error {
	m.stateMu.RLock()
	defer m.stateMu.RUnlock()
	if m.state == to {
		m.stateMu.RUnlock() // want `m.stateMu.RUnlock\(\) is followed by the deferred m.stateMu.RUnlock\(\) on the path to return: unlock of unlocked mutex; drop this unlock or the deferred one`
		m.callbacks()
		return nil
	}
	return nil
}
