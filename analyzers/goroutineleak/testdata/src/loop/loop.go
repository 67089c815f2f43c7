package loop

import (
	"context"
	"log"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zeromicro/go-zero/core/threading"

	"worker"
)

func refresh() {}

func StartRefresher() {
	go func() {
		for { // want `the goroutine started in StartRefresher runs a for loop with no way out, so it can never stop`
			refresh()
		}
	}()
}

func StartWatcher(ctx context.Context, events <-chan string) {
	threading.GoSafe(func() {
		for { // want `the goroutine started in StartWatcher runs a for loop with no way out`
			select {
			case e := <-events:
				log.Println(e)
			case <-ctx.Done():
				log.Println("stopping")
				break // leaves the select only
			}
		}
	})
}

// StartPump starts another package's pump, which waits on its channel
// every round and never stops: started once by its caller, not reported
// (pumpAll, in a loop over arriving channels, is).
func StartPump(in <-chan int) {
	go worker.Pump(in, func(int) {})
}

func spin(work func()) { // want spin:"loops forever"
	for {
		work()
	}
}

func StartSpin(work func()) {
	go spin(work) // want `goroutine spin runs a for loop with no way out`
}

// StartStoppable returns when its context is cancelled.
func StartStoppable(ctx context.Context) {
	go func() {
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				refresh()
			case <-ctx.Done():
				return
			}
		}
	}()
}

// StartLabeled leaves its loop with a labeled break out of the select.
func StartLabeled(stop <-chan struct{}) {
	go func() {
	loop:
		for {
			select {
			case <-stop:
				break loop
			default:
				refresh()
			}
		}
	}()
}

// StartBreak breaks out of the loop itself.
func StartBreak(next func() bool) {
	go func() {
		for {
			if !next() {
				break
			}
		}
	}()
}

// StartRange ranges over a channel: the loop ends when it is closed.
func StartRange(in <-chan int) {
	go func() {
		for v := range in {
			_ = v
		}
	}()
}

// StartPumpUntilClosed starts a named worker that ends with its channel.
func StartPumpUntilClosed(in <-chan int) {
	go worker.PumpUntilClosed(in, func(int) {})
}

var once sync.Once

// StartOnce starts one refresher for the whole process through sync.Once:
// a process-lifetime singleton, not a leak per call.
func StartOnce() {
	once.Do(func() {
		go func() {
			for {
				refresh()
			}
		}()
	})
}

// init starts process-lifetime goroutines on purpose.
func init() {
	flushRepeatedly()
	startSweeper()
	go func() {
		for {
			refresh()
		}
	}()
}

// StartFatal's loop ends the program when it fails.
func StartFatal(check func() error) {
	go func() {
		for {
			if err := check(); err != nil {
				log.Fatal(err)
			}
		}
	}()
}

// StartCond loops on a condition, which may become false.
func StartCond(running func() bool) {
	go func() {
		for running() {
			refresh()
		}
	}()
}

// flushRepeatedly is only called from init (go-zero core/prof's shape):
// one goroutine for the life of the process.
func flushRepeatedly() {
	threading.GoSafe(func() {
		for {
			refresh()
		}
	})
}

func startSweeper() {
	go func() {
		for { // want `the goroutine started in startSweeper runs a for loop with no way out`
			refresh()
		}
	}()
}

func Reset() { startSweeper() }

// Ranging over a time.Ticker's C.

func StartTicking(refresh func()) *time.Ticker {
	t := time.NewTicker(time.Minute)
	go func() {
		for range t.C { // want `the goroutine started in StartTicking ranges over t\.C, which Stop never closes, so the goroutine can never stop`
			refresh()
		}
	}()
	return t
}

type ticking struct {
	t *time.Ticker
}

func (k *ticking) loop() { // want loop:"ranges over a ticker"
	for range k.t.C {
		_ = k
	}
}

func (k *ticking) Start() {
	go k.loop() // want `goroutine loop ranges over a time\.Ticker's C, which Stop never closes`
}

// StartTickingStoppable leaves the range when its done channel closes.
func StartTickingStoppable(refresh func(), done <-chan struct{}) {
	t := time.NewTicker(time.Minute)
	go func() {
		defer t.Stop()
		for range t.C {
			select {
			case <-done:
				return
			default:
			}
			refresh()
		}
	}()
}

// StartTickingSelect selects on the ticker and a context.
func StartTickingSelect(ctx context.Context, refresh func()) {
	t := time.NewTicker(time.Minute)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
				refresh()
			case <-ctx.Done():
				return
			}
		}
	}()
}

// rangeTimerChannel ranges over a channel of its own that its owner
// closes, not a ticker's.
func rangeTimerChannel(ticks <-chan time.Time, refresh func()) {
	go func() {
		for range ticks {
			refresh()
		}
	}()
}

// die never returns: ctrlflow's facts say so, whatever its name.
func die(err error) {
	log.Printf("check: %v", err)
	os.Exit(1)
}

// StartDie's loop ends the program through a helper when it fails.
func StartDie(check func() error) {
	go func() {
		for {
			if err := check(); err != nil {
				die(err)
			}
		}
	}()
}

type alerts struct{ n int }

// Fatal only counts: its name does not make it end anything.
func (a *alerts) Fatal(err error) { a.n++ }

func StartAlerting(a *alerts, check func() error) {
	go func() {
		for { // want `the goroutine started in StartAlerting runs a for loop with no way out`
			if err := check(); err != nil {
				a.Fatal(err)
			}
		}
	}()
}

type fataler interface{ Fatal(...any) }

// A method called through an interface is matched by its name: the facts
// cannot see which implementation runs.
func StartFataler(t fataler, check func() error) {
	go func() {
		for {
			if err := check(); err != nil {
				t.Fatal(err)
			}
		}
	}()
}

type cursor interface{ Skip(n int) cursor }

// A method named like an ending call that returns something is a
// builder's (a query's Skip(n)), and ends nothing.
func StartSkipping(c cursor, check func() error) {
	go func() {
		for { // want `the goroutine started in StartSkipping runs a for loop with no way out`
			if err := check(); err != nil {
				c.Skip(1)
			}
		}
	}()
}

var dateOnce sync.Once

// refreshDate runs once per process, through a package-level sync.Once:
// its ticking goroutine is meant to live as long as the process.
func refreshDate() {
	go func() {
		for {
		}
	}()
}

func serveDate() { dateOnce.Do(refreshDate) }

// arbiter ticks every meter of the process: one goroutine, started by
// the first meter under the arbiter's lock, a sync.Once written by hand.
var arbiter struct {
	sync.Mutex
	started bool
	meters  map[*meter]bool
}

type meter struct{ n int }

// NewMeter starts the process's ticking goroutine once, through the
// package-level flag it sets under the lock: meant to live as long as the
// process.
func NewMeter() *meter {
	m := &meter{}
	arbiter.Lock()
	defer arbiter.Unlock()
	arbiter.meters[m] = true
	if !arbiter.started {
		arbiter.started = true
		go func() {
			for {
			}
		}()
	}
	return m
}

var pollStarted atomic.Bool

// StartPolling starts the process's poller once, through an atomic flag.
func StartPolling() {
	if pollStarted.CompareAndSwap(false, true) {
		go func() {
			for {
			}
		}()
	}
}

type ticker struct {
	started bool
}

// Start sets a flag of the value, not of the process: a program that
// makes tickers starts one goroutine each.
func (t *ticker) Start() {
	if !t.started {
		t.started = true
		go func() {
			for { // want `the goroutine started in Start runs a for loop with no way out`
			}
		}()
	}
}

type perServer struct{ once sync.Once }

// refreshServer runs once per server, through a sync.Once field: a
// program that makes servers repeatedly starts one goroutine each.
func refreshServer() {
	go func() {
		for { // want `the goroutine started in refreshServer runs a for loop with no way out`
		}
	}()
}

func (s *perServer) serve() { s.once.Do(refreshServer) }

// queue groups a process-wide worker pool's Once with the state it sets
// up, in one package-level struct variable.
var queue struct {
	once sync.Once
	mu   sync.Mutex
	jobs []func()
}

// startPool runs once per process, through a Once kept in a field of a
// package-level struct value: one pool for the life of the program.
func startPool() {
	for i := 0; i < 4; i++ {
		go func() {
			for {
				queue.mu.Lock()
				queue.jobs = queue.jobs[:0]
				queue.mu.Unlock()
			}
		}()
	}
}

func submit(f func()) {
	queue.once.Do(startPool)
	queue.mu.Lock()
	queue.jobs = append(queue.jobs, f)
	queue.mu.Unlock()
}

type poolHolder struct{ once sync.Once }

// current can be replaced, each time with a new Once.
var current = &poolHolder{}

func resetPool() { current = &poolHolder{} }

// spinPool runs once per holder, reached through a pointer that
// resetPool replaces: a new goroutine after every reset.
func spinPool() {
	go func() {
		for { // want `the goroutine started in spinPool runs a for loop with no way out`
		}
	}()
}

func kickPool() { current.once.Do(spinPool) }

type perConn struct{ once sync.Once }

// start runs its literal once per connection, not per process: every
// connection leaves a goroutine behind.
func (c *perConn) start() {
	c.once.Do(func() {
		go func() {
			for { // want `the goroutine started in the function literal runs a for loop with no way out`
			}
		}()
	})
}

type internCache struct{ m sync.Map }

// newInternCache starts the cache's cleaner; its only call initializes a
// package variable, once per process.
func newInternCache() *internCache {
	c := &internCache{}
	go func() {
		for {
			c.m.Clear()
		}
	}()
	return c
}

var interned = newInternCache()

// newLocalCache is also called from a function's own var declaration:
// once per call of that function.
func newLocalCache() *internCache {
	c := &internCache{}
	go func() {
		for { // want `the goroutine started in newLocalCache runs a for loop with no way out`
			c.m.Clear()
		}
	}()
	return c
}

func perRequest() *internCache {
	var c = newLocalCache()
	return c
}
