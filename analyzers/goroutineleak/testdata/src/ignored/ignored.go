package ignored

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

func try() error { return nil }

func Retry(ctx context.Context) {
	go func() { // want `the goroutine started in Retry sleeps in a loop and never observes ctx: cancelling ctx does not stop it; wait in a select on <-ctx\.Done\(\) and a timer instead of time\.Sleep`
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
