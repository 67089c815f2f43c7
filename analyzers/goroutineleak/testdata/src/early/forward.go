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
