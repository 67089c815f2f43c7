package fix

import (
	"io"
	"log"
	"time"
)

func writeData(w io.Writer) error { return nil }

func step() error { return nil }

func record(v ...any) {}

func pipeBatch(w io.Writer) {
	pr, pw := io.Pipe()
	_ = pr
	var err error
	defer pw.CloseWithError(err) // want `deferred CloseWithError sees err`
	if err = writeData(w); err != nil {
		return
	}
}

func namedResult() (err error) {
	defer log.Printf("done: %v", err) // want `deferred Printf sees err`
	return step()
}

func status(fail bool) {
	code := 200
	defer record(code) // want `deferred record sees code`
	if fail {
		code = 500
	}
}

func since(start time.Time) {
	defer record("took", time.Since(start)) // want `time.Since\(start\) is evaluated`
}

type stats struct{ n int }

func (s stats) log() {}

func valueReceiver(items []int) {
	var st stats
	defer st.log() // want `runs on a copy of st`
	st.n = len(items)
}

func trace(name string) string { return name }

func un(name string, err error) {}

// No fix: trace must run at the defer.
func traced() (err error) {
	defer un(trace("traced"), err) // want `deferred un sees err`
	return step()
}

// No fix: in a loop, a literal would capture what the call now copies.
func inLoop(items []string) {
	var err error
	for range items {
		defer record(err) // want `deferred record sees err`
		err = step()
	}
}

type conn struct{}

func (*conn) Close() error { return nil }

func dial() *conn { return &conn{} }

func closeAndLog(c *conn, err error) {}

// No fix: a literal would close the connection dialled later, not this
// one.
func resourceMoved() {
	c := dial()
	var err error
	defer closeAndLog(c, err) // want `deferred closeAndLog sees err`
	c = dial()
	err = step()
	_ = c
}

var attempts int

// No fix: attempts is package state, which the literal would read at
// return.
func packageValue() {
	var err error
	defer record(attempts, err) // want `deferred record sees err`
	attempts++
	err = step()
}
