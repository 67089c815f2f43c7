// Tooling: a code generator's library (generator), run by a developer.
package postgres

import (
	"fmt"
	"net/http"
	"os"
	"sync"
)

// Drain opens every path and defers the close inside the loop.
func Drain(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}

// Fetch calls a server with no deadline.
func Fetch(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Count returns holding the lock when stop is set.
func Count(mu *sync.Mutex, n *int, stop bool) {
	mu.Lock()
	if stop {
		return
	}
	*n++
	mu.Unlock()
}

// Spawn starts goroutines that read a variable the loop changes.
func Spawn(names []string, use func(string)) {
	var name string
	for _, name = range names {
		go func() { use(name) }()
	}
}

// Greet prints where a library should log.
func Greet(who string) {
	fmt.Println("hello", who)
}
