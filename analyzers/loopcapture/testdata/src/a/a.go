// Package a holds code whose Go version is unknown, so it counts as the
// newest: loop variables declared with := are per-iteration, and only
// variables declared outside the loop are shared.
package a

import (
	"context"
	"iter"
	"net"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

type Doctor struct{ Name, Email string }

func send(d Doctor)            {}
func sendTo(addr string) error { return nil }
func use(args ...any)          {}
func next() (Doctor, bool)     { return Doctor{}, false }
func handle(c net.Conn)        {}

// The range = form assigns a variable declared outside the loop: shared
// in every Go version.
func assignForm(doctors []Doctor) {
	var doc Doctor
	for _, doc = range doctors {
		go func() {
			send(doc) // want `goroutine reads loop variable doc after the loop has changed it`
		}()
	}
}

// A three-clause loop over a variable declared outside it.
func outerCounter(n int) {
	var i int
	for i = 0; i < n; i++ {
		go func() {
			use(i) // want `goroutine reads loop variable i`
		}()
	}
}

// A variable declared before the loop and assigned in each iteration.
func assignedEachIteration() {
	var d Doctor
	for {
		var ok bool
		d, ok = next()
		if !ok {
			return
		}
		go func() {
			send(d) // want `goroutine reads variable d, declared outside the loop, after the loop has changed it \(every goroutine sees the last value\)`
		}()
	}
}

// The accept loop: every handler may serve the newest connection.
func serve(l net.Listener) error {
	var conn net.Conn
	var err error
	for {
		conn, err = l.Accept()
		if err != nil {
			return err
		}
		go func() {
			handle(conn) // want `variable conn, declared outside the loop`
		}()
	}
}

// sync.WaitGroup.Go with the = form.
func waitGroupGo(doctors []Doctor) {
	var wg sync.WaitGroup
	var doc Doctor
	for _, doc = range doctors {
		wg.Go(func() {
			send(doc) // want `loop variable doc`
		})
	}
	wg.Wait()
}

// errgroup with a context, and the = form.
func groupAssign(ctx context.Context, doctors []Doctor) error {
	g, ctx := errgroup.WithContext(ctx)
	var doc Doctor
	for _, doc = range doctors {
		g.Go(func() error {
			return sendTo(doc.Email) // want `loop variable doc`
		})
	}
	return g.Wait()
}

// Parallel subtests with the = form.
func TestAssign(t *testing.T) {
	var tc Doctor
	for _, tc = range []Doctor{{Name: "a"}} {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			send(tc) // want `parallel subtest reads loop variable tc`
		})
	}
}

// A deferred literal reading a variable assigned in each iteration closes
// only the last value, once per iteration.
func deferAssigned(names []string) {
	var name string
	for _, name = range names {
		defer func() {
			use(name) // want `deferred function reads loop variable name`
		}()
	}
}

// Range over a function with the = form still assigns one variable.
func rangeFunc(seq iter.Seq[Doctor]) {
	var doc Doctor
	for doc = range seq {
		go func() {
			send(doc) // want `loop variable doc`
		}()
	}
}

// Range over an int with the = form.
func rangeInt(n int) {
	var i int
	for i = range n {
		go func() {
			use(i) // want `loop variable i`
		}()
	}
}

// The outer variable is assigned in the outer loop; the goroutine is
// started in an inner one.
func nestedAssign(groups [][]Doctor) {
	var name string
	for _, g := range groups {
		name = g[0].Name
		for _, d := range g {
			go func() {
				use(name, d) // want `variable name, declared outside the loop`
			}()
		}
	}
}

// From Go 1.22, range variables declared with := are per-iteration.
func perIteration(doctors []Doctor) {
	for _, doc := range doctors {
		go func() {
			send(doc)
		}()
	}
}

// From Go 1.22, a three-clause loop's := variable is per-iteration too.
func perIterationCounter(n int) {
	for i := 0; i < n; i++ {
		go func() {
			use(i)
		}()
	}
}

// Range-over-int and range-over-func := variables are per-iteration.
func perIterationRanges(n int, seq iter.Seq[Doctor]) {
	for i := range n {
		go func() { use(i) }()
	}
	for doc := range seq {
		go func() { send(doc) }()
	}
}

// A variable declared before the loop but never changed in it is one
// value for all goroutines.
func unchanged(doctors []Doctor, prefix string) {
	p := prefix + ": "
	for _, doc := range doctors {
		go func() {
			use(p, doc)
		}()
	}
}

// The variable changes only under a condition (lazy initialisation, before
// any goroutine reads it): not a change in each iteration.
func lazyInit(doctors []Doctor) {
	var client *Doctor
	for _, doc := range doctors {
		if client == nil {
			client = &Doctor{}
		}
		go func() {
			use(client, doc)
		}()
	}
}

// The goroutine only writes the variable; it reads nothing the loop
// changes. The loop itself never assigns it.
func writesOnly(doctors []Doctor) {
	var mu sync.Mutex
	var last Doctor
	for _, doc := range doctors {
		go func() {
			mu.Lock()
			last = doc
			mu.Unlock()
		}()
	}
	_ = last
}

// The = form, waited for in each iteration.
func assignWaited(doctors []Doctor) {
	var doc Doctor
	for _, doc = range doctors {
		var wg sync.WaitGroup
		wg.Go(func() { send(doc) })
		wg.Wait()
	}
}

// The = form with a fresh copy before the goroutine starts.
func assignCopied(doctors []Doctor) {
	var doc Doctor
	for _, doc = range doctors {
		d := doc
		go func() {
			send(d)
		}()
	}
}

// A deferred literal reads the function's named result for its final
// value: that is what named results are for.
func namedResult(names []string) (err error) {
	for _, name := range names {
		err = sendTo(name)
		defer func() {
			if err != nil {
				use(name)
			}
		}()
	}
	return err
}

// The accept loop passing the connection as an argument.
func serveArg(l net.Listener) error {
	var conn net.Conn
	var err error
	for {
		conn, err = l.Accept()
		if err != nil {
			return err
		}
		go func(c net.Conn) {
			handle(c)
		}(conn)
	}
}

// The variable is assigned after the loop only: the loop does not change
// it while the goroutines run.
func assignedAfter(doctors []Doctor) {
	var d Doctor
	var wg sync.WaitGroup
	for range doctors {
		wg.Go(func() { send(d) })
	}
	wg.Wait()
	d = Doctor{}
	_ = d
}

// A goroutine started in the last statement of a loop that always leaves.
func startOnce(doctors []Doctor) {
	var doc Doctor
	for _, doc = range doctors {
		go func() { send(doc) }()
		break
	}
}

// The loop receives the goroutine's error before it assigns the variable
// again.
func errChannel(doctors []Doctor) error {
	var doc Doctor
	errc := make(chan error, 1)
	for _, doc = range doctors {
		go func() { errc <- sendTo(doc.Email) }()
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Every select case either receives the goroutine's result or leaves.
func selectOrCancel(ctx context.Context, doctors []Doctor) error {
	var doc Doctor
	for _, doc = range doctors {
		done := make(chan error)
		go func() { done <- sendTo(doc.Email) }()
		select {
		case err := <-done:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// The errgroup of each iteration is waited for inside an if statement.
func groupWaitInIf(doctors []Doctor) error {
	var doc Doctor
	for _, doc = range doctors {
		var g errgroup.Group
		g.Go(func() error { return sendTo(doc.Email) })
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return nil
}

// The loop drains the channel the goroutine closes before moving on.
func rangeChannelWait(batches [][]Doctor) {
	var batch []Doctor
	for _, batch = range batches {
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
