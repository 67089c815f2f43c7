// Package localfail holds locks on mutexes declared in the function, left
// held by a return of an error (rule lostunlock.localfail).
package localfail

import (
	"errors"
	"sync"
)

type client struct{ onToken func() }

func connect(cb func()) *client { return &client{onToken: cb} }

// In production code the callback handed to the client waits forever on
// its next Lock once the error return leaves count locked.
func Watch(expected int) error {
	var mu sync.Mutex
	count := 0
	c := connect(func() {
		mu.Lock()
		defer mu.Unlock()
		count++
	})
	c.onToken()
	mu.Lock()
	if count != expected {
		return errors.New("unexpected count") // want `return leaves mu locked`
	}
	mu.Unlock()
	return nil
}

var shared sync.Mutex

// A package-level mutex is not the function's own: reported in tests too.
func checkShared(n int) error {
	shared.Lock()
	if n < 0 {
		return errors.New("negative") // want `return leaves shared locked`
	}
	shared.Unlock()
	return nil
}
