package fieldchan

import (
	"context"
	"net"
	"sync/atomic"
	"time"
)

// A listener's Close waits for the loop's done with a timeout; once it
// has given up, the loop's last send blocks forever and Listen, run by
// the caller (go l.Listen(ln)), never returns.
type trapLoop struct {
	done    chan bool
	finish  int32
	ln      net.Listener
	timeout time.Duration
}

func newTrapLoop() *trapLoop {
	return &trapLoop{done: make(chan bool), timeout: 3 * time.Second}
}

func (l *trapLoop) Listen(ln net.Listener, handle func(net.Conn)) error {
	l.ln = ln
	for {
		switch {
		case atomic.LoadInt32(&l.finish) == 1:
			l.done <- true // want `Listen blocks forever on this send to unbuffered l.done once the wait in Close gives up through <-time.After\(l.timeout\)`
			return nil
		default:
			c, err := ln.Accept()
			if err != nil {
				continue
			}
			handle(c)
		}
	}
}

func (l *trapLoop) Close() {
	atomic.StoreInt32(&l.finish, 1)
	l.ln.Close()
	select {
	case <-l.done:
	case <-time.After(l.timeout):
	}
}

// The same with a timer, and the send ending a goroutine the package
// starts.
type drainer struct {
	flushed chan struct{}
	stop    int32
}

func newDrainer() *drainer {
	f := &drainer{flushed: make(chan struct{})}
	go f.run()
	return f
}

func (f *drainer) run() {
	for atomic.LoadInt32(&f.stop) == 0 {
		time.Sleep(time.Millisecond)
	}
	f.flushed <- struct{}{} // want `run blocks forever on this send to unbuffered f.flushed once the wait in Shutdown gives up through <-t.C`
}

func (f *drainer) Shutdown() {
	atomic.StoreInt32(&f.stop, 1)
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-f.flushed:
	case <-t.C:
	}
}

// Not reported: the done channel has room for the one send.
type bufferedDoneCh struct {
	done chan bool
}

func newBufferedDoneCh() *bufferedDoneCh { return &bufferedDoneCh{done: make(chan bool, 1)} }

func (b *bufferedDoneCh) Run() { b.done <- true }
func (b *bufferedDoneCh) Close() {
	select {
	case <-b.done:
	case <-time.After(time.Second):
	}
}

// Not reported: after its timeout the waiter still receives (it only
// stops waiting for the deadline, not for the sender).
type patientWaiter struct {
	done chan struct{}
}

func newPatientWaiter() *patientWaiter { return &patientWaiter{done: make(chan struct{})} }

func (p *patientWaiter) Stop() { p.done <- struct{}{} }

func (p *patientWaiter) Listen(ctx context.Context, abort func()) {
	select {
	case <-ctx.Done():
		abort()
		<-p.done
	case <-p.done:
	}
}

// Not reported: a producer's send in a loop goes on producing, and the
// next timed wait takes its value.
type replyQueue struct {
	out chan int
}

func newReplyQueue() *replyQueue { return &replyQueue{out: make(chan int)} }

func (r *replyQueue) readLoop(next func() (int, bool)) {
	for {
		v, ok := next()
		if !ok {
			return
		}
		r.out <- v
	}
}

func (r *replyQueue) Next(ctx context.Context) (int, error) {
	select {
	case v := <-r.out:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Not reported: the wait is a loop's, judged by the field rule.
type loopedWait struct {
	done chan struct{}
}

func newLoopedWait() *loopedWait { return &loopedWait{done: make(chan struct{})} }

func (l *loopedWait) Finish() { l.done <- struct{}{} }

func (l *loopedWait) Wait() {
	for i := 0; i < 3; i++ {
		select {
		case <-l.done:
			return
		case <-time.After(time.Second):
		}
	}
}

// Not reported: the loop leaves on errC, which each worker sends on as it
// ends; it counts them down and hears from every one before it returns,
// so no worker is left sending on resultC.
type coordinator struct {
	inputC  chan int
	resultC chan int
}

func (c *coordinator) work(ctx context.Context) error { // want work:"loops until its context is done"
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case in := <-c.inputC:
			c.resultC <- in * 2
		}
	}
}

func runCoordinator(ctx context.Context, n int) error { // want runCoordinator:`works with ctx`
	c := &coordinator{inputC: make(chan int), resultC: make(chan int)}
	errC := make(chan error)
	for i := 0; i < n; i++ {
		go func() {
			errC <- c.work(ctx)
		}()
	}
	active := n
	for {
		select {
		case err := <-errC:
			active--
			if active == 0 {
				return err
			}
		case <-c.resultC:
		case c.inputC <- 1:
		}
	}
}

// Not reported: when the wait gives up, a helper it calls waits for the
// field once more, as long again, as an inline second wait would.
type helperDrained struct {
	done   chan bool
	finish int32
}

func newHelperDrained() *helperDrained {
	return &helperDrained{done: make(chan bool)}
}

func (l *helperDrained) Listen(ln net.Listener, handle func(net.Conn)) error {
	for {
		switch {
		case atomic.LoadInt32(&l.finish) == 1:
			l.done <- true
			return nil
		default:
			c, err := ln.Accept()
			if err != nil {
				continue
			}
			handle(c)
		}
	}
}

func (l *helperDrained) Close() {
	atomic.StoreInt32(&l.finish, 1)
	select {
	case <-l.done:
	case <-time.After(time.Second):
		l.drainLate()
	}
}

func (l *helperDrained) drainLate() {
	select {
	case <-l.done:
	case <-time.After(time.Second):
	}
}
