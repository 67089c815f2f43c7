package sendertest

import (
	"context"
	"testing"
	"time"
)

func dial(ctx context.Context) error { return ctx.Err() }

// TestDialTimeout strands the goroutine only when the test already fails
// (grpc's blocking_context_dialer_test shape): not reported.
func TestDialTimeout(t *testing.T) {
	errc := make(chan error)
	go func() { errc <- dial(context.Background()) }()
	select {
	case err := <-errc:
		_ = err
	case <-time.After(time.Second):
		t.Errorf("timeout waiting for dial")
	}
}

func TestDialGiveUp(t *testing.T) {
	errc := make(chan error)
	go func() { errc <- dial(context.Background()) }() // want `the goroutine blocks forever sending on unbuffered errc when the select in TestDialGiveUp gives up`
	select {
	case err := <-errc:
		_ = err
	case <-time.After(time.Second):
		t.Log("giving up, which is fine")
	}
}
