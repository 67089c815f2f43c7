// Package subscribe holds subscriptions whose forwarding goroutines
// range over channels that only the package can reach.
package subscribe

import "sync"

type Event int

type Breaker struct {
	mu        sync.Mutex
	receivers []chan Event
}

func (b *Breaker) emit(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.receivers {
		r <- e
	}
}

// Subscribe forwards events to a buffered output; nothing ever closes
// in, so every subscription leaves its goroutine behind.
func (b *Breaker) Subscribe() <-chan Event {
	in := make(chan Event)
	out := make(chan Event, 100)
	go func() {
		for v := range in { // want `the goroutine started in Subscribe ranges over in, which nothing in the package closes, so it can never stop`
			select {
			case out <- v:
			default:
			}
		}
	}()
	b.mu.Lock()
	b.receivers = append(b.receivers, in)
	b.mu.Unlock()
	return out
}

type Panel struct {
	mu       sync.Mutex
	counts   map[Event]int
	breakers []*Breaker
}

// Add counts a breaker's events: the output of Subscribe is never
// closed either.
func (p *Panel) Add(b *Breaker) {
	events := b.Subscribe()
	go func() {
		for e := range events { // want `the goroutine started in Add ranges over events, which nothing in the package closes`
			p.mu.Lock()
			p.counts[e]++
			p.mu.Unlock()
		}
	}()
}
