package fix

import (
	"context"
	"os"
	"sync"
)

func use(*os.File) {}

// Self-contained bodies get the fix.
func closeEach(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want `every f stays open until closeEach returns`
		use(f)
	}
}

// break and continue inside nested loops, switches and selects keep
// their meaning inside the literal.
func nestedBranches(paths []string, mu *sync.Mutex, ch chan int) {
	for _, p := range paths {
		mu.Lock()
		defer mu.Unlock() // want `mu stays locked until nestedBranches returns`
		for i := range p {
			if i > 2 {
				break
			}
			continue
		}
		switch p {
		case "a":
			break
		}
		select {
		case <-ch:
			break
		default:
		}
		go func() {
			for {
				return
			}
		}()
	}
}

// ---- Reported without a fix: the literal would change the meaning ----

func withContinue(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `every f stays open until withContinue returns`
	}
}

func withReturn(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close() // want `every f stays open until withReturn returns`
	}
	return nil
}

func withBreakInSwitch(paths []string) {
outer:
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() // want `every f stays open until withBreakInSwitch returns`
		switch p {
		case "stop":
			break outer
		}
	}
}

func withBreak(paths []string, stop func() bool) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() // want `every f stays open until withBreak returns`
		if stop() {
			break
		}
	}
}

func register(int)   {}
func unregister(int) {}

// Unregistering may be observed after the loop: reported, but no fix.
func registerEach(ids []int) {
	for _, id := range ids {
		register(id)
		defer unregister(id) // want `defer unregister\(id\) in loop: it runs only when registerEach returns`
	}
}

// setEnvEach sets a variable for each file and undoes it beside the file
// it holds: both reported, and no fix, which would reset the variable at
// the end of each iteration instead of on return.
func setEnvEach(paths []string) {
	for _, p := range paths {
		old := os.Getenv("CURRENT")
		os.Setenv("CURRENT", p)
		defer os.Setenv("CURRENT", old) // want `defer os.Setenv\("CURRENT", old\) in loop: it runs only when setEnvEach returns`
		f, _ := os.Open(p)
		defer f.Close() // want `every f stays open until setEnvEach returns`
	}
}

func handle(ctx context.Context, m string) { <-ctx.Done() }

// handleEach cancels, at return, each message's context, which the
// goroutine started for the message uses: the defers pile up for as long
// as messages come, but cancelling at the end of each iteration would
// stop every handler as soon as it starts, so no fix is offered.
func handleEach(parent context.Context, msgs chan string) {
	for m := range msgs {
		ctx, cancel := context.WithCancel(parent)
		defer cancel() // want `defer cancel\(\) in loop`
		go handle(ctx, m)
	}
}

var notes []string

// note appends to a package list: it releases nothing.
func note(p string) { notes = append(notes, p) }

// closeAndNote closes each file beside a note that releases nothing: the
// file is reported, the note beside it too, and neither gets the fix,
// which would take each note at the end of its iteration, not on return.
func closeAndNote(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() // want `every f stays open until closeAndNote returns`
		defer note(p)   // want `defer note\(p\) in loop: it runs only when closeAndNote returns`
	}
}
