// Package fieldchan holds channels kept in struct fields, whose only
// receiver is a loop in another method.
package fieldchan

import (
	"context"
	"sync"
	"time"
)

type indexer struct {
	keys chan string
	stop chan struct{}
}

func newIndexer() *indexer {
	return &indexer{keys: make(chan string), stop: make(chan struct{})}
}

func (x *indexer) run() {
	for {
		select {
		case k := <-x.keys:
			_ = k
		case <-x.stop:
			return
		}
	}
}

func (x *indexer) Add(k string) {
	go func() {
		x.keys <- k // want `the goroutine started in Add blocks forever sending on unbuffered x\.keys once the receiving loop in run returns through <-x\.stop; make the send a select that also waits on that signal`
	}()
}

// AddOrStop selects on the send and the same stop channel.
func (x *indexer) AddOrStop(k string) {
	go func() {
		select {
		case x.keys <- k:
		case <-x.stop:
		}
	}()
}

type ctxLoop struct {
	jobs chan int
}

func newCtxLoop(ctx context.Context) *ctxLoop { // want newCtxLoop:"works with ctx"
	l := &ctxLoop{}
	l.jobs = make(chan int)
	go l.serve(ctx)
	return l
}

func (l *ctxLoop) serve(ctx context.Context) {
	for {
		select {
		case j := <-l.jobs:
			_ = j
		case <-ctx.Done():
			return
		}
	}
}

func (l *ctxLoop) Submit(j int) {
	go func() {
		l.jobs <- j // want `sending on unbuffered l\.jobs once the receiving loop in serve returns through <-ctx\.Done\(\)`
	}()
}

type buffered struct {
	keys chan string
	stop chan struct{}
}

func newBuffered() *buffered {
	return &buffered{keys: make(chan string, 16), stop: make(chan struct{})}
}

func (b *buffered) run() {
	for {
		select {
		case <-b.keys:
		case <-b.stop:
			return
		}
	}
}

// Add sends on a buffered channel; the rule leaves buffer sizes alone.
func (b *buffered) Add(k string) {
	go func() { b.keys <- k }()
}

type draining struct {
	keys chan string
	stop chan struct{}
}

func newDraining() *draining {
	return &draining{keys: make(chan string), stop: make(chan struct{})}
}

func (d *draining) run() {
	for {
		select {
		case <-d.keys:
		case <-d.stop:
			for {
				select {
				case <-d.keys:
				case <-time.After(time.Second):
					return
				}
			}
		}
	}
}

// Add sends to a loop that drains the channel after it is told to stop.
func (d *draining) Add(k string) {
	go func() { d.keys <- k }()
}

type forever struct {
	keys chan string
}

func newForever() *forever {
	return &forever{keys: make(chan string)}
}

func (f *forever) run() {
	for k := range f.keys {
		_ = k
	}
}

// Add sends to a receiver that ranges until the channel is closed: it
// never gives up first.
func (f *forever) Add(k string) {
	go func() { f.keys <- k }()
}

type passed struct {
	keys chan string
	stop chan struct{}
}

func newPassed() *passed {
	p := &passed{keys: make(chan string), stop: make(chan struct{})}
	go consume(p.keys)
	return p
}

func consume(keys <-chan string) {
	for range keys {
	}
}

func (p *passed) run() {
	for {
		select {
		case <-p.keys:
		case <-p.stop:
			return
		}
	}
}

// Add sends on a channel that another function also receives from.
func (p *passed) Add(k string) {
	go func() { p.keys <- k }()
}

type inline struct {
	keys chan string
	stop chan struct{}
}

func newInline() *inline {
	return &inline{keys: make(chan string), stop: make(chan struct{})}
}

func (i *inline) run() {
	for {
		select {
		case <-i.keys:
		case <-i.stop:
			return
		}
	}
}

// Add sends from the caller's goroutine, not a goroutine of its own;
// the rule is about goroutines left behind.
func (i *inline) Add(k string) {
	i.keys <- k
}

type pool struct {
	keys chan string
	stop chan struct{}
	wg   sync.WaitGroup
}

func newPool() *pool {
	return &pool{keys: make(chan string), stop: make(chan struct{})}
}

func (p *pool) run() {
	for {
		select {
		case <-p.keys:
		case <-p.stop:
			return
		}
	}
}

// Add counts its sender in a WaitGroup that Close waits on before it
// stops the receiver: no send is left behind.
func (p *pool) Add(k string) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.keys <- k
	}()
}

// Close waits for every sender, then stops the receiving loop.
func (p *pool) Close() {
	p.wg.Wait()
	close(p.stop)
}
