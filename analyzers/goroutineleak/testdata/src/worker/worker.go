// Package worker holds goroutine bodies started from other packages, to
// test that goroutineleak judges "go f(ch)" by f's body across packages.
package worker

import (
	"context"
	"time"
)

func Compute(n int) int { return n * n }

func SendOnce(n int, out chan<- int) { // want SendOnce:"sends once on out"
	out <- Compute(n)
}

func SendMany(n int, out chan<- int) { // want SendMany:"sends on out"
	for i := range n {
		out <- i
	}
}

// SendOrQuit sends in a select that can give up, so it carries no send
// fact: its caller's select may leave first without stranding it.
func SendOrQuit(ctx context.Context, n int, out chan<- int) {
	select {
	case out <- Compute(n):
	case <-ctx.Done():
	}
}

func Query(ctx context.Context, q string) error { // want Query:"works with ctx"
	return lookup(ctx, q)
}

// lookup only asks whether ctx is done; that alone is no work that a
// cancelled context would break.
func lookup(ctx context.Context, q string) error { return ctx.Err() }

// Watch waits for ctx to end on purpose: it is a watcher, not work that
// cancellation cuts short, so it carries no context fact.
func Watch(ctx context.Context, stop func()) {
	<-ctx.Done()
	stop()
}

// SendElsewhere starts its own goroutine for the send, so calling it does
// not block on out: no send fact.
func SendElsewhere(n int, out chan<- int) {
	go func() { out <- n }()
}

func Pump(in <-chan int, out func(int)) { // want Pump:"loops forever"
	for {
		out(<-in)
	}
}

// PumpUntilClosed ranges over its channel and ends when it is closed: no
// endless-loop fact.
func PumpUntilClosed(in <-chan int, out func(int)) { // want PumpUntilClosed:"awaits in"
	for v := range in {
		out(v)
	}
}

// Deliver retries until post succeeds, sleeping between attempts and
// looking at nothing that could stop it.
func Deliver(post func() error) { // want Deliver:"sleeps blind"
	for post() != nil {
		time.Sleep(time.Second)
	}
}

// Tick ranges over a ticker until the program ends.
func Tick(t *time.Ticker, f func()) { // want Tick:"ranges over a ticker"
	for range t.C {
		f()
	}
}

// Sweep runs f on every tick until ctx is done.
func Sweep(ctx context.Context, t *time.Ticker, f func()) { // want Sweep:"loops until its context is done"
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}
