// Test support: a file named testing.go.
package server

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
)

// DrainHelper opens every path and defers the close inside the loop.
func DrainHelper(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}

// FetchHelper calls a server with no deadline.
func FetchHelper(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// CountHelper returns holding the lock when stop is set.
func CountHelper(mu *sync.Mutex, n *int, stop bool) {
	mu.Lock()
	if stop {
		return
	}
	*n++
	mu.Unlock()
}

// SpawnHelper starts goroutines that read a variable the loop changes.
func SpawnHelper(names []string, use func(string)) {
	var name string
	for _, name = range names {
		go func() { use(name) }()
	}
}

// GreetHelper prints where a library should log.
func GreetHelper(who string) {
	fmt.Println("hello", who)
}

// SoakHelper defers a close per iteration of a loop whose count is read at
// run time.
func SoakHelper(dial func() (io.Closer, error), n int) {
	for i := 0; i < n; i++ {
		c, err := dial()
		if err != nil {
			return
		}
		defer c.Close() // deferloop.unbounded
	}
}

// SpinHelper starts a goroutine that can never end.
func SpinHelper(work func()) {
	go func() {
		for { // goroutineleak.endless
			work()
		}
	}()
}

// ReleaseHelper takes a read lock and releases it with Unlock.
func ReleaseHelper(rw *sync.RWMutex) {
	rw.RLock()
	rw.Unlock() // lostunlock.mismatch
}
