// Package looptest is test support (it imports testing outside its test
// files): goroutineleak reports goroutines that can never end here too,
// and nothing else by default (docs/scope.md).
package looptest

import (
	"context"
	"testing"
	"time"
)

// StartLoad spins a load generator that nothing can stop: it runs for the
// rest of the test binary, taking CPU from every later test.
func StartLoad(t testing.TB, hit func()) {
	go func() {
		for { // want `the goroutine started in StartLoad runs a for loop with no way out`
			hit()
		}
	}()
}

// StartLoadUntil stops with the test's context: not reported.
func StartLoadUntil(ctx context.Context, hit func()) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			default:
				hit()
			}
		}
	}()
}

// PollBlind sleeps and never looks at ctx: the ignored-context rule, which
// reports production code only; a helper's goroutine ends with the test
// binary at no cost to it.
func PollBlind(ctx context.Context, check func() bool) {
	go func() {
		for i := 0; i < 3; i++ {
			if check() {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
}
