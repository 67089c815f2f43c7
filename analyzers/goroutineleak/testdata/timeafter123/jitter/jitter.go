// Package jitter holds timer helpers that other packages select on.
package jitter

import (
	"math/rand"
	"time"
)

// RandomTimeout returns a fresh time.After channel, or nil (never ready)
// for a zero duration.
func RandomTimeout(d time.Duration) <-chan time.Time { // want RandomTimeout:`returns a fresh timer channel`
	if d == 0 {
		return nil
	}
	return time.After(d + time.Duration(rand.Int63n(int64(d))))
}

// Clock hands out the channel of a timer it keeps: no new timer per call.
type Clock struct{ t *time.Timer }

func (c *Clock) C() <-chan time.Time { return c.t.C }

// Deadline returns a fresh channel on one path and a stored one on
// another: not every call makes a timer.
func Deadline(c *Clock, d time.Duration) <-chan time.Time {
	if c != nil {
		return c.C()
	}
	return time.After(d)
}
