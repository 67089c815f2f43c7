//go:build go1.21

package ends

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Negative: the goroutine reads prev before the select; the select either
// receives its result or stops the test through testify's FailNow (an
// interface call inside), so no path reaches prev = c while it runs.
func TestRequireFailNow(t *testing.T) {
	var prev *conn
	for i := 0; i < 3; i++ {
		if prev != nil {
			done := make(chan error, 1)
			go func() { done <- prev.Write() }()
			select {
			case err := <-done:
				require.NoError(t, err)
			case <-time.After(time.Second):
				require.FailNow(t, "timeout")
			}
		}
		prev = &conn{n: i}
	}
}

// Negative: tb.Fatal on a testing.TB stops the test, as t.Fatal does.
func checkAll(tb testing.TB) {
	var prev *conn
	for i := 0; i < 3; i++ {
		if prev != nil {
			done := make(chan error, 1)
			go func() { done <- prev.Write() }()
			select {
			case <-done:
			case <-time.After(time.Second):
				tb.Fatal("timeout")
			}
		}
		prev = &conn{n: i}
	}
}

func TestCheckAll(t *testing.T) { checkAll(t) }

// TestErrorGoesOn's timeout case reports and goes on to the next
// iteration, which changes prev while the goroutine may still read it.
func TestErrorGoesOn(t *testing.T) {
	var prev *conn
	for i := 0; i < 3; i++ {
		if prev != nil {
			done := make(chan error, 1)
			go func() { done <- prev.Write() }() // want `goroutine reads variable prev, declared outside the loop, after the loop has changed it`
			select {
			case <-done:
			case <-time.After(time.Second):
				t.Error("timeout")
			}
		}
		prev = &conn{n: i}
	}
}
