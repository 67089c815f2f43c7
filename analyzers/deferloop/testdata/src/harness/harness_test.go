package harness

import (
	"context"
	"net"
	"testing"
	"time"
)

// TestAccept defers a close per connection in an endless loop: a test
// function ends with its test, so not reported by default.
func TestAccept(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	for {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
	}
}

// TestPoll defers a timeout context's cancel per round, as a test cluster
// helper does: not reported by default.
func TestPoll(t *testing.T) {
	stop := make(chan struct{})
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		select {
		case <-ctx.Done():
		case <-stop:
			return
		}
	}
}
