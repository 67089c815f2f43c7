// Package goroutineleak defines an Analyzer that reports goroutines that can
// never stop, and goroutines that die with the request that started them.
//
// # Analyzer goroutineleak
//
// goroutineleak: report goroutines that never end or outlive a request
//
// A goroutine is not collected when nobody needs it any more: it runs until
// its function returns. One that blocks forever keeps its stack and
// everything it references alive for the life of the process, and a server
// that leaks one per request runs out of memory. goroutineleak reports the
// shapes below.
//
// # An abandoned sender
//
// A goroutine sends its result on an unbuffered channel, and the function
// that started it waits in a select that can also give up, on a timeout or
// on its context:
//
//	func fetch(ctx context.Context, url string) (string, error) {
//		ch := make(chan string)
//		go func() {
//			ch <- download(url)
//		}()
//		select {
//		case body := <-ch:
//			return body, nil
//		case <-time.After(time.Second):
//			return "", errTimeout
//		}
//	}
//
// When the timeout wins, nobody will ever receive from ch, and the send
// blocks forever:
//
//	the goroutine blocks forever sending on unbuffered ch when the select in fetch gives up through <-time.After(time.Second) first
//
// Use make(chan string, 1) (the suggested fix, offered when one goroutine
// sends once); otherwise give the channel a buffer for every send, or make
// the send select on the same signal.
//
// With a buffer of one the send completes whoever wins, and the goroutine
// ends. goroutineleak offers that fix when the goroutine sends once.
//
// When the function also closes the channel on its way out (a defer
// close(ch) among the statements of its body), the send does not block:
// it panics, blocked or yet to come, once the give-up case has returned
// and the close has run, and the panic crashes the program:
//
//	the goroutine panics sending on healthy, closed by the deferred close, when the select in waitHealthy gives up through <-timeout.Done() first
//
// No fix is offered there: a buffer does not help, since a send on a closed
// channel panics whatever its capacity. Drop the close (the channel is
// garbage once nobody holds it) and give the channel a buffer, or make the
// send select on the give-up signal. A defer close(ch) inside a block of
// the function (on some paths only), or a close by the goroutine itself,
// is not this shape.
//
// The rule: a send statement outside a select, on a channel made unbuffered by the
// function that started the goroutine, is reported when the only receive
// in that function is a case of a select that also has a case on
// time.After, a time.Timer's C, a context's Done or a plain stop channel
// (case <-stop, a chan struct{}), and taking that case leaves the select
// for good (the select is not in a loop, or the case returns). A goroutine started as go f(ch) counts when f's body sends on
// its channel parameter (known across packages through analysis facts),
// or hands it, in a plain call of its body, to a function that sends on
// it (u.report(c, err), which does c <- err; followed three calls deep).
// A function literal started with the channel as an argument (go
// func(done chan error) { done <- f() }(done)) counts as one capturing
// it, when all it does with its parameter is send on it.
// Goroutines started with errgroup.Group.Go, sync.WaitGroup.Go and
// go-zero's threading.GoSafe and RoutineGroup.Run count like go statements.
// The stop channel may be an element of a map or slice of them (case
// <-c.subscribed[ch]).
//
// The channel may also come from a helper: an unexported function of the
// package that makes it unbuffered, starts the goroutines that send on it
// and returns it, when the function with the select gets it from one
// call of that helper and uses it only in the select's receive cases. The
// finding is at the call:
//
//	func (c *Client) startReadLoop() (chan *Event, chan error) {
//		events, errs := make(chan *Event), make(chan error)
//		go c.readLoop(events, errs)
//		return events, errs
//	}
//
//	events, errs := c.startReadLoop()
//	for {
//		select {
//		case <-c.subscribed[ch]:
//			return nil
//		case err := <-errs:
//			return err
//		case ev := <-events:
//			handle(ev)
//		}
//	}
//
//	readLoop started in startReadLoop blocks forever sending on unbuffered errs when the select in Subscribe gives up through <-c.subscribed[ch] first
//
// Not reported: buffered channels; sends that are themselves select cases;
// channels that the function receives from again after the select (it
// drains them), passes to other functions, stores or returns, or that
// another goroutine it starts receives from; selects with
// a default case or without a timeout; a give-up case that fails a test
// (t.Error, t.Fatal, ...), where the goroutine is stranded only in a test
// that already fails; a sender that refers to the stop channel itself
// (it may close it after its last send, and then the receiver cannot
// leave first); a give-up case on a channel that carries values, such
// as an error channel.
//
// # A sender whose receiver returns first
//
// The function that started the goroutine receives from the channel, but
// a path from the go statement leaves the function without reaching any
// of its receives: an error check that returns first, a receive under a
// condition, or a select that returns through another case. On that path
// nobody will ever receive:
//
//	func copyBoth(conn, stdin io.ReadWriter) error {
//		in := make(chan error)
//		out := make(chan error)
//		go func() { in <- copyTo(conn, stdin) }()
//		go func() { out <- copyTo(stdin, conn) }()
//		if err := <-in; err != nil {
//			return err
//		}
//		return <-out
//	}
//
//	the goroutine blocks forever sending on unbuffered out when copyBoth returns before receiving from it
//
// Use make(chan error, 1) (the suggested fix): the send then completes
// whether or not the function is still there to receive.
//
// The rule: a channel made unbuffered in the function and sent on once by
// one goroutine that the function starts once per make (a literal, or
// go f(ch) where f sends once on its parameter), when the control-flow
// graph has a path from the launch to a return, or to the end of the
// body, that passes none of the function's receives from it (a plain
// receive, or a select case that receives from it). A path also stops at
// a receive from another channel the goroutine refers to: a goroutine
// that sends either an error or a result has not sent the result once
// the error has come.
//
// Not reported: buffered channels; a receive on every path (a drain
// before the early return); a receive the function tracks in a local
// flag, set in the select case that receives and tested before receiving
// again (case v = <-stop: stopped = true; ... if !stopped { <-stop }),
// which the control-flow graph cannot follow; channels received from in a deferred
// function or by another goroutine the function starts, or passed, stored
// or returned; paths that end the process or the goroutine (below);
// goroutines started in a loop and
// received from by a counting loop; goroutines started by main, init or
// a sync.Once of the process (a package-level one, see the loop rule); a
// single receive in a select that gives
// up on a timer, a context or a stop signal (the rule above judges it);
// sends that are select cases. The paths are not told apart by their
// conditions: a receive guarded by the same condition as the launch would
// be reported, and no case of it is known.
//
// A path ends the process or the goroutine at a panic, at a call of a
// function that never returns (os.Exit, log.Fatal, t.FailNow, a helper
// that calls them, as ctrlflow's facts tell; through an interface, a
// method called Fatal, Exit, FailNow and the like that returns nothing,
// unlike xml.Decoder.Skip), and at a statement
// that sends a fatal logger event: a chain of method calls on the value
// that a call named Fatal or Panic returns (one value, not an error),
// ended by the call that sends it, such as zerolog's
// log.Fatal().Err(err).Msg("serve"), which exits in the event's done hook
// where no body shows it. The name is what counts, not the package: a
// program's own logger is recognised too. An event built at the fatal
// level by another call (log.WithLevel(zerolog.FatalLevel).Msg(...)), or
// built by Fatal but not sent in the same statement (ev := log.Fatal()),
// ends nothing.
//
// # Senders whose receiving loop leaves early
//
// A goroutine produces values on an unbuffered channel and closes it when
// done; the function that started it ranges over the channel, and a
// return or a break leaves the range before the end. The producer's next
// send then has no receiver:
//
//	func firstNegative(xs []int) error {
//		ch := make(chan int)
//		go func() {
//			defer close(ch)
//			for _, x := range xs {
//				ch <- x
//			}
//		}()
//		for v := range ch {
//			if v < 0 {
//				return errNegative
//			}
//		}
//		return nil
//	}
//
//	the goroutine blocks forever sending on unbuffered ch when firstNegative leaves its range over ch early
//
// The same holds for workers started in a loop, each sending one result,
// when the loop that receives the results returns on the first error:
//
//	func checkAll(xs []int) error {
//		errc := make(chan error)
//		for _, x := range xs {
//			go func() { errc <- check(x) }()
//		}
//		for range xs {
//			if err := <-errc; err != nil {
//				return err
//			}
//		}
//		return nil
//	}
//
//	the goroutine, started in a loop, blocks forever sending on unbuffered errc when checkAll leaves the loop receiving from errc early
//
// Give the producer a context or a done channel to select on beside its
// send, and cancel it when the consumer leaves; give the workers' channel
// a buffer for every result (make(chan error, len(xs))); or use errgroup.
//
// The rule: the function makes the channel unbuffered and receives from
// it only in one loop (a range over it, or plain receives), whose body
// holds a return, a goto or a break of that loop; one goroutine sends on
// it outside any select, and either
//   - it is a literal started once per make that closes the channel, and
//     the loop ranges over the channel (a producer), or
//   - it is started in a loop and sends once (workers), and the loop is a
//     range over the channel that another goroutine of the function
//     closes, or a loop with a condition whose receives do not test for a
//     closed channel.
//
// Not reported: a producer with a send followed by return, or a send as
// the goroutine's last statement (it stops after an error or a final
// value, and the consumer is meant to stop on it); a producer that
// selects on a context or a stop channel; a range that nobody closes and
// a loop without a condition (their exits are how they count); a consumer
// that receives again after the loop (a drain), or another goroutine
// that receives from the channel too; workers that send more than once;
// buffered channels.
//
// # A sender on a channel field whose receiver gives up
//
// The same leak spans methods when the channel lives in a struct field:
// a constructor makes it unbuffered, a loop in one method receives from
// it until a stop signal, and goroutines started elsewhere send on it.
// Once the loop has returned, every later send blocks forever:
//
//	func (x *indexer) run() {
//		for {
//			select {
//			case k := <-x.keys:
//				x.index(k)
//			case <-x.stop:
//				return
//			}
//		}
//	}
//
//	func (x *indexer) Add(k string) {
//		go func() {
//			x.keys <- k
//		}()
//	}
//
//	the goroutine started in Add blocks forever sending on unbuffered x.keys once the receiving loop in run returns through <-x.stop
//
// Make the send a select that also waits on that signal.
//
// The rule: the field is unexported (no other package can use it), every
// value the package stores into it is make(chan T) without a buffer,
// every receive from it is a case of a select without default in a loop
// whose other case waits on a channel, ctx.Done() or a timer and leaves
// the loop without touching the field again, and the send is a plain
// send in a goroutine's function literal, or in the body of a function or
// method that the package only ever starts with a go statement:
//
//	func newRotator(ctx context.Context) *rotator {
//		r := &rotator{files: make(chan string), stop: make(chan struct{})}
//		go r.rotate(ctx)
//		go r.collect()
//		return r
//	}
//
//	rotate, started as a goroutine in newRotator, blocks forever sending on unbuffered r.files once the receiving loop in collect returns through <-r.stop
//
// The send may also sit in an unexported function or method that the
// package calls only from such goroutines, up to three calls deep: the
// goroutine runs it. And a field the package fills only with another
// field's channel (&subscriber{quit: st.deregister}) is that channel
// under another name, its sends judged against the other's receivers:
//
//	func (s *subscriber) close() { s.quit <- s }
//
//	func (st *stream) Attach(done <-chan struct{}) {
//		s := &subscriber{quit: st.deregister}
//		go func() {
//			<-done
//			s.close()
//		}()
//	}
//
//	close, called from the goroutine started in Attach, blocks forever sending on unbuffered s.quit once the receiving loop in run returns through <-st.quit
//
// Not reported: buffered channels; a field that is ranged over, closed,
// passed, copied (except into another such field, above) or drained
// after the stop signal, in the loop's function or in a function of the
// package that the stop case calls, up to three calls deep (case
// <-ctx.Done(): s.stopSupervisor(); return, where stopSupervisor keeps
// receiving until the services it stops are done); sends made by the caller's own goroutine rather
// than one started for them; a named sender that is also called
// directly, called from the caller's goroutine, used as a value, or
// declared by an interface of the package (a call through the interface
// names no method); a field filled from more than one source; senders
// that a sync.WaitGroup counts (the owner may wait for them before the
// stop); a stop channel, kept in a field, that the code the package ships
// never closes or sends on: every close lies in unexported functions
// that only the package's tests call (a handler's close, called by a
// client's close that only a test calls), or there is none, so the loop
// never gives up; a loop whose other case receives from a local channel
// that the goroutines its function starts send on as they end (errC <-
// err, counted down until the last): it hears from every sender before it
// leaves.
// What the package's _test.go files do with the field (build the value
// with a buffered channel, receive from it) is not read: it says nothing
// of the code the package ships, which gets the same findings in the
// package and in its test variant.
//
// A completion signal waited for with a timeout is the same leak: when
// every receive from such a field is one select outside any loop (a
// Close that waits once) whose other case is a timeout (time.After, a
// Timer's C, a context's Done) that does not touch the field, itself
// or through a function of the package it calls (up to three calls
// deep, as for the loop above), a plain send outside the waiting functions that is the sender's last act (a
// return follows it, or it ends the function) blocks forever once the
// wait has given up, whoever runs it: a goroutine the package starts, or
// the caller's own (go l.Listen(addr)), which then never returns:
//
//	Listen blocks forever on this send to unbuffered l.done once the wait in Close gives up through <-time.After(l.timeout)
//
// A send that goes on producing (in a loop, not followed by a return) is
// left alone: the next wait may take its value.
//
// # Workers abandoned by a collector that returns early
//
// Workers started in a loop send their results in a select that also
// waits on a context, and the collector returns on the first error:
//
//	func FetchAll(ctx context.Context, ids []int) ([]int, error) {
//		results := make(chan result)
//		for _, id := range ids {
//			go func() {
//				select {
//				case results <- fetch(id):
//				case <-ctx.Done():
//				}
//			}()
//		}
//		for range ids {
//			r := <-results
//			if r.err != nil {
//				return nil, r.err
//			}
//			...
//
//	FetchAll returns before receiving every result from unbuffered results, so the other workers block on their send until ctx is done
//
// Here ctx is the caller's and may never end: derive ctx, cancel :=
// context.WithCancel(ctx) before starting the workers and defer cancel().
// Where the function made ctx itself, call cancel() before returning, or
// defer it where ctx is made.
//
// Up to N-1 workers stay blocked, holding what they captured, until ctx
// ends; a caller's context.Background() never does. When the collector
// made the context itself with context.WithCancel, the message names the
// cancel function that would free the workers. Reported at the first
// return of the collecting loop that comes after a receive. Not reported:
// a collector that defers the cancel or calls it before returning; a
// context made with a deadline; a buffered channel; a return taken
// because the context is done (in a case <-ctx.Done(), or under a
// condition that mentions ctx); a channel that is also drained or used
// elsewhere; workers whose select has more cases, or that are started
// once rather than in a loop.
//
// # Workers waited for before their results are received
//
// A fan-out that waits for its workers before it receives what they send
// deadlocks on the first send:
//
//	func RunAll(n int) []error {
//		errCh := make(chan error)
//		var wg sync.WaitGroup
//		for i := range n {
//			wg.Go(func() {
//				if err := work(i); err != nil {
//					errCh <- err
//				}
//			})
//		}
//		wg.Wait()
//		close(errCh)
//		...
//		for err := range errCh { ... }
//	}
//
//	the goroutine sends on unbuffered errCh, which RunAll receives from only after waiting for it: the first send deadlocks both
//
// The worker's send waits for a receive that comes only after Wait, and
// Wait waits for the worker. Receive while the workers run (a collector
// goroutine, or a receive loop before the Wait), or give the channel a
// buffer for every send.
//
// The rule: the channel is a local made with make(chan T) and no buffer;
// every goroutine using it is a function literal the function starts
// before a Wait on a sync.WaitGroup or an errgroup.Group, counted by that
// group (started with its Go, or calling its Done), that only sends on it
// outside a select; the function's own uses of it are receives, and a
// close, after that Wait. Not reported: a buffered channel; a receive
// before the Wait, or in a goroutine of its own (a collector); a sender
// the Wait does not count.
//
// # A channel handed to the caller, fed without its context
//
// A function given a context returns an unbuffered channel that a
// goroutine feeds in a loop with plain sends:
//
//	func (c *Client) Watch(ctx context.Context) <-chan Event {
//		ch := make(chan Event)
//		go func() {
//			for _, e := range c.events {
//				ch <- e
//			}
//			close(ch)
//		}()
//		return ch
//	}
//
//	the goroutine started in Watch sends on unbuffered ch, which Watch returns, without a select on ctx.Done(): it blocks forever once the caller stops receiving
//
// Cancelling ctx does not free it either: send in a select that also
// waits on <-ctx.Done().
//
// A caller that stops ranging early (on an error, a match, a return)
// leaves the goroutine blocked in its send for good, and cancelling the
// context, which is how a caller says it has stopped, never reaches it.
// Send in a select that also waits on <-ctx.Done() and returns.
//
// The rule: the channel is a local made with make(chan T) and no buffer,
// returned by an exported function or method, which has a
// context.Context parameter, or an unexported channel field filled with
// such a make (or one with a fixed buffer, below) in the &T{...} literal
// of a local that the function returns (res := &lister{names: make(chan string)}; ...; return res),
// which the caller reads through res's methods; the goroutine is a
// function literal the function starts, or a named function of the
// package it starts with the channel as an argument (go s.watch(ctx,
// ch), sending on that parameter), and sends on the channel outside
// a select (a send in a case's body is plain) in a loop, or in a
// function literal kept in a local variable that it calls in a loop
// (flush := func() { out <- batch }). A select on
// <-ctx.Done() around its other work does not wake a blocked send, and
// nor does handing the context to the work that produces the values
// (fetch(ctx)): a goroutine blocked in the send never reaches the next
// fetch. A channel made with a fixed buffer (make(chan T, 1), or a size
// the caller passes) is the same leak when the loop around the send has
// no stated bound (for {}, for cond {}, a range over a channel or a
// function): once the buffer is full, the send blocks as an unbuffered
// one does:
//
//	GetStream's goroutine sends on ch, which GetStream returns, in an endless loop with no select on ctx.Done(): it blocks once the buffer fills
//
// Not reported: a buffer sized to the values (len(xs), or a local set
// from it), which never fills; a fixed buffer over a known number of
// values (a range over a slice, a map or an integer, a for with a post
// statement), which it may hold; and a send to a fixed buffer followed by
// the goroutine's return (errc <- err; return), which the buffer holds
// unless the loop's other sends have filled it; functions without a context (nothing tells them the caller
// stopped, and the contract is theirs to document); a single send
// outside a loop; unexported functions, whose callers are all in the
// package and usually receive once per item they asked for.
//
// # A stop signal skipped on a path
//
// A goroutine that ends only when the function that started it closes a
// channel of its own (a stop or done channel) waits forever when some
// path of that function returns without the close: an error check added
// between the launch and the close is enough.
//
//	func Sync() error {
//		stop := make(chan struct{})
//		go func() {
//			for {
//				select {
//				case <-stop:
//					return
//				case <-t.C:
//					refresh()
//				}
//			}
//		}()
//		if err := load(); err != nil {
//			return err
//		}
//		close(stop)
//		return nil
//	}
//
//	the goroutine started in Sync waits for stop, but Sync returns at line 14 without closing it: the goroutine never stops
//
// Close the channel in a defer right after making it (defer close(stop)),
// or before every return.
//
// The rule: the function makes the channel (ch := make(chan T), any
// buffer) and starts one goroutine, outside any loop, that is either a
// function literal or go f(ch) where f, in this package or known through
// an analysis fact, only receives from its channel parameter and cannot
// return before a receive from it. Every way out of the goroutine (a
// return, the end of its body) lies past a receive from the channel (a
// plain receive, a select case, a range over it), so it cannot end
// without the function's signal. The function's other uses of the
// channel are all signals: close(ch), a plain send (for a goroutine that
// ranges over the channel only the close ends the range, and sends are
// values), a deferred close, or a deferred function literal that closes
// it or sends on it. Some path of the control-flow graph from the launch
// then leaves the function, at a return or the end of its body, without
// passing a signal. Paths that end the process or the goroutine (a
// panic, os.Exit, log.Fatal, t.FailNow, a fatal logger event, as in the
// early-return rule) do not count. Reported at the go statement, with the return
// and a signal on other paths as related positions.
//
// Not reported: a channel closed by a defer registered before the
// launch; a goroutine with another way out (a context's Done, a timer, a
// second channel); a channel used in any other way (stored in a field,
// passed to another function, closed by a function literal that is not
// deferred, such as a cancel function returned to the caller, received
// from by a second goroutine, assigned more than once, or not made by
// the function); a goroutine started in a loop; a function that never
// signals the channel (the goroutine is meant to live on, or is the loop
// rule's); main, init and launches by a sync.Once of the process (see
// the loop rule), which run once per process.
//
// # A request's context used after the handler returns
//
// An HTTP server cancels a request's context when the handler returns; a
// gRPC server does the same when the method returns, and go-zero hands each
// logic the request's context as l.ctx. A goroutine that the handler starts
// and does not wait for, and that works with that context, is cancelled
// the moment the response is written, or runs on with a dead context:
//
//	func (l *CheckLogic) Check(req *types.CheckReq) (*types.CheckResp, error) {
//		go func() {
//			_ = l.svcCtx.TaskModel.Insert(l.ctx, task)
//		}()
//		return &types.CheckResp{Status: "started"}, nil
//	}
//
//	the goroutine started in Check uses the request context l.ctx, which is cancelled when Check returns: its work is cut short
//
// Nothing waits for the goroutine. Give it context.WithoutCancel(l.ctx)
// (the suggested fix), which keeps the values but not the cancellation
// or deadline.
//
// context.WithoutCancel (Go 1.21) keeps the request's values (trace ids,
// loggers' fields) and drops its cancellation and deadline; give the
// goroutine its own timeout if it needs one. goroutineleak offers that fix
// in files at Go 1.21 or later that import context.
//
// Handlers are functions of type func(http.ResponseWriter, *http.Request)
// (declared or literal), gin handlers func(*gin.Context), echo handlers
// func(echo.Context) error, unary gRPC methods (ctx, *Req) (*Resp, error)
// of a type that embeds the generated Unimplemented...Server, and the
// entry methods of a go-zero logic type (a struct embedding logx.Logger
// with a field ctx context.Context): exported, returning an error last,
// without a context parameter of their own (a queue consumer's
// Consume(ctx, key, value) is not a request's logic). The request's context is r.Context() of the request
// (c.Request.Context() in gin, c.Request().Context() in echo), the gRPC
// ctx parameter, l.ctx, and any context variable of the handler derived
// from them (context.WithTimeout(r.Context(), d)), but not through
// context.WithoutCancel or a hand-written equivalent: a function (of this
// package, or of another known through an analysis fact) that does no
// work with its context and whose every return hands back a value of a
// struct type of its package that implements context.Context and
// declares its own Done, whose body uses none of the type's context
// fields, embedded or not (x/tools' xcontext.Detach, written before Go
// 1.21):
//
//	type detached struct{ context.Context } // keeps the values
//
//	func (detached) Deadline() (time.Time, bool) { return time.Time{}, false }
//	func (detached) Done() <-chan struct{}       { return nil }
//	func (detached) Err() error                  { return nil }
//
//	func detach(ctx context.Context) context.Context { return detached{ctx} }
//
// A wrapper that only adds values (it embeds the context and declares no
// Done), or whose Done returns its context's Done(), still carries the
// request's cancellation.
//
// The goroutine "works with" the context when its function literal passes
// it to a call; when it runs go f(ctx) and f's body passes its context
// parameter to a call (known across packages through analysis facts), or
// f is an interface method; or, in a logic, when it calls a method of the
// logic that uses l.ctx (directly or through other methods) for anything
// but logging.
//
// Not reported: handlers that may wait for their goroutines (a Wait
// method call, a channel receive, a select, a range over a channel, a
// channel handed to a function, or goroutines started through
// errgroup.Group.Go, sync.WaitGroup.Go or go-zero's RoutineGroup); a
// goroutine that only watches the context (ctx.Done(), ctx.Err()), which
// is meant to end with the request; a goroutine that only reads values or
// logs (log/slog, go-zero logx and logc, OpenTelemetry trace, gRPC
// metadata, or a function of the program, in this package or known
// through an analysis fact, that only calls ctx.Value or ctx.Deadline or
// passes the context to such functions: a loggerFrom(ctx) helper);
// streaming gRPC methods, whose context lives as long as the stream.
//
// # time.After in a loop, before Go 1.23
//
// Before Go 1.23 a timer made by time.After is not freed until it fires.
// As a case of a select in a loop, every iteration that another case wins
// leaves a timer behind, each holding memory for the whole duration:
//
//	for {
//		select {
//		case m := <-msgs:
//			handle(m)
//		case <-time.After(time.Minute):
//			return
//		}
//	}
//
//	time.After(time.Minute) in a loop makes a new timer on every iteration, and before Go 1.23 (this module's go line is 1.22) none is freed until it fires
//
// In consume they pile up while other cases win: create one time.NewTimer
// before the loop and Reset it, or raise the go line to 1.23.
//
// Reported only when another case of the select goes round the loop
// again: when every other case returns or leaves the loop, at most one
// timer outlives the loop, and nothing piles up. Nor is time.After with a
// constant duration of zero or less (time.After(0)) reported: that timer
// fires at once and is freed. A select nested in
// another select's case counts the same way. When the select sits in an
// inner loop, going round the inner loop keeps the timer; a case that
// continues the timer's own loop (continue outer) makes the next timer
// while this one is pending, and is reported.
//
// A helper that returns time.After's channel counts as time.After at its
// call, in this package or, through an analysis fact ("returns a fresh
// timer channel"), in others: every return of the helper is time.After(d)
// or nil, and it returns nothing else.
//
//	func randomTimeout(d time.Duration) <-chan time.Time {
//		return time.After(d + jitter(d))
//	}
//
//	randomTimeout(hb) in a loop makes a new timer on every iteration, and before Go 1.23 (this module's go line is 1.22) none is freed until it fires
//
// The related position is randomTimeout, which returns time.After's channel.
//
// The same holds for a timer assigned in the loop and selected on later
// (idle := time.After(d) at the top of the body, then case <-idle), or
// re-armed in another case (idle = time.After(d) on every message). A
// timer re-armed only in its own case, once the previous one has fired,
// leaves one timer at a time and is not reported.
//
// Since Go 1.23 the runtime collects unreferenced timers. That behaviour
// follows the main module's go line (through GODEBUG asynctimerchan), not
// the file's: goroutineleak reads it from the analysis driver (pass.Module)
// and reports only packages of the main module whose go line is below
// 1.23. It stays silent when the driver does not tell the module, and for
// dependencies, whose timers follow whichever main module builds them.
// Rewriting to a reused timer changes the code's structure, so no fix is
// offered.
package goroutineleak
