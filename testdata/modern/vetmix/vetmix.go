// Package vetmix has one finding of each kind go vet and trapvet report:
// a printf misuse, a copied mutex, a lost cancel and a defer in a loop.
package vetmix

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"
)

// Counter is guarded by mu.
type Counter struct {
	mu sync.Mutex
	n  int
}

// Value copies the lock along with the counter.
func Value(c Counter) int { return c.n }

// Describe passes a string to %d.
func Describe(name string) string {
	return fmt.Sprintf("name %d", name)
}

// Deadline loses its cancel function.
func Deadline(ctx context.Context) context.Context {
	ctx, _ = context.WithTimeout(ctx, time.Second)
	return ctx
}

// OpenAll keeps every file open until it returns.
func OpenAll(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return
		}
		defer f.Close()
	}
}
