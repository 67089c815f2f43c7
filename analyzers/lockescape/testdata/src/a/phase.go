package a

import "sync"

type phase int

const (
	notStarted phase = iota
	started
	stopped
)

// Not reported: Add writes the map under the lock only while the pool
// has not started, and Start leaves that state under the lock before it
// reads the map; later additions reach the map through Start's own
// goroutine.
type WorkerPool struct {
	mu      sync.Mutex
	state   phase
	workers map[int]func()
	adds    chan func()
}

func (p *WorkerPool) Add(w func()) {
	p.mu.Lock()
	if p.state == notStarted {
		p.workers[len(p.workers)] = w
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	p.adds <- w
}

func (p *WorkerPool) Start() {
	p.mu.Lock()
	p.state = started
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.state = stopped
		p.mu.Unlock()
	}()
	for _, w := range p.workers {
		go w()
	}
	for w := range p.adds {
		p.workers[len(p.workers)] = w
		go w()
	}
}

// Reported: Workers reads the map without leaving the phase, so an Add
// before Start writes it concurrently.
func (p *WorkerPool) Workers() int {
	n := 0
	for range p.workers { // want `Workers uses map p.workers without holding p.mu`
		n++
	}
	return n
}

// Reported: the state moves only after the read, so an Add can still
// write the map under the lock while Run reads it.
type JobQueue struct {
	mu    sync.Mutex
	state phase
	jobs  map[string]func()
}

func (q *JobQueue) Add(name string, job func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.state == notStarted {
		q.jobs[name] = job
	}
}

func (q *JobQueue) Run() {
	for _, job := range q.jobs { // want `Run uses map q.jobs without holding q.mu`
		job()
	}
	q.mu.Lock()
	q.state = started
	q.mu.Unlock()
}

// Reported: Remove deletes under the lock in every state, so leaving
// the phase closes only one of the two writers.
type EntryRegistry struct {
	mu      sync.Mutex
	state   phase
	entries map[string]int
}

func (r *EntryRegistry) Put(k string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state == notStarted {
		r.entries[k] = v
	}
}

func (r *EntryRegistry) Remove(k string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.entries, k)
}

func (r *EntryRegistry) Serve() {
	r.mu.Lock()
	r.state = started
	r.mu.Unlock()
	for k := range r.entries { // want `Serve uses map r.entries without holding r.mu`
		_ = k
	}
}

// Reported: the state is set without the lock, so a concurrent Put may
// still have seen the old state and be writing.
type RowTable struct {
	mu    sync.Mutex
	state phase
	rows  map[string]int
}

func (t *RowTable) Put(k string, v int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.state == notStarted {
		t.rows[k] = v
	}
}

func (t *RowTable) Serve() {
	t.state = started
	for k := range t.rows { // want `Serve uses map t.rows without holding t.mu`
		_ = k
	}
}
