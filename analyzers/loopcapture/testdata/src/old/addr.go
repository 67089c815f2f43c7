//go:build go1.21

package old

import "sync"

type service struct{ Namespace, Name string }

func (s *service) update() {}

func updateService(s *service) {}

// The goroutine gets the address of the one loop variable all iterations
// share: the next receive overwrites it while the goroutine reads it.
func allocator(ch chan service) {
	for svc := range ch {
		go updateService(&svc) // want `goroutine gets the address of loop variable svc, which the next iteration overwrites \(before Go 1\.22 every goroutine shares it\)`
	}
}

// A method with a pointer receiver takes the address implicitly.
func startAll(svcs []service) {
	for _, s := range svcs {
		go s.update() // want `goroutine gets the address of loop variable s, which the next iteration overwrites`
	}
}

// Not reported: each iteration waits for its goroutine.
func oneByOne(svcs []service) {
	for _, s := range svcs {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done() }()
		go updateService(&s)
		wg.Wait()
	}
}

// Not reported: a pointer loop variable's value is handed on, not its
// address, and so is a copy's address.
func startPtrs(svcs []*service) {
	for _, s := range svcs {
		go s.update()
	}
	for _, s := range svcs {
		c := *s
		go updateService(&c)
	}
}

type allocator2 struct{}

func (a *allocator2) updateService(s *service) {}

// allocateService starts the goroutine with its parameter.
func (a *allocator2) allocateService(s *service) {
	go a.updateService(s)
}

// readLater starts a literal that reads its parameter.
func readLater(s *service) {
	go func() { _ = s.Name }()
}

// copyNow reads its parameter at once and starts nothing with it.
func copyNow(s *service) service { return *s }

func (a *allocator2) run(ch chan service) {
	for svc := range ch {
		a.allocateService(&svc) // want `allocateService starts a goroutine with the address of loop variable svc, which the next iteration overwrites \(before Go 1\.22 every goroutine shares it\)`
	}
	for svc := range ch {
		readLater(&svc) // want `readLater starts a goroutine with the address of loop variable svc`
	}
	// Not reported: the callee copies the value before the next iteration.
	for svc := range ch {
		_ = copyNow(&svc)
	}
}
