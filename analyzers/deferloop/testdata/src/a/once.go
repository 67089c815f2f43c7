package a

import (
	"os"
	"sync"
)

// Methods that act at most once per value, deferred on the same value in
// every iteration: all the deferred copies together do what one does.

type fifo struct {
	lock         sync.Mutex
	queue        []string
	items        map[string]int
	initial      int
	populated    bool
	synced       chan struct{}
	syncedClosed bool
	once         sync.Once
	closed       bool
	done         chan struct{}
}

// checkSynced closes synced once, when the initial items are all popped.
func (f *fifo) checkSynced() {
	synced := f.populated && f.initial == 0
	if synced && !f.syncedClosed {
		f.syncedClosed = true
		close(f.synced)
	}
}

// pop is client-go's FIFO.Pop: checkSynced must run after process, and
// the loop repeats only for an item deleted meanwhile.
func (f *fifo) pop(process func(int)) int {
	f.lock.Lock()
	defer f.lock.Unlock()
	for {
		id := f.queue[0]
		f.queue = f.queue[1:]
		if f.initial > 0 {
			f.initial--
			defer f.checkSynced()
		}
		item, ok := f.items[id]
		if !ok {
			continue
		}
		process(item)
		return item
	}
}

func (f *fifo) finish() {
	f.once.Do(func() { close(f.done) })
}

func (f *fifo) shutdown() {
	if f.closed {
		return
	}
	f.closed = true
	close(f.done)
}

func (f *fifo) drain(ids []string) {
	for _, id := range ids {
		delete(f.items, id)
		defer f.finish()
	}
	for _, id := range ids {
		delete(f.items, id)
		defer f.shutdown()
	}
}

// Not once: checkEmpty closes done every time the queue is empty, and a
// second deferred call closes a closed channel.
func (f *fifo) checkEmpty() {
	if len(f.queue) == 0 {
		close(f.done)
	}
}

// Not once either: the guard tests a flag the guarded code never sets.
func (f *fifo) checkUnset() {
	if !f.closed {
		close(f.done)
	}
}

func (f *fifo) popAll(ids []string) {
	for _, id := range ids {
		delete(f.items, id)
		defer f.checkEmpty() // want `defer f.checkEmpty\(\) in loop: it runs only when popAll returns`
	}
	for _, id := range ids {
		delete(f.items, id)
		defer f.checkUnset() // want `defer f.checkUnset\(\) in loop: it runs only when popAll returns`
	}
}

// A value of its own per iteration: each one is closed only on return,
// once-guarded or not.
func openEachQueue(paths []string) {
	for range paths {
		g := &fifo{done: make(chan struct{})}
		defer g.shutdown() // want `defer g.shutdown\(\) in loop: it runs only when openEachQueue returns`
	}
	var h *fifo
	for _, p := range paths {
		h = &fifo{done: make(chan struct{})}
		defer h.shutdown() // want `defer h.shutdown\(\) in loop: it runs only when openEachQueue returns`
		_ = p
	}
}

// A field the loop stores a new value in: each iteration defers on
// another value.
type owner struct{ sub *fifo }

func (o *owner) restart(n []int) {
	for range n {
		o.sub = &fifo{done: make(chan struct{})}
		defer o.sub.shutdown() // want `defer o.sub.shutdown\(\) in loop: it runs only when restart returns`
	}
}

// A scope opened per iteration and closed on return (go/parser's
// resolver): the close pops a scope, not once.
type resolver struct{ depth int }

func (r *resolver) openScope()  { r.depth++ }
func (r *resolver) closeScope() { r.depth-- }

func (r *resolver) walk(specs []int) {
	for range specs {
		r.openScope()
		defer r.closeScope() // want `defer r.closeScope\(\) in loop: it runs only when walk returns`
	}
}

// A once-guarded Close of another package is not read: reported.
func closeSameFile(f *os.File, paths []string) {
	for range paths {
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until closeSameFile returns`
	}
}
