package a

import (
	"sync"
	"sync/atomic"
)

// WorkerPool's map of workers is changed under the lock only by
// goroutines the pool starts and its WaitGroups count: the dispatcher adds
// workers, and each worker deletes itself before Done. A read after a
// Wait of the group is ordered after all of them (the shutdown-after-wait
// pattern): no concurrent map access remains.
type RoutinePool struct {
	lock     sync.Mutex
	wg       sync.WaitGroup
	dispatch sync.WaitGroup
	workers  map[string]int
	queue    chan string
	shut     int32
	closed   bool
}

func NewRoutinePool() *RoutinePool {
	p := &RoutinePool{workers: make(map[string]int), queue: make(chan string)}
	p.dispatch.Add(1)
	go func() {
		defer p.dispatch.Done()
		for name := range p.queue {
			p.addWorker(name)
		}
	}()
	return p
}

func (p *RoutinePool) addWorker(name string) {
	p.lock.Lock()
	defer p.lock.Unlock()
	p.workers[name] = 1
	p.wg.Add(1)
	go p.work(name)
}

func (p *RoutinePool) work(name string) {
	defer p.wg.Done()
	p.lock.Lock()
	delete(p.workers, name)
	p.lock.Unlock()
}

// Submit hands a name to the dispatcher.
func (p *RoutinePool) Submit(name string) { p.queue <- name }

// Drain waits for the workers, then reads the map: not reported.
func (p *RoutinePool) Drain() int {
	p.wg.Wait()
	n := 0
	for range p.workers {
		n++
	}
	return n
}

// closeQueue waits on every path that returns.
func (p *RoutinePool) closeQueue() {
	close(p.queue)
	p.dispatch.Wait()
}

// finish waits through closeQueue, on every path: a chain of helpers.
func (p *RoutinePool) finish() {
	p.closeQueue()
}

// mustWait waits on the one path that returns; the other panics.
func (p *RoutinePool) mustWait() {
	if p.closed {
		panic("pool closed twice")
	}
	p.wg.Wait()
}

// beforeClose waits only when it wins the race to shut the pool down.
func (p *RoutinePool) beforeClose() {
	if !atomic.CompareAndSwapInt32(&p.shut, 0, 1) {
		return
	}
	p.wg.Wait()
}

// ShutDown is the obs RoutinePool's shape: a helper that may return
// without waiting, then one that always waits, then the reads: not
// reported.
func (p *RoutinePool) ShutDown() {
	p.beforeClose()
	p.closeQueue()
	for name := range p.workers {
		_ = name
	}
	p.workers = nil
}

// Finish waits through a helper that waits through another: not reported.
func (p *RoutinePool) Finish() int {
	p.finish()
	return p.workers["main"]
}

// Reap waits through a helper whose other path panics: not reported.
func (p *RoutinePool) Reap() int {
	p.mustWait()
	return p.workers["main"]
}

// Retire's helper may return without waiting.
func (p *RoutinePool) Retire() int {
	p.beforeClose()
	return p.workers["main"] // want `Retire uses map p.workers without holding p.lock, under which other methods change it`
}

// DrainIf waits on one branch only.
func (p *RoutinePool) DrainIf(force bool) int {
	if force {
		p.wg.Wait()
	}
	return p.workers["main"] // want `DrainIf uses map p.workers without holding p.lock`
}

// DrainLate reads first and waits after.
func (p *RoutinePool) DrainLate() int {
	n := p.workers["main"] // want `DrainLate uses map p.workers without holding p.lock`
	p.wg.Wait()
	return n
}

// DrainDeferred's wait runs when it returns, after the read.
func (p *RoutinePool) DrainDeferred() int {
	defer p.wg.Wait()
	return p.workers["main"] // want `DrainDeferred uses map p.workers without holding p.lock`
}

// DrainAside waits on another goroutine.
func (p *RoutinePool) DrainAside() int {
	go p.wg.Wait()
	return p.workers["main"] // want `DrainAside uses map p.workers without holding p.lock`
}

// DrainLoop reads in the first iteration before any wait.
func (p *RoutinePool) DrainLoop(n int) int {
	total := 0
	for range n {
		total += p.workers["main"] // want `DrainLoop uses map p.workers without holding p.lock`
		p.wg.Wait()
	}
	return total
}

// TaskTable's map is also changed by Put, which any caller runs beside
// Results: the Wait orders the goroutines, not the callers.
type TaskTable struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	results map[string]int
}

func (t *TaskTable) Run(names []string) {
	for _, name := range names {
		t.wg.Add(1)
		go func() {
			defer t.wg.Done()
			t.record(name)
		}()
	}
}

func (t *TaskTable) record(name string) {
	t.mu.Lock()
	t.results[name]++
	t.mu.Unlock()
}

func (t *TaskTable) Put(name string, n int) {
	t.mu.Lock()
	t.results[name] = n
	t.mu.Unlock()
}

func (t *TaskTable) Results() int {
	t.wg.Wait()
	return t.results["main"] // want `Results uses map t.results without holding t.mu`
}

// Crawler's writer is an unexported helper that an exported method also
// calls directly, on its caller's goroutine.
type Crawler struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	seen map[string]bool
}

func (c *Crawler) Crawl(url string) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.visit(url)
	}()
}

func (c *Crawler) visit(url string) {
	c.mu.Lock()
	c.seen[url] = true
	c.mu.Unlock()
}

// Mark calls the writer itself.
func (c *Crawler) Mark(url string) { c.visit(url) }

func (c *Crawler) Seen() int {
	c.wg.Wait()
	n := 0
	for range c.seen { // want `Seen uses map c.seen without holding c.mu`
		n++
	}
	return n
}

// Fetcher's writer is a callback that runs wherever its holder calls it:
// no go statement shows it runs on a goroutine the group counts.
type Fetcher struct {
	mu     sync.Mutex
	wg     sync.WaitGroup
	done   map[string]bool
	OnDone func(string)
}

func NewFetcher() *Fetcher {
	f := &Fetcher{done: make(map[string]bool)}
	f.OnDone = func(url string) {
		f.mu.Lock()
		f.done[url] = true
		f.mu.Unlock()
	}
	return f
}

func (f *Fetcher) Done(url string) bool {
	f.wg.Wait()
	return f.done[url] // want `Done uses map f.done without holding f.mu`
}

// Indexer's writers run in functions its WaitGroup's Go starts, one as a
// literal and one as a method value: Index reads after the Wait.
type Indexer struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	terms map[string]int
}

func (x *Indexer) Add(words []string) {
	for _, w := range words {
		x.wg.Go(func() {
			x.mu.Lock()
			x.terms[w]++
			x.mu.Unlock()
		})
	}
	x.wg.Go(x.compact)
}

func (x *Indexer) compact() {
	x.mu.Lock()
	delete(x.terms, "")
	x.mu.Unlock()
}

func (x *Indexer) Index(w string) int {
	x.wg.Wait()
	return x.terms[w]
}

// Listeners' Close takes the lock for its flag, then ranges the map
// without it: for the map rule a teardown method is the last call its
// users make, whatever it locks, and is not judged.
type Listeners struct {
	mu     sync.Mutex
	closed bool
	m      map[string]func()
}

func (l *Listeners) Add(k string, f func()) {
	l.mu.Lock()
	l.m[k] = f
	l.mu.Unlock()
}

// Close is not reported.
func (l *Listeners) Close() {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	for _, f := range l.m {
		f()
	}
}
