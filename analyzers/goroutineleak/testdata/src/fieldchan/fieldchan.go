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

// Close stops the indexer.
func (x *indexer) Close() { close(x.stop) }

func (x *indexer) Add(k string) {
	go func() {
		x.keys <- k // want `the goroutine started in Add blocks forever sending on unbuffered x\.keys once the receiving loop in run returns through <-x\.stop`
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

func (l *ctxLoop) serve(ctx context.Context) { // want serve:"loops until its context is done"
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

func consume(keys <-chan string) { // want consume:"awaits keys"
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

// rotator's sender is a method started with a go statement: its bare
// send waits for a loop that may already have returned on stop.
type rotator struct {
	files chan string
	stop  chan struct{}
}

func newRotator(ctx context.Context) *rotator { // want newRotator:"works with ctx"
	r := &rotator{files: make(chan string), stop: make(chan struct{})}
	go r.rotate(ctx)
	go r.collect()
	return r
}

func (r *rotator) rotate(ctx context.Context) { // want rotate:"works with ctx"
	for {
		name, err := nextFile(ctx)
		if err != nil {
			return
		}
		r.files <- name // want `rotate, started as a goroutine in newRotator, blocks forever sending on unbuffered r\.files once the receiving loop in collect returns through <-r\.stop`
	}
}

func (r *rotator) collect() {
	for {
		select {
		case f := <-r.files:
			_ = f
		case <-r.stop:
			return
		}
	}
}

// Close stops the collector.
func (r *rotator) Close() { close(r.stop) }

func nextFile(ctx context.Context) (string, error) { return "", ctx.Err() }

// flusher's sending method is also called directly: its body does not
// always run as a goroutine, and the rule leaves it alone.
type flusher struct {
	out  chan int
	stop chan struct{}
}

func newFlusher() *flusher {
	f := &flusher{out: make(chan int), stop: make(chan struct{})}
	go f.flush()
	go f.drain()
	return f
}

func (f *flusher) flush() { f.out <- 1 }

func (f *flusher) Close() { f.flush() }

func (f *flusher) drain() {
	for {
		select {
		case <-f.out:
		case <-f.stop:
			return
		}
	}
}

// guarded's sender selects on the same stop channel: the correct form.
type guarded struct {
	out  chan int
	stop chan struct{}
}

func newGuarded() *guarded {
	g := &guarded{out: make(chan int), stop: make(chan struct{})}
	go g.produce()
	go g.consume()
	return g
}

func (g *guarded) produce() {
	for i := 0; ; i++ {
		select {
		case g.out <- i:
		case <-g.stop:
			return
		}
	}
}

func (g *guarded) consume() {
	for {
		select {
		case <-g.out:
		case <-g.stop:
			return
		}
	}
}
