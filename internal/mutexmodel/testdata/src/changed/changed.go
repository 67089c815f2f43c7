package changed

import "sync"

type Table struct {
	mu   sync.Mutex
	m    map[string]int
	hits map[string]int
	log  []string
	name string
}

func (t *Table) Put(k string, v int) { // want `changes m in place`
	t.mu.Lock()
	t.m[k] = v
	t.mu.Unlock()
}

func (t *Table) Start() {
	go func() { // want `changes hits in place`
		t.mu.Lock()
		t.hits["start"]++
		t.mu.Unlock()
	}()
}

func (t *Table) Remove(k string) { // want `changes m in place`
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, k)
}

// Get only reads.
func (t *Table) Get(k string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[k] + t.hits[k]
}

// Rename replaces a field: no change in place.
func (t *Table) Rename(s string) {
	t.mu.Lock()
	t.name = s
	t.mu.Unlock()
}

// Reset cuts log back and Add appends to it: together they overwrite
// the elements in place, and both are listed.
func (t *Table) Reset() { // want `changes log in place`
	t.mu.Lock()
	t.log = t.log[:0]
	t.mu.Unlock()
}

func (t *Table) Add(s string) { // want `changes log in place`
	t.mu.Lock()
	t.log = append(t.log, s)
	t.mu.Unlock()
}

// Refill fills a map made just before under the lock: no change in place.
func (t *Table) Refill() {
	t.mu.Lock()
	t.hits = make(map[string]int)
	t.hits["x"] = 1
	t.mu.Unlock()
}
