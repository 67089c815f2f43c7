package loop

import (
	"context"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"worker"
)

// A goroutine that idles forever (it sleeps, ticks or waits on a channel
// every round) is reported where it piles up: its launch repeats (per
// request, per connection, per message), or the value it works for can be
// shut down without stopping it, or it watches for a stop it cannot act
// on. Started by a constructor its caller runs, it is the caller's
// design.

type tracker struct{}

// ServeHTTP runs once per request: every request leaves a goroutine.
func (t *tracker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	go func() {
		for { // want `the goroutine started in ServeHTTP runs a for loop with no way out, so it can never stop`
			time.Sleep(time.Second)
			refresh()
		}
	}()
}

func keepAlive(c net.Conn) { // want keepAlive:"loops forever; idles each round"
	for {
		time.Sleep(30 * time.Second)
		c.Write([]byte{0})
	}
}

// serveConns starts one keep-alive per accepted connection, each never
// stopping, not even when its connection is gone.
func serveConns(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go keepAlive(c) // want `goroutine keepAlive runs a for loop with no way out, so it can never stop`
	}
}

// subscribeAll starts a pump for each subscription that arrives.
func subscribeAll(subs <-chan chan int) { // want subscribeAll:"awaits subs"
	for in := range subs {
		go func() {
			for { // want `the goroutine started in subscribeAll runs a for loop with no way out`
				refreshWith(<-in)
			}
		}()
	}
}

func refreshWith(int) {}

// pumpAll starts another package's pump, which never stops, for each
// subscription that arrives.
func pumpAll(subs <-chan chan int) { // want pumpAll:"awaits subs"
	for in := range subs {
		go worker.Pump(in, refreshWith) // want `goroutine Pump runs a for loop with no way out`
	}
}

// startTracker is called from a request handler: once per request.
func startTracker() {
	go func() {
		for { // want `the goroutine started in startTracker runs a for loop with no way out`
			time.Sleep(time.Minute)
		}
	}()
}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/track", func(w http.ResponseWriter, r *http.Request) { startTracker() })
}

// Conn has a Close, so it has a lifetime; its heartbeat outlives it.
type Conn struct{ nc net.Conn }

func Dial(addr string) (*Conn, error) {
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &Conn{nc: nc}
	go func() {
		for { // want `the goroutine started in Dial runs a for loop with no way out, so it can never stop, not even after Conn.Close`
			time.Sleep(10 * time.Second)
			c.ping()
		}
	}()
	return c, nil
}

func (c *Conn) ping()        { c.nc.Write([]byte("PING\r\n")) }
func (c *Conn) Close() error { return c.nc.Close() }

func (c *Conn) heartbeat() { // want heartbeat:"loops forever; idles each round"
	for {
		time.Sleep(time.Second)
		c.ping()
	}
}

// Redial starts a heartbeat that Close does not stop.
func Redial(addr string) (*Conn, error) {
	c, err := Dial(addr)
	if err != nil {
		return nil, err
	}
	go c.heartbeat() // want `goroutine heartbeat runs a for loop with no way out, so it can never stop, not even after Conn.Close`
	return c, nil
}

// WatchConfig watches for its stop but breaks the select only.
func WatchConfig(stop <-chan struct{}, changes <-chan string) {
	go func() {
		for { // want `the goroutine started in WatchConfig runs a for loop with no way out`
			select {
			case c := <-changes:
				_ = c
			case <-stop:
				break
			}
		}
	}()
}

func watchDone(ctx context.Context, tick <-chan time.Time) { // want watchDone:"loops forever; idles each round; cannot act on its stop"
	for {
		select {
		case <-tick:
			refresh()
		case <-ctx.Done():
			refresh()
		}
	}
}

// StartWatchDone's goroutine looks at its context's Done, but cannot act
// on it.
func StartWatchDone(ctx context.Context) { // want StartWatchDone:"works with ctx"
	go watchDone(ctx, time.Tick(time.Second)) // want `goroutine watchDone runs a for loop with no way out, so it can never stop`
}

// Not reported: a constructor its caller runs, of a value with no
// shutdown; the flusher lives as long as the program keeps the value.
type Flusher struct{ buf []byte }

func NewFlusher() *Flusher {
	f := &Flusher{}
	go func() {
		for {
			time.Sleep(5 * time.Second)
			f.buf = f.buf[:0]
		}
	}()
	return f
}

// Not reported: a fixed set of workers, started by a constructor.
func NewPool(n int, jobs <-chan func()) {
	for i := 0; i < n; i++ {
		go func() {
			for {
				job := <-jobs
				job()
			}
		}()
	}
}

// Not reported: a middleware constructor. The launch is outside the
// handler it returns, so it runs once per constructor call, not per
// request.
func Codes(next http.Handler) http.Handler {
	codes := make(chan int)
	go func() {
		for {
			refreshWith(<-codes)
		}
	}()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		codes <- 200
	})
}

// Not reported: a condition bounds the launching loop.
func startN(n int) {
	for i := 0; i < n; i++ {
		go func() {
			for {
				time.Sleep(time.Second)
			}
		}()
	}
}

// Not reported: the goroutine works for a file, whose Close is the os
// package's, not a lifetime this package designed.
func SyncEvery(f *os.File) {
	go func() {
		for {
			time.Sleep(time.Second)
			f.Sync()
		}
	}()
}

// Not reported: a break in a select case of a loop nested in the case
// leaves that loop, and the goroutine watches for no stop.
func Drain(in <-chan []int) {
	go func() {
		for {
			select {
			case batch := <-in:
				for _, v := range batch {
					if v < 0 {
						break
					}
					refreshWith(v)
				}
			}
		}
	}()
}

// Not reported: a breaker's state machine, started by its constructor.
// Most states wait on a channel; the others move on at once to one that
// does, so the loop idles and does not spin.
type breaker struct{ allow, fail chan bool }

func newBreaker() *breaker {
	b := &breaker{allow: make(chan bool), fail: make(chan bool)}
	go b.run()
	return b
}

func (b *breaker) run() { // want run:"loops forever; idles each round"
	state := 0
	for {
		switch state {
		case 0:
			state = 1
		case 1:
			select {
			case b.allow <- true:
			case <-b.fail:
				state = 2
			}
		default:
			<-b.fail
			state = 0
		}
	}
}

// Not reported: a server starts its background loop on its first
// request, through a sync.Once of the server or a flag set once; the
// handler runs per request, the launch once per server.
type lazyServer struct {
	once    sync.Once
	mu      sync.Mutex
	started bool
	hits    chan int
}

func (s *lazyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.once.Do(func() {
		go func() {
			for {
				refreshWith(<-s.hits)
			}
		}()
	})
	s.startCounter()
	s.hits <- 1
}

func (s *lazyServer) startCounter() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.started {
		s.started = true
		go func() {
			for {
				time.Sleep(time.Second)
			}
		}()
	}
}

// A guard that runs once does not help a launch in a loop inside it:
// every message that arrives still starts a goroutine.
func (s *lazyServer) fanOut(msgs <-chan int) {
	s.once.Do(func() {
		for m := range msgs {
			go func() {
				for { // want `the goroutine started in the function literal runs a for loop with no way out`
					time.Sleep(time.Duration(m))
				}
			}()
		}
	})
}
