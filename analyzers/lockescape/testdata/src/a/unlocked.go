package a

import (
	"sync"
	"time"
)

// A token cache whose readers skip the lock that its writer takes.
type Memory struct {
	sync.Mutex
	data map[string]*entry
}

type entry struct {
	val    string
	expiry time.Time
}

func (m *Memory) Set(key, val string, ttl time.Duration) {
	m.Lock()
	defer m.Unlock()
	m.data[key] = &entry{val: val, expiry: time.Now().Add(ttl)}
}

func (m *Memory) Get(key string) string {
	if e, ok := m.data[key]; ok { // want `Get uses map m.data without holding m.Mutex, under which other methods change it: a concurrent call is a fatal concurrent map access`
		return e.val
	}
	return ""
}

func (m *Memory) Delete(key string) {
	m.Lock()
	defer m.Unlock()
	delete(m.data, key)
}

// A read before the lock is taken races the same way.
func (m *Memory) Len() int {
	n := len(m.data) // want `Len uses map m.data without holding m.Mutex`
	m.Lock()
	defer m.Unlock()
	return n
}

// Not reported: under the lock.
func (m *Memory) Has(key string) bool {
	m.Lock()
	defer m.Unlock()
	_, ok := m.data[key]
	return ok
}

// Not reported: the caller holds the lock, as the name says.
func (m *Memory) GetLocked(key string) string {
	return m.data[key].val
}

// Not reported: the lock is taken through a helper the model does not see.
func (m *Memory) lockAll()   { m.Lock() }
func (m *Memory) unlockAll() { m.Unlock() }

func (m *Memory) Keys() []string {
	m.lockAll()
	defer m.unlockAll()
	var keys []string
	for k := range m.data {
		keys = append(keys, k)
	}
	return keys
}

// Not reported: an unexported helper, which callers may call holding the
// lock.
func (m *Memory) get(key string) string { return m.data[key].val }

// Not reported: a map nothing changes in place under the lock (only
// replaced whole, or read).
type Snapshot struct {
	mu   sync.RWMutex
	byID map[string]int
}

func (s *Snapshot) Replace(m map[string]int) {
	s.mu.Lock()
	s.byID = m
	s.mu.Unlock()
}

func (s *Snapshot) Peek(id string) int { return s.byID[id] }

// Not reported: the field's value is read outside the lock, and the map
// itself is read under it; a reset replaces the field whole.
func (m *Memory) Clone() map[string]*entry {
	data := m.data
	m.Lock()
	defer m.Unlock()
	out := make(map[string]*entry, len(data))
	for k, v := range data {
		out[k] = v
	}
	return out
}

func (m *Memory) Reset() {
	m.data = nil
}
