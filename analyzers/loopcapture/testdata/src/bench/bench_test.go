//go:build go1.21

package bench

import (
	"strconv"
	"sync"
	"testing"
)

// TestGetConcurrent's goroutines read v, which the next iteration
// changes: the test checks keys it did not mean to.
func TestGetConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for _, v := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			get(v) // want `goroutine reads loop variable v after the loop has changed it`
		}()
	}
	wg.Wait()
}

// Negative: a benchmark measures, and a race on the key it spreads over
// its goroutines is a benchmark's own business.
func BenchmarkGetConcurrent(b *testing.B) {
	var wg sync.WaitGroup
	for _, v := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			get(v)
		}()
	}
	wg.Wait()
}

// Negative: benchmarkGetMany is called by benchmarks only (through
// b.Run's function too), so it is a benchmark.
func BenchmarkGetMany1(b *testing.B) { benchmarkGetMany(b, 1) }

// Negative: BenchmarkGetMany calls the helper from b.Run's function, which
// lies in the benchmark.
func BenchmarkGetMany(b *testing.B) {
	b.Run("8", func(b *testing.B) { benchmarkGetMany(b, 8) })
}

// Negative: benchmarkGetMany's goroutines share k, but only benchmarks
// run it: a benchmark, not reported by default.
func benchmarkGetMany(b *testing.B, n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		v := "foo" + strconv.Itoa(i)
		_ = v
		for _, k := range []string{"x", "y"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				get(k)
			}()
		}
	}
	wg.Wait()
}

// getAll is called by a test as well as a benchmark: a test, reported.
func getAll(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			get(k) // want `goroutine reads loop variable k after the loop has changed it`
		}()
	}
	wg.Wait()
}

func TestGetAll(t *testing.T) { getAll([]string{"a"}) }

func BenchmarkGetAll(b *testing.B) { getAll([]string{"a"}) }

// Benchmarks is no benchmark's name to go test (a lower-case letter
// follows the prefix): a test's code, reported.
func Benchmarks(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			get(k) // want `goroutine reads loop variable k after the loop has changed it`
		}()
	}
	wg.Wait()
}
