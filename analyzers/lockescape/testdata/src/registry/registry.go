// Package registry keeps a table of handles behind an unexported
// interface in an unexported field: Decode and Forget are exported names
// on an unexported type that no importer can reach, so their callers are
// all here, and the handout is judged where they use it.
package registry

import (
	"sync"
	"unsafe"
)

// handled is embedded first in objects that get a numeric handle.
type handled struct{ id, count int }

type handleMap interface {
	Register(h *handled) int
	Decode(id int) *handled
	Forget(id int)
}

type table struct {
	sync.Mutex
	items []*handled
}

func (t *table) Register(h *handled) int {
	t.Lock()
	defer t.Unlock()
	h.count++
	h.id = len(t.items)
	t.items = append(t.items, h)
	return h.id
}

// Decode hands out a record the table changes in place, but no importer
// can call it: the callers here only convert the pointer.
func (t *table) Decode(id int) *handled { // want Decode:"result 0 refers into t\\.items, guarded by t"
	t.Lock()
	defer t.Unlock()
	return t.items[id]
}

func (t *table) Forget(id int) {
	t.Lock()
	defer t.Unlock()
	h := t.items[id]
	h.count--
}

type Inode struct {
	h    handled
	Name string
}

type Conn struct{ m handleMap }

func NewConn() *Conn { return &Conn{m: &table{}} }

func (c *Conn) Add(n *Inode) int { return c.m.Register(&n.h) }

// Lookup converts the handle back to its inode: no field of the record is
// read or written.
func (c *Conn) Lookup(id int) *Inode { return (*Inode)(unsafe.Pointer(c.m.Decode(id))) }

// Touch bumps the count without the table's lock, through the interface:
// it races with Register and Forget.
func (c *Conn) Touch(id int) {
	h := c.m.Decode(id)
	h.count++ // want `h.count\+\+ writes the \*handled that c.m.Decode returns from t.items without holding t`
}

// A table an importer can reach: NewPublicTable returns it.
type pubTable struct {
	sync.Mutex
	items []*handled
}

func NewPublicTable() *pubTable { return &pubTable{} }

func (t *pubTable) Bump(id int) {
	t.Lock()
	defer t.Unlock()
	t.items[id].count++
}

// Decode is reachable by importers through NewPublicTable: reported at the
// handout.
func (t *pubTable) Decode(id int) *handled { // want Decode:"result 0 refers into t\\.items, guarded by t"
	t.Lock()
	defer t.Unlock()
	return t.items[id] // want `Decode returns \*handled from t.items, guarded by t: callers can change it without the lock`
}
