// Example: an examples directory.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
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

// Soak defers a close per iteration of a loop whose count is read at
// run time.
func Soak(dial func() (io.Closer, error), n int) {
	for i := 0; i < n; i++ {
		c, err := dial()
		if err != nil {
			return
		}
		defer c.Close() // deferloop.unbounded
	}
}

// Spin starts a goroutine that can never end.
func Spin(work func()) {
	go func() {
		for { // goroutineleak.endless
			work()
		}
	}()
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

// IDs reads every id, but never checks rows.Err after its loop: a failed
// read returns a truncated list.
func IDs(ctx context.Context, db *sql.DB) ([]int64, error) {
	rows, err := db.QueryContext(ctx, "select id from t")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}
