package refresher

import (
	"errors"
	"fmt"
	"sync"
)

var errState = errors.New("invalid state")

// Invocation's message handler starts a goroutine that moves state under
// mu while callers still hold the invocation: go-psrpcore's Pipeline.
type Invocation struct {
	mu      sync.Mutex
	state   int
	lastErr error
	wg      sync.WaitGroup
}

func (p *Invocation) HandleMessage(next int) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.mu.Lock()
		p.state = next
		p.lastErr = errState
		p.mu.Unlock()
	}()
}

// SendInput formats the state after the unlock.
func (p *Invocation) SendInput() error {
	p.mu.Lock()
	if p.state != 1 {
		p.mu.Unlock()
		return fmt.Errorf("%w: not running (state=%d)", errState, p.state) // want `SendInput reads p.state without holding p.mu, under which the goroutine started in HandleMessage assigns it: a data race`
	}
	p.mu.Unlock()
	return nil
}

// Stop is named for teardown, but takes mu itself: it runs beside the
// lock's other holders, the goroutine among them, and its read after the
// unlock races with the goroutine's write like SendInput's.
func (p *Invocation) Stop() error {
	p.mu.Lock()
	if p.state != 1 {
		p.mu.Unlock()
		return fmt.Errorf("%w: cannot stop (state=%d)", errState, p.state) // want `Stop reads p.state without holding p.mu, under which the goroutine started in HandleMessage assigns it: a data race`
	}
	p.state = 2
	p.mu.Unlock()
	return nil
}

// Close never takes mu: the last call, by convention, judged as before.
func (p *Invocation) Close() error {
	return p.lastErr
}

// Shutdown takes mu, then waits for the goroutines the group counts
// before it reads: ordered after their writes.
func (p *Invocation) Shutdown() error {
	p.mu.Lock()
	p.state = 3
	p.mu.Unlock()
	p.wg.Wait()
	return p.lastErr
}

// Err waits for the handler goroutines before it reads: not reported.
func (p *Invocation) Err() error {
	p.wg.Wait()
	return p.lastErr
}

// ErrIf waits on one branch only.
func (p *Invocation) ErrIf(wait bool) error {
	if wait {
		p.wg.Wait()
	}
	return p.lastErr // want `ErrIf reads p.lastErr without holding p.mu, under which the goroutine started in HandleMessage assigns it: a data race`
}
