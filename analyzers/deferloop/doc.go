// Package deferloop defines an Analyzer that reports defer statements that
// pile up in a loop.
//
// # Analyzer deferloop
//
// deferloop: report defers in loops that hold resources until return
//
// A deferred call runs when the surrounding function returns, not at the end
// of a loop iteration. A defer directly in a loop body therefore keeps every
// iteration's resource (an open file, a held lock, a database row set, a
// tracing span, a context's timer) alive until the whole loop and the rest of
// the function have finished. Over a long input the process runs out of file
// descriptors or connections; with a mutex, the second iteration deadlocks.
//
//	func processAll(paths []string) error {
//		for _, p := range paths {
//			f, err := os.Open(p)
//			if err != nil {
//				return err
//			}
//			defer f.Close() // every file stays open until processAll returns
//			if err := process(f); err != nil {
//				return err
//			}
//		}
//		return nil
//	}
//
// deferloop reports:
//
//	defer f.Close() in loop: every f stays open until processAll returns
//
// Move the iteration into a function, so the defer runs once per iteration:
//
//	for _, p := range paths {
//		if err := processOne(p); err != nil {
//			return err
//		}
//	}
//
// or, when the body is self-contained, wrap it in a function literal called
// on the spot. deferloop offers that rewrite as a suggested fix when it is
// safe: the loop body contains no return, break, continue, goto or label
// whose meaning the literal would change, and the deferred call releases
// what the iteration itself acquired (a method on a value declared in the
// loop, such as f.Close() or tx.Rollback(); a cancel function made there;
// an Unlock whose Lock is in the same body). A deferred call that reaches
// outside the iteration (os.RemoveAll(dir), registry.Remove(id)) may be
// observed after the loop, so it gets no fix; nor does a deferred call
// whose value, or whose cancel's context, a goroutine started in the
// iteration uses: releasing it at the end of each iteration would pull it
// from under the goroutine.
//
// # The rule
//
// A defer statement is reported when it appears in the body of a for or
// range loop of the same function (not inside a function literal in the
// body), and control can flow from the defer back to the head of an
// enclosing loop. The control-flow graph decides: a loop whose body always
// returns, breaks out or calls a function that never returns (log.Fatal,
// os.Exit, panic) after the defer runs the defer at most once, and is not
// reported. A switch without default whose cases list every constant of
// its tag's defined type (switch h.act { case actExit: ...; case
// actContinue: ...; case actUndo: ... }) has no way out for a value no case
// lists: if every case returns, so does the iteration.
//
// The same lock locked and deferred in every iteration is reported: the
// second Lock deadlocks. A lock is known by its methods' names (Lock and
// Unlock, RLock and RUnlock), of sync's types or the program's own, also
// when the lock returns a token that the unlock takes back (t :=
// mu.RLock(); defer mu.RUnlock(t): a reader-biased mutex). One lock per
// item held across the loop is reported when the items come in an order
// the function does not control:
//
//	func (s *bank) transfer(ids []string, amount int) {
//		for _, id := range ids {
//			w := s.wallets[id]
//			w.mu.Lock()
//			defer w.mu.Unlock()
//			w.balance += amount
//		}
//	}
//
//	defer w.mu.Unlock() in loop: one lock per item of ids stays held until transfer returns: a repeated item or calls in opposite orders deadlock
//
// A repeated item deadlocks on its own lock; two calls with the items in
// opposite orders deadlock each other. Sort and de-duplicate ids before
// the loop (for a literal list, lock the items in a fixed order, such as
// by ID, each once).
//
// The items are the caller's when the loop ranges over a parameter, a list
// built from parameters, or a literal of them (for _, w := range
// []*wallet{from, to}: move(a, b) and move(b, a) deadlock each other, and
// move(a, a) deadlocks itself). A list sorted but not de-duplicated is
// reported for its repeats alone, and a loop that skips repeats (if
// seen[id] { continue }) but keeps the caller's order for the order alone. A loop over a map takes the locks in a
// different order in every call and is reported for that order: lock the
// entries in sorted key order. A deferred RUnlock is reported the same way: a
// repeated item is read-locked twice, which deadlocks once a writer waits
// between the two read locks. These findings get no suggested fix: holding
// every lock until return is the point of such a loop; the order is what
// needs fixing.
//
// Not reported, because holding until return is the intent, or the count
// is known to be small:
//
//   - the deferred call releases a value that the iteration also stores where
//     it outlives the iteration: appended to a slice, assigned to a variable
//     declared outside the loop or through a pointer, map or slice, sent on a
//     channel, handed to a goroutine started in the iteration (go
//     serve(conn)), or an element of a container declared outside the loop
//     (defer conns[i].Close()). The function goes on using it after the
//     iteration, so it must stay open. Storing the value means storing the
//     value itself or a value that holds it: a field, element, slice or
//     address of it, a struct or slice literal or a closure containing it, a
//     method value bound to it, a local variable holding it, a wrapper made
//     from it whose type can refer to it (bufio.NewReader(f) holds f in an
//     io.Reader field; a constructor returning an interface other than error
//     may wrap it), its descriptor (f.Fd()). The result of a call the value
//     is passed to does not hold it when its type cannot refer to it:
//     err = call(conn) keeps an error, ok = check(f) a boolean, n, err =
//     conn.Write(b) a count and an error, and a retry loop that dials,
//     defers conn.Close() and keeps only each attempt's error is reported.
//     Nor does a number or string field of it (id = c.id). A release
//     function that a call returned beside a value releases that value
//     (s, done := allocSet(keys); defer done(); toNotify = append(toNotify,
//     s): a pooled set handed back at return, after the sets are used);
//     a connection used only in its iteration (c, release, err :=
//     acquire(); defer release()) is reported. A deferred
//     cancel in a loop over data at hand whose context (assigned with it:
//     cctx, cancel := context.WithCancel(ctx)) a goroutine started in the
//     iteration is given or captures is kept the same way: the function
//     waits for the goroutines, and the cancels at return stop the ones
//     still running after an early return;
//   - the deferred call releases a variable declared before the loop that
//     the loop reassigns, and the loop also makes the same call without
//     defer, directly or in a function literal it calls: each value is
//     released by hand before the variable takes the next (conn.Close();
//     conn, err = server.Connection(ctx); defer conn.Close()), and the
//     defer covers the last;
//   - every path from the defer back to the loop's head makes the same
//     call again without defer (rows, err := db.Query(...); defer
//     rows.Close(); ...; rows.Close()): the defer covers the iteration's
//     early returns, and the value is released before the next iteration
//     takes another. A path that returns may skip the explicit call, and
//     so may one that breaks out of the loop (it keeps one value). A call
//     made on some iterations only (in an if, after a continue, or inside
//     an inner loop that may not run) is still reported. A deferred
//     Rollback counts as made by the transaction's Commit (tx.Commit(),
//     tx.Commit(ctx)), which ends it;
//   - a deferred Unlock of one lock per item (each iteration locks a
//     different value) in an order the code makes safe, so that no call
//     locks an item twice and no two calls lock the same items in opposite
//     orders: a range over an array or slice of a data structure or a
//     package variable (for _, sh := range s.shards), over a literal of
//     known fields (for _, mu := range []*sync.Mutex{&s.a, &s.b}), by index
//     over locks stored in a list itself (mus[i] of a []sync.Mutex: each
//     slot is a lock of its own); a walk along the links of a chain (for p :=
//     n.parent; p != nil; p = p.parent: every call locks ancestors deepest
//     first); a list the function sorts and de-duplicates first
//     (slices.Sort(ids); ids = slices.Compact(ids), or
//     slices.Sorted(maps.Keys(m)), or a sorted list whose loop skips a
//     repeat with continue). A lock taken with TryLock never waits;
//   - a defer in a branch that runs once per call because it sets its own
//     guard (if !locked { mu.Lock(); defer mu.Unlock(); locked = true }),
//     a guard on a variable being nil, "" or 0 that the branch assigns,
//     also in the init of an if (if dir == "" { if dir, err =
//     os.MkdirTemp("", "x"); err != nil { return err }; defer
//     os.RemoveAll(dir) }), or a guard before the defer that leaves the
//     iteration unless a variable or field is nil, false or empty and a
//     statement between it and the defer sets it (case "pty-req": if
//     sess.pty != nil { continue }; sess.pty = &req; defer
//     close(sess.winch)), or one whose condition reads a variable that
//     every path from the defer back to the loop's head marks with a
//     constant other than its zero value (if hasFlag(state, seen)
//     { return err }; ...; defer f.Close(); addFlag(&state, seen), or
//     opened = true): the guard reads the mark. A guard whose variable
//     gets a value computed per iteration (found = check(f)) or counted
//     (n++) does not make the defer run once, and is reported;
//   - a rollback: a deferred function literal that acts only when the
//     function fails, its body starting with if err == nil { return } (or
//     err == nil || ...) or being a single if err != nil { ... } (or
//     err != nil && ...), for an error variable declared outside the loop
//     (the function's error result, or one it returns). On success it
//     releases nothing, since what the iterations opened is kept; on
//     failure it undoes every iteration at return, which is its purpose;
//   - a completion step: a deferred function literal whose body is a
//     single if err == nil { ... } (or err == nil && ...) on such an error
//     variable, and that makes no call that releases (see "What releases"
//     below: no Close, Unlock, Rollback, Stop, Cancel or End, no context
//     cancel, no os.Remove): it finishes the function's work once that
//     has succeeded (each index created after its table), at return on
//     purpose;
//   - a span held over the rest of the function: in a range over a slice,
//     array, map or string, the body's last statement defers End or
//     Finish on a variable the body declares, and nothing else uses it or
//     the other results of the call that made it (_, span :=
//     tr.Start(ctx, "fetch"); defer span.End(), one span per waiting
//     caller around the fetch that follows the loop): ending each span in
//     its iteration would time nothing. A span whose context the
//     iteration uses, or one opened in a loop that counts to a run-time
//     number, stays reported;
//   - the cancel of a context made with a deadline (context.WithTimeout,
//     WithDeadline) in a loop over data at hand (a range over a slice,
//     map or string, a counter up to its len): one context per resolved
//     address or per network, each freeing its timer at its deadline, kept
//     until the return at no cost; and in a retry loop under a deadline
//     of its own function, which leaves the loop once ctx.Err() != nil (or
//     <-ctx.Done() is ready) for a local ctx made with WithTimeout or
//     WithDeadline outside the loop, and sleeps or waits on a channel in
//     every pass (time.Sleep(bo.Pause())): at most the deadline over the
//     pause, a few dozen attempts. In a loop the code does not bound
//     otherwise (over a channel, for {} under a context the function was
//     given or holds in a field, a retry loop that never waits) it is
//     reported: every iteration leaves a deferred call behind;
//   - a deferred Close of a reader io.NopCloser made in the iteration (a
//     retry loop that resets a request's body from bytes in memory): a
//     local every assignment of the body gives such a reader, or a getter
//     of the package (Body() returning r.body) whose field the nearest
//     earlier setter call (SetBody(b) storing r.body = b) of a statement
//     list around the defer gave one. That Close does nothing: nothing is
//     held. A reader that may be a file on some path is reported;
//   - loops whose trip count is fixed in the code and small (at most
//     -deferloop.maxfixed, default 8): a range over a short literal, over a
//     local variable holding one that is never reassigned (re-slicing it,
//     probes = probes[:1], only shortens it), over an array or a
//     small constant, or for i := 0; i < 2; i++ (per-item locks are judged
//     by their order instead: two of the caller's items are enough to
//     deadlock);
//   - the deferred call releases an element of a slice or map declared
//     before the loop, or a copy of one (for _, f := range files, or
//     f := files[k]; defer f.Close()): the container held it before the
//     iteration and holds it after;
//   - the deferred call only undoes a state change the iteration made
//     before it: a function literal assigning back what the body assigned
//     (p.busy = true; defer func() { p.busy = false }()), or a setter called
//     again on the same key with another value (os.Setenv("X", p); defer
//     os.Setenv("X", old)), or the inverse method on the same receiver
//     with the same arguments (if err := c.clearBreakpoint(a); ...; defer
//     c.setBreakpoint(a); also disable/enable, remove/add, hide/show,
//     unset/set, suspend/resume, pause/resume, mute/unmute, in either
//     order; acquire and release pairs such as lock/unlock are no such
//     toggle), or a sync.WaitGroup's Done after an Add to it in
//     the iteration (wg.Add(1); defer wg.Done(), or a method of the package
//     that adds to the same field of its receiver: m.start(); defer
//     m.wg.Done()), unless the function itself waits on that WaitGroup
//     (the Wait would wait for Dones that run only after it returns: a
//     deadlock). Nothing is held; the state is reset late;
//   - the deferred call is of a function or concrete method declared in
//     the package, whose name is no release verb, and that releases
//     nothing (see "What releases" below), in its body or in the body of
//     any function of the package it calls: it sets times, logs, appends
//     to a result, updates fields (fsutil's Copy defers
//     fixCreatedParentDirs(createdDirs, ci.Utime), which sets the times of
//     the directories each match created, after every match is copied
//     into them). Nothing is held per iteration; running it on return is
//     the author's choice. This covers the inverse method and the setter
//     of the item above when the package declares them and they release
//     nothing; a deferred function literal, a setter of another package
//     and a WaitGroup's Done stay that item's to decide.
//     A defer of these two kinds is reported only when the iteration also
//     holds a resource (another defer of the loop is reported), and then
//     no fix is offered for any defer of the loop: a function per
//     iteration would run it at the end of each iteration instead of on
//     return;
//   - code other than production code (docs/scope.md): a test's or a
//     benchmark's defers run when it ends, which is what table-driven tests
//     that keep each case's server open rely on. -deferloop.scope=all
//     reports it too (-deferloop.tests adds the tests). Test support (a
//     package of test helpers, a soak, stress or e2e harness) is reported
//     for a loop the code does not bound (its rule deferloop.unbounded): a
//     loop with no condition or another condition than a counter, a counter
//     up to a count read at run time (a configured number of iterations),
//     a range over a channel, an iterator or a run-time integer. Such a
//     loop runs as long as the harness, holding every iteration's
//     connection until it ends; a helper's loop over a test's table ends
//     soon after. A defer whose only effect is cancelling a context is not
//     of that rule, in any loop: a call of a local variable that the
//     function only assigns the cancel result of context.WithCancel,
//     WithTimeout, WithDeadline or their ...Cause forms (defer cancel(),
//     defer cancel(err)), or a function literal whose body only calls such
//     variables, with arguments that call nothing but errors.New or
//     fmt.Errorf (defer func() { cancel() }()). It holds a context and at
//     most its timer, no descriptor, connection or lock, and a test
//     cluster's polling helper (for { ctx, cancel :=
//     context.WithTimeout(...); defer cancel(); select ... }) returns with
//     its test. In production code it is reported: a loop there that
//     derives contexts from a long-lived parent grows the parent's children
//     until it returns;
//   - a defer that runs at most once by construction: in a select case
//     that receives from a timer made before the loop and never reset
//     (case <-t.C of t := time.NewTimer(d), or of after := time.After(d)):
//     the timer fires once, however often the loop turns. A Reset under
//     if t.Stop() re-arms only a timer that has not fired, and keeps it
//     once; any other Reset makes the case repeat;
//   - a loop that takes every slot of a semaphore: a single loop that runs
//     exactly as many times as the buffered channel has slots (for range n
//     over make(chan struct{}, n)), sends on it and defers the receive that
//     gives the slot back. The function waits out all other holders and
//     returns every slot on return. A loop that takes one slot per job is
//     reported: past the capacity it blocks on its own slots;
//   - a set of per-item locks taken by a function pair (lockFile(f) with
//     defer unlockFile(f)) over a list the function sorts first, whatever
//     call returned it: every call takes them in the same order, and
//     holding them all until return is the point of the loop. A repeated
//     item is not judged, as it is for a mutex: what a second lockFile(f)
//     does (fail, as an exclusive lock file does, or wait) depends on the
//     function;
//   - a callback read from a field before the loop and not reassigned in
//     it (cb := p.onError; defer cb(id, err)): it releases nothing the
//     iteration took, and deferring it runs the handler once per item
//     after the function's own work, after it unlocks the mutex the loop
//     ran under. A function value the code makes itself (release = c.Close,
//     unlock := mu.Unlock) may release what the loop took and is reported;
//   - a method of the package, without arguments, deferred on the same
//     variable in every iteration (declared before the loop and not
//     assigned in it), whose body acts at most once per value: its
//     guard tests a flag of the receiver that the guarded code sets
//     (if !f.syncedClosed { f.syncedClosed = true; close(f.synced) }, or
//     if f.closed { return }; f.closed = true), or it runs a sync.Once of
//     the receiver. On return the first deferred copy acts and the
//     others find the flag set: together they do what one deferred call
//     does, and nothing is held per iteration
//     (client-go's FIFO.Pop defers checkSynced so that it runs after the
//     item is processed). A method without such a guard is reported: a
//     scope popped per iteration (defer r.closeScope() after
//     r.openScope()) is popped late, and a close repeated on return
//     panics;
//   - defer inside a function literal that is called per iteration.
//
// # What releases
//
// A call releases when it calls close(ch), a context's cancel function, a
// sync.Pool's Put, or a function or method of any package whose name is a
// release verb, alone or followed by a capitalised word, a digit or an
// underscore (Close, CloseWithError, closeFile, RemoveAll, unlockPage; not
// Closed or Endpoint): Close, Unlock, RUnlock, Rollback, Release, Stop,
// Cancel, End, Finish, Done, Remove, Delete, Unlink, Free, Shutdown,
// Abort, Disconnect, Unmount, Unregister, Unsubscribe. A function of the
// package is read further: it may release when its body, or the body of a
// function of the package it calls or names as a value, makes a call that
// releases, sends on a channel or receives from one as a statement (<-sem
// gives a semaphore's slot back; <-ctx.Done() waits), or calls what the
// analysis cannot read: a function value (a parameter, a field, a
// variable: a cancel or a bound Close may be behind it), a method of an
// interface or a type parameter other than Error, String and
// context.Context's Deadline, Done, Err and Value, a function without a
// body. The answer is computed once per function of the package and
// follows calls through any depth of the package, cycles included; a
// call into another package releases only when its name says so.
//
// # Limits
//
// Loops built from goto and labels are not seen as loops. Per-item locks
// are judged only when the loop body itself takes the lock with Lock or
// RLock and the order of the items can be traced in the function: items
// from a call (ids = uniqueSorted(ids)), a channel, an iterator function or
// a field of a parameter (req.IDs) are left alone, and only the innermost loop's order is judged. A value passed
// to a call that stores it (pool.Add(conn), a closure given to errgroup's
// Go) is not seen as kept, and the loop is reported; nor is a result whose
// type cannot refer to the resource but whose value points into memory the
// resource owns (a byte slice of an iterator's current block). A method
// is seen to act once only when its own body shows the guard (a flag of
// its receiver, a sync.Once); a method of another package, or one that
// calls a guarded helper, is not read. A cancel is seen as one only
// through the variable the context function's result was assigned to: a
// copy of it (stop := cancel), a field holding it, a parameter, a cancel
// captured from the function around a function literal that holds the
// loop, or a closure that also does anything else counts as a resource in
// test support. A function of another package is judged by its name
// alone: one that releases under another name (atomic.AddInt64(&n, -1) on
// a counter of slots, fmt.Fprintln to a writer that is a pipe) is taken
// to release nothing when a function of the package calls it, and a
// function of the package that gives back a resource only by changing its
// own state (delete(inUse, id) under a name such as markIdle) is taken to
// hold nothing. A deferred function literal is not summarised: only the
// rules above for literals (a rollback, a completion step, a state change
// undone) judge it. A defer in a loop
// that the programmer knows runs only a few times (three retries) is still
// reported: the function-per-iteration form is as short and never wrong;
// suppress the finding if you disagree.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the line of the defer or the
// line above it:
//
//	defer f.Close() //trapvet:ignore deferloop at most three files, closed together on return
package deferloop
