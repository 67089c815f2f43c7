package sender

// A receiver loop that returns on a plain stop channel abandons the
// goroutines still sending to it.

func consume(v int) {}

// drainUntil returns when stop is closed, and the goroutine's next send
// never finds a receiver.
func drainUntil(stop chan struct{}) { // want drainUntil:"awaits stop"
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i // want `the goroutine blocks forever sending on unbuffered ch when the select in drainUntil gives up through <-stop first`
		}
	}()
	for {
		select {
		case v := <-ch:
			consume(v)
		case <-stop:
			return
		}
	}
}

type rotator struct {
	stop chan struct{}
}

// rotate sends every name it finds on names.
func (r *rotator) rotate(names chan string) { // want rotate:"sends on names"
	for _, n := range []string{"a", "b"} {
		names <- n
	}
}

// Close stops the rotator's loops.
func (r *rotator) Close() { close(r.stop) }

// run is the article's shape: the sender is a method started with go,
// the receiver gives up on the struct's stop channel.
func (r *rotator) run() {
	names := make(chan string)
	go r.rotate(names) // want `rotate blocks forever sending on unbuffered names when the select in run gives up through <-r\.stop first`
	for {
		select {
		case n := <-names:
			println(n)
		case <-r.stop:
			return
		}
	}
}

// rotateOrStop selects on the stop channel itself around its sends.
func (r *rotator) rotateOrStop(names chan string) {
	for _, n := range []string{"a", "b"} {
		select {
		case names <- n:
		case <-r.stop:
			return
		}
	}
}

// runSelecting starts a sender that gives up with the receiver.
func (r *rotator) runSelecting() {
	names := make(chan string)
	go r.rotateOrStop(names)
	for {
		select {
		case n := <-names:
			println(n)
		case <-r.stop:
			return
		}
	}
}

// rotateAndSignal closes the stop channel after its last send: the
// receiver cannot give up before every send is done.
func (r *rotator) rotateAndSignal(names chan string) { // want rotateAndSignal:"sends on names"
	names <- "a"
	names <- "b"
	close(r.stop)
}

func (r *rotator) runUntilSignalled() {
	names := make(chan string)
	go r.rotateAndSignal(names)
	for {
		select {
		case n := <-names:
			println(n)
		case <-r.stop:
			return
		}
	}
}

// produceThenClose is the sibling with a literal: the sender itself
// closes done after its sends.
func produceThenClose() {
	ch := make(chan int)
	done := make(chan struct{})
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
		close(done)
	}()
	for {
		select {
		case v := <-ch:
			consume(v)
		case <-done:
			return
		}
	}
}

// keepWaiting logs the stop signal and keeps receiving: it never leaves.
func keepWaiting(stop chan struct{}) { // want keepWaiting:"loops forever"
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
	}()
	for {
		select {
		case v := <-ch:
			consume(v)
		case <-stop:
			println("stop requested")
		}
	}
}

// firstError returns on the first error, a value rather than a stop
// signal: an error channel is not judged.
func firstError(errs chan error) { // want firstError:"awaits errs"
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
	}()
	for {
		select {
		case v := <-ch:
			consume(v)
		case err := <-errs:
			println(err.Error())
			return
		}
	}
}

// keeper's stop channel is never closed or sent on by the package: its
// select never gives up, and the sender is always received from.
type keeper struct {
	stop chan struct{}
}

func (k *keeper) find(names chan string) { // want find:"sends on names"
	for _, n := range []string{"a", "b"} {
		names <- n
	}
}

func (k *keeper) run() {
	names := make(chan string)
	go k.find(names)
	for {
		select {
		case n := <-names:
			println(n)
		case <-k.stop:
			return
		}
	}
}
