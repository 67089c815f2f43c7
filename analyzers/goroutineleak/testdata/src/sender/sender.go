package sender

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/zeromicro/go-zero/core/threading"
	"golang.org/x/sync/errgroup"

	"worker"
)

var errTimeout = errors.New("timeout")

func download(url string) string { return url }

func fetch(url string) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- download(url) // want `the goroutine blocks forever sending on unbuffered ch when the select in fetch gives up through <-time\.After\(time\.Second\) first`
	}()
	select {
	case body := <-ch:
		return body, nil
	case <-time.After(time.Second):
		return "", errTimeout
	}
}

func fetchCtx(ctx context.Context, url string) (string, error) {
	ch := make(chan string)
	threading.GoSafe(func() {
		ch <- download(url) // want `blocks forever sending on unbuffered ch when the select in fetchCtx gives up through <-ctx\.Done\(\) first`
	})
	select {
	case body := <-ch:
		return body, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func fetchTimer(url string) string {
	var ch = make(chan string)
	t := time.NewTimer(time.Second)
	defer t.Stop()
	go func() {
		ch <- download(url) // want `when the select in fetchTimer gives up through <-t\.C first`
	}()
	var body string
	select {
	case body = <-ch:
	case <-t.C:
	}
	return body
}

func fetchNamed(ctx context.Context) int {
	out := make(chan int)
	go worker.SendOnce(3, out) // want `SendOnce blocks forever sending on unbuffered out when the select in fetchNamed gives up through <-ctx\.Done\(\) first`
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

func collect(ctx context.Context) []int {
	out := make(chan int)
	go worker.SendMany(3, out) // want `SendMany blocks forever sending on unbuffered out when the select in`
	var got []int
	for {
		select {
		case v := <-out:
			got = append(got, v)
		case <-time.After(time.Second):
			return got
		}
	}
}

func sendLocal(n int, out chan int) { // want sendLocal:"sends once on out"
	out <- n
}

func fetchLocal(ctx context.Context) int {
	out := make(chan int)
	go sendLocal(1, out) // want `sendLocal blocks forever sending on unbuffered out`
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

func fetchGroup(ctx context.Context) error {
	var g errgroup.Group
	ch := make(chan int)
	g.Go(func() error {
		ch <- 1 // want `the goroutine blocks forever sending on unbuffered ch`
		return nil
	})
	select {
	case <-ch:
	case <-ctx.Done():
		return ctx.Err()
	}
	return g.Wait()
}

// fetchBuffered gives the channel room for the one result, so the send
// completes even when nobody receives.
func fetchBuffered(url string) (string, error) {
	ch := make(chan string, 1)
	go func() {
		ch <- download(url)
	}()
	select {
	case body := <-ch:
		return body, nil
	case <-time.After(time.Second):
		return "", errTimeout
	}
}

// fetchSelectSend lets the goroutine give up too: its send is a select
// case on the same context.
func fetchSelectSend(ctx context.Context, url string) (string, error) {
	ch := make(chan string)
	go func() {
		select {
		case ch <- download(url):
		case <-ctx.Done():
		}
	}()
	select {
	case body := <-ch:
		return body, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// fetchNoTimeout waits for the result whatever happens, so the send always
// finds its receiver.
func fetchNoTimeout(url string, quit chan struct{}) string {
	ch := make(chan string)
	go func() {
		ch <- download(url)
	}()
	select {
	case body := <-ch:
		return body
	case <-quit:
		<-ch
		return ""
	}
}

// fetchDrained receives from the channel again after the timeout, so the
// goroutine is not abandoned.
func fetchDrained(url string) string {
	ch := make(chan string)
	go func() {
		ch <- download(url)
	}()
	select {
	case body := <-ch:
		return body
	case <-time.After(time.Second):
	}
	return <-ch
}

// pollTicker keeps waiting when the timer fires: the timeout case
// continues the loop, so the receiver never leaves.
func pollTicker(url string) string {
	ch := make(chan string)
	go func() {
		ch <- download(url)
	}()
	for {
		select {
		case body := <-ch:
			return body
		case <-time.After(time.Second):
			println("still waiting")
		}
	}
}

// fetchSignal only closes the channel, which never blocks.
func fetchSignal(url string) bool {
	done := make(chan struct{})
	go func() {
		download(url)
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(time.Second):
		return false
	}
}

// fetchNamedSelect starts a worker whose send is a select case on the
// context, so it gives up with the receiver.
func fetchNamedSelect(ctx context.Context) int { // want fetchNamedSelect:"works with ctx"
	out := make(chan int)
	go worker.SendOrQuit(ctx, 3, out)
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// fetchShared hands the channel to another function as well, which may
// receive from it: the receiver is not known, so nothing is reported.
func fetchShared(ctx context.Context, drain func(chan int)) int {
	out := make(chan int)
	go sendLocal(1, out)
	defer drain(out)
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// fetchPolling uses a default case: it does not wait at all, and polls
// again later.
func fetchPolling(url string, wg *sync.WaitGroup) string {
	ch := make(chan string)
	go func() {
		ch <- download(url)
	}()
	for {
		select {
		case body := <-ch:
			return body
		case <-time.After(time.Second):
			return ""
		default:
		}
	}
}
