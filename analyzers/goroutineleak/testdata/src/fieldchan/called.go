package fieldchan

import "sync"

// registry's goroutine sends through a method it calls: the send runs on
// the goroutine, which the run loop may have left behind.
type registry struct {
	deregister chan int
	quit       chan struct{}
}

func newRegistry() *registry {
	r := &registry{deregister: make(chan int), quit: make(chan struct{})}
	go r.run()
	return r
}

func (r *registry) run() {
	for {
		select {
		case <-r.deregister:
		case <-r.quit:
			return
		}
	}
}

func (r *registry) remove(id int) {
	r.deregister <- id // want `remove, called from the goroutine started in Serve, blocks forever sending on unbuffered r\.deregister once the receiving loop in run returns through <-r\.quit`
}

// Close stops the registry.
func (r *registry) Close() { close(r.quit) }

// Serve removes the subscriber once its request is done.
func (r *registry) Serve(id int, done <-chan struct{}) {
	go func() {
		<-done
		r.remove(id)
	}()
}

// relay's send is two calls away from its goroutine.
type relay struct {
	out  chan int
	stop chan struct{}
}

func newRelay() *relay {
	r := &relay{out: make(chan int), stop: make(chan struct{})}
	go r.drain()
	return r
}

func (r *relay) drain() {
	for {
		select {
		case <-r.out:
		case <-r.stop:
			return
		}
	}
}

func (r *relay) emit(v int) {
	r.out <- v // want `emit, called from the goroutine started in Forward, blocks forever sending on unbuffered r\.out`
}

func (r *relay) forward(vs []int) {
	for _, v := range vs {
		r.emit(v)
	}
}

// Stop stops the relay.
func (r *relay) Stop() { r.stop <- struct{}{} }

// Forward relays vs in the background.
func (r *relay) Forward(vs []int) {
	go func() { r.forward(vs) }()
}

// syncRemover's sending method is also called on the caller's
// goroutine: a blocked send there is the caller's, not a leaked one.
type syncRemover struct {
	deregister chan int
	quit       chan struct{}
}

func newSyncRemover() *syncRemover {
	r := &syncRemover{deregister: make(chan int), quit: make(chan struct{})}
	go r.run()
	return r
}

func (r *syncRemover) run() {
	for {
		select {
		case <-r.deregister:
		case <-r.quit:
			return
		}
	}
}

func (r *syncRemover) remove(id int) { r.deregister <- id }

// Serve removes in the background.
func (r *syncRemover) Serve(id int, done <-chan struct{}) {
	go func() {
		<-done
		r.remove(id)
	}()
}

// Remove removes now.
func (r *syncRemover) Remove(id int) { r.remove(id) }

// counted's goroutines are counted by a WaitGroup that Close waits on
// before it stops the loop.
type counted struct {
	wg   sync.WaitGroup
	out  chan int
	stop chan struct{}
}

func newCounted() *counted {
	c := &counted{out: make(chan int), stop: make(chan struct{})}
	go c.loop()
	return c
}

func (c *counted) loop() {
	for {
		select {
		case <-c.out:
		case <-c.stop:
			return
		}
	}
}

func (c *counted) put(v int) { c.out <- v }

// Put sends in the background.
func (c *counted) Put(v int) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.put(v)
	}()
}

// Close waits for every sender, then stops the loop.
func (c *counted) Close() {
	c.wg.Wait()
	close(c.stop)
}

// sink's sending method is handed out as a callback: it may run on any
// goroutine, the caller's included.
type sink struct {
	out  chan int
	stop chan struct{}
}

func newSink() *sink {
	s := &sink{out: make(chan int), stop: make(chan struct{})}
	go s.loop()
	return s
}

func (s *sink) loop() {
	for {
		select {
		case <-s.out:
		case <-s.stop:
			return
		}
	}
}

func (s *sink) push(v int) { s.out <- v }

// Each calls push in the background, and hands it to visit.
func (s *sink) Each(vs []int, visit func(func(int))) {
	go func() {
		for _, v := range vs {
			s.push(v)
		}
	}()
	visit(s.push)
}

// notifier's sending method is one an interface of the package declares:
// a call through the interface names no method.
type pusher interface{ notify(int) }

type notifier struct {
	out  chan int
	stop chan struct{}
}

func newNotifier() *notifier {
	n := &notifier{out: make(chan int), stop: make(chan struct{})}
	go n.loop()
	return n
}

func (n *notifier) loop() {
	for {
		select {
		case <-n.out:
		case <-n.stop:
			return
		}
	}
}

func (n *notifier) notify(v int) { n.out <- v }

// Later notifies in the background.
func (n *notifier) Later(v int) {
	go func() { n.notify(v) }()
}

// Now notifies through the interface, on the caller's goroutine.
func Now(p pusher, v int) { p.notify(v) }

// subscriber holds a copy of its stream's unbuffered deregister channel:
// its send is the stream's, whose loop may have returned on quit.
type subscriber struct{ quit chan *subscriber }

func (s *subscriber) close() {
	s.quit <- s // want `close, called from the goroutine started in Attach, blocks forever sending on unbuffered s\.quit once the receiving loop in run returns through <-st\.quit`
}

type stream struct {
	deregister chan *subscriber
	quit       chan struct{}
}

func newStream() *stream {
	st := &stream{deregister: make(chan *subscriber), quit: make(chan struct{})}
	go st.run()
	return st
}

func (st *stream) run() {
	for {
		select {
		case <-st.deregister:
		case <-st.quit:
			return
		}
	}
}

func (st *stream) shutdown() { close(st.quit) }

// Close shuts the stream down.
func (st *stream) Close() { st.shutdown() }

// Attach deregisters the subscriber when its request is done.
func (st *stream) Attach(done <-chan struct{}) {
	s := &subscriber{quit: st.deregister}
	go func() {
		<-done
		s.close()
	}()
}

// member's channel is sometimes its group's and sometimes its own: the
// rule does not follow a field with more than one source.
type member struct{ leave chan int }

func (m *member) part() { m.leave <- 1 }

type group struct {
	leave chan int
	stop  chan struct{}
}

func newGroup() *group {
	g := &group{leave: make(chan int), stop: make(chan struct{})}
	go g.run()
	return g
}

func (g *group) run() {
	for {
		select {
		case <-g.leave:
		case <-g.stop:
			return
		}
	}
}

// Join adds a member that leaves in the background.
func (g *group) Join(done <-chan struct{}, alone bool) {
	m := &member{leave: g.leave}
	if alone {
		m.leave = make(chan int)
	}
	go func() {
		<-done
		m.part()
	}()
}

// handler's loop stops only when closeAll closes its stop channel, and
// only a test calls closeAll: in the code the package ships the loop
// never gives up, and the sender cannot be left behind.
type handler struct {
	requests chan int
	closeCh  chan struct{}
}

func newHandler() *handler {
	h := &handler{requests: make(chan int), closeCh: make(chan struct{})}
	go h.loop()
	return h
}

func (h *handler) loop() {
	for {
		select {
		case <-h.requests:
		case <-h.closeCh:
			return
		}
	}
}

func (h *handler) close() { close(h.closeCh) }

type handlers []*handler

func (hs handlers) closeAll() {
	for _, h := range hs {
		h.close()
	}
}

// Retry re-queues the request in the background.
func (h *handler) Retry(r int) {
	go func() { h.requests <- r }()
}

// cyclic's stop channel is closed in stopB, which stopA calls, and stopA
// calls stopB back; Close calls stopA: the close is live through the
// cycle.
type cyclic struct {
	out  chan int
	stop chan struct{}
	n    int
}

func newCyclic() *cyclic {
	c := &cyclic{out: make(chan int), stop: make(chan struct{})}
	go c.loop()
	return c
}

func (c *cyclic) loop() {
	for {
		select {
		case <-c.out:
		case <-c.stop:
			return
		}
	}
}

func (c *cyclic) stopA() {
	if c.n > 0 {
		c.n--
		c.stopB()
	}
}

func (c *cyclic) stopB() {
	if c.n == 0 {
		close(c.stop)
		return
	}
	c.stopA()
}

// Close stops the loop.
func (c *cyclic) Close() { c.stopA() }

// Put sends in the background.
func (c *cyclic) Put(v int) {
	go func() {
		c.out <- v // want `the goroutine started in Put blocks forever sending on unbuffered c\.out once the receiving loop in loop returns through <-c\.stop`
	}()
}
