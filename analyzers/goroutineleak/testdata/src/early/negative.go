package early

import (
	"context"
	"log"
	"time"
)

// The early return drains the channel first.
func drained() error {
	ch := make(chan error)
	go func() { ch <- work() }()
	if _, err := open(); err != nil {
		<-ch
		return err
	}
	return <-ch
}

// A buffer of one: the send completes whoever returns.
func buffered() error {
	ch := make(chan error, 1)
	go func() { ch <- work() }()
	if _, err := open(); err != nil {
		return err
	}
	return <-ch
}

// The early path ends the process.
func fatal() error {
	ch := make(chan error)
	go func() { ch <- work() }()
	if _, err := open(); err != nil {
		log.Fatal(err)
	}
	return <-ch
}

// The early path panics.
func panics() error {
	ch := make(chan error)
	go func() { ch <- work() }()
	if _, err := open(); err != nil {
		panic(err)
	}
	return <-ch
}

// One goroutine per item, and a loop that receives once per goroutine:
// its exit is counted, not a way to skip the receives.
func counted(items []int) int {
	ch := make(chan int)
	n := 0
	for _, it := range items {
		n++
		go func() { ch <- it * 2 }()
	}
	sum := 0
	for n > 0 {
		sum += <-ch
		n--
	}
	return sum
}

// The return comes before the goroutine starts.
func returnFirst() error {
	ch := make(chan error)
	if _, err := open(); err != nil {
		return err
	}
	go func() { ch <- work() }()
	return <-ch
}

// A deferred receive drains the channel on every return.
func deferredDrain() error {
	ch := make(chan error)
	go func() { ch <- work() }()
	defer func() { <-ch }()
	if _, err := open(); err != nil {
		return err
	}
	return nil
}

// The channel is handed to another function, which may receive.
func handedOn() error {
	ch := make(chan error)
	go func() { ch <- work() }()
	if _, err := open(); err != nil {
		go drain(ch)
		return err
	}
	return <-ch
}

func drain(ch <-chan error) { <-ch } // want drain:"awaits ch"

// The receive is evaluated before the return in its own statement.
func receiveInInit() error {
	ch := make(chan error)
	go func() { ch <- work() }()
	if err := <-ch; err != nil {
		return err
	}
	return nil
}

// The goroutine's send is a select case on the context: it can leave.
func selectSend(ctx context.Context) error {
	ch := make(chan error)
	go func() {
		select {
		case ch <- work():
		case <-ctx.Done():
		}
	}()
	if _, err := open(); err != nil {
		return err
	}
	return <-ch
}

// The receive is a select case, and the other case drains the channel
// before it returns.
func selectReceive(other chan error) error {
	ch := make(chan error)
	go func() { ch <- work() }()
	select {
	case err := <-ch:
		return err
	case err := <-other:
		<-ch
		return err
	}
}

// A goroutine that sends several times: each receive is counted by the
// caller's protocol, not a single result.
func several() {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
	}()
	<-ch
	<-ch
	<-ch
}

// The goroutine is launched from a nested literal; the enclosing
// function's returns do not concern it.
func nested() func() error {
	return func() error {
		ch := make(chan error)
		go func() { ch <- work() }()
		time.Sleep(time.Millisecond)
		return <-ch
	}
}

// One goroutine sends either its error or its result: after the error,
// it never sends the result, so returning on the error strands nothing.
func resultOrError() (int, error) {
	resc := make(chan int)
	errc := make(chan error)
	go func() {
		if err := work(); err != nil {
			errc <- err
			return
		}
		resc <- 1
	}()
	select {
	case v := <-resc:
		return v, nil
	case err := <-errc:
		return 0, err
	}
}

// A select in a loop whose only way out is the goroutine's own channel.
func pump(lines <-chan string) error {
	done := make(chan error)
	go func() { done <- work() }()
	for {
		select {
		case l := <-lines:
			println(l)
		case err := <-done:
			return err
		}
	}
}

// When the caller does not wait, another goroutine takes the value.
func sharedReceiver(log func(error), wait bool) error {
	ch := make(chan error)
	go func() { ch <- work() }()
	if !wait {
		go func() { log(<-ch) }()
		return nil
	}
	return <-ch
}
