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
// safe: when the loop body contains no return, break, continue, goto or
// label whose meaning the literal would change.
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
// Not reported, because holding until return is the intent:
//
//   - the deferred call releases a value that the iteration also stores where
//     it outlives the iteration (appended to a slice, assigned to a variable
//     or map declared outside the loop, sent on a channel, returned): the
//     function goes on using it after the loop, so it must stay open;
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
