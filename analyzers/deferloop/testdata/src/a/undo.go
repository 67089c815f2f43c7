package a

import "os"

type pool struct {
	busy    bool
	current string
}

// drainFlag sets a flag for each item and resets it in a deferred
// literal: no resource is held, the state is only reset late.
func (p *pool) drainFlag(items []string) {
	for _, it := range items {
		p.busy = true
		p.current = it
		defer func() {
			p.busy = false
			p.current = ""
		}()
	}
}

var tracing bool

// traceEach toggles a package flag: nothing held.
func traceEach(items []string) {
	for range items {
		tracing = true
		defer func() { tracing = false }()
	}
}

// setEnvOnly sets and restores an environment variable: nothing held.
func setEnvOnly(keys []string) {
	for _, k := range keys {
		old := os.Getenv("KEY")
		os.Setenv("KEY", k)
		defer os.Setenv("KEY", old)
	}
}

// closeEach closes, on return, files that the slice held before the loop
// and holds after it: the iteration holds nothing new.
func closeEach(files []*os.File) {
	for _, f := range files {
		defer f.Close()
	}
}

// closeLooked closes files looked up in a map declared before the loop.
func closeLooked(files map[string]*os.File, names []string) {
	for _, n := range names {
		f, ok := files[n]
		if !ok {
			continue
		}
		defer f.Close()
	}
}

// closeIndexed closes elements of a slice copied into a local first.
func closeIndexed(files []*os.File, idx []int) {
	for _, i := range idx {
		f := files[i]
		defer f.Close()
	}
}

// resetButOpen resets a field that the iteration never set: not an undo,
// and the file it opens is held.
func (p *pool) resetButOpen(paths []string) {
	for _, path := range paths {
		f, _ := os.Open(path)
		defer func() { // want `defer func\(\) \{...\}\(\) in loop`
			p.busy = false
			f.Close()
		}()
	}
}

// openedPerItem opens what the range yields: held per iteration.
func openedPerItem(paths []string) {
	for _, path := range paths {
		f, _ := os.Open(path)
		defer f.Close() // want `every f stays open until openedPerItem returns`
	}
}

// stub patches its target's memory through a function the analysis
// cannot read, so its breakpoint methods may release something: the undo
// rule, not the summary of the package's functions, decides.
type stub struct {
	bps   map[uint64]bool
	patch func(a uint64, set bool) error
}

func (s *stub) clearBreakpoint(a uint64) error { delete(s.bps, a); return s.patch(a, false) }
func (s *stub) setBreakpoint(a uint64) error   { s.bps[a] = true; return s.patch(a, true) }
func (s *stub) step() error                    { return nil }
func (s *stub) lockPage(a uint64) error        { return nil }
func (s *stub) unlockPage(a uint64) error      { return nil }

// stepOver clears the breakpoints in the window and sets them back when
// it returns, after the step: the inverse method undoes the change,
// nothing is held.
func stepOver(s *stub, pc uint64) error {
	for addr := range s.bps {
		if addr >= pc && addr <= pc+8 {
			if err := s.clearBreakpoint(addr); err != nil {
				return err
			}
			defer s.setBreakpoint(addr)
		}
	}
	return s.step()
}

// A different address is not the same change undone.
func stepOverOther(s *stub, pc uint64) error {
	for addr := range s.bps {
		s.clearBreakpoint(addr)
		defer s.setBreakpoint(addr + 1) // want `defer s.setBreakpoint\(addr \+ 1\) in loop`
	}
	return s.step()
}

// Lock and unlock are no state toggle: a page stays locked until return.
func pinPages(s *stub, pages []uint64) error {
	for _, p := range pages {
		s.lockPage(p)
		defer s.unlockPage(p) // want `defer s.unlockPage\(p\) in loop`
	}
	return s.step()
}
