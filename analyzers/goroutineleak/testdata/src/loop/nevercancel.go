package loop

import (
	"context"
	"time"

	"worker"
)

type cache struct{ entries map[string]time.Time }

func (c *cache) cleanOut(time.Time) {}

// cleanOutLoop leaves only when ctx is done.
func (c *cache) cleanOutLoop(ctx context.Context, t *time.Ticker) { // want cleanOutLoop:"loops until its context is done"
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			c.cleanOut(now)
		}
	}
}

func NewCache(window time.Duration) *cache {
	c := &cache{entries: make(map[string]time.Time)}
	go c.cleanOutLoop(context.Background(), time.NewTicker(window)) // want `goroutine cleanOutLoop leaves its loop only when its context is done, but is given context.Background\(\), never cancelled, so it can never stop`
	return c
}

func NewSweeper(f func()) {
	go worker.Sweep(context.TODO(), time.NewTicker(time.Second), f) // want `goroutine Sweep leaves its loop only when its context is done, but is given context.TODO\(\), never cancelled`
}

type key struct{}

func StartPoller(poll func()) {
	ctx := context.WithValue(context.Background(), key{}, "poller")
	go func() {
		for { // want `the goroutine started in StartPoller leaves its loop only on ctx.Done\(\), but ctx is context.Background\(\), never cancelled, so it can never stop`
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
				poll()
			}
		}
	}()
}

func StartDetached(parent context.Context, poll func()) { // want StartDetached:"reads context values"
	go func(ctx context.Context) {
		for { // want `the goroutine started in StartDetached leaves its loop only on ctx.Done\(\), but ctx is context.WithoutCancel, never cancelled`
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
				poll()
			}
		}
	}(context.WithoutCancel(parent))
}

// Correct: the context can be cancelled.

func NewCancellableCache(window time.Duration) (*cache, context.CancelFunc) {
	c := &cache{entries: make(map[string]time.Time)}
	ctx, cancel := context.WithCancel(context.Background())
	go c.cleanOutLoop(ctx, time.NewTicker(window))
	return c, cancel
}

func NewCacheFor(ctx context.Context, window time.Duration) *cache { // want NewCacheFor:"works with ctx"
	c := &cache{entries: make(map[string]time.Time)}
	go c.cleanOutLoop(ctx, time.NewTicker(window))
	go worker.Sweep(ctx, time.NewTicker(window), func() {})
	return c
}

func StartPollerFor(parent context.Context, poll func()) {
	ctx := context.Background()
	if parent != nil {
		ctx = parent // the caller's context, which may be cancelled
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
				poll()
			}
		}
	}()
}

func StartStoppableByChannel(stop <-chan struct{}, poll func()) {
	ctx := context.Background()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-stop: // another way out
				return
			case <-time.After(time.Second):
				poll()
			}
		}
	}()
}

func StartReplaceable(replace func(*context.Context), poll func()) {
	ctx := context.Background()
	replace(&ctx) // may be given a cancellable context
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
				poll()
			}
		}
	}()
}

func StartWithParent(parent context.Context, poll func()) { // want StartWithParent:"works with parent"
	go func(ctx context.Context) {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
				poll()
			}
		}
	}(context.WithValue(parent, key{}, "poller"))
}

func StartBounded(poll func()) {
	ctx := context.Background()
	go func() {
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
				poll()
			}
			if i > 10 {
				return
			}
		}
	}()
}
