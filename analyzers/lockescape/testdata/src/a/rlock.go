package a

import "sync"

// Writes under the read lock to fields only ever touched under it, and
// through pointers read from guarded state under it.

type bucket struct {
	tokens int
	hist   []int
}

type Limiter struct {
	mu      sync.RWMutex
	rate    int
	reads   int
	misses  int
	denied  map[string]int
	buckets map[string]*bucket
	owner   string
}

func (l *Limiter) SetRate(n int) {
	l.mu.Lock()
	l.rate = n
	l.mu.Unlock()
}

func (l *Limiter) Allow(k string) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	l.reads++     // want `l.reads\+\+ writes l.reads under l.mu.RLock: concurrent readers race with it; use l.mu.Lock`
	l.denied[k]++ // want `l.denied\[k\]\+\+ writes l.denied under l.mu.RLock: concurrent readers race with it \(fatal for a map\)`
	b := l.buckets[k]
	if b == nil {
		l.misses += 1 // want `assignment to l.misses writes l.misses under l.mu.RLock`
		return l.rate > 0
	}
	b.tokens--           // want `b.tokens-- writes through b, read from l.buckets under l.mu.RLock: every concurrent reader shares the pointee and races with it; use l.mu.Lock`
	b.hist[0] = b.tokens // want `assignment to b.hist\[0\] writes through b, read from l.buckets`
	return b.tokens > 0
}

// Peek copies the bucket before changing it: the copy is its own.
func (l *Limiter) Peek(k string) int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	b := *l.buckets[k]
	b.tokens--
	return b.tokens + l.rate
}

// Fresh replaces the pointer it loaded with a bucket of its own before
// writing.
func (l *Limiter) Fresh(k string) int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	b := l.buckets[k]
	if b == nil {
		b = &bucket{}
	}
	b.tokens = l.rate
	return b.tokens
}

// SetOwner stores into a field touched only under the read lock, with a
// plain store: the read lock is a barrier, not a reader's lock (the shape
// of database/sql's Rows).
func (l *Limiter) SetOwner(name string) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.rate > 0 {
		l.owner = name
	}
}

type lockedBucket struct {
	mu     sync.Mutex
	tokens int
}

type SafeLimiter struct {
	mu      sync.RWMutex
	buckets map[string]*lockedBucket
}

func (s *SafeLimiter) Add(k string) {
	s.mu.Lock()
	s.buckets[k] = &lockedBucket{}
	s.mu.Unlock()
}

// Take changes a bucket that carries its own mutex, under that mutex.
func (s *SafeLimiter) Take(k string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b := s.buckets[k]
	b.mu.Lock()
	b.tokens--
	b.mu.Unlock()
}

// HitCounter embeds its mutex.
type HitCounter struct {
	sync.RWMutex
	hits    map[string]int
	total   int
	entries map[string]*bucket
}

func (h *HitCounter) Reset() {
	h.Lock()
	h.hits = make(map[string]int)
	h.entries = make(map[string]*bucket)
	h.Unlock()
}

func (h *HitCounter) Get(k string) int {
	h.RLock()
	defer h.RUnlock()
	h.hits[k]++ // want `h.hits\[k\]\+\+ writes h.hits under h.RLock: .*; use h.Lock`
	h.total++   // want `h.total\+\+ writes h.total under h.RLock`
	e := h.entries[k]
	e.tokens++ // want `e.tokens\+\+ writes through e, read from h.entries under h.RLock`
	return e.tokens
}

// Count takes the write lock for its counters.
func (h *HitCounter) Count(k string) {
	h.Lock()
	defer h.Unlock()
	h.hits[k]++
	h.total++
	h.entries[k].tokens++
}
