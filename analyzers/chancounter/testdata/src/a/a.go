package a

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func resize(string) {}

func processImages(images []string) int {
	var processed int
	done := make(chan struct{}, len(images))
	go func() {
		for range done { // want `channel done only counts events into processed: use an atomic counter instead`
			processed++
		}
	}()
	for _, img := range images {
		go func() {
			resize(img)
			done <- struct{}{}
		}()
	}
	return processed
}

type stats struct {
	mu      sync.Mutex
	hits    chan bool
	total   int
	lastErr error
}

func (s *stats) loop() {
	for range s.hits { // want `channel hits only counts events into total`
		s.total += 1
	}
}

func (s *stats) hit() { s.hits <- true }

func (s *stats) Total() int { return s.total }

func newStats() *stats {
	s := &stats{hits: make(chan bool, 64)}
	go s.loop()
	return s
}

var events = make(chan int64, 16)

var eventCount int64

func countEvents() {
	for v := range events { // want `channel events only counts events into eventCount`
		eventCount += v
	}
}

func emit() { events <- 1 }

func emitMore() { events <- 1 }

func EventCount() int64 { return eventCount }

func weighted(n int) uint64 {
	var sum uint64
	ticks := make(chan struct{})
	go func() {
		for range ticks { // want `channel ticks only counts events into sum`
			sum += 2
		}
	}()
	for i := 0; i < n; i++ {
		ticks <- struct{}{}
	}
	close(ticks)
	return sum
}

// carriesData: the channel carries each image's result, not a signal.
func carriesData(images []string) int {
	var n int
	results := make(chan string, len(images))
	go func() {
		for r := range results {
			fmt.Println(r)
			n++
		}
	}()
	for _, img := range images {
		results <- img
	}
	return n
}

// semaphore: sem holds capacity; its receives release a slot, they count
// nothing.
func semaphore(jobs []string) {
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for _, j := range jobs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			resize(j)
			<-sem
		}()
	}
	wg.Wait()
}

// batching: the receiver flushes every hundred events, which a counter
// cannot do.
func batching(in chan struct{}) int {
	var n int
	go func() {
		for range in {
			n++
			if n%100 == 0 {
				fmt.Println("flush")
			}
		}
	}()
	return n
}

// alsoSignals: done is also waited on elsewhere, as a completion signal.
func alsoSignals(images []string) int {
	var n int
	done := make(chan struct{}, len(images))
	go func() {
		for range done {
			n++
		}
	}()
	for _, img := range images {
		go func() {
			resize(img)
			done <- struct{}{}
		}()
	}
	<-done
	return n
}

// passedOn: the channel is handed to a function that may receive too.
func passedOn(images []string, drain func(chan struct{})) int {
	var n int
	done := make(chan struct{}, 8)
	go func() {
		for range done {
			n++
		}
	}()
	drain(done)
	done <- struct{}{}
	return n
}

// selectLoop: the receiver selects over other work; not followed.
func selectLoop(ticks, quit chan struct{}) int {
	var n int
	for {
		select {
		case <-ticks:
			n++
		case <-quit:
			return n
		}
	}
}

// variableSends: the sent values differ, so the loop adds data, not a
// count of events.
func variableSends(xs []int) int {
	var total int
	vals := make(chan int, len(xs))
	go func() {
		for v := range vals {
			total += v
		}
	}()
	for _, x := range xs {
		vals <- x
	}
	return total
}

// differentConstants: the loop adds the received value, and two senders
// send different constants: a weighted sum, which is data.
func differentConstants() int {
	var total int
	vals := make(chan int, 2)
	go func() {
		for v := range vals {
			total += v
		}
	}()
	vals <- 1
	vals <- 5
	return total
}

// neverRead: a counter that nothing reads is dead code, not this trap.
func neverRead() {
	var n int
	done := make(chan struct{}, 1)
	go func() {
		for range done {
			n++
		}
	}()
	done <- struct{}{}
}

// lengthUsed: len(queue) measures backlog, which a counter does not have.
func lengthUsed() (int, int) {
	var n int
	queue := make(chan struct{}, 8)
	go func() {
		for range queue {
			n++
		}
	}()
	queue <- struct{}{}
	return n, len(queue)
}

// Exported channels may have receivers in other packages.
var Ticks = make(chan struct{}, 1)

// exportedChannel: Ticks is exported, so its other uses are unknown.
func exportedChannel() int {
	var n int
	go func() {
		for range Ticks {
			n++
		}
	}()
	Ticks <- struct{}{}
	return n
}

// atomicAlready: the correct form.
func atomicAlready(images []string) int64 {
	var processed atomic.Int64
	var wg sync.WaitGroup
	for _, img := range images {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resize(img)
			processed.Add(1)
		}()
	}
	wg.Wait()
	return processed.Load()
}

// decrement: the loop subtracts; a gauge of outstanding work, not a
// plain count of events, and rarely a channel's only job.
func decrement(done chan struct{}) int {
	n := 10
	go func() {
		for range done {
			n--
		}
	}()
	done <- struct{}{}
	return n
}
