package a

import (
	"context"
	"errors"
	"time"
)

// pollReplication is the shape of a test cluster's WaitForReplication in
// production code: a loop the code does not bound, deferring the cancel
// of a context per round, grows the contexts it holds until it returns.
func pollReplication(events func(context.Context) <-chan struct{}, done func() bool, d time.Duration) {
	for {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel() // want `defer cancel\(\) in loop: every context made in the loop lives until pollReplication returns`
		<-events(ctx)
		if done() {
			return
		}
	}
}

// watchRounds derives a context per message from a long-lived parent and
// cancels it in a deferred closure: the parent's children grow without
// bound.
func watchRounds(parent context.Context, msgs <-chan string, watch func(context.Context, string)) {
	for m := range msgs {
		ctx, cancel := context.WithCancelCause(parent)
		defer func() { cancel(errors.New("done")) }() // want `defer func\(\) \{...\}\(\) in loop`
		watch(ctx, m)
	}
}

// stopRounds cancels each round's context with a cause.
func stopRounds(parent context.Context, msgs <-chan string, watch func(context.Context, string)) {
	for m := range msgs {
		ctx, stop := context.WithCancelCause(parent)
		defer stop(errors.New("done")) // want `defer stop\(errors.New\("done"\)\) in loop: every context made in the loop lives until stopRounds returns`
		watch(ctx, m)
	}
}

// retryUntilDeadline retries under a deadline of its own, pausing between
// attempts: it makes a few dozen attempt contexts at most, and each frees
// itself at its own deadline.
func retryUntilDeadline(ack func(context.Context) error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	pause := time.Second
	for {
		if ctx.Err() != nil {
			return
		}
		actx, cancel2 := context.WithTimeout(ctx, time.Minute)
		defer cancel2()
		if ack(actx) == nil {
			return
		}
		time.Sleep(pause)
		pause = min(2*pause, 64*time.Second)
	}
}

// retrySelectDeadline waits in a select that also watches its deadline.
func retrySelectDeadline(ack func(context.Context) error) {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Minute))
	defer cancel()
	for {
		actx, cancel2 := context.WithTimeout(ctx, time.Second)
		defer cancel2()
		if ack(actx) == nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// retryNoPause never waits between attempts: before its deadline it may
// make millions of contexts.
func retryNoPause(ack func(context.Context) error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	for {
		if ctx.Err() != nil {
			return
		}
		actx, cancel2 := context.WithTimeout(ctx, time.Minute)
		defer cancel2() // want `defer cancel2\(\) in loop: every context made in the loop lives until retryNoPause returns`
		if ack(actx) == nil {
			return
		}
	}
}

type worker struct {
	ctx  context.Context
	jobs chan string
}

// run is bounded by a context it holds for the life of the worker: its
// contexts pile up for as long as it runs.
func (w *worker) run(handle func(context.Context, string) error) {
	for {
		if w.ctx.Err() != nil {
			return
		}
		j := <-w.jobs
		cctx, cancel := context.WithTimeout(w.ctx, time.Minute)
		defer cancel() // want `defer cancel\(\) in loop: every context made in the loop lives until run returns`
		_ = handle(cctx, j)
		time.Sleep(time.Millisecond)
	}
}

// retryGiven loops under the context it was given, which may never end.
func retryGiven(ctx context.Context, ack func(context.Context) error) {
	for {
		if ctx.Err() != nil {
			return
		}
		actx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel() // want `defer cancel\(\) in loop: every context made in the loop lives until retryGiven returns`
		if ack(actx) == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

func work(ctx context.Context, k string) error { <-ctx.Done(); return nil }

// resolveAll gives each key's goroutine a context of its own and waits
// for them all: the deferred cancels run at return, after the results, and
// an early error return cancels the workers still running. One context
// per key held, over keys at hand.
func resolveAll(ctx context.Context, keys []string) error {
	errc := make(chan error, len(keys))
	for _, k := range keys {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() { errc <- work(cctx, k) }()
	}
	for range keys {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// resolveSync uses each context in the iteration alone: nothing outlives
// it, and the cancels pile up until return.
func resolveSync(ctx context.Context, keys []string) error {
	for _, k := range keys {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel() // want `defer cancel\(\) in loop: every context made in the loop lives until resolveSync returns`
		if err := work(cctx, k); err != nil {
			return err
		}
	}
	return nil
}
