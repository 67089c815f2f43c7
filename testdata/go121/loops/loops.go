// Package loops is written for Go 1.21 loop semantics: one variable per
// loop, shared by every iteration.
package loops

import (
	"os"
	"sync"
)

// Spawn captures the loop variable in goroutines: before Go 1.22 every
// goroutine may see the last path.
func Spawn(paths []string, wg *sync.WaitGroup) {
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = os.Stat(p)
		}()
	}
}

// Lock keeps the mutex locked across iterations.
func Lock(mu *sync.Mutex, n int) {
	for i := 0; i < n; i++ {
		mu.Lock()
		defer mu.Unlock()
	}
}
