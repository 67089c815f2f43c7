package a

import (
	"maps"
	"slices"
	"sort"
	"sync"
)

type wallet struct {
	mu      sync.RWMutex
	balance int
	next    *wallet
}

type bank struct {
	mu      sync.Mutex
	wallets map[string]*wallet
	locks   map[string]*sync.Mutex
	list    []*wallet
	shards  [16]sync.Mutex
	a, b    sync.Mutex
	head    *wallet
}

// The trap of issue 26: the ids come from the caller. A repeated id
// deadlocks the call on itself; two calls with the same ids in opposite
// orders deadlock each other.
func (s *bank) transfer(ids []string, amount int) {
	for _, id := range ids {
		w := s.wallets[id]
		w.mu.Lock()
		defer w.mu.Unlock() // want `defer w.mu.Unlock\(\) in loop: one lock per item of ids stays held until transfer returns: a repeated item or calls in opposite orders deadlock`
		w.balance += amount
	}
}

// A map of locks indexed by the caller's ids.
func (s *bank) lockIDs(ids ...string) {
	for _, id := range ids {
		s.locks[id].Lock()
		defer s.locks[id].Unlock() // want `one lock per item of ids stays held until lockIDs returns`
	}
}

// Ranging over a map takes the locks in a different order in every call.
func (s *bank) audit() int {
	total := 0
	for _, w := range s.wallets {
		w.mu.Lock()
		defer w.mu.Unlock() // want `one lock per entry of s.wallets stays held until audit returns, taken in map order: two calls deadlock each other`
		total += w.balance
	}
	return total
}

// Two accounts listed in the caller's order: move(a, b) and move(b, a)
// deadlock each other, move(a, a) deadlocks itself. A short literal is no
// excuse here.
func move(from, to *wallet, amount int) {
	for _, w := range []*wallet{from, to} {
		w.mu.Lock()
		defer w.mu.Unlock() // want `one lock per item of \{from, to\} stays held until move returns: a repeated item or calls in opposite orders deadlock`
	}
	from.balance -= amount
	to.balance += amount
}

// Sorted, so no two calls cross, but a repeated id still deadlocks.
func (s *bank) sortedOnly(ids []string) {
	sort.Strings(ids)
	for _, id := range ids {
		w := s.wallets[id]
		w.mu.Lock()
		defer w.mu.Unlock() // want `one lock per item of ids stays held until sortedOnly returns: a repeated item deadlocks on its own lock`
	}
}

// A counting loop over the caller's list takes the list's order.
func (s *bank) byIndex(ids []string) {
	for i := 0; i < len(ids); i++ {
		w := s.wallets[ids[i]]
		w.mu.Lock()
		defer w.mu.Unlock() // want `one lock per item of ids stays held until byIndex returns`
	}
}

// Read locks: a repeated id read-locks twice, which deadlocks once a
// writer queues between the two.
func (s *bank) readAll(ids []string) int {
	total := 0
	for _, id := range ids {
		w := s.wallets[id]
		w.mu.RLock()
		defer w.mu.RUnlock() // want `one lock per item of ids stays held until readAll returns: a repeated item or calls in opposite orders deadlock behind a writer`
		total += w.balance
	}
	return total
}

// A local alias of one mutex is the same lock in every iteration.
func (s *bank) alias(n int) {
	for i := 0; i < n; i++ {
		mu := &s.mu
		mu.Lock()
		defer mu.Unlock() // want `mu stays locked until alias returns \(a Lock in the next iteration deadlocks\)`
	}
}

// Repeats are skipped, but the caller's order is kept: two calls with the
// same ids in opposite orders still deadlock each other.
func (s *bank) dedupOnly(ids []string) {
	seen := make(map[string]bool)
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		w := s.wallets[id]
		w.mu.Lock()
		defer w.mu.Unlock() // want `one lock per item of ids stays held until dedupOnly returns: two calls in opposite orders deadlock each other`
	}
}

// The range assigns a variable declared before the loop: still one lock
// per item of the caller's list, not the same lock twice.
func lockAssigned(ws []*wallet) {
	var w *wallet
	for _, w = range ws {
		w.mu.Lock()
		defer w.mu.Unlock() // want `one lock per item of ws stays held until lockAssigned returns`
	}
}

// ---- Not reported: the order is safe ----

func uniqueSorted(ids []string) []string { return ids }

// The caller's list is replaced by a helper's result before the loop:
// what order that has is the helper's business, and it says sorted.
func (s *bank) viaHelper(ids []string) {
	ids = uniqueSorted(ids)
	for _, id := range ids {
		w := s.wallets[id]
		w.mu.Lock()
		defer w.mu.Unlock()
	}
}

// Sorted and de-duplicated first: every call locks in the same order,
// each wallet once.
func (s *bank) transferSorted(ids []string, amount int) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, id := range ids {
		w := s.wallets[id]
		w.mu.Lock()
		defer w.mu.Unlock()
		w.balance += amount
	}
}

// A sorted copy, de-duplicated, of the caller's list.
func (s *bank) transferCopy(in []string) {
	ids := slices.Clone(in)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, id := range ids {
		s.locks[id].Lock()
		defer s.locks[id].Unlock()
	}
}

// The sorted keys of a map: each once, in the same order in every call.
func (s *bank) auditSorted() {
	for _, id := range slices.Sorted(maps.Keys(s.wallets)) {
		w := s.wallets[id]
		w.mu.Lock()
		defer w.mu.Unlock()
	}
}

// Sorted, and repeats skipped in the loop.
func (s *bank) skipRepeats(ids []string) {
	sort.Strings(ids)
	for i, id := range ids {
		if i > 0 && id == ids[i-1] {
			continue
		}
		w := s.wallets[id]
		w.mu.Lock()
		defer w.mu.Unlock()
	}
}

// A fixed array of shard locks, taken in index order.
func (s *bank) lockShards() {
	for i := range s.shards {
		s.shards[i].Lock()
		defer s.shards[i].Unlock()
	}
}

// A literal of known fields: the lock set and its order are fixed by the
// code.
func (s *bank) lockBoth() {
	for _, mu := range []*sync.Mutex{&s.a, &s.b} {
		mu.Lock()
		defer mu.Unlock()
	}
}

// Every wallet of the bank's list, in the list's order, in every call.
func (s *bank) freezeAll() {
	for _, w := range s.list {
		w.mu.Lock()
		defer w.mu.Unlock()
	}
}

// The caller's slice of mutexes, locked by index: each element is a lock
// of its own, taken in index order, so no call repeats one and every call
// takes them in the same order.
func lockSlots(mus []sync.Mutex) {
	for i := 0; i < len(mus); i++ {
		mus[i].Lock()
		defer mus[i].Unlock()
	}
}

// A counting loop over the bank's own list.
func (s *bank) freezeByIndex() {
	for i := 0; i < len(s.list); i++ {
		s.list[i].mu.Lock()
		defer s.list[i].mu.Unlock()
	}
}

// Walking the chain along its links: every call takes the locks in chain
// order, and each once.
func (s *bank) freezeChain() {
	for w := s.head; w != nil; w = w.next {
		w.mu.Lock()
		defer w.mu.Unlock()
	}
}

// TryLock never waits: a wallet locked elsewhere is skipped, not
// deadlocked on.
func (s *bank) tryEach(ids []string) {
	for _, id := range ids {
		w := s.wallets[id]
		if !w.mu.TryLock() {
			continue
		}
		defer w.mu.Unlock()
	}
}
