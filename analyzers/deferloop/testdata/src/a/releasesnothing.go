package a

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"sync"
	"time"
)

// ---- A function of the package that releases nothing: not reported ----

// utimes sets a directory's times, and wraps the error.
func utimes(p string, tm *time.Time) error {
	if tm == nil {
		return nil
	}
	if err := os.Chtimes(p, *tm, *tm); err != nil {
		return fmt.Errorf("failed to utime %s: %w", p, err)
	}
	return nil
}

// fixCreatedParentDirs only sets the times of directories, deepest first.
func fixCreatedParentDirs(dirs []string, tm *time.Time) error {
	slices.Reverse(dirs)
	for _, d := range dirs {
		if tm != nil {
			if err := utimes(d, tm); err != nil {
				return err
			}
		}
	}
	return nil
}

func prepareTargetDir(src, dst string) (string, []string, error) { return dst, nil, nil }

func copyOne(ctx context.Context, src, dst string) error { return nil }

// copyAll (fsutil's Copy) fixes the times of the parent directories each
// match created only after every match is copied: later matches copy
// into the same directories. Deferring to the return is the point, and
// the deferred call holds nothing.
func copyAll(ctx context.Context, srcs []string, dst string, utime *time.Time) error {
	for _, src := range srcs {
		dst, createdDirs, err := prepareTargetDir(src, dst)
		if err != nil {
			return err
		}
		defer fixCreatedParentDirs(createdDirs, utime)
		if err := copyOne(ctx, src, dst); err != nil {
			return err
		}
	}
	return nil
}

// logDone logs: nothing to give back.
func logDone(name string, err error) {
	if err != nil {
		log.Printf("%s: %s", name, err.Error())
		return
	}
	log.Printf("%s: done at %v", name, time.Now())
}

func logEach(names []string) {
	for _, n := range names {
		defer logDone(n, nil)
	}
}

// collect appends to the caller's result.
func collect(out *[]string, name string) { *out = append(*out, name) }

func collectLate(names []string) (out []string) {
	for _, n := range names {
		defer collect(&out, n)
	}
	return out
}

type tally struct {
	n    int
	last string
	seen map[string]bool
}

// step times one item of a run.
type step struct {
	name  string
	start time.Time
	took  time.Duration
	tally *tally
}

// record only updates fields, of its receiver and, through a helper, of
// the run's tally.
func (s *step) record() {
	s.took = time.Since(s.start)
	s.tally.count(s.name)
}

func (t *tally) count(name string) {
	t.n++
	t.last = name
	t.seen[name] = true
}

// timeSteps records each step's time when the run ends.
func timeSteps(t *tally, names []string) {
	for _, n := range names {
		s := &step{name: n, start: time.Now(), tally: t}
		defer s.record()
	}
}

// walkUp recurses and reads a context's error: a cycle that releases
// nothing.
func walkUp(ctx context.Context, d string, depth int) {
	if depth == 0 || ctx.Err() != nil {
		return
	}
	walkUp(ctx, d+"/..", depth-1)
}

func walkEach(ctx context.Context, dirs []string) {
	for _, d := range dirs {
		defer walkUp(ctx, d, 3)
	}
}

// markOther sets a breakpoint at another address than the one cleared:
// not an undo, but setOnly only writes a map, so nothing is held.
func (t *tally) setOnly(a string) { t.seen[a] = true }

func (t *tally) clearOnly(a string) { delete(t.seen, a) }

func markOther(t *tally, addrs []string) {
	for _, a := range addrs {
		t.clearOnly(a)
		defer t.setOnly(a + "x")
	}
}

// ---- What releases, directly or through the package, is reported ----

// tidy closes the file under a name that does not say so.
func tidy(f *os.File) {
	_ = f.Sync()
	f.Close()
}

func tidyEach(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer tidy(f) // want `defer tidy\(f\) in loop: it runs only when tidyEach returns`
	}
}

// wrapUp removes the directory through another function of the package.
func wrapUp(dir string) { sweep(dir) }

func sweep(dir string) { os.RemoveAll(dir) }

func scratchEach(n int) {
	for range n {
		dir, _ := os.MkdirTemp("", "x")
		defer wrapUp(dir) // want `defer wrapUp\(dir\) in loop`
	}
}

// runHook calls a function value: a cancel or a Close may be behind it.
func runHook(h func()) { h() }

func hookEach(ctx context.Context, n int) {
	for range n {
		_, cancel := context.WithCancel(ctx)
		defer runHook(cancel) // want `defer runHook\(cancel\) in loop`
	}
}

type peer struct {
	conn io.ReadWriteCloser
	mu   sync.Mutex
	w    io.Writer
}

func dialPeer(addr string) (*peer, error) { return &peer{}, nil }

// quit closes the peer's connection.
func (p *peer) quit() {
	p.conn.Write([]byte("bye"))
	p.conn.Close()
}

func pingAll(addrs []string) {
	for _, a := range addrs {
		p, err := dialPeer(a)
		if err != nil {
			continue
		}
		defer p.quit() // want `defer p.quit\(\) in loop`
	}
}

// leave unlocks the peer's mutex.
func (p *peer) leave() { p.mu.Unlock() }

func (p *peer) sendAll(msgs []string) {
	for _, m := range msgs {
		p.mu.Lock()
		defer p.leave() // want `defer p.leave\(\) in loop`
		p.conn.Write([]byte(m))
	}
}

// flush writes through an interface the analysis cannot read.
func (p *peer) flush() { p.w.Write([]byte("flush\n")) }

func flushAll(addrs []string) {
	for _, a := range addrs {
		p, _ := dialPeer(a)
		defer p.flush() // want `defer p.flush\(\) in loop`
	}
}

// ping and pong call each other; pong closes a channel: the cycle
// releases.
func ping(ch chan int, n int) {
	if n > 0 {
		pong(ch, n-1)
	}
}

func pong(ch chan int, n int) {
	if n == 0 {
		close(ch)
		return
	}
	ping(ch, n)
}

func pingEach(n int) {
	for range n {
		ch := make(chan int)
		defer ping(ch, 3) // want `defer ping\(ch, 3\) in loop`
	}
}

// giveBack returns a semaphore slot.
func giveBack(sem chan struct{}) { <-sem }

func takeEach(sem chan struct{}, jobs []string) {
	for range jobs {
		sem <- struct{}{}
		defer giveBack(sem) // want `defer giveBack\(sem\) in loop`
	}
}

// ---- Beside a resource the iteration holds, both are reported ----

func stampAndOpen(paths []string, tm *time.Time) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()                             // want `every f stays open until stampAndOpen returns`
		defer fixCreatedParentDirs([]string{p}, tm) // want `defer fixCreatedParentDirs\(\[\]string\{…\}, tm\) in loop: it runs only when stampAndOpen returns`
	}
}

// Beside a file kept after the loop, nothing is held per iteration.
func stampAndKeep(paths []string, tm *time.Time) []*os.File {
	var kept []*os.File
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		kept = append(kept, f)
		defer f.Close()
		defer fixCreatedParentDirs([]string{p}, tm)
	}
	return kept
}

// closedCount starts with "close" but not as a word of its own: its body
// decides, and it only counts.
func (t *tally) closedCount(name string) { t.n++ }

func countClosed(t *tally, names []string) {
	for _, n := range names {
		defer t.closedCount(n)
	}
}
