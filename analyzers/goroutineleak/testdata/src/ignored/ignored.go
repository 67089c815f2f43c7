package ignored

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"worker"
)

func try() error { return nil }

func Retry(ctx context.Context) {
	go func() { // want `the goroutine started in Retry sleeps in a loop and never observes ctx: cancelling ctx does not stop it`
		for i := 0; i < 10; i++ {
			if try() == nil {
				return
			}
			time.Sleep(time.Second << i)
		}
	}()
}

func Poll(ctx context.Context, check func() bool) {
	go func() { // want `the goroutine started in Poll sleeps in a loop and never observes ctx`
		for {
			if check() {
				return
			}
			time.Sleep(time.Second)
		}
	}()
}

// RetryCtx waits in a select on the context between attempts.
func RetryCtx(ctx context.Context) {
	go func() {
		for i := 0; i < 10; i++ {
			if try() == nil {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
		}
	}()
}

// RetryErr checks the context between sleeps.
func RetryErr(ctx context.Context) {
	go func() {
		for ctx.Err() == nil {
			if try() == nil {
				return
			}
			time.Sleep(time.Second)
		}
	}()
}

type watcher interface{ Next() ([]string, error) }

// Watch's goroutine ends when the watcher's own context is cancelled:
// Next then fails with context.Canceled, and the loop returns. The
// watcher's owner stops it, not ctx.
func Watch(ctx context.Context, w watcher, update func([]string)) {
	go func() {
		for {
			v, err := w.Next()
			if err != nil {
				if errors.Is(err, context.Canceled) {
					return
				}
				time.Sleep(time.Second)
				continue
			}
			update(v)
		}
	}()
}

var errDone = errors.New("done")

// WatchBlind retries the same watcher and stops only at its own sentinel
// error, which no cancellation produces.
func WatchBlind(ctx context.Context, w watcher, update func([]string)) {
	go func() { // want `the goroutine started in WatchBlind sleeps in a loop and never observes ctx`
		for {
			v, err := w.Next()
			if err != nil {
				if err == errDone {
					return
				}
				time.Sleep(time.Second)
				continue
			}
			update(v)
		}
	}()
}

// Background has no context in scope: nothing to ignore.
func Background() {
	go func() {
		for i := 0; i < 3; i++ {
			_ = try()
			time.Sleep(time.Second)
		}
	}()
}

type poller struct {
	stopped atomic.Bool
	mu      sync.Mutex
}

// Start's goroutine stops on a flag the owner sets.
func (p *poller) Start(ctx context.Context) {
	go func() {
		for !p.stopped.Load() {
			_ = try()
			time.Sleep(time.Second)
		}
	}()
}

// SleepOnce sleeps once, not in a loop: a short delay, not a poll.
func SleepOnce(ctx context.Context) {
	go func() {
		time.Sleep(time.Second)
		_ = try()
	}()
}

// RetryJoined's caller waits for the goroutine.
func RetryJoined(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; i < 3; i++ {
			_ = try()
			time.Sleep(time.Millisecond)
		}
	})
	wg.Wait()
}

type UnimplementedJobsServer struct{}

type server struct{ UnimplementedJobsServer }

type Req struct{}
type Resp struct{}

// Submit is a gRPC method whose goroutine outlives the call on purpose:
// ignoring the request's context is what detaching means.
func (s *server) Submit(ctx context.Context, req *Req) (*Resp, error) {
	go func() {
		for i := 0; i < 3; i++ {
			if try() == nil {
				return
			}
			time.Sleep(time.Second)
		}
	}()
	return &Resp{}, nil
}

// A named function that retries blind.

type event struct{}

type sink struct {
	post func(event) error
}

func (s *sink) deliver(ev event) { // want deliver:"sleeps blind"
	for {
		if s.post(ev) == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

func (s *sink) Publish(ctx context.Context, ev event) {
	go s.deliver(ev) // want `goroutine deliver sleeps in a loop and never observes ctx or any context: cancelling ctx does not stop it`
}

// PublishNoCtx has no context to observe: nothing in scope could stop
// the goroutine.
func (s *sink) PublishNoCtx(ev event) {
	go s.deliver(ev)
}

func (s *sink) deliverCtx(ctx context.Context, ev event) {
	for {
		if s.post(ev) == nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// PublishCtx starts a delivery that gives up when ctx is cancelled.
func (s *sink) PublishCtx(ctx context.Context, ev event) { // want PublishCtx:"works with ctx"
	go s.deliverCtx(ctx, ev)
}

type stoppable struct {
	post    func(event) error
	stopped atomic.Bool
}

func (s *stoppable) deliver(ev event) {
	for !s.stopped.Load() {
		if s.post(ev) == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

// Publish starts a delivery that a stop flag ends.
func (s *stoppable) Publish(ctx context.Context, ev event) {
	go s.deliver(ev)
}

func (s *sink) tryOnce(ev event) {
	time.Sleep(time.Second)
	_ = s.post(ev)
}

// PublishOnce starts a goroutine that sleeps once and ends.
func (s *sink) PublishOnce(ctx context.Context, ev event) {
	go s.tryOnce(ev)
}

func PublishAcross(ctx context.Context, post func() error) {
	go worker.Deliver(post) // want `goroutine Deliver sleeps in a loop and never observes ctx or any context`
}

func StartTickAcross(t *time.Ticker, f func()) {
	go worker.Tick(t, f) // want `goroutine Tick ranges over a time\.Ticker's C, which Stop never closes`
}

func (s *sink) PublishLit(ctx context.Context, ev event) {
	go func() { // want `the goroutine started in PublishLit calls deliver, which sleeps in a loop and never observes ctx or any context`
		s.deliver(ev)
	}()
}

// PublishLitWatch watches ctx itself around the blind delivery: the
// rule does not judge what a goroutine that observes a context does.
func (s *sink) PublishLitWatch(ctx context.Context, ev event) {
	go func() {
		if ctx.Err() != nil {
			return
		}
		s.deliver(ev)
	}()
}
