// Package handout holds unexported accessors that return guarded maps
// changed in place. Their callers are all in the package, in view: an
// accessor is reported only when production code calls it, or a test
// uses its result on another goroutine than the test's.
package handout

import "sync"

type API struct {
	mu        sync.RWMutex
	providers map[string]string
	watched   map[string]string
	sources   map[string]string
}

func (a *API) SetProvider(d, p string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.providers[d] = p
	a.watched[d] = p
	a.sources[d] = p
}

// domainProviders is called only by the package's tests, which read the
// map on the test goroutine: nothing races with the lock's holders.
func (a *API) domainProviders() map[string]string { // want domainProviders:"result 0 refers into a\\.providers, guarded by a\\.mu"
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.providers
}

func (a *API) watchedProviders() map[string]string { // want watchedProviders:"result 0 refers into a\\.watched, guarded by a\\.mu"
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.watched // want `watchedProviders returns map a.watched, guarded by a.mu: callers can change it without the lock`
}

func (a *API) Watch(notify func(d, p string)) {
	go func() {
		for d, p := range a.watchedProviders() {
			notify(d, p)
		}
	}()
}

// unusedProviders has no caller: nobody holds what it returns.
func (a *API) unusedProviders() map[string]string { // want unusedProviders:"result 0 refers into a\\.providers, guarded by a\\.mu"
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.providers
}

type providerSource interface {
	sourceProviders() map[string]string
}

// sourceProviders is called through an interface of the package, where
// no use of the method shows.
func (a *API) sourceProviders() map[string]string { // want sourceProviders:"result 0 refers into a\\.sources, guarded by a\\.mu"
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.sources // want `sourceProviders returns map a.sources, guarded by a.mu`
}

func Count(s providerSource) int {
	return len(s.sourceProviders())
}

// Sources hands the interface an *API.
func Sources(a *API) int {
	return Count(a)
}
