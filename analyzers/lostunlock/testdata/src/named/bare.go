package named

import "sync"

// reg's lockID is a conditional acquire written with bare returns: it
// returns holding r.mu exactly when its named err is nil, and unlocks
// before every return with an error.
type reg struct {
	mu      sync.Mutex
	clients map[string]chan struct{}
	load    func(id string) (string, error)
}

func (r *reg) lockID(id string) (owner string, err error) {
	for {
		r.mu.Lock()
		owner, err = r.load(id)
		if err != nil {
			r.mu.Unlock()
			return
		}
		if done := r.clients[owner]; done != nil {
			r.mu.Unlock()
			<-done
			continue
		}
		break
	}
	return
}

func (r *reg) register(id string) error {
	if _, err := r.lockID(id); err != nil {
		return err
	}
	defer r.mu.Unlock()
	r.clients[id] = make(chan struct{})
	return nil
}

// leaky's error path keeps the lock: a caller that returns on the error
// never unlocks it.
type leaky struct {
	mu      sync.Mutex
	clients map[string]chan struct{}
	load    func(id string) (string, error)
}

func (l *leaky) lockID(id string) (owner string, err error) {
	for {
		l.mu.Lock()
		owner, err = l.load(id)
		if err != nil {
			return // want `return leaves l\.mu locked`
		}
		if done := l.clients[owner]; done != nil {
			l.mu.Unlock()
			<-done
			continue
		}
		break
	}
	return // want `return leaves l\.mu locked`
}

// unchecked's err is assigned and returned without a check: the bare
// return's value is not known, and the held return is reported.
type unchecked struct {
	mu   sync.Mutex
	load func(id string) (string, error)
}

func (u *unchecked) lockID(id string, skip bool) (owner string, err error) {
	u.mu.Lock()
	if skip {
		u.mu.Unlock()
		return "", nil
	}
	owner, err = u.load(id)
	return // want `return leaves u\.mu locked`
}
