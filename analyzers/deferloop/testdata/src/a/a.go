package a

import (
	"context"
	"database/sql"
	"log"
	"os"
	"sync"
	"time"
)

func process(*os.File) error { return nil }

// The trap: every file stays open until processAll returns.
func processAll(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until processAll returns`
		if err := process(f); err != nil {
			return err
		}
	}
	return nil
}

// A mutex locked per iteration with a deferred unlock deadlocks.
func lockEach(mu *sync.Mutex, n int) {
	for i := 0; i < n; i++ {
		mu.Lock()
		defer mu.Unlock() // want `defer mu.Unlock\(\) in loop: mu stays locked until lockEach returns \(a Lock in the next iteration deadlocks\)`
	}
}

func cancels(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) in loop: every context made in the loop lives until cancels returns`
		_ = c
	}
}

func rows(db *sql.DB, qs []string) {
	for _, q := range qs {
		tx, _ := db.Begin()
		defer tx.Rollback() // want `every transaction tx stays open`
		_, _ = tx.Exec(q)
	}
}

// A deferred literal is the same trap.
func literal(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer func() { // want `defer func\(\) \{...\}\(\) in loop: it runs only when literal returns`
			f.Close()
		}()
	}
}

// The defer sits in an inner loop that exits at once, but the outer loop
// repeats it.
func nested(paths [][]string) {
	for _, ps := range paths {
		for _, p := range ps {
			f, _ := os.Open(p)
			defer f.Close() // want `every f stays open until nested returns`
			break
		}
	}
}

// Inside a function literal the loop belongs to the literal.
func inLiteral(paths []string) {
	run := func() {
		for _, p := range paths {
			f, _ := os.Open(p)
			defer f.Close() // want `every f stays open until the function literal returns`
		}
	}
	run()
}

// An infinite loop repeats too.
func forever(next func() string) {
	for {
		f, _ := os.Open(next())
		defer f.Close() // want `every f stays open until forever returns`
	}
}

// Range over an integer and over a function repeat.
func rangeInt(n int) {
	for range n {
		f, _ := os.Open("x")
		defer f.Close() // want `every f stays open until rangeInt returns`
	}
}

func rangeFunc(seq func(func(string) bool)) {
	for p := range seq {
		f, _ := os.Open(p)
		defer f.Close() // want `every f stays open until rangeFunc returns`
	}
}

// Generic functions are checked like any other.
func generic[T any](xs []T, open func(T) *os.File) {
	for _, x := range xs {
		f := open(x)
		defer f.Close() // want `every f stays open until generic returns`
	}
}

// ---- Not reported ----

// The fix: one function call per iteration.
func processOne(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return process(f)
}

// A literal called per iteration runs its defer per iteration.
func perIteration(paths []string) {
	for _, p := range paths {
		func() {
			f, _ := os.Open(p)
			defer f.Close()
			_ = process(f)
		}()
	}
}

// The loop always returns after the defer: it runs at most once.
func firstOnly(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		return process(f)
	}
	return nil
}

// The loop always breaks after the defer.
func breakAfter(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		_ = process(f)
		break
	}
}

// A call that never returns ends every path after the defer.
func fatal(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		log.Fatal(process(f))
	}
}

// The files are kept for use after the loop: closing them on return is
// the intent.
func openAll(paths []string) []*os.File {
	var files []*os.File
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		files = append(files, f)
	}
	for _, f := range files {
		_ = process(f)
	}
	return nil
}

// Stored in a map declared outside the loop.
func openMap(paths []string, byName map[string]*os.File) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		byName[p] = f
	}
}

// Assigned to a variable declared outside the loop.
func keepLast(paths []string) {
	var last *os.File
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		last = f
	}
	_ = process(last)
}

// Sent to a consumer that outlives the iteration.
func sendAll(paths []string, out chan<- *os.File) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		out <- f
	}
}

// A defer in the same function, but outside the loop.
func afterLoop(paths []string) {
	for range paths {
	}
	f, _ := os.Open("x")
	defer f.Close()
}

// A goroutine's function literal has its own lifetime.
func goroutines(paths []string) {
	for _, p := range paths {
		go func() {
			f, _ := os.Open(p)
			defer f.Close()
		}()
	}
}

// Unreachable defer.
func unreachable(paths []string) {
	for range paths {
		return
		defer println()
	}
}

// Suppressed, with a reason.
func suppressed(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() //trapvet:ignore deferloop at most three paths, closed together on return
	}
}

// Every case of the select returns after the defer.
func selectReturns(ch <-chan string, done <-chan struct{}) error {
	for {
		select {
		case p := <-ch:
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return process(f)
		case <-done:
			return nil
		}
	}
}

// Both branches after the defer leave the function.
func bothBranchesReturn(paths []string, strict bool) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		if strict {
			return process(f)
		} else {
			return nil
		}
	}
	return nil
}

// os.Exit never returns, so the loop never comes round again.
func exitAfter(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		_ = process(f)
		os.Exit(0)
	}
}

// panic ends the iteration for good.
func panicAfter(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		panic(process(f))
	}
}

// The defer is in a switch case that returns; other cases loop on.
func switchCaseReturns(paths []string) error {
	for _, p := range paths {
		switch p {
		case "":
			continue
		default:
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return process(f)
		}
	}
	return nil
}

// A WaitGroup's Done deferred in each goroutine, not in the loop.
func workers(n int, wg *sync.WaitGroup) {
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
	}
	wg.Wait()
}

type node struct {
	mu     sync.Mutex
	parent *node
	done   bool
}

// Walking up the parents: every call locks a chain of ancestors in the
// same order (deepest first) and an acyclic chain never repeats a lock, so
// no Lock waits for one held by a later iteration or another call.
func (n *node) firstUndone() *node {
	for p := n.parent; p != nil; p = p.parent {
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.done {
			return p
		}
	}
	return nil
}

// One lock per item of the caller's list, held until return: a repeated
// item deadlocks on its own lock, opposite orders deadlock two calls.
func lockAll(items []*node) {
	for _, it := range items {
		it.mu.Lock()
		defer it.mu.Unlock() // want `defer it.mu.Unlock\(\) in loop: one lock per item of items stays held until lockAll returns: a repeated item or calls in opposite orders deadlock`
	}
}

func serve(*os.File) {}

// A goroutine started in the iteration goes on using the file.
func serveAll(paths []string, wg *sync.WaitGroup) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		go serve(f)
	}
	wg.Wait()
}

// A goroutine literal captures the file for the whole run.
func serveCaptured(paths []string, stop chan struct{}) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		go func() {
			serve(f)
		}()
	}
	<-stop
}

// Elements of a slice declared before the loop are used after it.
func openSlots(paths []string) {
	files := make([]*os.File, len(paths))
	for i, p := range paths {
		files[i], _ = os.Open(p)
		defer files[i].Close()
	}
	for _, f := range files {
		_ = process(f)
	}
}

// The branch that defers runs once per call: it sets its own guard.
func lockOnce(mu *sync.Mutex, items []int) {
	locked := false
	for _, it := range items {
		if it > 0 && !locked {
			mu.Lock()
			defer mu.Unlock()
			locked = true
		}
	}
}

// Two networks, fixed in the code: two contexts, released together.
func twoNetworks(ctx context.Context) {
	for _, network := range []string{"udp", "tcp"} {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_, _ = c, network
	}
}

// A loop that runs exactly once.
func once(path string) {
	for i := 0; i < 1; i++ {
		f, _ := os.Open(path)
		defer f.Close()
	}
}

// A local array of two probes: a fixed, small trip count.
func probes() {
	ps := [2]string{"a", "b"}
	for _, p := range ps {
		f, _ := os.Open(p)
		defer f.Close()
	}
}

// A hundred iterations are not a small fixed count.
func hundred() {
	for i := 0; i < 100; i++ {
		f, _ := os.Open("x")
		defer f.Close() // want `every f stays open until hundred returns`
	}
}

// A list that the function grows is not fixed.
func grown(extra string) {
	names := []string{"a", "b"}
	names = append(names, extra)
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() // want `every f stays open until grown returns`
	}
}

// Two probes, the second dropped on some systems (net's probe): re-slicing
// the literal only shortens it.
func probeBoth(legacy bool, open func(int) (*os.File, error)) {
	probes := []int{1, 0}
	if legacy {
		probes = probes[:1]
	}
	for i := range probes {
		f, err := open(probes[i])
		if err != nil {
			continue
		}
		defer f.Close()
	}
}

// A literal replaced by another list is no longer known.
func probeMore(extra []int, open func(int) (*os.File, error)) {
	probes := []int{1, 0}
	probes = append(probes, extra...)
	for i := range probes {
		f, err := open(probes[i])
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until probeMore returns`
	}
}
