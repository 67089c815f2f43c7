package harness

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"
)

// cluster is a test cluster helper, as in raft's testing.go: test support
// by its file's name.
type cluster struct {
	t       testing.TB
	failed  chan struct{}
	timeout time.Duration
	events  func(ctx context.Context) <-chan struct{}
	done    func() bool
}

// WaitForReplication polls with a fresh timeout context per round and
// defers its cancel: each round leaves a context and its timer until the
// helper returns with its test, and no descriptor, connection or lock.
func (c *cluster) WaitForReplication(limit <-chan time.Time) {
	for {
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
		defer cancel()
		select {
		case <-c.failed:
			c.t.FailNow()
		case <-limit:
			c.t.Fatalf("timeout waiting for replication")
		case <-c.events(ctx):
			if c.done() {
				return
			}
		}
	}
}

// GetInState is the same with a cancel-only context per round.
func (c *cluster) GetInState(timer *time.Timer) {
	for {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		select {
		case <-c.events(ctx):
		case <-timer.C:
			return
		}
	}
}

var errRound = errors.New("round over")

// WaitCause cancels each round's context with a cause.
func (c *cluster) WaitCause() {
	for !c.done() {
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(errRound)
		<-c.events(ctx)
	}
}

// WaitTimeoutCause uses the ...Cause forms with a deadline, assigned to
// variables declared before the loop.
func (c *cluster) WaitTimeoutCause(rounds <-chan int) {
	var cancel context.CancelFunc
	ctx := context.Background()
	for r := range rounds {
		ctx, cancel = context.WithTimeoutCause(context.Background(), c.timeout, fmt.Errorf("round %d", r))
		defer cancel()
		<-c.events(ctx)
	}
}

// WaitBoth defers one closure that only cancels the round's two contexts.
func (c *cluster) WaitBoth(n int) {
	for i := 0; i < n; i++ {
		outer, cancelOuter := context.WithDeadline(context.Background(), time.Now().Add(c.timeout))
		inner, cancelInner := context.WithDeadlineCause(outer, time.Now().Add(c.timeout), errRound)
		defer func() {
			cancelInner()
			cancelOuter()
		}()
		<-c.events(inner)
	}
}

// WaitStop defers a closure cancelling with a cause it makes.
func (c *cluster) WaitStop() {
	for {
		ctx, stop := context.WithCancelCause(context.Background())
		defer func() { stop(fmt.Errorf("stopped after %v", c.timeout)) }()
		select {
		case <-c.events(ctx):
		case <-c.failed:
			return
		}
	}
}

// SoakDial holds a connection per round besides its context: the
// connection is reported, the cancel is not.
func (c *cluster) SoakDial(addr string) {
	for !c.done() {
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
		defer cancel()
		conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		if err != nil {
			continue
		}
		defer conn.Close() // want `defer conn.Close\(\) in loop: every conn stays open until SoakDial returns`
	}
}

// SoakClose defers a closure that cancels and closes: it holds the
// connection.
func (c *cluster) SoakClose(addr string) {
	for !c.done() {
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
		conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		if err != nil {
			cancel()
			continue
		}
		defer func() { // want `defer func\(\) \{...\}\(\) in loop`
			cancel()
			conn.Close()
		}()
	}
}

// SoakRelease calls a cancel variable the loop also points at a
// connection's Close: not only a context's cancel.
func (c *cluster) SoakRelease(addr string) {
	for !c.done() {
		_, cancel := context.WithCancel(context.Background())
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			cancel = func() { conn.Close() }
		}
		defer cancel() // want `defer cancel\(\) in loop`
	}
}
