// Package fakeclock keeps a fake clock beside the real one, in a
// production file, so that production code can tell it apart; only the
// package's tests make one. The scope model calls the methods of a type
// that only tests make test support (docs/scope.md), where goroutineleak
// reports an endless loop that spins, not one that idles.
package fakeclock

import "time"

// A Clock tells the time.
type Clock interface{ Now() time.Time }

type fakeClock struct {
	sleeps chan time.Duration
	now    time.Time
}

// Negative: only the package's tests make a fakeClock (the type
// assertion below takes a pointer, and makes none), so Init never runs in
// production: its goroutine idling for the rest of the test binary is a
// test's own business.
func (f *fakeClock) Init() {
	f.sleeps = make(chan time.Duration)
	go func() {
		for {
			d := <-f.sleeps
			f.now = f.now.Add(d)
		}
	}()
}

// Now returns the fake time.
func (f *fakeClock) Now() time.Time { return f.now }

// isFake reports whether c is the tests' fake.
func isFake(c Clock) bool {
	_, ok := c.(*fakeClock)
	return ok
}

type realClock struct{ ticks chan time.Time }

// Start's goroutine can never stop: production code makes a realClock
// (newClock), so the method is production's.
func (r *realClock) Start() {
	r.ticks = make(chan time.Time)
	go func() {
		for { // want `the goroutine started in Start runs a for loop with no way out`
			r.ticks <- time.Now()
		}
	}()
}

// Now returns the time.
func (r *realClock) Now() time.Time { return time.Now() }

// Stop lets the ticks go, but not the goroutine that sends them.
func (r *realClock) Stop() { r.ticks = nil }

func newClock() Clock {
	c := &realClock{}
	c.Start()
	return c
}

var _ = newClock
var _ = isFake
