package use

import (
	"bytes"
	"strings"

	"facts/lib"
)

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
	return data[:16] // want `data\[:16\] keeps all of data's backing array alive \(made by lib.Load at line 17\)`
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

var firstLines = map[string]string{}

// The first line of a fresh string from another package, found with a
// fallback, kept in a package map.
func rememberFirst(path string) { // want rememberFirst:"paramFlow\\(stores \\[0\\]\\)"
	t := lib.Text(path)
	end := strings.IndexByte(t, '\n')
	if end < 0 {
		end = len(t)
	}
	firstLines[path] = t[:end] // want `t\[:end\] keeps all of t's backing array alive \(made by lib.Text at line 71\)`
}

// The tail of a fresh buffer from another package, clamped with max.
func tailOf(path string) []byte {
	b, _ := lib.Load(path)
	return b[max(0, len(b)-32):] // want `b\[max\(0, len\(b\)-32\):\] keeps all of b's backing array`
}

// A field of a fresh string from another package, split without a
// variable, kept in a package map.
func rememberField(path string) { // want rememberField:"paramFlow\\(stores \\[0\\]\\)"
	firstLines[path] = strings.Fields(lib.Text(path))[0] // want `strings.Fields\(lib.Text\(path\)\)\[0\] keeps all of lib.Text\(path\)'s backing array alive \(split by strings.Fields at line 88\)`
}

// Keep's result is not fresh (lib keeps it too): its parts are not
// reported.
func keptField(path string) { // want keptField:"paramFlow\\(stores \\[0\\]\\)"
	firstLines[path] = strings.Fields(string(lib.Keep(nil)))[0]
}

// The split of a parameter's bytes from another package: Param returns
// the caller's own memory.
func paramField(in []byte) string {
	return string(bytes.Fields(lib.Param(in))[0])
}

func headAcross(path string) []byte {
	data, _ := lib.Load(path)
	return lib.Head(data) // want `lib.Head\(data\) keeps all of data's backing array alive`
}

func putAcross(x *lib.Index, path string) {
	data, _ := lib.Load(path)
	s := string(data)
	x.Put(s[:10]) // want `s\[:10\] keeps all of s's backing array alive`
}

// headLocal uses the part on the spot.
func headLocal(path string) byte {
	data, _ := lib.Load(path)
	return lib.Head(data)[0]
}

// putClone stores a copy.
func putClone(x *lib.Index, path string) {
	data, _ := lib.Load(path)
	s := string(data)
	x.Put(strings.Clone(s[:10]))
}

// A fresh buffer from another package, sliced without a variable.
func inlineKey(path string) Entry {
	return Entry{Key: lib.LoadAgain(path)[:16]} // want `lib\.LoadAgain\(path\)\[:16\] keeps all of lib\.LoadAgain\(path\)'s backing array alive \(returned by lib\.LoadAgain at line \d+\)`
}

// Render's result used on the spot: nothing kept.
func renderedLen(parts []string) int {
	return len(lib.Render(parts)[:4])
}
