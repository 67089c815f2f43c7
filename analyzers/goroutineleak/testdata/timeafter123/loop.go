// Package timeafter is a main module at go 1.23: the runtime collects
// unreferenced timers, so time.After in a loop leaks nothing.
package timeafter

import (
	"context"
	"time"
)

// consume runs with Go 1.23 timers, which are collected once unreferenced.
func consume(ctx context.Context, in <-chan int) {
	for {
		select {
		case v := <-in:
			_ = v
		case <-time.After(time.Minute):
			return
		case <-ctx.Done():
			return
		}
	}
}

// drain runs with Go 1.23 timers too.
func drain(in <-chan int) {
	for range 10 {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}
}

// consumeTimer reuses one timer, resetting it each iteration.
func consumeTimer(in <-chan int) {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-in:
			t.Reset(time.Minute)
		case <-t.C:
			return
		}
	}
}

// waitOnce selects on time.After outside any loop: one timer per call.
func waitOnce(in <-chan int) int {
	select {
	case v := <-in:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// sleepLoop waits for every timer it makes: none is left behind.
func sleepLoop(n int) {
	for range n {
		<-time.After(time.Millisecond)
	}
}

// autoSync's other case returns: a timer is left behind at most once,
// when the loop ends.
func autoSync(ctx context.Context, sync func()) { // want autoSync:"loops until its context is done"
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute):
			sync()
		}
	}
}

// idleLoop makes a timer per iteration; since Go 1.23 the runtime frees
// the ones nothing refers to any more.
func idleLoop(in <-chan int) {
	for {
		idle := time.After(time.Minute)
		select {
		case <-in:
		case <-idle:
			return
		}
	}
}

// rearmOnEvent re-arms the timer in another case only when a condition
// holds (a won pre-vote): once per event, not on every message.
func rearmOnEvent(votes <-chan bool, stop <-chan struct{}) {
	timer := time.After(time.Second)
	won := 0
	for {
		select {
		case v := <-votes:
			if v {
				won++
			}
			if won >= 3 {
				timer = time.After(time.Second)
				won = 0
			}
		case <-timer:
			return
		case <-stop:
			return
		}
	}
}
