package localfail

import (
	"errors"
	"sync"
	"testing"
)

// In a test, the error return is a failed check: the test is over, and
// nothing takes its own mutex after it.
func runReauth(expected int) error {
	var countMutex sync.Mutex
	callbackCount := 0
	c := connect(func() {
		countMutex.Lock()
		defer countMutex.Unlock()
		callbackCount++
	})
	c.onToken()
	countMutex.Lock()
	if callbackCount != expected {
		return errors.New("unexpected callback count")
	}
	countMutex.Unlock()
	return nil
}

func TestReauth(t *testing.T) {
	if err := runReauth(1); err != nil {
		t.Fatal(err)
	}
	if err := checkShared(-1); err == nil {
		t.Fatal("want an error")
	}
}

// A return without an error leaves the test's mutex held on a path the
// test goes on from: reported.
func countOnce(skip bool) int {
	var mu sync.Mutex
	n := 0
	mu.Lock()
	if skip {
		return n // want `return leaves mu locked`
	}
	n++
	mu.Unlock()
	return n
}

func TestCountOnce(t *testing.T) {
	if countOnce(false) != 1 {
		t.Fatal("count")
	}
}

type server struct{ mu sync.Mutex }

// A mutex reached through a local (srv.mu) is the server's, which the
// test's retries take again: reported.
func checkServer(srv *server, ready bool) error {
	srv.mu.Lock()
	if !ready {
		return errors.New("not ready") // want `return leaves srv.mu locked`
	}
	srv.mu.Unlock()
	return nil
}

func TestServer(t *testing.T) {
	srv := &server{}
	if err := checkServer(srv, true); err != nil {
		t.Fatal(err)
	}
}
