package lostunlock

import "testing"

func TestSaysHeld(t *testing.T) {
	for doc, want := range map[string]bool{
		"flush writes the buffer. It must be called with c.mu held.": true,
		"Called with t.mu held.":                                     true,
		"Lock should be held.":                                       true,
		"The caller must hold c.mu.":                                 true,
		"REQUIRES: mu is held":                                       true,
		"requires the lock to be held":                               true,
		"Precondition: s.mu is locked.":                              true,
		"It runs with the lock held and may sleep.":                  true,
		"It must not be called with c.mu held.":                      false,
		"close is not entered with the lock held.":                   false,
		"Never call it while holding mu; it locks mu itself":         false,
		"Get returns the value held for key.":                        false,
		"Lock locks the cache.":                                      false,
		"hold returns a handle the caller releases.":                 false,
	} {
		if got := saysHeld(doc); got != want {
			t.Errorf("saysHeld(%q) = %t, want %t", doc, got, want)
		}
	}
}
