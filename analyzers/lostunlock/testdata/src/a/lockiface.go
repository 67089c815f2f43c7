package a

// A program that takes its locks through an interface that is only a lock
// (a logging mutex in debug builds, a sync.Mutex otherwise).
type Mutex interface {
	Lock()
	Unlock()
}

type RWMutex interface {
	Mutex
	RLock()
	RUnlock()
}

type folder struct {
	mut   Mutex
	rmut  RWMutex
	files map[string]int
}

func (f *folder) take(name string) (int, bool) {
	f.mut.Lock()
	n, ok := f.files[name]
	if !ok {
		return 0, false // want `return leaves f.mut locked \(it is unlocked on other paths\); use defer f.mut.Unlock\(\) after Lock`
	}
	delete(f.files, name)
	f.mut.Unlock()
	return n, true
}

func (f *folder) peek(name string) int {
	f.rmut.RLock()
	n, ok := f.files[name]
	if !ok {
		return -1 // want `return leaves f.rmut read-locked \(it is unlocked on other paths\); use defer f.rmut.RUnlock\(\) after RLock`
	}
	f.rmut.RUnlock()
	return n
}

// An interface with a lock's methods and more is not only a lock: its
// Lock may be anything (a file lock released by Close). Not judged.
type lockCloser interface {
	Lock()
	Unlock()
	Close() error
}

func useLockCloser(l lockCloser, ok bool) error {
	l.Lock()
	if !ok {
		return l.Close()
	}
	l.Unlock()
	return nil
}
