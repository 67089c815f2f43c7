package a

import (
	"context"
	"errors"
	"sync"
)

type stream struct{ id int }

func accept(ctx context.Context) (*stream, error) { return nil, errors.New("x") }

func sendGoAway(id int) {}

func handleStream(s *stream) {}

// serveShutdown starts the GOAWAY sender once, when shutdown turns on;
// next changes only while shutdown is off, and shutdown stays on: the
// only assignment of it is followed by the guard that leaves the loop.
func serveShutdown(ctx, graceCtx context.Context) {
	var wg sync.WaitGroup
	var next int
	var shutdown bool
	for {
		s, err := accept(ctx)
		if err != nil {
			shutdown = graceCtx.Err() != nil
			if !shutdown {
				break
			}
			wg.Go(func() {
				sendGoAway(next)
			})
			continue
		}
		if shutdown {
			continue
		}
		next = s.id + 4
		wg.Go(func() { handleStream(s) })
	}
	wg.Wait()
}

// serveReset turns shutdown off again after the launch: next can change
// under the goroutine.
func serveReset(ctx, graceCtx context.Context) {
	var wg sync.WaitGroup
	var next int
	var shutdown bool
	for {
		s, err := accept(ctx)
		if err != nil {
			shutdown = graceCtx.Err() != nil
			if !shutdown {
				break
			}
			wg.Go(func() {
				sendGoAway(next) // want `goroutine reads variable next, declared outside the loop, after the loop has changed it`
			})
			continue
		}
		if shutdown {
			shutdown = false
			continue
		}
		next = s.id + 4
	}
	wg.Wait()
}

// serveUnguarded assigns next whatever shutdown says.
func serveUnguarded(ctx, graceCtx context.Context) {
	var wg sync.WaitGroup
	var next int
	var shutdown bool
	for {
		s, err := accept(ctx)
		if err != nil {
			shutdown = graceCtx.Err() != nil
			if !shutdown {
				break
			}
			wg.Go(func() {
				sendGoAway(next) // want `goroutine reads variable next, declared outside the loop, after the loop has changed it`
			})
			continue
		}
		next = s.id + 4
	}
	wg.Wait()
}

// serveFlagInIf is launched inside if ready, and next changes only
// under if !ready; ready is never assigned in the loop.
func serveFlagInIf(ctx context.Context, ready bool) {
	var next int
	for i := 0; i < 10; i++ {
		if ready {
			go func() {
				sendGoAway(next)
			}()
			continue
		}
		if !ready {
			next = i
		}
		next = i + 1
	}
}

func reconsider(flag *bool) {}

// serveAddrTaken hands the flag's address to a call after the guard: the
// call may turn it off, so nothing is known at the site.
func serveAddrTaken(ctx, graceCtx context.Context) {
	var wg sync.WaitGroup
	var next int
	var shutdown bool
	for {
		s, err := accept(ctx)
		if err != nil {
			shutdown = graceCtx.Err() != nil
			if !shutdown {
				break
			}
			reconsider(&shutdown)
			wg.Go(func() {
				sendGoAway(next) // want `goroutine reads variable next, declared outside the loop, after the loop has changed it`
			})
			continue
		}
		if shutdown {
			continue
		}
		next = s.id + 4
	}
	wg.Wait()
}

// serveElse starts the sender in the else of if !shutdown, where shutdown
// holds; next is assigned only past if shutdown { continue }.
func serveElse(ctx, graceCtx context.Context) {
	var wg sync.WaitGroup
	var next int
	var shutdown bool
	for {
		s, err := accept(ctx)
		if err != nil {
			shutdown = graceCtx.Err() != nil
			if !shutdown {
				break
			} else {
				wg.Go(func() {
					sendGoAway(next)
				})
			}
			continue
		}
		if shutdown {
			continue
		}
		next = s.id + 4
	}
	wg.Wait()
}
