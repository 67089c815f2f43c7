// Package timeafter is a main module at go 1.22: timers are collected only
// when they fire.
package timeafter

import (
	"context"
	"time"
)

func consume(ctx context.Context, in <-chan int) {
	for {
		select {
		case v := <-in:
			_ = v
		case <-time.After(time.Minute): // want `time\.After\(time\.Minute\) in a loop makes a new timer on every iteration, and before Go 1\.23 \(this module's go line is 1\.22\) none is freed until it fires`
			return
		case <-ctx.Done():
			return
		}
	}
}

func drain(in <-chan int) {
	for range 10 {
		select {
		case <-in:
		case <-time.After(time.Second): // want `time\.After\(time\.Second\) in a loop`
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

func idleLoop(ctx context.Context, in <-chan int) {
	for {
		idle := time.After(time.Minute) // want `time\.After\(time\.Minute\) in a loop makes a new timer on every iteration, and before Go 1\.23 \(this module's go line is 1\.22\) none is freed until it fires`
		select {
		case v := <-in:
			_ = v
		case <-idle:
			return
		case <-ctx.Done():
			return
		}
	}
}

func resetOnActivity(in <-chan int) {
	idle := time.After(time.Minute)
	for {
		select {
		case <-in:
			idle = time.After(time.Minute) // want `time\.After\(time\.Minute\) in a loop makes a new timer on every iteration`
		case <-idle:
			return
		}
	}
}

// rearmAfterFiring makes the next timer only once the previous one has
// fired: one timer at a time.
func rearmAfterFiring(in <-chan int) { // want rearmAfterFiring:"awaits in"
	tick := time.After(time.Second)
	for {
		select {
		case _, ok := <-in:
			if !ok {
				return
			}
		case <-tick:
			tick = time.After(time.Second)
		}
	}
}

// idleBeforeLoop makes one timer for the whole loop.
func idleBeforeLoop(in <-chan int) {
	idle := time.After(time.Minute)
	for {
		select {
		case <-in:
		case <-idle:
			return
		}
	}
}

// idleEveryCaseLeaves makes a timer per iteration, but every other case
// leaves the loop: at most one timer outlives it.
func idleEveryCaseLeaves(in <-chan int) int { // want idleEveryCaseLeaves:"awaits in"
	for {
		idle := time.After(time.Minute)
		select {
		case v := <-in:
			return v
		case <-idle:
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

// pollNow polls with time.After(0): a timer of zero or negative duration
// fires at once and is freed, so nothing piles up.
func pollNow(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(0):
			return
		}
	}
}

// backoffPast waits on a constant negative duration, which fires at once
// too.
func backoffPast(in <-chan int) {
	const past = -time.Second
	for range 10 {
		select {
		case <-in:
		case <-time.After(past):
		}
	}
}

// pollVariable has a duration that may be long: reported.
func pollVariable(in <-chan int, d time.Duration) {
	for range 10 {
		select {
		case <-in:
		case <-time.After(d): // want `time\.After\(d\) in a loop`
		}
	}
}
