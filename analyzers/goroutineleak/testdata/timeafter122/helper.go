package timeafter

import (
	"time"

	"example.com/timeafter/jitter"
)

// backoff returns time.After's channel: each call is a new timer.
func backoff(d time.Duration) <-chan time.Time { // want backoff:`returns a fresh timer channel`
	return time.After(2 * d)
}

func heartbeat(notify <-chan struct{}, stop <-chan struct{}) { // want heartbeat:"awaits stop"
	for {
		select {
		case <-notify:
		case <-jitter.RandomTimeout(time.Second): // want `jitter\.RandomTimeout\(time\.Second\) in a loop makes a new timer on every iteration, and before Go 1\.23 \(this module's go line is 1\.22\) none is freed until it fires`
		case <-stop:
			return
		}
	}
}

func replicate(trigger <-chan struct{}, stop <-chan struct{}) { // want replicate:"awaits stop"
	for {
		timeout := backoff(time.Second) // want `backoff\(time\.Second\) in a loop makes a new timer on every iteration`
		select {
		case <-trigger:
		case <-timeout:
		case <-stop:
			return
		}
	}
}

// follower rearms the helper's timer only once it has fired: one timer at
// a time.
func follower(rpc <-chan int, stop <-chan struct{}) { // want follower:"awaits stop"
	hb := jitter.RandomTimeout(time.Second)
	for {
		select {
		case <-rpc:
		case <-hb:
			hb = jitter.RandomTimeout(time.Second)
		case <-stop:
			return
		}
	}
}

// tickFromClock selects on a stored timer's channel: no timer per call.
func tickFromClock(c *jitter.Clock, in <-chan int) {
	for {
		select {
		case <-in:
		case <-c.C():
			return
		}
	}
}

// mixedHelper's helper does not make a timer on every path: silent.
func mixedHelper(c *jitter.Clock, in <-chan int) {
	for {
		select {
		case <-in:
		case <-jitter.Deadline(c, time.Second):
			return
		}
	}
}

// electionOnce selects on the helper outside a loop.
func electionOnce(in <-chan int) {
	select {
	case <-in:
	case <-jitter.RandomTimeout(time.Second):
	}
}
