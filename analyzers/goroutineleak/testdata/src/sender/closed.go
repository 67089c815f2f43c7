package sender

import (
	"context"
	"errors"
	"time"
)

// A health check whose signal channel the function closes on its way
// out: when the select gives up first, the goroutine's send runs on a
// closed channel and panics, which crashes the program.
func waitHealthy(ctx context.Context, check func() error) error { // want waitHealthy:"works with ctx"
	timeout, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	healthy := make(chan bool)
	defer close(healthy)
	go func() {
		for timeout.Err() == nil {
			if check() != nil {
				continue
			}
			healthy <- true // want `the goroutine panics sending on healthy, closed by the deferred close, when the select in waitHealthy gives up through <-timeout\.Done\(\) first`
			break
		}
	}()
	select {
	case <-healthy:
		return nil
	case <-timeout.Done():
		return errors.New("timed out")
	}
}

// The same deferred close, but every path receives before returning: the
// goroutine's one send has happened by the time the channel closes.
func waitAlways(check func() error) error {
	done := make(chan error)
	defer close(done)
	go func() {
		done <- check()
	}()
	return <-done
}

// The goroutine owns the channel and closes it itself; the receiver that
// gives up leaves a goroutine that closes, not one that sends on a closed
// channel.
func waitOwned(ctx context.Context, check func() error) error {
	done := make(chan error, 1)
	go func() {
		defer close(done)
		done <- check()
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A close only on some paths is not the function's own deferred close:
// the shape is left alone.
func waitSometimes(ctx context.Context, check func() error, tidy bool) error {
	done := make(chan error)
	if tidy {
		defer close(done)
	}
	go func() {
		done <- check()
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
