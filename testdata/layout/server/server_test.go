// Test: a _test.go file.
package server

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"testing"
)

// DrainInTest opens every path and defers the close inside the loop.
func DrainInTest(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}

// FetchInTest calls a server with no deadline.
func FetchInTest(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// CountInTest returns holding the lock when stop is set.
func CountInTest(mu *sync.Mutex, n *int, stop bool) {
	mu.Lock()
	if stop {
		return
	}
	*n++
	mu.Unlock()
}

// SpawnInTest starts goroutines that read a variable the loop changes.
func SpawnInTest(names []string, use func(string)) {
	var name string
	for _, name = range names {
		go func() { use(name) }()
	}
}

// GreetInTest prints where a library should log.
func GreetInTest(who string) {
	fmt.Println("hello", who)
}

// SoakInTest defers a close per iteration of a loop whose count is read at
// run time.
func SoakInTest(dial func() (io.Closer, error), n int) {
	for i := 0; i < n; i++ {
		c, err := dial()
		if err != nil {
			return
		}
		defer c.Close() // deferloop.unbounded
	}
}

// SpinInTest starts a goroutine that can never end.
func SpinInTest(work func()) {
	go func() {
		for { // goroutineleak.endless
			work()
		}
	}()
}

func TestGreet(t *testing.T) { GreetInTest(t.Name()) }

// ExampleGreet is an example: the function, not the file, decides.
func ExampleGreet() {
	var mu sync.Mutex
	n := 0
	mu.Lock()
	if n == 0 {
		GreetInTest("example")
		return
	}
	mu.Unlock()
	// Output: hello example
}

// ReleaseInTest takes a read lock and releases it with Unlock.
func ReleaseInTest(rw *sync.RWMutex) {
	rw.RLock()
	rw.Unlock() // lostunlock.mismatch
}

// BenchmarkSpawn is a benchmark: the function, not the file, decides; so
// is benchmarkSpawn, which only benchmarks call.
func BenchmarkSpawn(b *testing.B) { benchmarkSpawn([]string{b.Name()}, func(string) {}) }

// benchmarkSpawn starts goroutines that read a variable the loop changes,
// as SpawnInTest does.
func benchmarkSpawn(names []string, use func(string)) {
	var name string
	for _, name = range names {
		go func() { use(name) }()
	}
}
