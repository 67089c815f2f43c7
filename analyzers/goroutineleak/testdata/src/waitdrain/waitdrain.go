// Package waitdrain holds fan-outs that wait for their workers before
// receiving what the workers send.
package waitdrain

import (
	"sync"

	"golang.org/x/sync/errgroup"
)

func work(i int) error { return nil }

// RunAll waits, then drains: the first error deadlocks it.
func RunAll(n int) []error {
	errCh := make(chan error)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(i); err != nil {
				errCh <- err // want `the goroutine sends on unbuffered errCh, which RunAll receives from only after waiting for it: the first send deadlocks both`
			}
		}()
	}
	wg.Wait()
	close(errCh)
	var errs []error
	for err := range errCh {
		errs = append(errs, err)
	}
	return errs
}

// RunGo starts its workers with WaitGroup.Go.
func RunGo(n int) error {
	errCh := make(chan error)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errCh <- work(i) // want `the goroutine sends on unbuffered errCh, which RunGo receives from only after waiting for it`
		})
	}
	wg.Wait()
	return <-errCh
}

// RunGroup counts its workers with an errgroup.
func RunGroup(n int) error {
	results := make(chan int)
	var g errgroup.Group
	for i := range n {
		g.Go(func() error {
			results <- i // want `the goroutine sends on unbuffered results, which RunGroup receives from only after waiting for it`
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	close(results)
	for range results {
	}
	return nil
}

// Buffered has room for every send.
func Buffered(n int) []error {
	errCh := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errCh <- work(i) })
	}
	wg.Wait()
	close(errCh)
	var errs []error
	for err := range errCh {
		errs = append(errs, err)
	}
	return errs
}

// Collector receives in its own goroutine while the workers run.
func Collector(n int) []error {
	errCh := make(chan error)
	done := make(chan struct{})
	var errs []error
	go func() {
		for err := range errCh {
			errs = append(errs, err)
		}
		close(done)
	}()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errCh <- work(i) })
	}
	wg.Wait()
	close(errCh)
	<-done
	return errs
}

// Interleaved receives in its loop before it waits.
func Interleaved(n int) error {
	errCh := make(chan error)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errCh <- work(i) })
	}
	var first error
	for range n {
		if err := <-errCh; err != nil && first == nil {
			first = err
		}
	}
	wg.Wait()
	return first
}

// Uncounted: the sender is not one the Wait counts.
func Uncounted(n int) error {
	errCh := make(chan error)
	var wg sync.WaitGroup
	go func() { errCh <- work(n) }()
	wg.Go(func() { _ = work(n) })
	wg.Wait()
	return <-errCh
}
