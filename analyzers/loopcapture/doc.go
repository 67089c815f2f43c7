// Package loopcapture defines an Analyzer that reports function literals
// that read a loop variable after the loop has changed it.
//
// # Analyzer loopcapture
//
// loopcapture: report closures that see a loop variable change under them
//
// A function literal started in a loop by go, defer, errgroup.Group.Go,
// sync.WaitGroup.Go, or t.Run with t.Parallel runs after its iteration has
// moved on. If it reads a variable that the loop changes, it sees whatever
// the variable holds when it gets round to reading it: usually the last
// value. Every goroutine emails the last doctor:
//
//	for _, doc := range doctors { // a Go 1.21 file
//		go func() {
//			send(doc)
//		}()
//	}
//
// loopcapture reports:
//
//	goroutine reads loop variable doc after the loop has changed it (every goroutine sees the last value)
//
// Pass the variable as an argument, so that each literal gets the value of
// its own iteration (the suggested fix):
//
//	for _, doc := range doctors {
//		go func(doc Doctor) {
//			send(doc)
//		}(doc)
//	}
//
// Go 1.22 made the variables that a for or range loop declares with :=
// per-iteration, which fixes the code above in files at go1.22 or later.
// It did not fix variables declared outside the loop, which are shared in
// every version:
//
//	var conn net.Conn
//	for {
//		conn, err = l.Accept()
//		if err != nil {
//			return err
//		}
//		go func() {
//			handle(conn) // every handler may serve the newest connection
//		}()
//	}
//
//	goroutine reads variable conn, declared outside the loop, after the loop has changed it (every goroutine sees the last value)
//
// The same holds for the = forms of loops, for _, doc = range doctors and
// for i = 0; i < n; i++, over variables declared before the loop.
//
// # The rule
//
// A site is a function literal that runs later than the statement that
// starts it:
//
//   - go func() {...}() and errgroup.Group.Go, TryGo, sync.WaitGroup.Go,
//     go-zero's threading.GoSafe, GoSafeCtx and RoutineGroup.Run, RunSafe
//     with a literal: the goroutine runs concurrently with the loop;
//   - defer func() {...}(): the literal runs when the function returns;
//   - t.Run(name, func(t *testing.T) {...}) whose literal calls t.Parallel()
//     among its top-level statements: what follows that call runs after
//     the test function has returned. Reads before t.Parallel() run while
//     the loop waits, and are not reported.
//
// At a site inside a for or range loop, loopcapture looks at each local
// variable the literal refers to and is declared outside it. The variable
// is shared across the iterations of a loop when it is declared before the
// loop, or, in a file whose Go version is before 1.22 (from the go.mod go
// line or a //go:build go1.N constraint), when the loop's header declares
// it. A variable declared in the loop body, or by the header in a file at
// go1.22 or later, is per-iteration and never reported. A file whose
// version is unknown counts as new.
//
// In a file before Go 1.22, a go statement that hands the goroutine the
// address of a variable its loop's header declares is reported too: go
// update(&svc), or go svc.run() where run has a pointer receiver and svc
// is not a pointer (the call takes &svc). The goroutine reads the one
// variable every iteration shares while the next iteration overwrites it:
//
//	goroutine gets the address of loop variable svc, which the next iteration overwrites (before Go 1.22 every goroutine shares it)
//
// So is a call that hands such an address to a function of the package
// whose body starts a goroutine with that parameter (go
// c.update(svc), or a go func literal reading it):
// lbc.allocateService(&svc), with allocateService starting go
// lbc.updateService(svc). A callee that only reads the value at once is
// not. Copy it first (svc := svc), or pass the value. Not reported: a loop
// whose body, after the go statement, waits for what it started (a
// WaitGroup's or an errgroup's Wait); a pointer loop variable (its value
// is handed on, not its address).
//
// A shared variable is reported when the control-flow graph of the
// function has a path from the site, staying in the loop, to a place that
// changes the variable: the range header that assigns it, the post
// statement, or an assignment that runs in every iteration (not one under
// an if, switch or select, such as a lazy initialisation). For goroutines
// the path must also pass no wait: a sync.WaitGroup, errgroup.Group or
// threading.RoutineGroup Wait call, or a receive (a <-ch expression, a select case, a range loop) from a
// channel the literal refers to, for instance one it sends on or closes.
// Deferred literals and parallel subtests run after the loop whatever it
// waits for. A path that leaves the loop (return, break, a call that never
// returns) ends the search. A call that never returns includes one the
// control-flow graph cannot see into: a method called through an
// interface (tb.Fatal on a testing.TB) or a function of another package
// (testify's require.FailNow) named Fatal, FailNow, Skip, Exit, Goexit or
// Panic (with their f, ln and Now forms) that returns nothing; a test's
// timeout case that calls t.Error goes on to the next iteration, and is
// followed.
//
// The rule therefore covers nested loops (the variable of an outer loop),
// captures through &v, method calls and method values on the variable,
// generic functions, and range-over-int and range-over-func loops (whose :=
// variables are per-iteration; their = forms are shared).
//
// Every line of the literal that uses the variable is reported, with the
// place where the loop changes it as related information.
//
// Not reported, because the variable cannot change under the literal:
//
//   - the loop waits for the goroutine in the same iteration (wg.Wait(),
//     g.Wait(), a receive from the goroutine's channel), or leaves the loop
//     after starting it;
//   - the variable is passed as an argument, or copied (v := v) in the
//     iteration and the copy is captured;
//   - := loop variables in files at go1.22 or later;
//   - a variable the loop does not assign, or assigns only under a
//     condition;
//   - a variable the loop assigns only while a boolean flag is off, read
//     by a goroutine started when it is on: the site sits in if flag
//     {...} or past a guard if !flag { break } (with no assignment of
//     flag between the guard and the site), and on the paths from the
//     site every if on flag that disagrees with what is known is not
//     followed, an assignment of a computed value makes flag unknown and
//     the next if on it teaches it again (a server that starts its
//     GOAWAY sender once, when a shutdown flag turns on, and skips the
//     assignment under if shutdown { continue });
//   - a named result read by a deferred literal: reading its final value is
//     what a deferred function wants;
//   - a slice read by a deferred literal only at this iteration's index
//     (muxes[i], with i per-iteration or constant), when the function only
//     ever grows the slice by appending to it and reads it otherwise only
//     through len, cap, range or an element: append never changes an
//     element already there, so muxes[i] is this iteration's when the
//     deferred call runs. muxes[len(muxes)-1], a store into an element, or
//     a goroutine (which reads the slice while the loop writes it) stay
//     reported.
//
// # Fixes
//
// Where the literal is called on the spot (go func() {...}() and defer
// func() {...}()), the fix passes the variables as arguments. Where its
// signature is fixed (errgroup.Group.Go, threading.GoSafe, t.Run), the fix
// copies them before the call: v := v for a loop variable of a file before
// Go 1.22, and a fresh variable (vCopy := v, read by the literal) for a
// variable declared outside the loop, or where the rest of the body assigns
// the loop variable or takes its address, so that a shadowing copy would
// change what the body does. No fix is offered when the literal itself
// assigns the variable, or when its type cannot be written in the file.
//
// # Relation to go vet's loopclosure
//
// go vet's loopclosure reports the same trap, in files before Go 1.22
// only, for the variables of the loop header, and only when the go, defer
// or errgroup Go statement is the last statement of the loop body (or of
// an if, switch or select that is last). loopcapture reports everything
// loopclosure reports, on the same lines, and also: sites that are not
// last, with the control-flow graph deciding whether the loop waits;
// sync.WaitGroup.Go; and variables declared outside the loop, in every Go
// version. loopcapture's result records the lines it reported on, and the
// trapvet driver keeps loopclosure silent on them, so that one mistake
// yields one finding. loopcapture is silent where loopclosure is not only
// when the control-flow graph shows the variable cannot change under the
// literal: the goroutine is last in an inner loop that never exits, or the
// loop's next step is a range over a channel the goroutine sends on, which
// waits for it.
//
// # Limits
//
// Only sites directly in the loop's function are seen: a literal started
// by a helper, or a function value started by go f(), is not followed.
// Waits are recognised by their standard shapes; a wait through a helper
// function, a mutex or a condition variable is not, and the finding should
// be suppressed with the reason. Variables changed through a pointer
// (rows.Scan(&v)) or by assignments under a condition are not treated as
// changed. Package-level variables are not reported: they are usually
// shared on purpose. Any wait on any WaitGroup, errgroup or RoutineGroup
// counts, even one that does not cover the goroutine.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the reported line or the
// line above it:
//
//	send(doc) //trapvet:ignore loopcapture the loop runs once per process, doc never changes after
package loopcapture
