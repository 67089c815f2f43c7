package a

import (
	"errors"
	"fmt"
	"io"
	"log"
	"time"
)

type span struct{}

func (*span) End(err error) {}

func startSpan() *span { return &span{} }

type metrics struct{}

func (*metrics) Done(status int) {}

var mx = &metrics{}

func writeData(w io.Writer) error { return nil }

func step() error { return nil }

func record(v ...any) {}

func cleanup(name string, err error) {}

// The case: the reader of the pipe sees a clean end of stream.
func pipeBatch(w io.Writer) {
	pr, pw := io.Pipe()
	_ = pr
	var err error
	defer pw.CloseWithError(err) // want `deferred CloseWithError sees err as it is at the defer statement, not as assigned later`
	if err = writeData(w); err != nil {
		return
	}
}

func namedResultLogged() (err error) {
	defer log.Printf("done: %v", err) // want `deferred Printf sees err as it is at the defer statement, not the value returned`
	return step()
}

func spanEnd() {
	sp := startSpan()
	var err error
	defer sp.End(err) // want `deferred End sees err as it is`
	err = step()
	if err != nil {
		return
	}
}

func statusRecorded(fail bool) {
	status := 200
	defer mx.Done(status) // want `deferred Done sees status as it is`
	if fail {
		status = 500
		return
	}
}

func cleanupBoth(name string) (err error) {
	defer cleanup(name, err) // want `deferred cleanup sees err as it is`
	if name == "" {
		return errors.New("no name")
	}
	return nil
}

// := with err already declared in the same scope assigns that err.
func redeclared() error {
	a, err := 1, step()
	defer record(err) // want `deferred record sees err as it is`
	b, err := 2, step()
	_, _ = a, b
	return err
}

func assignedInLoop(items []string) {
	var err error
	defer record(err) // want `deferred record sees err`
	for range items {
		if err = step(); err != nil {
			return
		}
	}
}

func closureBound() {
	var err error
	defer record(err) // want `deferred record sees err`
	run := func() { err = step() }
	run()
}

func closureCalledInPlace() {
	var err error
	defer record(err) // want `deferred record sees err`
	func() {
		err = step()
	}()
}

func withTx(f func() error) error { return f() }

func closurePassed() {
	var err error
	defer record(err) // want `deferred record sees err`
	_ = withTx(func() error {
		err = step()
		return err
	})
}

type stats struct{ n int }

func (s stats) log() { fmt.Println(s.n) }

func valueReceiverField(items []int) {
	var st stats
	defer st.log() // want `deferred log runs on a copy of st made at the defer statement, not on st as changed later`
	for range items {
		st.n++
	}
}

func valueReceiverWhole() {
	var st stats
	defer st.log() // want `runs on a copy of st`
	st = stats{n: 1}
}

type tx struct{}

func (*tx) Rollback() error { return nil }

func begin() (*tx, error) { return &tx{}, nil }

// The pointer is nil when the defer is made.
func nilReceiver() error {
	var t *tx
	defer t.Rollback() // want `deferred Rollback sees t as it is`
	t, err := begin()
	_ = t
	return err
}

func flush(lines []string) {}

func nilSlice() {
	var lines []string
	defer flush(lines) // want `deferred flush sees lines`
	lines = append(lines, "x")
}

func scan(dst *int) {}

func addressTaken() {
	var status int
	defer record(status) // want `deferred record sees status`
	scan(&status)
}

func sinceArg(start time.Time) {
	defer record(time.Since(start)) // want `time.Since\(start\) is evaluated at the defer statement: record gets the time until the defer, not until return`
}

func sinceInPrintf() {
	start := time.Now()
	defer log.Printf("took %v", time.Since(start)) // want `time.Since\(start\) is evaluated`
	work()
}

func work() {}

func twoResults() (n int, err error) {
	defer record(n, err) // want `deferred record sees n and err as they are at the defer statement, not the values returned`
	return 1, nil
}

func panicExit() {
	state := ""
	defer record(state) // want `deferred record sees state`
	state = "failed"
	panic(state)
}

func inSwitch(k int) {
	code := 0
	defer record(code) // want `deferred record sees code`
	switch k {
	case 1:
		code = 1
	default:
		code = 2
	}
}

func recovered() (err error) {
	defer record(err) // want `deferred record sees err`
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	work()
	return nil
}

func concatenated(parts []string) {
	msg := ""
	defer record(msg) // want `deferred record sees msg`
	for _, p := range parts {
		msg += p
	}
}

func emit(v any) {}

func anyPlaceholder() {
	var result any
	defer emit(result) // want `deferred emit sees result`
	result = 42
}

func flag() {
	ok := false
	defer record(ok) // want `deferred record sees ok`
	work()
	ok = true
}

type response struct{ code int }

func send(r response) {}

func structField() {
	var res response
	defer send(res) // want `deferred send sees res`
	res.code = 404
}

func comparison() {
	var err error
	defer record(err != nil) // want `deferred record sees err`
	err = step()
}

func inLiteral() {
	go func() {
		var err error
		defer record(err) // want `deferred record sees err`
		err = step()
	}()
}

type throttle struct{}

func (*throttle) Do() error      { return nil }
func (*throttle) Done(err error) {}

func createTable() (int, error) { return 0, nil }

// A worker's error recorded by the throttle is always nil: a failed build
// is lost (found in badger levels.go).
func throttledWorker(th *throttle, res chan<- int) {
	go func() {
		var err error
		defer th.Done(err) // want `deferred Done sees err as it is at the defer statement`
		var tbl int
		tbl, err = createTable()
		if err != nil {
			return
		}
		res <- tbl
	}()
}

type wfContext struct{}

func (*wfContext) Unlock(err error) {}

func getContext() (*wfContext, error) { return &wfContext{}, nil }

func process(*wfContext) (int, error) { return 0, nil }

// The second := redeclares err in the same scope: Unlock sees the first
// error only (found in temporal internal_worker.go).
func replay() error {
	wfctx, err := getContext()
	defer wfctx.Unlock(err) // want `deferred Unlock sees err`
	if err != nil {
		return err
	}
	resp, err := process(wfctx)
	if err != nil {
		return err
	}
	_ = resp
	return nil
}
