package fix

import "fmt"

func work() {}

func countDone(jobs int) int64 {
	var finished int64
	done := make(chan struct{}, jobs)
	go func() {
		for range done { // want `channel done only counts events into finished`
			finished++
		}
	}()
	for i := 0; i < jobs; i++ {
		go func() {
			work()
			done <- struct{}{}
		}()
	}
	fmt.Println("started", jobs)
	return finished
}

func countWeighted(n int) int64 {
	var units int64
	ticks := make(chan int64, n)
	go func() {
		for v := range ticks { // want `channel ticks only counts events into units`
			units += v
		}
	}()
	for i := 0; i < n; i++ {
		ticks <- 3
	}
	close(ticks)
	return units
}

// intCounter: the counter is an int, for which sync/atomic has no
// function: reported, but no fix (the declaration must change).
func intCounter(n int) int {
	var count int
	ticks := make(chan struct{}, n)
	go func() {
		for range ticks { // want `channel ticks only counts events into count`
			count++
		}
	}()
	ticks <- struct{}{}
	return count
}
