// Package deferarg defines an Analyzer that reports deferred calls whose
// arguments are evaluated before the function has finished changing them.
//
// # Analyzer deferarg
//
// deferarg: report deferred calls that miss later argument values
//
// The arguments of a deferred call, and its receiver, are evaluated when
// the defer statement runs, not when the call does. A deferred call that
// is meant to report how the function ended therefore sees how it began:
//
//	func send(w io.Writer) {
//		pr, pw := io.Pipe()
//		go upload(pr)
//		var err error
//		defer pw.CloseWithError(err) // err is nil here, and stays nil for the call
//		if err = writeData(pw); err != nil {
//			return // the reader sees a clean end of stream
//		}
//	}
//
// deferarg reports:
//
//	deferred CloseWithError sees err as it is at the defer statement, not as assigned later
//
// with the assignment as a related position. The same trap hides in defer
// span.End(err), defer metrics.Done(status) and, with a named result,
// defer log.Printf("done: %v", err): a return statement assigns the named
// result after the defer, and the call never sees it. Defer a function
// literal, which reads the variables when it runs (the suggested fix):
//
//	defer func() { pw.CloseWithError(err) }()
//
// go vet's defers analyzer reports one form of the trap, time.Since in a
// deferred call's arguments, which measures the time until the defer
// statement. deferarg reports it too, with the same fix:
//
//	defer recordLatency(time.Since(start))
//
//	time.Since(start) is evaluated at the defer statement: recordLatency gets the time until the defer, not until return
//
// and where both run, defers stays silent on the lines deferarg reported.
//
// # The rule
//
// A defer statement whose call is not a function literal is reported when
// its call evaluates a local variable of the function (in an argument,
// outside function literals and not under &, or as the receiver of a
// method) and the control-flow graph has a path from the defer statement
// to a statement that changes the variable, and on from there to an exit
// that runs deferred calls: a return, the end of the function, a panic,
// runtime.Goexit or a test's FailNow. A path that ends the process
// (os.Exit, log.Fatal, a function ctrlflow knows never returns) runs no
// deferred call and does not count. A path that comes back to the same
// defer statement stops there: in a loop, each iteration's defer takes
// that iteration's value, which is what a deferred call per iteration
// means.
//
// A statement changes a variable when it assigns it (=, op=, ++, --, a :=
// that redeclares it in the same scope, a range clause with =), assigns a
// field or element of a struct or array held by value, passes its address
// to a call (row.Scan(&status)), calls a
// function literal that does any of these (in place, through the variable
// it is bound to, passed to a call, or in a later defer, which runs
// first), or, for a named result, returns a different value (return err
// for the result err changes nothing; a bare return neither). A variable
// declared inside a loop that also holds the defer is a new variable in
// each iteration: a change reached only through the loop's next iteration
// is not the deferred call's variable.
//
// What the variable stands for, its role, decides whether a change is
// reported:
//
//   - an outcome: a variable of an error interface type, a named result,
//     or a variable that holds only a placeholder when the defer is made
//     (declared without a value, or assigned nothing but constants, nil
//     and empty composite literals before it: var err error, status :=
//     200, var tx *Tx, var lines []string). Such a variable exists to be
//     filled in later, and the call means to see the value at return:
//     reported;
//   - a held value: any other variable, holding a value computed before
//     the defer. The deferred call takes that value as it is, and code
//     that reuses the variable later means it to: the call releases the
//     very value it was given (f, err := os.Open(name); defer f.Close();
//     dir, err := os.MkdirTemp("", "x"); defer os.RemoveAll(dir); l :=
//     acquire(); defer l.release()), and the next value gets a defer of
//     its own; or the call records a snapshot (start := time.Now(); defer
//     record(start); n := len(queue) before a loop that counts n down).
//     Not reported, whatever the variable is assigned later. What a
//     pointer, map, slice or channel refers to may change freely: the
//     deferred call sees it.
//
// A value method's receiver is copied at the defer, so var st stats;
// defer st.log(); st.n++ is reported like an argument. A deferred pointer
// method called on a variable held by value takes its address (defer
// wg.Wait()) and sees every change. A later call of a pointer method on
// the variable does not count as a change: most such methods only read
// their receiver (rw := pool.Get(); defer pool.Put(rw); r, err :=
// rw.NewReader(res)).
//
// The fix is offered only when the defer is not in a loop (a literal there would capture the variables
// that the call copies per iteration), the receiver and arguments call
// nothing but conversions and time.Since (defer un(trace("f"), err) must
// run trace at the defer statement), and nothing else the call reads
// would change under the literal: a held value the function assigns
// later (defer closeAndLog(conn, err) after which conn is redialled), or
// a package variable held by value.
//
// Not reported, because the deferred call sees what it means to:
//
//   - held values (above) and constants, package-level variables (which any function may change),
//     and variables of enclosing functions;
//   - a variable of the same name declared in an inner block or closure
//     (if err := f(); err != nil), which is another variable;
//   - a function literal, defer func() { record(err) }(), which reads err
//     when it runs; and the arguments of a deferred function literal,
//     defer func(e error) { ... }(err), which are written out to be
//     copied;
//   - an argument passed by address, defer save(&err).
//
// # Limits
//
// Changes made through a pointer taken before the defer, by another
// goroutine, or by a called function that is not a literal of the same
// function (a method that assigns a field of its receiver held elsewhere)
// are not seen. Whether a variable held a placeholder at the defer is
// decided from the assignments that precede the defer in the source, not
// along each path. A deferred function value (defer done() after done =
// start()) and receivers reached through fields (defer s.conn.Close())
// are not followed. Arguments that are calls other than time.Since
// (defer log(buf.String())) are evaluated at the defer too, but are not
// reported: most such calls mean to run there. A held value that the call
// does mean to see at return (status := initial(); defer
// record(status), then status = 500 on failure) is missed: the role is
// read from the variable, not from the callee, and silence on every
// release and snapshot is worth that miss.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the line of the defer or the
// line above it:
//
//	defer log.Printf("setup: %v", err) //trapvet:ignore deferarg logs the setup error only
package deferarg
