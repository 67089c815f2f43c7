package a

import (
	"os"
	"sync"
)

type monitor struct {
	wg   sync.WaitGroup
	quit chan struct{}
}

func (m *monitor) start() { m.wg.Add(1) }

// watch registers itself in the WaitGroup when a restore completes and
// marks itself done when it returns: the Done pairs with the Add of the
// same iteration, and is meant to run on return.
func (m *monitor) watch(restored <-chan error, updates <-chan int) {
	for {
		select {
		case err := <-restored:
			if err == nil {
				m.start()
				defer m.wg.Done()
			}
		case <-updates:
		case <-m.quit:
			return
		}
	}
}

// countEach adds and marks done on the same WaitGroup in each iteration:
// the counter only goes down late.
func countEach(wg *sync.WaitGroup, items []string) {
	for range items {
		wg.Add(1)
		defer wg.Done()
	}
}

// waitsOnItself waits on the WaitGroup whose Dones it defers: the Wait
// comes before any of them, and never returns.
func waitsOnItself(items []string) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		defer wg.Done() // want `defer wg.Done\(\) in loop`
	}
	wg.Wait()
}

// countAndOpen also holds a file per iteration: the Done is reported
// beside it, as any undone state is.
func countAndOpen(wg *sync.WaitGroup, names []string) {
	for _, n := range names {
		wg.Add(1)
		defer wg.Done() // want `defer wg.Done\(\) in loop`
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) in loop`
	}
}

// doneOnly marks done without an Add in the iteration: another
// goroutine's count.
func doneOnly(wg *sync.WaitGroup, items []string) {
	for range items {
		defer wg.Done() // want `defer wg.Done\(\) in loop`
	}
}
