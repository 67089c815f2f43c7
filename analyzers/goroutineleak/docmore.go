// # A loop with no way out
//
// A goroutine whose function runs a for loop without condition that
// nothing leaves can never stop: no return, no break of the loop, no goto,
// no panic or exit. A call exits when the function called never returns
// (os.Exit, log.Fatal, t.FailNow, or a helper of the user's that calls
// them, as ctrlflow's facts tell), or, through an interface or a logger
// that exits in a hook, when it is called Fatal, Exit, Panic, FailNow,
// Skip or the like. A loop that spins (nothing in its rounds waits) burns
// a CPU for the rest of the program, and is reported wherever it is
// started. A loop that idles between its rounds (see below) costs only
// when such goroutines pile up, and is reported when:
//
//   - its launch repeats: in a for loop without a condition or a range
//     over a channel (an accept loop, a loop over arriving messages), in a
//     function that serves a request (an HTTP handler, a function given
//     what a server answers through: an http.ResponseWriter, gin's, echo's
//     or fiber's context, a gRPC server stream), or in a function of the
//     package that such a place calls;
//   - the value it works for has a lifetime its package designed: its
//     receiver, an argument or a variable it captures is of a type of the
//     package with a Close, Stop or Shutdown method, which cannot stop it;
//   - it watches for a stop it cannot act on: a select case that receives
//     from a context's Done, or whose body breaks, which leaves the select
//     and not the loop.
//
// Two that pile up, per request and per closed connection:
//
//	func (t *tracker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
//		go func() {
//			for {
//				time.Sleep(time.Second)
//				refresh()
//			}
//		}()
//	}
//
//	the goroutine started in ServeHTTP runs a for loop with no way out, so it can never stop
//
//	func Dial(addr string) (*Conn, error) {
//		...
//		c := &Conn{nc: nc}
//		go func() {
//			for {
//				time.Sleep(10 * time.Second)
//				c.ping()
//			}
//		}()
//		return c, nil
//	}
//
//	the goroutine started in Dial runs a for loop with no way out, so it can never stop, not even after Conn.Close
//
// Every request leaves one more goroutine behind; every closed Conn
// leaves its heartbeat running, holding the Conn. An idling loop started
// by a constructor that the package's users call (a client's flusher, a
// middleware's reporter, a cache's janitor of a value with no Close), by a
// fixed set of workers, or by a command's start-up runs as often as its
// caller decides, for as long as the program keeps the value: that is the
// caller's design, not a pile, and it is not reported. Nor is a value whose
// Close belongs to another package (an *os.File the goroutine syncs), or
// a launch that a sync.Once or a flag set once guards (a server's loop
// started on its first request, if !s.started { s.started = true; ... }):
// it runs once per guard, however often the handler runs, unless a
// repeating loop inside the guard holds it.
//
// Give the loop a way out that a cancellation signal reaches: a select
// with case <-ctx.Done(): return, a range over a channel that its owner
// closes. A go f(x) whose f runs such a loop is reported too (known across
// packages through analysis facts).
//
// A loop whose only way out is the Done of a context that nothing can
// cancel never ends either: context.Background() and context.TODO()
// return a nil Done channel, and so do a context.WithValue of them and
// any context.WithoutCancel. goroutineleak reports a goroutine whose for
// loop without condition is left only from select cases <-ctx.Done()
// (every return, break and goto of the loop is in their bodies) when
// each such ctx is one of these: the argument given to a parameter of the
// function started (go c.cleanOutLoop(context.Background(), ticker), known
// across packages through analysis facts), or a variable of the launching
// function that is only ever given such contexts and whose address is
// never taken:
//
//	func NewCache(window time.Duration) *cache {
//		c := &cache{entries: make(map[string]time.Time)}
//		go c.cleanOutLoop(context.Background(), time.NewTicker(window))
//		return c
//	}
//
//	goroutine cleanOutLoop leaves its loop only when its context is done, but is given context.Background(), never cancelled, so it can never stop
//
// Every NewCache leaves a goroutine, its ticker and the whole cache
// behind. Derive the context with context.WithCancel and give the owner
// a Close that cancels it. The same exemptions as for a loop with no way
// out apply (goroutines of main, init and a sync.Once of the process),
// and so does the scope: a loop that waits every round is reported in
// production code only.
//
// A goroutine that ranges over a time.Ticker's C never ends either:
// Ticker.Stop stops the ticks but does not close the channel, so the
// range waits forever:
//
//	go func() {
//		for range t.C {
//			refresh()
//		}
//	}()
//
//	the goroutine started in StartTicking ranges over t.C, which Stop never closes, so the goroutine can never stop
//
// Select on t.C and a stop signal such as <-ctx.Done() instead.
//
// It is reported unless the loop body returns, breaks or jumps out; go
// f() whose f has such a range is reported too (across packages through
// analysis facts).
//
// Not reported, because the goroutine is meant to live as long as the
// program: goroutines started in main or init, in a package variable's
// initializer, in a function literal run by a sync.Once of the process,
// or in a function that only main, init, such functions and a sync.Once
// of the process (once.Do(refreshDate)) call (and that nothing outside
// the package can call: unexported, or in package main), such as a
// server's top-level serve loop started from main; the runtime's own
// goroutines. A sync.Once of the process is a package-level variable, or
// a field reached from one through struct values only (queue.once, with
// queue a package-level struct holding the pool's Once, mutex and jobs).
// A sync.Once reached through a pointer (c.once on a *Conn, or cur.once
// where cur can be replaced) or kept in an element runs once per value,
// not per process: the function or literal it runs is judged like any
// other. A sync.Once written by hand counts the same: a goroutine started
// in the body of if !started { started = true; ... }, or of
// if started.CompareAndSwap(false, true) { ... } on an atomic.Bool, where
// started is a flag of the process in the same sense (a metrics
// library's arbiter, started by the first meter: arbiter.started), while
// a flag of a value (t.started) runs once per value. So is a goroutine
// started by a daemon's run function that, after starting it, waits for
// the process to be told to stop before it can return (a command's RunE,
// a startDaemon that main calls last): a statement of its body, after the
// one holding the launch and with no return between them, that receives
// from a channel signal.Notify registers for an interrupt or a
// termination signal (os.Interrupt, SIGINT, SIGTERM, SIGQUIT, or every
// signal), or from the Done of a context signal.NotifyContext made for
// one, or a daemon's main loop that can be left only from such a receive
// (for { select { case <-stop: return; case <-reload: reload() } }); or a
// statement that never completes (select {}, <-make(chan struct{})), after which the function never returns and the goroutine
// cannot outlive it. Its return is the process's shutdown. A launch in a loop, a return
// before the wait, or a wait for SIGHUP (a reload, after which the
// function may run again) is judged as any other. So is a goroutine
// started by a command-line framework's action (cobra's Run and RunE and
// their hooks, urfave/cli's Action, Before and After, as a function
// literal there or a function stored there, &cli.Command{Action: serve}),
// or by a function that only such actions call: the framework runs the
// action once, for the command the process was started with. A launch in
// a loop of the action, or in a function a request handler literal calls
// (one taking an *http.Request: it runs once per request), is judged as
// any other; a call from any other function literal counts as its
// function's (a command factory run once per invocation).
// Loops with a condition and range loops are not reported: their
// condition or channel may end them, except a range over a channel that
// nothing can close. A goroutine literal whose body ranges over a local
// channel, with no way out of the range, never ends when the channel is
// made by the package (make, or a receive-only channel that a function of
// the package makes and returns), is otherwise only sent on, measured,
// stored in an unexported field or returned receive-only, and the package
// closes no channel of that element type, hands none to another
// package's function, and exposes none that can be closed (an exported
// field, function or method whose type holds a bidirectional or
// send-only channel of it):
//
//	func (b *Breaker) Subscribe() <-chan Event {
//		in := make(chan Event)
//		out := make(chan Event, 100)
//		go func() {
//			for v := range in {
//				...
//		}()
//		b.receivers = append(b.receivers, in)
//		return out
//	}
//
//	the goroutine started in Subscribe ranges over in, which nothing in the package closes, so it can never stop
//
// Every subscription leaves its goroutine behind. Give the owner a Close
// (or an Unsubscribe) that closes the channel. Such a range waits every
// round, so, like a loop with no way out that idles, it is reported in
// production code only.
//
// A loop with no way out (goroutineleak.endless in docs/scope.md) is
// reported in tests and test support too: the goroutine keeps running for
// the rest of the test binary, taking CPU from the tests after it and
// racing with them; a loop that waits on every iteration, in one of its
// body's own statements before any continue, or in a branch of an if or a
// switch among them (a state machine that waits in most states and moves
// on at once from the others: nothing says its rounds that do not wait
// follow one another forever) (time.Sleep in a monitor
// printing memory use once a second; a receive, a select without default
// or reflect.Select in a server's event loop, go s.Serve() in a test,
// known across packages by the fact; a send, in a producer paced by its
// consumer; a Read or Accept on a net connection or listener held in a
// variable that nothing in the declaration closes or gives a deadline, as
// a test's fake server on one end of net.Pipe(), a Close deferred by the
// loop's own function not counting, since it runs only once the loop
// ends), idles between its rounds and is
// reported in production code only. goroutineleak's other rules, the
// ticker range among them, report production code only: a goroutine blocked forever in a
// test (on a stopped ticker, on a send nobody receives), or a time.After
// in a test's loop, costs nothing until the binary exits.
//
// # A closed channel taken on every pass
//
// A for loop around a select spins once a channel it receives from is
// closed, when that case's path goes back to the loop: a closed channel is
// ready at once, on every pass, so the loop burns a full CPU until some
// other case ends it (or forever). The usual slips are a v, ok := <-ch
// case that acts only when ok, and a break meant to leave the loop that
// leaves only the select:
//
//	func (in *instance) run(ctx context.Context) {
//		for {
//			select {
//			case u, ok := <-in.w.Updates():
//				if ok {
//					apply(u)
//				}
//			case <-ctx.Done():
//				return
//			}
//		}
//	}
//
//	once in.w.Updates() is closed, this case is taken at once on every pass and the loop spins at full CPU
//
// Return (or break out of the loop with a label) when ok is false, or set
// the channel variable to nil so that its case never runs again. A case
// on a context's Done (its receiver also has Deadline and Err) that does
// not leave is the same: once the context is done, every pass takes it.
// So is a plain case <-done on a signal channel (a chan struct{}) that
// the package closes: a local closed in its function, or an unexported
// field closed in code the package ships. A select whose default waits
// (a stream loop reading in its default) spins too once the case is
// ready, since a ready case always wins over the default.
//
// The rule: in a for loop (not a range loop, nor a counted one with a post
// statement such as i++) whose body holds one select
// without default, or with a default that may wait, and whose other
// statements cannot wait (no channel
// operation and no call but a builtin or a conversion), a case that
// receives v, ok := <-ch and tests ok in one if statement of its own body
// (and uses ok nowhere else), or receives from a context's Done or from
// a signal channel the package closes, is
// reported when the statements that run once the channel is closed
// neither leave the loop (a return, a goto, a break or continue aimed
// past it, a call that ends the goroutine), nor change the channel (an
// assignment to its variable, or to one the loop's condition reads), nor
// wait (a channel operation, time.Sleep), nor call a function of the
// package or a function value (which may do any of these, or replace the
// channel). The channel has to be the same on every pass: a variable, a
// field, or a method without arguments called on one (a watcher's
// Updates(), ctx.Done()). A loop with no other way out is left to the rule
// above. Like it, this is reported in tests and test support too (rule
// goroutineleak.endless).
//
// # A context in scope, ignored
//
// A goroutine started by a function that has a context parameter, and that
// sleeps in a loop (retrying, polling) without ever looking at a context
// or a channel, runs on after the caller's context is cancelled:
//
//	func Retry(ctx context.Context) {
//		go func() {
//			for i := 0; i < 10; i++ {
//				if try() == nil {
//					return
//				}
//				time.Sleep(time.Second << i)
//			}
//		}()
//	}
//
//	the goroutine started in Retry sleeps in a loop and never observes ctx: cancelling ctx does not stop it
//
// Wait in a select on <-ctx.Done() and a timer instead of time.Sleep.
//
// The same holds for go f(x) where f, declared in this package or known
// through an analysis fact, sleeps in a loop and never refers to a
// context, a channel or package sync (a delivery retried until it
// succeeds):
//
//	func (s *sink) Publish(ctx context.Context, ev event) {
//		go s.deliver(ev)
//	}
//
//	goroutine deliver sleeps in a loop and never observes ctx or any context: cancelling ctx does not stop it
//
// Pass ctx to deliver and wait there in a select on <-ctx.Done() and a
// timer instead of time.Sleep.
//
// A function literal started with go that observes nothing itself and
// calls such a function (go func() { s.deliver(ev) }()) is reported too.
//
// Reported at the go statement. Not reported in handlers (see above), whose
// goroutines ignore the request's context when they are detached on
// purpose; nor when the goroutine's body refers to any context or channel,
// selects, uses package sync or sync/atomic (a stop flag), or names one of
// package context's errors (a loop that returns once a watcher's Next
// fails with context.Canceled stops when the watcher's owner cancels it);
// when the
// caller waits for it (errgroup, WaitGroup.Go); when it sleeps once, not in
// a loop; when its loop has no way out at all (the loop rule reports that);
// or when the goroutine is process-lifetime (see above).
//
// # Limits
//
// An abandoned sender's channel must be a local variable of the function
// holding the select, or an unexported struct field of the package
// (above); a channel handed to another function or kept in an exported
// field or in a field of another package is not followed. A named
// function started with go f(ch) is followed when it sends on its
// parameter (a fact); one that sends on a field is followed when the
// package starts it only with go statements or calls it only from such
// goroutines. A stop channel kept in an unexported field that the code
// the package ships never closes or sends on (only its tests do) gives
// no stop signal, for this rule as for the field rule. A named sender of another
// package is not judged against a stop channel kept in a field, since its
// body, which may close that channel, cannot be read.
//
// A timer helper is recognised one step deep: a helper that returns
// another helper's channel, or a time.NewTimer(d).C, is not. A returned
// channel's goroutine must be a function literal started by the function
// that returns it.
// A collector's workers must be function literals started in a loop of
// the collector; workers started through errgroup, whose context is
// cancelled on the first error, are not judged.
//
// An endless loop and a range over a ticker are reported only in the
// launched function itself: a function literal that calls another
// function that loops forever is not followed (a blind retry loop is). A loop is reported only when nothing leaves it; a loop whose
// only exits cannot be reached by a cancellation signal (it returns on an
// error that never comes) is not recognised.
//
// Of the goroutines that ignore a context in scope, only those that sleep
// in a loop are reported; one that blocks in a call given
// context.Background() is not, since detaching from the request is often
// the intent (and the fix for a request's context used after the handler
// returns).
//
// A fatal logger event ends a path only when one statement builds and
// sends it; an event kept in a variable and sent later does not.
//
// A detaching type's Done is read alone: one that calls another method of
// its type, or hands its receiver on, is not taken to detach.
//
// The handler rule trusts what it cannot see: a goroutine started through
// a function value, or a handler that waits in a function it calls, is
// not reported.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the reported line or the
// line above it:
//
//	ch <- v //trapvet:ignore goroutineleak the receiver always drains ch in its cleanup
package goroutineleak
