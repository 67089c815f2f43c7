package a

import (
	"net"
	"sync"
)

type selectorSet map[string]struct{}

var setPool = sync.Pool{New: func() any { return selectorSet{} }}

// allocSet hands out a pooled set with the function that gives it back.
func allocSet(keys ...string) (selectorSet, func()) {
	s := setPool.Get().(selectorSet)
	for _, k := range keys {
		s[k] = struct{}{}
	}
	return s, func() { clear(s); setPool.Put(s) }
}

func notifySets(sets ...selectorSet) {}

// The set a release function came with is kept past the loop: giving it
// back on return is the intent. Not reported.
func updateSets(changed map[string][]string) {
	var toNotify []selectorSet
	for _, keys := range changed {
		s, done := allocSet(keys...)
		defer done()
		toNotify = append(toNotify, s)
	}
	notifySets(toNotify...)
}

// acquireConn hands out a pooled connection with its release.
func acquireConn() (net.Conn, func(), error) { return nil, func() {}, nil }

// The connection is used in the iteration only: each one is held until
// the function returns. Reported.
func sendPooled(msgs [][]byte) error {
	for _, m := range msgs {
		c, release, err := acquireConn()
		if err != nil {
			return err
		}
		defer release() // want `defer release\(\) in loop`
		if _, err := c.Write(m); err != nil {
			return err
		}
	}
	return nil
}
