package g

import (
	"slices"
	"sort"
	"sync"
)

type Counters struct {
	Hits int
}

type Log struct { // want `Log self-synchronized`
	mu      sync.Mutex
	stats   Counters // want `stats guarded by mu written=false inplace=false mutated=true`
	sorted  []string // want `sorted guarded by mu written=true inplace=true mutated=false`
	byName  []string // want `byName guarded by mu written=false inplace=true mutated=false`
	cut     []int    // want `cut guarded by mu written=true inplace=true mutated=false`
	dropped []int    // want `dropped guarded by mu written=true inplace=true mutated=false`
	nonce   []byte   // want `nonce guarded by mu written=true inplace=false mutated=false`
	grown   []int    // want `grown guarded by mu written=true inplace=false mutated=false`
	tail    []int    // want `tail guarded by mu written=true inplace=false mutated=false`
	ptrs    []*Counters
	shifted []int // want `shifted guarded by mu written=false inplace=true mutated=false`
}

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func (l *Log) Add(s string, src []byte, i int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stats.Hits++
	l.sorted = append(l.sorted, s)
	sort.Strings(l.sorted)
	sort.Sort(byLen(l.byName))
	l.cut = l.cut[:0]
	l.cut = append(l.cut, i)
	l.dropped = slices.Delete(l.dropped, i, i+1)
	l.nonce = make([]byte, len(src))
	copy(l.nonce, src)
	l.grown = append(l.grown, i)
	l.tail = l.tail[1:]
	copy(l.shifted[i:], l.shifted[i+1:])
}

func (l *Log) find(s string) *string { // want `returns &l.sorted\[i\]`
	for i := range l.sorted {
		if l.sorted[i] == s {
			return &l.sorted[i]
		}
	}
	return nil
}

func (l *Log) each() *Counters { // want `returns an element of l.ptrs`
	for _, c := range l.ptrs {
		if c.Hits > 0 {
			return c
		}
	}
	return nil
}

// locked takes the lock itself: no summary.
func (l *Log) locked() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cut
}
