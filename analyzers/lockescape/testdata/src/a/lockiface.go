package a

// Locks taken through an interface that is only a lock guard what they
// lock, as sync's do.
type RWLocker interface {
	Lock()
	Unlock()
	RLock()
	RUnlock()
}

type deviceSet struct {
	mut     RWLocker
	devices map[string]*ProjectInfo
}

func (s *deviceSet) Add(id string, p *ProjectInfo) {
	s.mut.Lock()
	defer s.mut.Unlock()
	s.devices[id] = p
}

func (s *deviceSet) Devices() map[string]*ProjectInfo { // want Devices:"result 0 refers into s\\.devices, guarded by s\\.mut"
	s.mut.RLock()
	defer s.mut.RUnlock()
	return s.devices // want `Devices returns map s.devices, guarded by s.mut: callers can change it without the lock`
}
