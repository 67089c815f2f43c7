package a

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"sync"
	"time"
)

// A start time taken before the defer and never assigned after it.
func startTime() {
	start := time.Now()
	defer record(start)
	work()
}

type point struct{ x int }

func save(v any) {}

// The pointer's value never changes; what it points to does, and the
// deferred call sees that.
func pointerContents() {
	p := &point{}
	defer save(p)
	p.x = 1
}

// The map's contents change, not the map.
func mapContents() {
	m := map[string]int{}
	defer save(m)
	m["a"] = 1
}

// The slice's elements change, not its header.
func sliceContents() {
	s := make([]int, 3)
	defer save(s)
	s[0] = 1
}

// Sending on a channel does not change it.
func channelSend() {
	ch := make(chan int, 1)
	defer close(ch)
	ch <- 1
}

const maxRetries = 3

// A constant never changes.
func constant() {
	defer record(maxRetries, "done")
	work()
}

// The only path after the assignment ends the process: the deferred call
// never runs there.
func exitAfter() {
	var err error
	defer record(err)
	if err = step(); err != nil {
		log.Fatal(err)
	}
	os.Exit(0)
}

// The inner err is another variable.
func shadowedInBlock() {
	var err error
	defer record(err)
	if err := step(); err != nil {
		fmt.Println(err)
		return
	}
}

// The closure declares its own err.
func shadowedInClosure() {
	var err error
	defer record(err)
	func() {
		err := step()
		_ = err
	}()
}

// A function literal reads err when it runs.
func literal() {
	var err error
	defer func() { record(err) }()
	err = step()
}

// Each file's Close closes that file: the second value has a defer of
// its own.
func resourceReassigned(a, b string) error {
	f, err := os.Open(a)
	if err != nil {
		return err
	}
	defer f.Close()
	f, err = os.Open(b)
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

func release(v any) {}

// Each iteration's defer takes that iteration's value.
func perIteration(items []string) {
	for _, it := range items {
		defer release(it)
	}
}

// The post statement moves to the next iteration, whose defer takes the
// new value.
func threeClause(n int) {
	for i := 0; i < n; i++ {
		defer fmt.Println(i)
	}
}

// The variable is assigned before each defer that takes it.
func outerAssignedBefore(items []int) {
	var cur int
	for _, x := range items {
		cur = x
		defer release(cur)
	}
}

// Wait has a pointer receiver: the defer takes wg's address and sees
// every Add.
func pointerMethod() {
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(1)
	go wg.Done()
}

// Assigned before the defer only.
func assignedBefore() {
	err := step()
	defer record(err)
	work()
}

// return err returns the named result itself: nothing changes.
func returnsItself() (err error) {
	err = step()
	defer record(err)
	return err
}

// A bare return changes no named result.
func bareReturn() (err error) {
	err = step()
	defer record(err)
	return
}

var level int

func setLevel(l int) {}

// prev is a snapshot that nothing changes; level is package state.
func restoreLevel() {
	prev := level
	defer setLevel(prev)
	level = 3
}

// The deferred call gets err's address and reads it when it runs.
func addressArgument() {
	var err error
	defer save(&err)
	err = step()
}

func trace(name string) string { return name }

func un(name string) {}

// trace runs at the defer on purpose, and nothing is assigned later.
func traceIdiom() {
	defer un(trace("traceIdiom"))
	work()
}

var counter int

// A package variable may change anywhere; the rule follows locals only.
func packageVariable() {
	defer record(counter)
	counter++
}

type conn struct{}

func (*conn) Close() error { return nil }

// The parameter holds the caller's connection, closed on return; the
// variable then names another one.
func parameterResource(c, other *conn) {
	defer c.Close()
	c = other
	_ = c
}

// The buffer is passed by address: the deferred call sees what is
// written.
func bufferAddress() {
	var b bytes.Buffer
	defer save(&b)
	b.WriteString("x")
}

// The assignment is followed only by log.Fatalf.
func fatalOnly() {
	status := 0
	defer record(status)
	if step() != nil {
		status = 1
		log.Fatalf("failed: %d", status)
	}
}

// The err of the inner := is a new variable in the inner scope.
func innerRedeclaration() {
	var err error
	defer record(err)
	{
		x, err := 1, step()
		_, _ = x, err
	}
}

// A start time in a deferred literal's parameter is read once, on
// purpose: the literal is not this rule's.
func literalParameter() {
	var err error
	defer func(e error) { record(e) }(err)
	err = step()
	_ = err
}

// A value receiver whose variable is never changed after the defer.
func valueReceiverUnchanged() {
	st := stats{n: 1}
	defer st.log()
	work()
}

// A pointer variable reassigned after Close: the old connection is the
// one to close.
func pointerReassignedAfterClose(dial func() *conn) {
	c := dial()
	defer c.Close()
	c = dial()
	defer c.Close()
}

// A buffer from a pool, grown after the defer: the pool gets back the
// value it gave.
func pooledSlice(pool *sync.Pool) {
	buf := pool.Get().([]byte)
	defer pool.Put(buf)
	buf = append(buf, 'x')
	_ = buf
}
