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
