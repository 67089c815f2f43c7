package harness

import (
	"net"
	"testing"
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
