package a

import (
	"bytes"
	"os"
	"slices"
	"strings"
)

// Parameters: callees that keep what they are passed, or return a small
// part of it.

type registry struct {
	names []string
}

func (r *registry) add(name string) { r.names = append(r.names, name) } // want add:"paramFlow\\(stores \\[0\\]\\)"

func partHead(b []byte) []byte { // want partHead:"paramFlow\\(result 0 is part of 0\\)"
	if len(b) < 16 {
		return nil
	}
	return b[:16]
}

func nameOf(line string) string { // want nameOf:"paramFlow\\(result 0 is part of 0\\)"
	if len(line) < 8 {
		return ""
	}
	return strings.TrimSpace(line[:8])
}

func keepHead(path string) []byte {
	data, _ := os.ReadFile(path)
	return partHead(data) // want `partHead\(data\) keeps all of data's backing array alive \(made by os.ReadFile at line \d+\); copy the part you keep`
}

func storeKeyName(r *registry, path string) {
	data, _ := os.ReadFile(path)
	s := string(data)
	r.add(s[:8]) // want `s\[:8\] keeps all of s's backing array alive`
}

func keepName(path string) string {
	data, _ := os.ReadFile(path)
	return nameOf(string(data)) // want `nameOf\(string\(data\)\) keeps all of string\(data\)'s backing array alive \(passed to nameOf at line \d+\)`
}

// headLength uses the part inside the function only.
func headLength(path string) int {
	data, _ := os.ReadFile(path)
	h := partHead(data)
	return len(h)
}

// cloneHead copies the part it returns.
func cloneHead(path string) []byte {
	data, _ := os.ReadFile(path)
	return bytes.Clone(partHead(data))
}

// storeParam stores a part of its parameter: the caller owns the array.
func storeParam(r *registry, s string) {
	r.add(s[:8])
}

// storeAll keeps the whole string anyway: the part pins nothing more.
func storeAll(r *registry, path string) string {
	data, _ := os.ReadFile(path)
	s := string(data)
	r.add(s[:8])
	return s
}

var kept []byte

func keepCopy(b []byte) { kept = bytes.Clone(b) }

// copyInCallee hands the part to a callee that copies it.
func copyInCallee(path string) {
	data, _ := os.ReadFile(path)
	keepCopy(data[:8])
}

// Loaders: a slice built by appending in a loop is as large as the input.

type record struct {
	id   int
	name string
}

func fetchAll(n int) []record { // want fetchAll:"freshResults\\(0\\)"
	var all []record
	for i := range n {
		all = append(all, record{id: i})
	}
	return all
}

type page struct {
	top []record
}

func topTen(n int) []record {
	all := fetchAll(n)
	return all[:min(10, len(all))] // want `all\[:min\(10, len\(all\)\)\] keeps all of all's backing array alive \(made by fetchAll at line \d+\)`
}

func lastThree(p *page, n int) {
	all := fetchAll(n)
	p.top = all[max(0, len(all)-3):] // want `all\[max\(0, len\(all\)-3\):\] keeps all of all's backing array alive`
}

// topCopy copies the ten it keeps.
func topCopy(n int) []record {
	all := fetchAll(n)
	return slices.Clone(all[:min(10, len(all))])
}

// fewAppends appends outside any loop: a small array.
func fewAppends() []string {
	var out []string
	out = append(out, "a")
	out = append(out, "b")
	return out[:1]
}

// Parse functions: a field of the struct they return is a piece of
// their parameter.

type entry struct {
	name string
	size int
}

func parseEntry(line string) entry { // want parseEntry:"paramFlow\\(result 0 is part of 0\\)"
	fields := strings.Fields(line)
	return entry{name: fields[0], size: len(fields)}
}

func firstEntry(path string) entry {
	out, _ := os.ReadFile(path)
	return parseEntry(string(out)) // want `parseEntry\(string\(out\)\) keeps all of string\(out\)'s backing array alive \(passed to parseEntry at line \d+\)`
}

// entrySize reads a number out of the entry: nothing kept.
func entrySize(path string) int {
	out, _ := os.ReadFile(path)
	return parseEntry(string(out)).size
}

func parseEntryCopy(line string) entry {
	fields := strings.Fields(line)
	return entry{name: strings.Clone(fields[0])}
}

// firstEntryCopy keeps a parse result that copied what it kept.
func firstEntryCopy(path string) entry {
	out, _ := os.ReadFile(path)
	return parseEntryCopy(string(out))
}
