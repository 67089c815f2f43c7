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
// observed after the loop, so it gets no fix.
//
// # The rule
//
// A defer statement is reported when it appears in the body of a for or
// range loop of the same function (not inside a function literal in the
// body), and control can flow from the defer back to the head of an
// enclosing loop. The control-flow graph decides: a loop whose body always
// returns, breaks out or calls a function that never returns (log.Fatal,
// os.Exit, panic) after the defer runs the defer at most once, and is not
// reported.
//
// Not reported, because holding until return is the intent, or the count
// is known to be small:
//
//   - the deferred call releases a value that the iteration also stores where
//     it outlives the iteration (appended to a slice, assigned to a variable
//     or map declared outside the loop, sent on a channel), hands to a
//     goroutine started in the iteration, or that is an element of a
//     container declared outside the loop (defer conns[i].Close()): the
//     function goes on using it after the iteration, so it must stay open;
//   - a deferred Unlock of a lock that differs per iteration (hand-over-hand
//     locking of each parent, one lock per item): the loop holds a set of
//     locks on purpose, and no later Lock waits for an earlier one. The same
//     lock locked and deferred in every iteration is reported: the second
//     Lock deadlocks;
//   - a defer in a branch that runs once per call because it sets its own
//     guard (if !locked { mu.Lock(); defer mu.Unlock(); locked = true });
//   - loops whose trip count is fixed in the code and small (at most
//     -deferloop.maxfixed, default 8): a range over a short literal, over a
//     local variable holding one that is never reassigned, over an array or a
//     small constant, or for i := 0; i < 2; i++;
//   - defers in _test.go files, unless -deferloop.tests is set: a test's
//     defers run when the test ends, which is what table-driven tests that
//     keep each case's server open rely on;
//   - defer inside a function literal that is called per iteration.
//
// # Limits
//
// Loops built from goto and labels are not seen as loops. A defer in a loop
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
