// Package returned holds producers that hand a channel to their caller.
package returned

import (
	"context"
	"time"
)

type Event struct{ N int }

type Client struct{ events []Event }

// Watch sends every event on an unbuffered channel the caller ranges over;
// a caller that stops early strands the goroutine, and ctx cannot free it.
func (c *Client) Watch(ctx context.Context) <-chan Event {
	ch := make(chan Event)
	go func() {
		for _, e := range c.events {
			ch <- e // want `the goroutine started in Watch sends on unbuffered ch, which Watch returns, without a select on ctx\.Done\(\): it blocks forever once the caller stops receiving`
		}
		close(ch)
	}()
	return ch
}

// List is the correct sibling: each send also waits on ctx.Done().
func (c *Client) List(ctx context.Context) <-chan Event {
	ch := make(chan Event)
	go func() {
		defer close(ch)
		for _, e := range c.events {
			select {
			case ch <- e:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// Snapshot's channel holds every event: no send ever waits.
func (c *Client) Snapshot(ctx context.Context) <-chan Event {
	ch := make(chan Event, len(c.events))
	go func() {
		for _, e := range c.events {
			ch <- e
		}
		close(ch)
	}()
	return ch
}

// Drain has no context: the caller has no way to say it stopped, and
// the rule leaves the contract to the docs.
func (c *Client) Drain() <-chan Event {
	ch := make(chan Event)
	go func() {
		for _, e := range c.events {
			ch <- e
		}
		close(ch)
	}()
	return ch
}

// Stream hands ctx to its fetch between sends: once the caller stops
// receiving, the goroutine blocks in the send and never reaches the next
// fetch, so cancelling ctx does not free it.
func (c *Client) Stream(ctx context.Context, fetch func(context.Context) (Event, bool)) <-chan Event { // want Stream:`works with ctx`
	ch := make(chan Event)
	go func() {
		defer close(ch)
		for {
			e, ok := fetch(ctx)
			if !ok {
				return
			}
			ch <- e // want `the goroutine started in Stream sends on unbuffered ch, which Stream returns, without a select on ctx.Done\(\)`
		}
	}()
	return ch
}

// StreamOK sends in a select on ctx.Done(): not reported.
func (c *Client) StreamOK(ctx context.Context, fetch func(context.Context) (Event, bool)) <-chan Event { // want StreamOK:`works with ctx`
	ch := make(chan Event)
	go func() {
		defer close(ch)
		for {
			e, ok := fetch(ctx)
			if !ok {
				return
			}
			select {
			case ch <- e:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// A lister returned to the caller holds the channel in a field; the
// caller reads it through Names().
type nameLister struct {
	names chan string
	err   error
}

func (l *nameLister) Names() <-chan string { return l.names }
func (l *nameLister) Err() error           { return l.err }

func (c *Client) ListNames(ctx context.Context, page func(context.Context, int) ([]string, error)) *nameLister { // want ListNames:`works with ctx`
	res := &nameLister{names: make(chan string)}
	go func() {
		defer close(res.names)
		for i := 0; ; i++ {
			ns, err := page(ctx, i)
			if err != nil {
				res.err = err
				return
			}
			if len(ns) == 0 {
				return
			}
			for _, n := range ns {
				res.names <- n // want `ListNames's goroutine sends on unbuffered res.names, which ListNames returns, with no select on ctx.Done\(\): it blocks forever once the caller stops receiving`
			}
		}
	}()
	return res
}

// The same lister with the send in a select on ctx.Done(): not reported.
func (c *Client) ListNamesOK(ctx context.Context, page func(context.Context, int) ([]string, error)) *nameLister { // want ListNamesOK:`works with ctx`
	res := &nameLister{names: make(chan string)}
	go func() {
		defer close(res.names)
		for i := 0; ; i++ {
			ns, err := page(ctx, i)
			if err != nil || len(ns) == 0 {
				res.err = err
				return
			}
			for _, n := range ns {
				select {
				case res.names <- n:
				case <-ctx.Done():
					res.err = ctx.Err()
					return
				}
			}
		}
	}()
	return res
}

// A buffered channel in the holder is left alone.
func (c *Client) ListBuffered(ctx context.Context, ns []string) *nameLister {
	res := &nameLister{names: make(chan string, len(ns))}
	go func() {
		defer close(res.names)
		for _, n := range ns {
			res.names <- n
		}
	}()
	return res
}

// First sends one value: the rule asks for a loop of sends.
func (c *Client) First(ctx context.Context) <-chan Event {
	ch := make(chan Event)
	go func() {
		ch <- c.events[0]
	}()
	return ch
}

// Local keeps the channel: it is not handed to a caller.
func (c *Client) Local(ctx context.Context) int {
	ch := make(chan Event)
	go func() {
		for _, e := range c.events {
			ch <- e
		}
		close(ch)
	}()
	n := 0
	for range ch {
		n++
	}
	return n
}

// parallelOperation is unexported: its callers, all in this package,
// receive once per container, so no send is left waiting (docker/cli's
// cli/command/container/utils.go).
func parallelOperation(ctx context.Context, ids []string, op func(context.Context, string) error) chan error { // want parallelOperation:`works with ctx`
	errChan := make(chan error)
	results := make([]error, len(ids))
	for i, id := range ids {
		results[i] = op(ctx, id)
	}
	go func() {
		for _, err := range results {
			errChan <- err
		}
	}()
	return errChan
}

func StopAll(ctx context.Context, ids []string) []error { // want StopAll:`works with ctx`
	var errs []error
	errChan := parallelOperation(ctx, ids, func(context.Context, string) error { return nil })
	for range ids {
		if err := <-errChan; err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// Batch watches ctx in its select, but flushes with a plain send from a
// helper literal it calls in the loop: once the caller stops receiving,
// the blocked send never sees ctx end.
func Batch(ctx context.Context, in <-chan string, tick <-chan time.Time) <-chan []string {
	out := make(chan []string)
	go func() {
		defer close(out)
		var seen []string
		flush := func() {
			if len(seen) > 0 {
				out <- seen // want `the goroutine started in Batch sends on unbuffered out, which Batch returns, without a select on ctx.Done\(\)`
				seen = nil
			}
		}
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick:
				flush()
			case e := <-in:
				seen = append(seen, e)
			}
		}
	}()
	return out
}

// BatchGuarded's flush selects on ctx.Done() too.
func BatchGuarded(ctx context.Context, in <-chan string, tick <-chan time.Time) <-chan []string {
	out := make(chan []string)
	go func() {
		defer close(out)
		var seen []string
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick:
				select {
				case out <- seen:
				case <-ctx.Done():
					return
				}
				seen = nil
			case e := <-in:
				seen = append(seen, e)
			}
		}
	}()
	return out
}

// A fixed buffer does not bound an endless loop of sends: once it is full
// and the caller has stopped receiving, the send blocks forever.
type Chunk struct {
	Data []byte
	Err  error
}

func (c *Client) GetStream(ctx context.Context, recv func() ([]byte, error)) <-chan Chunk {
	ch := make(chan Chunk, 1)
	go func() {
		defer close(ch)
		for {
			b, err := recv()
			if err != nil {
				if err.Error() != "EOF" {
					ch <- Chunk{Err: err} // the last send: the buffer holds it unless the loop filled it
				}
				return
			}
			ch <- Chunk{Data: b} // want `GetStream's goroutine sends on ch, which GetStream returns, in an endless loop with no select on ctx.Done\(\): it blocks once the buffer fills`
		}
	}()
	return ch
}

// The caller chooses the buffer: zero, or too small, is the same leak.
func (c *Client) Subscribe(ctx context.Context, buffer int, poll func(context.Context) (Event, error)) <-chan Event { // want Subscribe:`works with ctx`
	ch := make(chan Event, buffer)
	go func() {
		for ctx.Err() == nil {
			e, err := poll(ctx)
			if err != nil {
				continue
			}
			ch <- e // want `Subscribe's goroutine sends on ch, which Subscribe returns, in an endless loop`
		}
	}()
	return ch
}

// A buffer sized to the values never fills.
func (c *Client) Replay(ctx context.Context, events []Event) <-chan Event {
	n := len(events)
	ch := make(chan Event, n)
	go func() {
		defer close(ch)
		for {
			if len(events) == 0 {
				return
			}
			ch <- events[0]
			events = events[1:]
		}
	}()
	return ch
}

// A fixed buffer over a known number of values is left alone: the
// buffer may hold them.
func (c *Client) Some(ctx context.Context) <-chan Event {
	ch := make(chan Event, 8)
	go func() {
		defer close(ch)
		for _, e := range c.events {
			ch <- e
		}
	}()
	return ch
}

// A fixed buffer with the send in a select on ctx.Done(): not reported.
func (c *Client) GetStreamOK(ctx context.Context, recv func() ([]byte, error)) <-chan Chunk {
	ch := make(chan Chunk, 1)
	go func() {
		defer close(ch)
		for {
			b, err := recv()
			if err != nil {
				return
			}
			select {
			case ch <- Chunk{Data: b}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// A buffered error channel whose one send ends the goroutine never fills.
func (c *Client) SyncBase(ctx context.Context, get func(context.Context) ([]Event, bool, error)) (<-chan []Event, <-chan error) { // want SyncBase:`works with ctx`
	pages := make(chan []Event)
	errc := make(chan error, 1)
	go func() {
		defer close(pages)
		for {
			evs, more, err := get(ctx)
			if err != nil {
				errc <- err
				return
			}
			select {
			case pages <- evs:
			case <-ctx.Done():
				return
			}
			if !more {
				return
			}
		}
	}()
	return pages, errc
}

// A lister with a fixed buffer fed from a watcher until it ends.
type keyLister struct{ keys chan string }

func (k *keyLister) Keys() <-chan string { return k.keys }

func (c *Client) ListKeys(ctx context.Context, updates <-chan string) *keyLister {
	kl := &keyLister{keys: make(chan string, 256)}
	go func() {
		defer close(kl.keys)
		for {
			select {
			case k, ok := <-updates:
				if !ok {
					return
				}
				kl.keys <- k // want `ListKeys's goroutine sends on kl.keys, which ListKeys returns, in an endless loop with no select on ctx.Done\(\): it blocks once the buffer fills`
			case <-ctx.Done():
				return
			}
		}
	}()
	return kl
}

// A named method started as the goroutine sends on its parameter.
type endpoints struct{}

func (e *endpoints) NewWatchChannel(ctx context.Context, events <-chan []string) <-chan []string { // want NewWatchChannel:`works with ctx`
	upch := make(chan []string, 1)
	go e.watch(ctx, events, upch)
	return upch
}

func (e *endpoints) watch(ctx context.Context, events <-chan []string, upch chan []string) { // want watch:`sends on upch`
	defer close(upch)
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			upch <- ev // want `NewWatchChannel's goroutine sends on upch, which NewWatchChannel returns, in an endless loop with no select on ctx.Done\(\)`
		}
	}
}

// The same with the send in a select on ctx.Done(): not reported.
func (e *endpoints) NewWatchChannelOK(ctx context.Context, events <-chan []string) <-chan []string { // want NewWatchChannelOK:`works with ctx`
	upch := make(chan []string, 1)
	go e.watchOK(ctx, events, upch)
	return upch
}

func (e *endpoints) watchOK(ctx context.Context, events <-chan []string, upch chan []string) {
	defer close(upch)
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			select {
			case upch <- ev:
			case <-ctx.Done():
				return
			}
		}
	}
}
