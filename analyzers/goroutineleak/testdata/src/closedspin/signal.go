package closedspin

// A stream's loop whose select has a default that reads: once done is
// closed, its empty case wins over the default on every pass.
type stream interface {
	Recv() (int, error)
	Send(int) error
}

func relay(st stream, closed <-chan struct{}) error {
	errc := make(chan error, 1)
	done := make(chan struct{})
	go func() {
		<-closed
		errc <- nil
		close(done)
	}()
	go func() {
		for {
			select {
			case <-done: // want `once done is closed, this case is taken at once on every pass and the loop spins at full CPU`
			default:
				v, err := st.Recv()
				if err != nil {
					errc <- err
					return
				}
				if err := st.Send(v); err != nil {
					errc <- err
					return
				}
			}
		}
	}()
	return <-errc
}

// A worker whose stop case breaks only out of the select.
type worker struct {
	stop chan struct{}
	jobs chan int
}

// Close stops the worker.
func (w *worker) Close() { close(w.stop) }

func (w *worker) run() {
	for {
		select {
		case <-w.stop: // want `once w\.stop is closed, this case is taken at once on every pass and the loop spins at full CPU \(this break leaves only the select\)`
			break
		case j, ok := <-w.jobs:
			if !ok {
				return
			}
			_ = j
		}
	}
}

// The stop case returns: the loop ends.
func (w *worker) runAndLeave() {
	for {
		select {
		case <-w.stop:
			return
		case j, ok := <-w.jobs:
			if !ok {
				return
			}
			_ = j
		}
	}
}

// tick's channel is signalled by sends, never closed: each send wakes
// the case once.
type ticker struct {
	tick chan struct{}
	jobs chan int
}

// Tick wakes the loop once.
func (t *ticker) Tick() { t.tick <- struct{}{} }

func (t *ticker) run() {
	for {
		select {
		case <-t.tick:
		case j, ok := <-t.jobs:
			if !ok {
				return
			}
			_ = j
		}
	}
}

// A channel of values, not a signal: a closed one yields zero values,
// which the rule leaves to the v, ok form.
func drainInts(in <-chan int, jobs <-chan int, quit chan int) { // want drainInts:"awaits jobs"
	defer close(quit)
	for {
		select {
		case <-quit:
		case j, ok := <-jobs:
			if !ok {
				return
			}
			_ = j
		}
	}
}
