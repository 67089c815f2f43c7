package a

import (
	"io"
	"slices"
)

type mux struct{ io.Closer }

func openMux(i int) *mux { return &mux{} }

// closeOwn defers each iteration's close of its own mux: muxes only grows
// by append, which never changes an element already there, so muxes[i]
// is this iteration's mux when the deferred call runs.
func closeOwn(n int) {
	var muxes []*mux
	for i := range n {
		muxes = append(muxes, openMux(i))
		defer func() { _ = muxes[i].Close() }()
	}
}

// closeOwnCopy indexes with a copy made in the body, and hands the slice
// to a function that reads it after the loop: still only appended to.
func closeOwnCopy(n int) int {
	muxes := []*mux{}
	for i := 0; i < n; i++ {
		idx := i
		muxes = append(muxes, openMux(i))
		defer func() { _ = muxes[idx].Close() }()
	}
	useAll(muxes...)
	return len(muxes)
}

func useAll(muxes ...*mux) {}

// closeOwnThenSort sorts the slice after the loop: the element at i is no
// longer its iteration's.
func closeOwnThenSort(n int) {
	var muxes []*mux
	for i := range n {
		muxes = append(muxes, openMux(i))
		defer func() { _ = muxes[i].Close() }() // want `deferred function reads variable muxes, declared outside the loop, after the loop has changed it`
	}
	slices.SortFunc(muxes, func(a, b *mux) int { return 0 })
}

// closeLast reads the slice's last element when the deferred call runs:
// the last mux, n times.
func closeLast(n int) {
	var muxes []*mux
	for i := range n {
		muxes = append(muxes, openMux(i))
		defer func() { _ = muxes[len(muxes)-1].Close() }() // want `deferred function reads variable muxes, declared outside the loop, after the loop has changed it`
	}
}

// closeOwnThenClear stores into the slice after the loop: the element the
// deferred call reads is no longer its iteration's.
func closeOwnThenClear(n int) {
	var muxes []*mux
	for i := range n {
		muxes = append(muxes, openMux(i))
		defer func() { _ = muxes[i].Close() }() // want `deferred function reads variable muxes, declared outside the loop, after the loop has changed it`
	}
	muxes[0] = nil
}

// closeOwnGo's goroutines read the slice while the loop appends to it: a
// race, whatever the index.
func closeOwnGo(n int, done chan struct{}) {
	var muxes []*mux
	for i := range n {
		muxes = append(muxes, openMux(i))
		go func() { <-done; _ = muxes[i].Close() }() // want `goroutine reads variable muxes, declared outside the loop, after the loop has changed it`
	}
}
