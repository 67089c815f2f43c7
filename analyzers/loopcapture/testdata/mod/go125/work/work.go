// Package work is a module at go 1.25: := loop variables are per-iteration;
// variables declared outside the loop are still shared.
package work

import (
	"sync"
	"testing"
)

type Job struct{ ID int }

func run(j Job) {}

func next() (Job, bool) { return Job{}, false }

// Per-iteration since Go 1.22: not a bug any more.
func startAll(jobs []Job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() { run(j) })
	}
	wg.Wait()
}

// The three-clause := variable is per-iteration too.
func startCounter(jobs []Job) {
	var wg sync.WaitGroup
	for i := 0; i < len(jobs); i++ {
		wg.Go(func() { run(jobs[i]) })
	}
	wg.Wait()
}

// Parallel subtests over := variables are fine since Go 1.22.
func TestJobs(t *testing.T) {
	for _, j := range []Job{{1}, {2}} {
		t.Run("job", func(t *testing.T) {
			t.Parallel()
			run(j)
		})
	}
}

// The = form is shared in every version.
func startAssigned(jobs []Job) {
	var wg sync.WaitGroup
	var j Job
	for _, j = range jobs {
		wg.Go(func() {
			run(j) // want `goroutine reads loop variable j`
		})
	}
	wg.Wait()
}

// Assigned in each iteration from a variable declared before the loop.
func drainQueue() {
	var j Job
	for {
		var ok bool
		if j, ok = next(); !ok {
			return
		}
		go func() {
			run(j) // want `goroutine reads variable j, declared outside the loop`
		}()
	}
}

// A deferred literal sees the last value of a variable assigned per
// iteration.
func deferAssigned(jobs []Job) {
	var j Job
	for _, j = range jobs {
		defer func() {
			run(j) // want `deferred function reads loop variable j`
		}()
	}
}
