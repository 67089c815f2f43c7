package a

import (
	"context"
	"errors"
	"net"
	"sort"
	"sync"
	"time"
)

// dialRace starts a fallback once, when its timer fires: the case runs at
// most once per call however often the loop turns.
func dialRace(ctx context.Context, results chan error, start func(context.Context)) error {
	fallback := time.NewTimer(300 * time.Millisecond)
	defer fallback.Stop()
	failed := false
	for {
		select {
		case <-fallback.C:
			fctx, cancel := context.WithCancel(ctx)
			defer cancel()
			go start(fctx)
		case err := <-results:
			if err == nil {
				return nil
			}
			// A timer stopped before it fired is re-armed to fire at
			// once: it still fires once.
			if !failed && fallback.Stop() {
				fallback.Reset(0)
			}
			failed = true
		}
	}
}

// waitOnce is the same with time.After made before the loop.
func waitOnce(ctx context.Context, results chan error, start func(context.Context)) error {
	after := time.After(time.Second)
	for {
		select {
		case <-after:
			fctx, cancel := context.WithCancel(ctx)
			defer cancel()
			go start(fctx)
		case err := <-results:
			return err
		}
	}
}

// retryOnTimer resets its timer in the loop: the case runs every time it
// fires.
func retryOnTimer(ctx context.Context, results chan error, start func(context.Context)) error {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			fctx, cancel := context.WithCancel(ctx)
			defer cancel() // want `defer cancel\(\) in loop: every context made in the loop lives until retryOnTimer returns`
			go start(fctx)
			t.Reset(time.Second)
		case err := <-results:
			return err
		}
	}
}

// retryOnTicker receives from a ticker, which fires again and again.
func retryOnTicker(ctx context.Context, results chan error, start func(context.Context)) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			fctx, cancel := context.WithCancel(ctx)
			defer cancel() // want `defer cancel\(\) in loop: every context made in the loop lives until retryOnTicker returns`
			go start(fctx)
		case err := <-results:
			return err
		}
	}
}

const slots = 10

type runner struct {
	inFlight chan struct{}
}

func newRunner() *runner {
	return &runner{inFlight: make(chan struct{}, slots)}
}

// exclusive takes every slot of the semaphore, waiting out all other
// holders, and gives them all back on return.
func (r *runner) exclusive(ctx context.Context, run func()) error {
	for range slots {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case r.inFlight <- struct{}{}:
			defer func() { <-r.inFlight }()
		}
	}
	run()
	return nil
}

// slotPerJob takes one slot per job: past the capacity it blocks on its
// own slots.
func (r *runner) slotPerJob(jobs []func()) {
	for _, job := range jobs {
		r.inFlight <- struct{}{}
		defer func() { <-r.inFlight }() // want `defer func\(\) \{...\}\(\) in loop: it runs only when slotPerJob returns`
		job()
	}
}

// halfTheSlots runs fewer times than the channel has slots: not a
// take-them-all.
func (r *runner) halfTheSlots() {
	for i := 0; i < slots/2+4; i++ {
		r.inFlight <- struct{}{}
		defer func() { <-r.inFlight }() // want `defer func\(\) \{...\}\(\) in loop: it runs only when halfTheSlots returns`
	}
}

func lockFile(name string) error { return nil }
func unlockFile(name string)     {}

// modifyAll locks every file in sorted order and unlocks them all on
// return: a lock set taken in the same order by every call.
func modifyAll(files []string) error {
	sort.Strings(files)
	for _, f := range files {
		if err := lockFile(f); err != nil {
			return err
		}
		defer unlockFile(f)
	}
	return nil
}

type config interface{ Sources() []string }

// modifySources sorts a list another call returned before locking its
// files in turn.
func modifySources(c config) error {
	sources := c.Sources()
	sort.Strings(sources)
	for _, f := range sources {
		if err := lockFile(f); err != nil {
			return err
		}
		defer unlockFile(f)
	}
	return nil
}

// modifyUnsortedSources locks the files in whatever order the call gave.
func modifyUnsortedSources(c config) error {
	for _, f := range c.Sources() {
		if err := lockFile(f); err != nil {
			return err
		}
		defer unlockFile(f) // want `defer unlockFile\(f\) in loop: it runs only when modifyUnsortedSources returns`
	}
	return nil
}

// modifyInCallerOrder takes the same locks in the caller's order.
func modifyInCallerOrder(files []string) error {
	for _, f := range files {
		if err := lockFile(f); err != nil {
			return err
		}
		defer unlockFile(f) // want `defer unlockFile\(f\) in loop: it runs only when modifyInCallerOrder returns`
	}
	return nil
}

type publisher struct {
	mu      sync.Mutex
	onError func(id string, err error)
	pending map[string]chan error
}

var errClosed = errors.New("closed")

// cleanup calls the error handler once per pending item after the mutex
// is released, so that the handler does not run under it.
func (p *publisher) cleanup() {
	p.mu.Lock()
	cb := p.onError
	for id, ch := range p.pending {
		ch <- errClosed
		if cb != nil {
			defer cb(id, errClosed)
		}
		delete(p.pending, id)
	}
	p.mu.Unlock()
}

// closeEachVia defers a function value it made itself from each connection:
// it releases what the iteration took.
func closeEachVia(addrs []string) {
	var release func() error
	for _, a := range addrs {
		c, err := net.Dial("tcp", a)
		if err != nil {
			return
		}
		release = c.Close
		defer release() // want `defer release\(\) in loop: it runs only when closeEachVia returns`
	}
}

// unlockLater defers a method value made before the loop: the same lock
// in every iteration.
func unlockLater(mu *sync.Mutex, items []string) {
	unlock := mu.Unlock
	for range items {
		mu.Lock()
		defer unlock() // want `defer unlock\(\) in loop: it runs only when unlockLater returns`
	}
}

// finishEach defers a function its caller handed in, which may release
// what each iteration took (a pool's put, a semaphore's release).
func finishEach(ids []string, release func(string)) {
	for _, id := range ids {
		defer release(id) // want `defer release\(id\) in loop: it runs only when finishEach returns`
	}
}
