// Package work is a module at go 1.21: loop variables are shared by all
// iterations in every file.
package work

import (
	"fmt"
	"sync"
	"testing"
)

type Job struct{ ID int }

func run(j Job) {}

// The trap at go 1.21.
func startAll(jobs []Job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(j) // want `goroutine reads loop variable j`
		}()
	}
	wg.Wait()
}

// A goroutine followed by more statements in the body.
func startAndLog(jobs []Job) {
	for i := 0; i < len(jobs); i++ {
		go func() {
			run(jobs[i]) // want `loop variable i`
		}()
		fmt.Println("started", i)
	}
}

func TestJobs(t *testing.T) {
	for _, j := range []Job{{1}, {2}} {
		t.Run(fmt.Sprint(j.ID), func(t *testing.T) {
			t.Parallel()
			run(j) // want `parallel subtest reads loop variable j`
		})
	}
}

// Waiting in each iteration keeps the variable still while the goroutine
// reads it.
func startWaitEach(jobs []Job) {
	for _, j := range jobs {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(j)
		}()
		wg.Wait()
	}
}

// The variable is passed as an argument.
func startArg(jobs []Job) {
	for _, j := range jobs {
		go func(j Job) { run(j) }(j)
	}
}

// The copy j := j makes a per-iteration variable at go 1.21.
func startCopy(jobs []Job) {
	for _, j := range jobs {
		j := j
		go func() { run(j) }()
	}
}
