package a

import (
	"sync"
	"time"
)

// Records published by pointer and never written again: a cache of
// verified responses (an OCSP cache) keeps each response as it was
// built, replaces or deletes entries under the lock, and hands the
// pointer out. Two goroutines reading the same immutable record do not
// race, so none of these is reported.

type Response struct {
	Status     int
	NextUpdate time.Time
}

func newResponse(status int, next time.Time) *Response {
	return &Response{Status: status, NextUpdate: next}
}

type ResponseCache struct {
	cache map[string]*Response
	sync.Mutex
}

// Update returns the newest response for key: the cached one, or the
// one it was given, which it caches.
func (c *ResponseCache) Update(key string, resp *Response) *Response { // want Update:"result 0 refers into c\\.cache, guarded by c"
	c.Lock()
	defer c.Unlock()
	current, ok := c.cache[key]
	if !ok {
		c.cache[key] = resp
		return resp
	}
	if resp.Status == 0 {
		return current
	}
	newest := current
	if resp.NextUpdate.After(current.NextUpdate) {
		c.cache[key] = resp
		newest = resp
	}
	return newest
}

// Get returns the cached response, and deletes an expired one.
func (c *ResponseCache) Get(key string) *Response { // want Get:"result 0 refers into c\\.cache, guarded by c"
	c.Lock()
	defer c.Unlock()
	resp, ok := c.cache[key]
	if !ok {
		return nil
	}
	if time.Now().Before(resp.NextUpdate) {
		return resp
	}
	delete(c.cache, key)
	return nil
}

// Fetch reads a response from the cache; building a new one is not a
// write to a published record.
func Fetch(c *ResponseCache, key string) *Response {
	if r := c.Get(key); r != nil {
		return r
	}
	return c.Update(key, newResponse(1, time.Now().Add(time.Hour)))
}

// The same cache, where the package changes a published record in place:
// Refresh extends a grant through a pointer it got from the cache, without
// the lock. Now the pointer handed out is shared with that write.

type Grant struct {
	Holder  string
	Expires time.Time
}

type GrantCache struct {
	mu     sync.Mutex
	grants map[string]*Grant
}

func (c *GrantCache) Put(key string, l *Grant) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.grants[key] = l
}

func (c *GrantCache) Get(key string) *Grant { // want Get:"result 0 refers into c\\.grants, guarded by c\\.mu"
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.grants[key] // want `Get returns \*Grant from c\.grants, changed in place, guarded by c\.mu: callers can change it without the lock`
}

// Refresh writes the record without the lock: reported here as a caller's
// write, and it makes Get's handout a shared, changing record.
func Refresh(c *GrantCache, key string, d time.Duration) {
	l := c.Get(key)
	l.Expires = l.Expires.Add(d) // want `assignment to l.Expires writes the \*Grant that c.Get returns from c.grants without holding c.mu`
}

// go/token's File: MergeLine shifts the guarded line table in place, so
// the table Lines hands out changes under its reader.

type File struct {
	mutex sync.Mutex
	lines []int
}

func (f *File) AddLine(offset int) {
	f.mutex.Lock()
	defer f.mutex.Unlock()
	f.lines = append(f.lines, offset)
}

func (f *File) MergeLine(line int) {
	f.mutex.Lock()
	defer f.mutex.Unlock()
	copy(f.lines[line:], f.lines[line+1:])
	f.lines = f.lines[:len(f.lines)-1]
}

func (f *File) Lines() []int { // want Lines:"result 0 refers into f\\.lines, guarded by f\\.mutex"
	f.mutex.Lock()
	lines := f.lines
	f.mutex.Unlock()
	return lines // want `Lines returns slice f\.lines, guarded by f\.mutex: callers can change it without the lock`
}

// Table keeps its offsets only appended to past their length: the
// elements a holder of the old slice sees are never written again.
type Table struct {
	mutex sync.Mutex
	lines []int
}

func (t *Table) AddLine(offset int) {
	t.mutex.Lock()
	defer t.mutex.Unlock()
	t.lines = append(t.lines, offset)
}

func (t *Table) Lines() []int { // want Lines:"result 0 refers into t\\.lines, guarded by t\\.mutex"
	t.mutex.Lock()
	lines := t.lines
	t.mutex.Unlock()
	return lines
}
