// Package rangeexit holds consumers that range over a producer's channel
// and can leave the range before the producer is done.
package rangeexit

import "errors"

type item struct {
	v   int
	err error
}

// A return in the range's body strands the producer at its next send.
func firstNegative(xs []int) error {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x // want `the goroutine blocks forever sending on unbuffered ch when firstNegative leaves its range over ch early`
		}
	}()
	for v := range ch {
		if v < 0 {
			return errors.New("negative")
		}
	}
	return nil
}

// A break of the range does the same.
func firstBig(xs []int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x * 2 // want `when firstBig leaves its range over ch early`
		}
		close(ch)
	}()
	found := 0
	for v := range ch {
		if v > 100 {
			found = v
			break
		}
	}
	return found
}

// A labeled break out of an inner switch.
func labeled(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x // want `when labeled leaves its range over ch early`
		}
	}()
	n := 0
loop:
	for v := range ch {
		switch {
		case v == 0:
			break loop
		default:
			n += v
		}
	}
	return n
}

func check(x int) error {
	if x < 0 {
		return errors.New("negative")
	}
	return nil
}

// Workers each send once; the counting loop returns on the first error,
// and the workers not yet received from block forever.
func checkAll(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() {
			errc <- check(x) // want `the goroutine, started in a loop, blocks forever sending on unbuffered errc when checkAll leaves the loop receiving from errc early`
		}()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func sendCheck(x int, errc chan<- error) { errc <- check(x) } // want sendCheck:"sends once on errc"

// The same with a named worker and a counted for loop.
func checkAllNamed(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go sendCheck(x, errc) // want `sendCheck, started in a loop, blocks forever sending on unbuffered errc when checkAllNamed leaves the loop receiving from errc early`
	}
	for i := 0; i < len(xs); i++ {
		err := <-errc
		if err != nil {
			return err
		}
	}
	return nil
}

// Workers and a goroutine that closes the channel once they are done; the
// range returns on the first error.
func rangeWorkers(xs []int) error {
	errc := make(chan error)
	done := make(chan struct{})
	for _, x := range xs {
		go func() {
			errc <- check(x) // want `started in a loop, blocks forever sending on unbuffered errc when rangeWorkers leaves the loop receiving from errc early`
			done <- struct{}{}
		}()
	}
	go func() {
		for range xs {
			<-done
		}
		close(errc)
	}()
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}
