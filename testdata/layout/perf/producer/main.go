// Benchmark: a main under a perf directory (a load generator).
package main

import (
	"fmt"
	"log/slog"
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

// Greet prints beside the logger it is given.
func Greet(log *slog.Logger, who string) {
	fmt.Println("hello", who)
}

func main() {
	slog.Info("start")
	var mu sync.Mutex
	n := 0
	Drain(os.Args[1:])
	_ = Fetch("http://localhost:8080")
	Count(&mu, &n, len(os.Args) > 2)
	Spawn(os.Args, func(string) {})
	Greet(slog.Default(), "world")
}
