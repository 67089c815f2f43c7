// Package collector holds workers abandoned by a collector that returns
// on the first error.
package collector

import (
	"context"
	"time"
)

type result struct {
	id  int
	err error
}

func fetch(id int) result { return result{id: id} }

func FetchAll(ctx context.Context, ids []int) ([]int, error) {
	results := make(chan result)
	for _, id := range ids {
		go func() {
			r := fetch(id)
			select {
			case results <- r:
			case <-ctx.Done():
			}
		}()
	}
	var out []int
	for range ids {
		r := <-results
		if r.err != nil {
			return nil, r.err // want `FetchAll returns before receiving every result from unbuffered results, so the other workers block on their send until ctx is done`
		}
		out = append(out, r.id)
	}
	return out, nil
}

func FetchOwned(ids []int) ([]int, error) {
	ctx, cancel := context.WithCancel(context.Background())
	results := make(chan result)
	for _, id := range ids {
		go func() {
			select {
			case results <- fetch(id):
			case <-ctx.Done():
			}
		}()
	}
	var out []int
	for range ids {
		r := <-results
		if r.err != nil {
			return nil, r.err // want `FetchOwned returns before receiving every result .* until ctx is done`
		}
		out = append(out, r.id)
	}
	cancel()
	return out, nil
}

// FetchDeferCancel cancels its own context on every return: the workers
// see ctx.Done() and end.
func FetchDeferCancel(ids []int) ([]int, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	results := make(chan result)
	for _, id := range ids {
		go func() {
			select {
			case results <- fetch(id):
			case <-ctx.Done():
			}
		}()
	}
	var out []int
	for range ids {
		r := <-results
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.id)
	}
	return out, nil
}

// FetchCancelFirst cancels right before the early return.
func FetchCancelFirst(ids []int) ([]int, error) {
	ctx, cancel := context.WithCancel(context.Background())
	results := make(chan result)
	for _, id := range ids {
		go func() {
			select {
			case results <- fetch(id):
			case <-ctx.Done():
			}
		}()
	}
	var out []int
	for range ids {
		r := <-results
		if r.err != nil {
			cancel()
			return nil, r.err
		}
		out = append(out, r.id)
	}
	cancel()
	return out, nil
}

// FetchTimeout gives the workers a deadline: they end when it expires.
func FetchTimeout(ids []int) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	_ = cancel
	results := make(chan result)
	for _, id := range ids {
		go func() {
			select {
			case results <- fetch(id):
			case <-ctx.Done():
			}
		}()
	}
	for range ids {
		if r := <-results; r.err != nil {
			return r.err
		}
	}
	cancel()
	return nil
}

// FetchBuffered gives every worker room to send: none blocks.
func FetchBuffered(ctx context.Context, ids []int) error {
	results := make(chan result, len(ids))
	for _, id := range ids {
		go func() {
			select {
			case results <- fetch(id):
			case <-ctx.Done():
			}
		}()
	}
	for range ids {
		if r := <-results; r.err != nil {
			return r.err
		}
	}
	return nil
}

// FetchDrain keeps receiving after the first error, so every worker
// delivers.
func FetchDrain(ctx context.Context, ids []int) error {
	results := make(chan result)
	for _, id := range ids {
		go func() {
			select {
			case results <- fetch(id):
			case <-ctx.Done():
			}
		}()
	}
	var first error
	for range ids {
		if r := <-results; r.err != nil && first == nil {
			first = r.err
		}
	}
	return first
}

// FetchCtxDone returns early only when ctx is done, which the workers
// see too.
func FetchCtxDone(ctx context.Context, ids []int) error {
	results := make(chan result)
	for _, id := range ids {
		go func() {
			select {
			case results <- fetch(id):
			case <-ctx.Done():
			}
		}()
	}
	for range ids {
		select {
		case <-results:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// FetchDeferredDrain drains the channel in a deferred goroutine.
func FetchDeferredDrain(ctx context.Context, ids []int) error {
	results := make(chan result)
	n := 0
	defer func() {
		go func() {
			for ; n < len(ids); n++ {
				<-results
			}
		}()
	}()
	for _, id := range ids {
		go func() {
			select {
			case results <- fetch(id):
			case <-ctx.Done():
			}
		}()
	}
	for ; n < len(ids); n++ {
		if r := <-results; r.err != nil {
			n++
			return r.err
		}
	}
	return nil
}
