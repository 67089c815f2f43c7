// Package early holds receivers that can return before their only
// receive: the goroutine that was to be received from blocks forever.
package early

import (
	"errors"
	"io"
	"log"
	"os/exec"
)

func work() error { return errors.New("x") }

func open() (io.ReadCloser, error) { return nil, nil }

// Both copies report on their own channel; the first error returns
// before the second channel is received from.
func copyBoth() error {
	a := make(chan error)
	b := make(chan error)
	go func() { a <- work() }()
	go func() {
		b <- work() // want `the goroutine blocks forever sending on unbuffered b when copyBoth returns before receiving from it`
	}()
	if err := <-a; err != nil {
		return err
	}
	return <-b
}

// An error check between the launch and the receive returns first.
func waitCmd(cmd *exec.Cmd) error {
	done := make(chan error)
	go func() {
		done <- cmd.Wait() // want `blocks forever sending on unbuffered done when waitCmd returns before receiving from it`
	}()
	r, err := open()
	if err != nil {
		return err
	}
	defer r.Close()
	return <-done
}

// The goroutine closes the channel after its send; the close changes
// nothing while the send blocks.
func readErrors(r io.Reader) {
	type result struct {
		msg []byte
		err error
	}
	errc := make(chan result)
	go func() {
		msg, err := io.ReadAll(r)
		errc <- result{msg, err} // want `blocks forever sending on unbuffered errc when readErrors returns before receiving from it`
		close(errc)
	}()
	if _, err := open(); err != nil {
		log.Print(err)
		return
	}
	res := <-errc
	log.Print(res.err)
}

// A receive under a condition: the function ends without it.
func maybeWait(wait bool) {
	ch := make(chan struct{})
	go func() {
		ch <- struct{}{} // want `blocks forever sending on unbuffered ch when maybeWait returns before receiving from it`
	}()
	if wait {
		<-ch
	}
}

func sendErr(ch chan<- error) { ch <- work() } // want sendErr:"sends once on ch"

// go f(ch), where f sends once.
func named() error {
	ch := make(chan error)
	go sendErr(ch) // want `sendErr blocks forever sending on unbuffered ch when named returns before receiving from it`
	if _, err := open(); err != nil {
		return err
	}
	return <-ch
}

// Two receives, one on each branch of the fast path, and an error check
// between them and the launch on the slow path.
func twoBranches(fast bool) error {
	ch := make(chan error)
	go func() {
		ch <- work() // want `blocks forever sending on unbuffered ch when twoBranches returns before receiving from it`
	}()
	if fast {
		return <-ch
	}
	if _, err := open(); err != nil {
		return err
	}
	return <-ch
}

// Both directions of a copy report on their own channel; each select case
// returns without receiving the other.
func dialStdio() error {
	in := make(chan error)
	out := make(chan error)
	go func() {
		in <- work() // want `blocks forever sending on unbuffered in when dialStdio returns before receiving from it`
	}()
	go func() {
		out <- work() // want `blocks forever sending on unbuffered out when dialStdio returns before receiving from it`
	}()
	select {
	case err := <-in:
		if err != nil {
			return err
		}
		return <-out
	case err := <-out:
		return err
	}
}

// A select that returns on a value from elsewhere.
func firstOf(other <-chan error) error {
	ch := make(chan error)
	go func() {
		ch <- work() // want `blocks forever sending on unbuffered ch when firstOf returns before receiving from it`
	}()
	select {
	case err := <-ch:
		return err
	case err := <-other:
		return err
	}
}
