package fieldchan

import (
	"context"
	"time"
)

// A supervisor whose loop, once cancelled, hands over to a helper that
// keeps receiving the removed workers' notices until they are all in or
// the stop timeout passes.
type supervisor struct {
	done    chan int
	pending map[int]bool
}

func newSupervisor() *supervisor {
	return &supervisor{done: make(chan int), pending: make(map[int]bool)}
}

func (s *supervisor) serve(ctx context.Context) { // want serve:"idles each round; loops until its context is done"
	for {
		select {
		case id := <-s.done:
			delete(s.pending, id)
		case <-ctx.Done():
			s.shutdown()
			return
		}
	}
}

func (s *supervisor) shutdown() {
	s.waitPending()
}

func (s *supervisor) waitPending() {
	timeout := time.After(time.Second)
	for len(s.pending) > 0 {
		select {
		case id := <-s.done:
			delete(s.pending, id)
		case <-timeout:
			return
		}
	}
}

// remove sends to a loop that drains the channel, through its helpers,
// on its way out: not reported.
func (s *supervisor) remove(id int) {
	s.pending[id] = true
	go func() { s.done <- id }()
}

// A loop whose way out calls a helper that never receives from the
// channel.
type janitor struct {
	swept chan int
	log   []string
}

func newJanitor() *janitor {
	return &janitor{swept: make(chan int)}
}

func (j *janitor) run(ctx context.Context) { // want run:"idles each round; loops until its context is done"
	for {
		select {
		case <-j.swept:
		case <-ctx.Done():
			j.flushLog()
			return
		}
	}
}

func (j *janitor) flushLog() { j.log = nil }

func (j *janitor) sweep(id int) {
	go func() { j.swept <- id }() // want `the goroutine started in sweep blocks forever sending on unbuffered j.swept once the receiving loop in run returns through <-ctx.Done\(\)`
}
