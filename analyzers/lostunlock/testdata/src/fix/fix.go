package fix

import (
	"errors"
	"sync"
)

type Cache struct {
	mu    sync.RWMutex
	items map[string]int
}

func load(string) (int, error) { return 0, nil }

var errEmpty = errors.New("empty")

func (c *Cache) Load(key string) (int, error) {
	c.mu.Lock()
	v, err := load(key)
	if err != nil {
		return 0, err // want `return leaves c.mu locked`
	}
	if v == 0 {
		c.mu.Unlock()
		return 0, errEmpty
	}
	c.items[key] = v
	c.mu.Unlock()
	return v, nil
}

func (c *Cache) Count(key string) int {
	c.mu.RLock()
	if key == "" {
		return 0 // want `return leaves c.mu read-locked`
	}
	n := c.items[key]
	c.mu.RUnlock()
	return n
}

func (c *Cache) Reset(key string) {
	c.mu.Lock()
	if key == "" {
		return // want `return leaves c.mu locked`
	}
	delete(c.items, key)
	c.mu.Unlock()
}

// NoFixWhenReturnCalls keeps its unlock before a return that calls a
// function, which might take the same lock under a defer.
func (c *Cache) NoFixWhenReturnCalls(key string) (int, error) {
	c.mu.Lock()
	if key == "" {
		return 0, errEmpty // want `return leaves c.mu locked`
	}
	c.mu.Unlock()
	return load(key)
}
