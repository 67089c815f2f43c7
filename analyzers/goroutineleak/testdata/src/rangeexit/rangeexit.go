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
