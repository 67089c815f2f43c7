// Package goroutineleak defines an Analyzer that reports goroutines that can
// never stop, and goroutines that die with the request that started them.
//
// # Analyzer goroutineleak
//
// goroutineleak: report goroutines that never end or outlive a request
//
// A goroutine is not collected when nobody needs it any more: it runs until
// its function returns. One that blocks forever keeps its stack and
// everything it references alive for the life of the process, and a server
// that leaks one per request runs out of memory. goroutineleak reports the
// shapes below.
//
// # An abandoned sender
//
// A goroutine sends its result on an unbuffered channel, and the function
// that started it waits in a select that can also give up, on a timeout or
// on its context:
//
//	func fetch(ctx context.Context, url string) (string, error) {
//		ch := make(chan string)
//		go func() {
//			ch <- download(url)
//		}()
//		select {
//		case body := <-ch:
//			return body, nil
//		case <-time.After(time.Second):
//			return "", errTimeout
//		}
//	}
//
// When the timeout wins, nobody will ever receive from ch, and the send
// blocks forever:
//
//	the goroutine blocks forever sending on unbuffered ch when the select in fetch gives up through <-time.After(time.Second) first; use make(chan string, 1)
//
// With a buffer of one the send completes whoever wins, and the goroutine
// ends. goroutineleak offers that fix when the goroutine sends once.
//
// # The rule
//
// A send statement outside a select, on a channel made unbuffered by the
// function that started the goroutine, is reported when the only receive
// in that function is a case of a select that also has a case on
// time.After, a time.Timer's C or a context's Done, and taking that case
// leaves the select for good (the select is not in a loop, or the case
// returns). A goroutine started as go f(ch) counts when f's body sends on
// its channel parameter (known across packages through analysis facts).
// Goroutines started with errgroup.Group.Go, sync.WaitGroup.Go and
// go-zero's threading.GoSafe and RoutineGroup.Run count like go statements.
//
// Not reported: buffered channels; sends that are themselves select cases;
// channels that the function receives from again after the select (it
// drains them), passes to other functions, stores or returns; selects with
// a default case or without a timeout.
//
// # Limits
//
// The channel must be a local variable of the function holding the
// select; a channel in a struct field is not followed.
//
// # Suppressing
//
// Write the reason after the analyzer name, on the reported line or the
// line above it:
//
//	ch <- v //trapvet:ignore goroutineleak the receiver always drains ch in its cleanup
package goroutineleak
