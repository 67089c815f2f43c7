package handout

import (
	"sync"
	"testing"
)

// TestDomainProviders reads the map on the test goroutine, in the test
// and in a subtest that does not run in parallel.
func TestDomainProviders(t *testing.T) {
	a := &API{providers: map[string]string{}, watched: map[string]string{}, sources: map[string]string{}}
	a.SetProvider("x", "y")
	if a.domainProviders()["x"] != "y" {
		t.Fatal("missing provider")
	}
	t.Run("sub", func(t *testing.T) {
		m := a.domainProviders()
		if len(m) != 1 {
			t.Fatal(len(m))
		}
	})
	defer func() { _ = a.domainProviders() }()
	t.Cleanup(func() { _ = a.domainProviders() })
}

// A test helper type whose accessors only tests call.
type counter struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *counter) add(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k]++
}

func (c *counter) snapshot() map[string]int { // want snapshot:"result 0 refers into c\\.m, guarded by c\\.mu"
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m // want `snapshot returns map c.m, guarded by c.mu`
}

func (c *counter) view() map[string]int { // want view:"result 0 refers into c\\.m, guarded by c\\.mu"
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m // want `view returns map c.m, guarded by c.mu`
}

// read is called by tests on their own goroutine only.
func (c *counter) read() map[string]int { // want read:"result 0 refers into c\\.m, guarded by c\\.mu"
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m
}

// TestParallel reads the snapshot in parallel subtests while add runs.
func TestParallel(t *testing.T) {
	c := &counter{m: map[string]int{}}
	for range 2 {
		t.Run("p", func(t *testing.T) {
			t.Parallel()
			c.add("k")
			_ = len(c.snapshot())
		})
	}
	_ = c.read()["k"]
}

// TestGoroutine reads the map, taken on the test goroutine, in another
// goroutine.
func TestGoroutine(t *testing.T) {
	c := &counter{m: map[string]int{}}
	m := c.view()
	done := make(chan bool)
	go func() {
		_ = m["k"]
		close(done)
	}()
	c.add("k")
	<-done
	_ = c.read()
}
