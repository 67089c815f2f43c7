package a

import (
	"errors"
	"log"
	"sync"
)

type Item struct{ n int }

type Cache struct {
	mu    sync.Mutex
	items map[string]*Item
}

type Store struct {
	sync.RWMutex
	data map[string]int
}

func fetch(string) (*Item, error) { return nil, nil }

func work() {}

var errMissing = errors.New("missing")

func earlyErrorReturn(c *Cache, key string) (*Item, error) {
	c.mu.Lock()
	it, err := fetch(key)
	if err != nil {
		return nil, err // want `return leaves c.mu locked \(it is unlocked on other paths\); use defer c.mu.Unlock\(\) after Lock`
	}
	c.items[key] = it
	c.mu.Unlock()
	return it, nil
}

func (s *Store) readEarlyReturn(k string) int {
	s.RLock()
	v, ok := s.data[k]
	if !ok {
		return -1 // want `return leaves s read-locked \(it is unlocked on other paths\); use defer s.RUnlock\(\) after RLock`
	}
	s.RUnlock()
	return v
}

func continueSkipsUnlock(c *Cache, keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		if c.items[k] == nil {
			continue // want `continue leaves c.mu locked .*; call c.mu.Unlock\(\) before continue`
		}
		c.items[k].n++
		c.mu.Unlock()
	}
}

// A return from inside the loop: a deferred unlock would hold the lock
// into the next pass, so the advice is to unlock before returning.
func returnInLoopSkipsUnlock(c *Cache, keys []string) error {
	for _, k := range keys {
		c.mu.Lock()
		if c.items[k] == nil {
			return errMissing // want `return leaves c.mu locked \(it is unlocked on other paths\); call c.mu.Unlock\(\) before return`
		}
		c.items[k].n++
		c.mu.Unlock()
	}
	return nil
}

func breakSkipsUnlock(c *Cache, keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		if k == "" {
			break // want `break leaves c.mu locked`
		}
		delete(c.items, k)
		c.mu.Unlock()
	}
}

func implicitEnd(c *Cache, keys []string) {
	c.mu.Lock()
	if len(keys) == 0 {
		c.mu.Unlock()
		return
	}
	for _, k := range keys {
		delete(c.items, k)
	}
} // want `the end of implicitEnd leaves c.mu locked`

func switchReturn(mu *sync.Mutex, kind int) error {
	mu.Lock()
	switch kind {
	case 0:
		mu.Unlock()
		return nil
	case 1:
		return errMissing // want `return leaves mu locked`
	}
	mu.Unlock()
	return nil
}

func wrongUnlockKind(s *Store, k string) {
	s.Lock()
	s.data[k]++
	s.RUnlock() // want `s.RUnlock releases the write lock taken by s.Lock \(a fatal error at run time\); use s.Unlock\(\)`
}

func wrongReadUnlock(mu *sync.RWMutex, m map[string]int) int {
	mu.RLock()
	n := len(m)
	mu.Unlock() // want `mu.Unlock releases the read lock taken by mu.RLock`
	return n
}

func selectReturn(mu *sync.Mutex, ch chan int, done chan struct{}) int {
	mu.Lock()
	select {
	case v := <-ch:
		mu.Unlock()
		return v
	case <-done:
		return 0 // want `return leaves mu locked`
	}
}

// deferred unlocks every path.
func deferred(c *Cache, k string) *Item {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items == nil {
		return nil
	}
	return c.items[k]
}

// consistentManual unlocks by hand on every path, as a naive check that
// counts returns between Lock and Unlock would not see.
func consistentManual(c *Cache, k string) (*Item, error) {
	c.mu.Lock()
	it, ok := c.items[k]
	if !ok {
		c.mu.Unlock()
		return nil, errMissing
	}
	c.mu.Unlock()
	return it, nil
}

// lockAll is an acquire helper: it never unlocks, its callers do.
func lockAll(cs []*Cache) {
	for _, c := range cs {
		c.mu.Lock()
	}
}

// lockFirst returns holding the lock on every path: its contract.
func (c *Cache) lockFirst(k string) *Item {
	c.mu.Lock()
	if k == "" {
		return nil
	}
	return c.items[k]
}

// lockIfPresent is a conditional acquire: it keeps the lock exactly when
// it reports true, and releases it when it reports false.
func (c *Cache) lockIfPresent(k string) (*Item, bool) {
	c.mu.Lock()
	it, ok := c.items[k]
	if !ok {
		c.mu.Unlock()
		return nil, false
	}
	return it, true
}

// lockUnlessClosed keeps the lock exactly when its error is nil.
func (c *Cache) lockUnlessClosed() error {
	c.mu.Lock()
	if c.items == nil {
		c.mu.Unlock()
		return errMissing
	}
	return nil
}

// unlockClosure hands the unlock to the caller in a closure.
func (c *Cache) unlockClosure(k string) (*Item, func()) {
	c.mu.Lock()
	if k == "" {
		c.mu.Unlock()
		return nil, nil
	}
	return c.items[k], func() { c.mu.Unlock() }
}

// methodValue hands the unlock over as a method value.
func (c *Cache) methodValue(k string) (*Item, func()) {
	c.mu.Lock()
	if k == "" {
		c.mu.Unlock()
		return nil, nil
	}
	return c.items[k], c.mu.Unlock
}

func (c *Cache) unlockAndLog() {
	c.mu.Unlock()
	log.Print("done")
}

// helperUnlocks releases through a method of the same package on the
// early path.
func (c *Cache) helperUnlocks(k string) {
	c.mu.Lock()
	if k == "" {
		c.unlockAndLog()
		return
	}
	delete(c.items, k)
	c.mu.Unlock()
}

func release(mu *sync.Mutex) { mu.Unlock() }

// passedOn hands the mutex to a function that releases it.
func passedOn(mu *sync.Mutex, fail bool) {
	mu.Lock()
	if fail {
		release(mu)
		return
	}
	work()
	mu.Unlock()
}

// panicPath leaves the lock held only on a path that panics or exits,
// which is out of scope.
func panicPath(c *Cache, k string) {
	c.mu.Lock()
	if k == "" {
		panic("empty key")
	}
	if c.items == nil {
		log.Fatal("no items")
	}
	delete(c.items, k)
	c.mu.Unlock()
}

// unlockRelock releases the lock around slow work inside the loop and
// takes it again, so the loop head is always reached holding it.
func unlockRelock(c *Cache, keys []string) {
	c.mu.Lock()
	for _, k := range keys {
		c.mu.Unlock()
		it, _ := fetch(k)
		c.mu.Lock()
		c.items[k] = it
	}
	c.mu.Unlock()
}

// differentMutexes locks two distinct mutexes spelled alike: the early
// return happens after a's own unlock, and b is another object.
func differentMutexes(a, b *Cache) error {
	a.mu.Lock()
	work()
	a.mu.Unlock()
	b.mu.Lock()
	if b.items == nil {
		b.mu.Unlock()
		return errMissing
	}
	b.mu.Unlock()
	return nil
}

// readThenWrite upgrades: the read lock is released before the write lock
// is taken, on every path.
func (s *Store) readThenWrite(k string) int {
	s.RLock()
	v, ok := s.data[k]
	s.RUnlock()
	if ok {
		return v
	}
	s.Lock()
	s.data[k] = 1
	s.Unlock()
	return 1
}

// continueAfterUnlock unlocks before each continue.
func continueAfterUnlock(c *Cache, keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		if c.items[k] == nil {
			c.mu.Unlock()
			continue
		}
		c.items[k].n++
		c.mu.Unlock()
	}
}

// breakInnerLoop breaks out of an inner loop; the unlock after it still
// runs.
func breakInnerLoop(c *Cache, keys []string) {
	c.mu.Lock()
	for _, k := range keys {
		if k == "" {
			break
		}
		delete(c.items, k)
	}
	c.mu.Unlock()
}

// goroutineTakesOver hands the held lock to a goroutine that releases it.
func goroutineTakesOver(c *Cache, k string) {
	c.mu.Lock()
	if k == "" {
		go func() {
			work()
			c.mu.Unlock()
		}()
		return
	}
	c.mu.Unlock()
}

// tryLock never blocks; the unlock only follows a successful TryLock.
func tryLock(c *Cache) bool {
	if !c.mu.TryLock() {
		return false
	}
	work()
	c.mu.Unlock()
	return true
}

// indexed mutexes have no stable identity across statements.
func indexed(shards []Cache, i int) {
	shards[i].mu.Lock()
	if i == 0 {
		return
	}
	shards[i].mu.Unlock()
}

type Rows struct {
	closemu  sync.RWMutex
	hold     bool
	raw      []byte
	scanErr  error
	rowsLeft int
}

// conditionalHold keeps the read lock on purpose when hold is set, and
// releases it otherwise; both branches meet at one return (the shape of
// database/sql's Rows.Scan).
func (rs *Rows) conditionalHold(keep bool) error {
	rs.closemu.RLock()
	rs.raw = rs.raw[:0]
	if keep {
		rs.hold = true
	} else {
		rs.closemu.RUnlock()
	}
	return rs.scanErr
}

var cacheBase10 struct {
	sync.Mutex
	table []int
}

// correlatedConditions locks and unlocks under the same condition; the
// path that skips the unlock never took the lock (math/big's divisors).
func correlatedConditions(b int) []int {
	if b == 10 {
		cacheBase10.Lock()
	}
	table := cacheBase10.table
	if b == 10 {
		cacheBase10.Unlock()
	}
	return table
}

type connReader struct {
	mu   sync.Mutex
	cond *sync.Cond
}

// lock is an acquire helper that also hands the mutex to sync.NewCond,
// which does not release it (net/http's connReader.lock).
func (cr *connReader) lock() {
	cr.mu.Lock()
	if cr.cond == nil {
		cr.cond = sync.NewCond(&cr.mu)
	}
}

// countedReadLocks takes n read locks in one loop and releases them in
// another; the graph cannot pair them, but the counts match.
func countedReadLocks(mu *sync.RWMutex, next func() bool) {
	i := 0
	for ; next(); i++ {
		mu.RLock()
	}
	for ; i > 0; i-- {
		mu.RUnlock()
	}
}

type node struct {
	mu   sync.Mutex
	next *node
	s    string
}

// handOverHand locks each node before releasing the previous one; the
// variable names a different node after each assignment.
func handOverHand(x *node) string {
	y := x
	for y.next != nil {
		n := y.next
		n.mu.Lock()
		if y != x {
			y.mu.Unlock()
		}
		y = n
	}
	s := y.s
	if y != x {
		y.mu.Unlock()
	}
	return s
}

func gotoSkipsUnlock(mu *sync.Mutex, n int) int {
	mu.Lock()
	if n < 0 {
		goto fail
	}
	mu.Unlock()
	return n
fail:
	return -1 // want `return leaves mu locked`
}

func lockerEarlyReturn(l sync.Locker, ok bool) error {
	l.Lock()
	if !ok {
		return errMissing // want `return leaves l locked`
	}
	l.Unlock()
	return nil
}
