package a

import "sync"

type holder struct{ p *point }

func (h holder) log() {}

// The field changed is reached through a pointer: the copy of h made at
// the defer points to the same point.
func fieldThroughPointer() {
	h := holder{p: &point{}}
	defer h.log()
	h.p.x = 2
}

// The closure that assigns err is never called.
func closureNeverCalled() {
	var err error
	defer record(err)
	retry := func() { err = step() }
	_ = retry
}

// The closure runs before the defer, which takes its result.
func closureCalledBefore() {
	var err error
	run := func() { err = step() }
	run()
	defer record(err)
}

// Unlock has a pointer receiver: the defer takes mu's address.
func localMutex() {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	mu = sync.Mutex{}
}

// The assignment comes before the defer in every iteration.
func assignedEachIterationBefore(items []string) {
	var err error
	for range items {
		err = step()
		defer record(err)
	}
}

// An inner function literal has its own err; the outer one is never
// assigned after its defer.
func literalOwnsResult() error {
	var err error
	defer record(err)
	check := func() (err error) {
		err = step()
		return err
	}
	return check()
}

// The variable declared in the loop body is a new one in each iteration;
// the next iteration's assignment is not the deferred call's variable.
func bodyVariable(items []string) {
	for _, it := range items {
		name := it
		defer record(name)
		if name == "" {
			continue
		}
	}
}

type readerWriter struct{ method int }

func (rw *readerWriter) newReader() (int, error) { return rw.method, nil }

type rwPool struct{}

func (*rwPool) Get() readerWriter   { return readerWriter{} }
func (*rwPool) Put(rw readerWriter) {}

// A pointer method called on the pooled value reads it; the pool gets
// back the value it gave (regression: clickhouse-go conn_http.go).
func pooledValue(p *rwPool) (int, error) {
	rw := p.Get()
	defer p.Put(rw)
	return rw.newReader()
}
