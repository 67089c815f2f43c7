// Package closedspin holds for-select loops whose receive case stays
// ready once its channel is closed.
package closedspin

import (
	"context"
	"log"
	"time"
)

type update struct{ key string }

type watcher interface {
	Updates() <-chan *update
	Stop() error
}

type instance struct {
	w watcher
}

func apply(*update) {}

// The watcher's channel closes when its subscription ends; the loop
// handles only the open case, so from then on it spins until Stop.
func (in *instance) run(ctx context.Context) { // want run:"loops until its context is done"
	for {
		select {
		case u, ok := <-in.w.Updates(): // want `once in\.w\.Updates\(\) is closed, this case is taken at once on every pass and the loop spins at full CPU`
			if ok {
				apply(u)
			}
		case <-ctx.Done():
			return
		}
	}
}

// break leaves only the select, not the loop.
func drain(ctx context.Context, in <-chan int) { // want drain:"loops until its context is done"
	for {
		select {
		case v, ok := <-in: // want `once in is closed, this case is taken at once on every pass and the loop spins at full CPU \(this break leaves only the select\)`
			if !ok {
				log.Println("input closed")
				break
			}
			_ = v
		case <-ctx.Done():
			return
		}
	}
}

// A context's Done case that logs and goes on: once the context is
// done, every pass takes it.
func poll(ctx context.Context, jobs <-chan int, stop <-chan struct{}) { // want poll:"awaits stop"
	for {
		select {
		case <-ctx.Done(): // want `once ctx is done, this case is taken at once on every pass and the loop spins at full CPU`
			log.Println("context done")
		case j := <-jobs:
			_ = j
		case <-stop:
			return
		}
	}
}

// Not reported: the closed case returns.
func drainReturn(ctx context.Context, in <-chan int) {
	for {
		select {
		case v, ok := <-in:
			if !ok {
				return
			}
			_ = v
		case <-ctx.Done():
			return
		}
	}
}

// Not reported: a closed channel is set to nil, so its case never runs
// again (merging two inputs).
func merge(ctx context.Context, a, b <-chan int, out chan<- int) { // want merge:`sends on out`
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			out <- v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			out <- v
		case <-ctx.Done():
			return
		}
	}
}

// Not reported: the labelled break leaves the loop.
func drainLabel(ctx context.Context, in <-chan int) {
loop:
	for {
		select {
		case v, ok := <-in:
			if !ok {
				break loop
			}
			_ = v
		case <-ctx.Done():
			return
		}
	}
}

// Not reported: the loop waits on a timer each pass, outside the select.
func pacedPoll(ctx context.Context, in <-chan int) { // want pacedPoll:"loops until its context is done"
	for {
		time.Sleep(time.Second)
		select {
		case v, ok := <-in:
			if ok {
				_ = v
			}
		case <-ctx.Done():
			return
		}
	}
}

// Not reported: the select has a default, so the loop's pace is set
// elsewhere.
func tryRead(in <-chan int, quit <-chan struct{}) { // want tryRead:"awaits quit"
	for {
		select {
		case v, ok := <-in:
			if ok {
				_ = v
			}
		case <-quit:
			return
		default:
		}
	}
}

// Not reported: the closed path calls a function of this package, which
// may reconnect and replace the channel.
type sub struct{ ch chan int }

func (s *sub) resubscribe() { s.ch = make(chan int) }

func (s *sub) loop(ctx context.Context) { // want loop:"loops until its context is done"
	for {
		select {
		case v, ok := <-s.ch:
			if !ok {
				s.resubscribe()
				continue
			}
			_ = v
		case <-ctx.Done():
			return
		}
	}
}

// Not reported: a context's Done case that replaces the context.
func keepGoing(ctx context.Context, jobs <-chan int) { // want keepGoing:"awaits jobs"
	for {
		select {
		case <-ctx.Done():
			ctx = context.Background()
		case j, ok := <-jobs:
			if !ok {
				return
			}
			_ = j
		}
	}
}

// Not reported: the loop has no other way out; the endless-loop rule
// speaks for a goroutine that runs it.
func forever(in <-chan int) { // want forever:"loops forever; idles each round"
	for {
		select {
		case v, ok := <-in:
			if ok {
				_ = v
			}
		}
	}
}

// Not reported: ok is used beyond one test of it.
func record(ctx context.Context, in <-chan int, seen *[]bool) {
	for {
		select {
		case _, ok := <-in:
			*seen = append(*seen, ok)
			if !ok {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// Not reported: the loop's condition asks the context, which ends the
// loop once it is done.
func waitForNames(ctx context.Context, names chan []string, want int) error {
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case got := <-names:
			if len(got) == want {
				return nil
			}
		}
	}
	return ctx.Err()
}

// Not reported: the closed path sets a flag that an exit after the select
// reads (waiting for both channels to close).
func drainBoth(stream <-chan int, errs <-chan error) error {
	var last error
	streamClosed, errsClosed := false, false
	for {
		select {
		case _, ok := <-stream:
			if !ok {
				streamClosed = true
			}
		case err, ok := <-errs:
			if err != nil {
				last = err
			}
			if !ok {
				errsClosed = true
			}
		}
		if streamClosed && errsClosed {
			return last
		}
	}
}

// Not reported: a counted loop ends after its count, however often the
// done case is taken.
func take(ctx context.Context, ch <-chan int, n int, sink func(int)) {
	for i := 0; i < n; i++ {
		select {
		case v := <-ch:
			sink(v)
		case <-ctx.Done():
		}
	}
}
