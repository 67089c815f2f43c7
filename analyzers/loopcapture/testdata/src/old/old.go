//go:build go1.21

// Package old holds code at Go 1.21, before loop variables became
// per-iteration: every loop variable is one variable shared by all
// iterations.
package old

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/zeromicro/go-zero/core/threading"
	"golang.org/x/sync/errgroup"
)

type Doctor struct{ Name, Email string }

func send(d Doctor)            {}
func sendTo(addr string) error { return nil }
func use(args ...any)          {}

// The trap: every goroutine emails the last doctor.
func emailAll(doctors []Doctor) {
	for _, doc := range doctors {
		go func() {
			send(doc) // want `goroutine reads loop variable doc after the loop has changed it \(every goroutine sees the last value\)`
		}()
	}
}

// go vet's loopclosure looks only at the last statement of the body; the
// goroutine here is followed by a log line and still sees the loop move on.
func notLast(doctors []Doctor) {
	for i, doc := range doctors {
		go func() {
			send(doc) // want `loop variable doc`
		}()
		fmt.Println("queued", i)
	}
}

// A wait that happens only on some iterations leaves the others racing.
func batches(doctors []Doctor) {
	var wg sync.WaitGroup
	for i, doc := range doctors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(doc) // want `loop variable doc`
		}()
		if i%10 == 9 {
			wg.Wait()
		}
	}
	wg.Wait()
}

// Three-clause loops share their variable too.
func counter(n int) {
	for i := 0; i < n; i++ {
		go func() {
			use(i) // want `goroutine reads loop variable i`
		}()
	}
}

// errgroup.Group.Go has a fixed signature; the copy is the fix.
func group(doctors []Doctor) error {
	var g errgroup.Group
	for _, doc := range doctors {
		g.Go(func() error {
			return sendTo(doc.Email) // want `goroutine reads loop variable doc`
		})
	}
	return g.Wait()
}

// A deferred literal runs when the function returns: every call sees the
// last value.
func deferAll(names []string) {
	for _, name := range names {
		defer func() {
			fmt.Println("closing", name) // want `deferred function reads loop variable name after the loop has changed it \(every deferred call sees the last value\)`
		}()
	}
}

// Parallel subtests run after the loop has finished.
func TestDoctors(t *testing.T) {
	cases := []Doctor{{Name: "a"}, {Name: "b"}}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			send(tc) // want `parallel subtest reads loop variable tc after the loop has changed it \(every subtest sees the last value\)`
		})
	}
}

// The variable belongs to the outer loop; the goroutine in the inner loop
// still sees it change.
func nested(groups [][]Doctor) {
	for gi, g := range groups {
		for range g {
			go func() {
				use(gi) // want `loop variable gi`
			}()
		}
	}
}

// A pointer to the shared variable is the same variable.
func address(doctors []Doctor) {
	for _, doc := range doctors {
		go func() {
			p := &doc // want `loop variable doc`
			send(*p)
		}()
	}
}

func (d *Doctor) notify() {}

// Calling a pointer method reads the shared variable's address.
func methodCall(doctors []Doctor) {
	for _, doc := range doctors {
		go func() {
			doc.notify() // want `loop variable doc`
		}()
	}
}

// A method value bound inside the literal reads the variable when the
// goroutine runs.
func methodValue(doctors []Doctor) {
	for _, doc := range doctors {
		go func() {
			f := doc.notify // want `loop variable doc`
			f()
		}()
	}
}

// Generic code shares loop variables like any other.
func each[T any](xs []T, f func(T)) {
	for _, x := range xs {
		go func() {
			f(x) // want `loop variable x`
		}()
	}
}

// Every use on its own line is reported, as go vet's loopclosure does.
func twoLines(doctors []Doctor) {
	for _, doc := range doctors {
		go func() {
			fmt.Println(doc.Name) // want `loop variable doc`
			send(doc)             // want `loop variable doc`
		}()
	}
}

// The goroutine is waited for in the same iteration, before the loop
// variable changes: no goroutine outlives its iteration.
func waitEachIteration(doctors []Doctor) {
	for _, doc := range doctors {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(doc)
		}()
		wg.Wait()
	}
}

// The loop receives the goroutine's result before it moves on.
func receiveEachIteration(doctors []Doctor) {
	done := make(chan error)
	for _, doc := range doctors {
		go func() {
			done <- sendTo(doc.Email)
		}()
		if err := <-done; err != nil {
			return
		}
	}
}

// The goroutine closes a channel once it has read the variable; the loop
// waits for that in a select whose every case waits or leaves.
func selectWait(doctors []Doctor, quit chan struct{}) {
	for _, doc := range doctors {
		ready := make(chan struct{})
		go func() {
			d := doc
			close(ready)
			send(d)
		}()
		select {
		case <-ready:
		case <-quit:
			return
		}
	}
}

// The loop returns right after starting the goroutine: its variable never
// changes afterwards.
func firstMatch(doctors []Doctor) {
	for _, doc := range doctors {
		if doc.Name == "" {
			continue
		}
		go func() {
			send(doc)
		}()
		return
	}
}

// The variable is passed as an argument: each goroutine has its copy.
func argument(doctors []Doctor) {
	for _, doc := range doctors {
		go func(doc Doctor) {
			send(doc)
		}(doc)
	}
}

// The classic copy: doc := doc declares a per-iteration variable.
func copied(doctors []Doctor) {
	var g errgroup.Group
	for _, doc := range doctors {
		doc := doc
		g.Go(func() error {
			return sendTo(doc.Email)
		})
	}
	_ = g.Wait()
}

// A subtest reads the variable before t.Parallel, while the loop waits
// for it.
func TestCopyBeforeParallel(t *testing.T) {
	for _, tc := range []Doctor{{Name: "a"}} {
		t.Run(tc.Name, func(t *testing.T) {
			tc := tc
			t.Parallel()
			send(tc)
		})
	}
}

// Without t.Parallel, t.Run returns only once the subtest has finished.
func TestSequentialSubtests(t *testing.T) {
	for _, tc := range []Doctor{{Name: "a"}} {
		t.Run(tc.Name, func(t *testing.T) {
			send(tc)
		})
	}
}

// A literal called on the spot runs within its iteration.
func calledNow(doctors []Doctor) {
	for _, doc := range doctors {
		func() {
			send(doc)
		}()
	}
}

// The errgroup is waited for in each iteration.
func groupPerIteration(doctors []Doctor) error {
	for _, doc := range doctors {
		var g errgroup.Group
		g.Go(func() error { return sendTo(doc.Email) })
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return nil
}

// A variable declared in the body is per-iteration in every version.
func bodyVar(doctors []Doctor) {
	for i := range doctors {
		doc := doctors[i]
		go func() {
			send(doc)
		}()
	}
}

// The loop ranges over the channel the goroutine closes: it waits for it
// before the next iteration of the outer loop.
func drain(batches [][]Doctor) {
	for _, batch := range batches {
		out := make(chan Doctor)
		go func() {
			defer close(out)
			for _, d := range batch {
				out <- d
			}
		}()
		for d := range out {
			send(d)
		}
	}
}

// The deferred literal belongs to a function literal called once per
// iteration: it runs at the end of that call, within the iteration.
func deferPerIteration(names []string) {
	for _, name := range names {
		func() {
			defer func() {
				fmt.Println("done", name)
			}()
		}()
	}
}

// The goroutine starts after the loop has finished: the variable no
// longer changes.
func afterLoop(doctors []Doctor) {
	var last Doctor
	for _, last = range doctors {
	}
	go func() {
		send(last)
	}()
}

func sortBy(xs []int, less func(i, j int) bool) {}

// A literal called synchronously in the iteration sees its own value.
func syncLiteral(groups [][]int) {
	for g, xs := range groups {
		sortBy(xs, func(i, j int) bool { return xs[i] < xs[j]+g })
	}
}

// The literal reads a new variable derived from the loop variable and
// declared in the body, which shadows it.
func shadowTransform(doctors []Doctor) {
	for _, doc := range doctors {
		doc := Doctor{Name: doc.Name + "!"}
		go func() {
			send(doc)
		}()
	}
}

// go with a function, not a literal: the argument is evaluated when the
// go statement runs.
func goCallArgs(doctors []Doctor) {
	for _, doc := range doctors {
		go send(doc)
	}
}

// The subtest name is computed when t.Run is called, and the literal
// copies what it needs before t.Parallel.
func TestNameOnly(t *testing.T) {
	for _, tc := range []Doctor{{Name: "a"}} {
		t.Run(tc.Name, func(t *testing.T) {
			want := tc.Email
			t.Parallel()
			use(want)
		})
	}
}

type server struct{ done chan struct{} }

// The loop waits on a channel held in a field, which the goroutine closes.
func (s *server) fieldChannel(doctors []Doctor) {
	for _, doc := range doctors {
		s.done = make(chan struct{})
		go func() {
			send(doc)
			close(s.done)
		}()
		<-s.done
	}
}

// go-zero's launchers run the literal in a new goroutine, like go.
func goSafeAll(doctors []Doctor) {
	for _, doc := range doctors {
		threading.GoSafe(func() {
			send(doc) // want `goroutine reads loop variable doc`
		})
	}
}

func goSafeCtxAll(ctx context.Context, doctors []Doctor) {
	for _, doc := range doctors {
		threading.GoSafeCtx(ctx, func() {
			send(doc) // want `goroutine reads loop variable doc`
		})
		use(doc)
	}
}

func routineGroup(doctors []Doctor) {
	group := threading.NewRoutineGroup()
	for _, doc := range doctors {
		group.RunSafe(func() {
			send(doc) // want `goroutine reads loop variable doc`
		})
	}
	group.Wait()
}

// The group is waited for in each iteration.
func routineGroupPerIteration(doctors []Doctor) {
	for _, doc := range doctors {
		group := threading.NewRoutineGroup()
		group.Run(func() { send(doc) })
		group.Wait()
	}
}

// threading.RunSafe runs the literal before it returns.
func runSafeAll(doctors []Doctor) {
	for _, doc := range doctors {
		threading.RunSafe(func() { send(doc) })
	}
}

// The launcher is given the variable as a copy made in the iteration.
func goSafeCopy(doctors []Doctor) {
	for _, doc := range doctors {
		doc := doc
		threading.GoSafe(func() { send(doc) })
	}
}

// The launched literal reads no loop variable: ctx is the function's own.
func goSafeNoCapture(ctx context.Context, names []string) {
	for _, name := range names {
		threading.GoSafeCtx(ctx, func() { use(ctx) })
		use(name)
	}
}
