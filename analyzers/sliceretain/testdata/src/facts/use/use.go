package use

import "facts/lib"

type Entry struct {
	Key  []byte
	Name string
}

// A fresh buffer from another package, known through a fact.
func key(path string) []byte {
	data, err := lib.Load(path)
	if err != nil {
		return nil
	}
	return data[:16] // want `data\[:16\] keeps all of data's backing array alive \(made by lib.Load at line 12\)`
}

// A fresh string from another package, kept in a struct.
func entry(path string) Entry {
	t := lib.Text(path)
	return Entry{Name: t[:8]} // want `t\[:8\] keeps all of t's backing array`
}

// A generic fresh function from another package.
func firstInts(n int) []int {
	xs := lib.Make[int](n)
	return xs[:2] // want `xs\[:2\] keeps all of xs's backing array`
}

// A chained fresh function, sent on a channel.
func sendHead(ch chan<- []byte, path string) {
	b := lib.LoadAgain(path)
	ch <- b[:4] // want `b\[:4\] keeps all of b's backing array`
}

// Keep's result also lives in a package variable of lib: not fresh.
func keptHead() []byte {
	b := lib.Keep(nil)
	return b[:4]
}

// Small's result is below the threshold.
func smallHead() []byte {
	b := lib.Small()
	return b[:4]
}

// Param returns the caller's own slice back.
func paramHead(in []byte) []byte {
	b := lib.Param(in)
	return b[:4]
}

// Render's output used only to count.
func renderedCount(parts []string) int {
	b := lib.Render(parts)
	return len(b[:1])
}
