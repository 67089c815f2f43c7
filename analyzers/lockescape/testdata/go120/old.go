package old

import "sync"

type Index struct {
	mu    sync.Mutex
	names []string
}

func (x *Index) Add(name string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.names = append(x.names, name)
	x.names[0] = name
}

func (x *Index) Names() []string { // want Names:"result 0 refers into x\\.names, guarded by x\\.mu"
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.names // want `Names returns slice x.names, guarded by x.mu: callers can change it without the lock$`
}
