// Package subscribeok holds the correct twins: channels that the
// package closes, or that other code may close.
package subscribeok

import (
	"os"
	"os/signal"
	"sync"
)

type Event int

type Breaker struct {
	mu        sync.Mutex
	receivers []chan Event
}

// Close ends every subscription: the ranges below end with it.
func (b *Breaker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.receivers {
		close(r)
	}
	b.receivers = nil
}

func (b *Breaker) Subscribe() <-chan Event {
	in := make(chan Event)
	out := make(chan Event, 100)
	go func() {
		defer close(out)
		for v := range in {
			out <- v
		}
	}()
	b.mu.Lock()
	b.receivers = append(b.receivers, in)
	b.mu.Unlock()
	return out
}

type Status int

// Watch hands its channel to the caller, who may close it.
func Watch() chan Status {
	ch := make(chan Status)
	go func() {
		for range ch {
		}
	}()
	return ch
}

type Job int

// Run closes the work channel once every job is queued.
func Run(jobs []Job, do func(Job)) {
	work := make(chan Job)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				do(j)
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
}

// Signals hands the channel to signal.Notify, another package.
func Signals(handle func(os.Signal)) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	go func() {
		for s := range sigs {
			handle(s)
		}
	}()
}

type Msg string

type Hub struct {
	Inbox chan Msg // exported: users may close it
}

func NewHub(handle func(Msg)) *Hub {
	in := make(chan Msg)
	h := &Hub{Inbox: in}
	go func() {
		for m := range in {
			handle(m)
		}
	}()
	return h
}

type Tick int

// Until leaves its range on a stop signal.
func Until(stop <-chan struct{}, handle func(Tick)) chan<- Tick {
	ticks := make(chan Tick)
	go func() {
		for t := range ticks {
			select {
			case <-stop:
				return
			default:
			}
			handle(t)
		}
	}()
	return ticks
}
