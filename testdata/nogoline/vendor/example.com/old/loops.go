// Package old is a module of before modules, vendored with no go
// version: the go command builds it at go 1.16.
package old

import "sync"

// Each goroutine reads v after the loop has moved on: before Go 1.22 the
// iterations share one v.
func All(xs []int, use func(int)) {
	var wg sync.WaitGroup
	for _, v := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			use(v)
		}()
	}
	wg.Wait()
}
