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
