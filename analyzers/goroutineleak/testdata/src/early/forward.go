package early

import (
	"errors"
	"sync"
)

type upgrade struct{ mu sync.Mutex }

// report sends the result while holding the lock.
func (u *upgrade) report(c chan<- error, err error) { // want report:"sends once on c"
	u.mu.Lock()
	defer u.mu.Unlock()
	c <- err
}

// releasing does not send itself: it hands its channel to report.
func (u *upgrade) releasing(c chan<- error) { // want releasing:"sends once on c"
	err := work()
	u.report(c, err)
}

// perform gives up on the release when the context ends first: the
// sender started as go u.releasing(ch) blocks forever, holding the lock.
func (u *upgrade) perform(stop <-chan struct{}) error {
	ch := make(chan error)
	go u.releasing(ch) // want `releasing blocks forever sending on unbuffered ch when the select in perform gives up through <-stop first`
	select {
	case err := <-ch:
		return err
	case <-stop:
		return errors.New("cancelled")
	}
}

// drains hands the channel to report in a goroutine literal of its own:
// not a send of drains's body.
func (u *upgrade) drains(c chan<- error) {
	go func() { u.report(c, nil) }()
}

// trigger passes its channel to the goroutine literal as an argument: the
// literal's parameter is the same channel.
func (u *upgrade) trigger(stop <-chan struct{}) error {
	done := make(chan error)
	go func(done chan error) {
		done <- work() // want `the goroutine blocks forever sending on unbuffered done when the select in trigger gives up through <-stop first`
	}(done)
	select {
	case err := <-done:
		return err
	case <-stop:
		return errors.New("cancelled")
	}
}

// waitBoth's literal receives from its parameter too: not a plain sender.
func (u *upgrade) waitBoth(stop <-chan struct{}) error {
	done := make(chan error)
	go func(done chan error) {
		done <- work()
		<-done
	}(done)
	select {
	case err := <-done:
		return err
	case <-stop:
		return errors.New("cancelled")
	}
}

// interrupt records the receive in stopped and receives again only where
// it has not: every path receives once.
func interrupt(input <-chan []byte, flush func([]byte)) {
	stop := make(chan bool)
	go func(stop chan bool) {
		stop <- work() == nil
	}(stop)
	interrupted, stopped := false, false
	for !interrupted {
		select {
		case interrupted = <-stop:
			stopped = true
		case b := <-input:
			if b == nil {
				if !stopped {
					<-stop
				}
				return
			}
			flush(b)
		}
	}
}
