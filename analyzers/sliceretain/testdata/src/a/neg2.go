package a

import (
	"bufio"
	"bytes"
	"io"
	"os"
)

// Comparing a prefix keeps nothing.
func isGIF(path string) bool {
	data, _ := os.ReadFile(path)
	return string(data[:4]) == "GIF8"
}

// A local struct that holds the part does not escape.
func localStruct(path string) int {
	data, _ := os.ReadFile(path)
	h := Header{Name: data[:8]}
	return len(h.Name)
}

// A local slice that collects parts does not escape.
func localAppend(r io.Reader) int {
	body, _ := io.ReadAll(r)
	var parts [][]byte
	parts = append(parts, body[:4], body[4:8])
	return len(parts)
}

// A part returned from a function literal called on the spot: where the
// value goes is not followed.
func literalReturn(path string) int {
	data, _ := os.ReadFile(path)
	get := func() []byte { return data[:4] }
	return len(get())
}

// A small constant capacity grown by append: its size is not known to be large.
func smallCap(words []string) []byte {
	b := make([]byte, 0, 64)
	for _, w := range words {
		b = append(b, w...)
	}
	return b[:1]
}

// The goroutine captures the whole buffer as well as a part.
func goroutineWhole(r io.Reader, out func([]byte)) {
	body, _ := io.ReadAll(r)
	head := body[:4]
	go func() {
		out(head)
		out(body)
	}()
}

// A Scanner's Bytes are a view of its own buffer, not a fresh one.
func scanned(sc *bufio.Scanner) []byte {
	line := sc.Bytes()
	return line[:2]
}

// io.ReadFull's count is what it filled.
func (c *cache) readFull(r io.Reader, size int) {
	buf := make([]byte, size)
	n, _ := io.ReadFull(r, buf)
	c.last = buf[:n]
}

// A variable assigned in a range loop has no single owner.
func rangeVar(bufs [][]byte) []byte {
	for _, b := range bufs {
		return b[:1]
	}
	return nil
}

// A large array is copied into a returned array value, not sliced out.
func arrayValue() [4]byte {
	var page [8192]byte
	clear(page[:])
	var out [4]byte
	copy(out[:], page[:4])
	return out
}

// The part's bound comes from the same value as the allocation's length:
// it is sized like the array (all but a trailer), not a small piece.
func (c *cache) sizedLikeArray(n int) {
	buf := make([]byte, n+8)
	clear(buf)
	c.last = buf[:n]
}

// Regression (crypto/tls): a parser walks the buffer (cas = cas[n:]) and
// keeps every piece; together the pieces are the whole array.
func (c *cache) walk(data []byte) {
	cas := make([]byte, len(data))
	copy(cas, data)
	for len(cas) > 2 {
		n := int(cas[0])
		cas = cas[1:]
		c.m[string(cas[:1])] = cas[:n]
		cas = cas[n:]
	}
}

// Regression (net/textproto): parts handed out one per loop iteration of
// a single allocation.
func (c *cache) perIteration(keys []string, hint int) {
	strs := make([][]byte, hint)
	for i, k := range keys {
		c.m[k] = strs[i][:0]
		_ = strs[i : i+1 : i+1]
		c.ch <- strs[i : i+1 : i+1][0]
	}
}

// Regression (image.NewYCbCr): one allocation split into planes on
// purpose; the parts together cover it.
func (c *cache) planes(w, h int) {
	b := make([]byte, 3*w*h)
	i0, i1 := w*h, 2*w*h
	c.ch <- b[:i0:i0]
	c.ch <- b[i0:i1:i1]
	c.ch <- b[i1:]
}

// Several parts of a file with bounds found at run time: together they
// may be most of it.
func (c *cache) fields(path string) {
	data, _ := os.ReadFile(path)
	i := bytes.IndexByte(data, ' ')
	j := bytes.LastIndexByte(data, ' ')
	c.m["a"] = data[:i]
	c.m["b"] = data[i:j]
}

// Regression (encoding/xml): all but the last element is most of the array.
func (c *cache) allButLast(path string) {
	parents := make([][]byte, len(path))
	c.ch <- parents[:len(parents)-1][0]
}

// Regression (golang.org/x/tools/go/ssa/interp): make with a capacity,
// sliced to its length: the part is the allocation.
func (c *cache) lenOfCap(length, capacity int) {
	slice := make([]byte, capacity)
	c.last = slice[:length]
}

// A substring used to look up a map, not stored in it.
func (ix *keyIndex) lookup(r io.Reader) bool {
	body, _ := io.ReadAll(r)
	s := string(body)
	return ix.seen[s[:8]]
}

// A substring as the value of a struct field key in a local literal that
// is not kept.
func localKeyed(r io.Reader) int {
	body, _ := io.ReadAll(r)
	s := string(body)
	m := map[string]int{s[:8]: 1}
	return len(m)
}

// A generic function slicing its parameter: the caller owns it.
func headOf[T any](xs []T) []T { // want headOf:"paramFlow\\(result 0 is part of 0\\)"
	return xs[:1]
}

// Regression (go/build uniq): out[:0] starts an in-place filter that
// appends back into the same array, which is the result.
func uniq(list []string) []string {
	out := make([]string, len(list))
	copy(out, list)
	keep := out[:0]
	for _, x := range out {
		if len(keep) == 0 || keep[len(keep)-1] != x {
			keep = append(keep, x)
		}
	}
	return keep
}

// A function of this package (whose path, like a module called "myapp",
// has no dot) may keep what it is given even though it returns only
// numbers: only the standard library's such functions are trusted.
func (c *cache) filledByHelper(n int) {
	buf := make([]byte, n)
	fill(buf)
	c.ch <- buf[:4]
}

// A part captured by a closure that is only called here.
func headLocalClosure(path string) int {
	data, _ := os.ReadFile(path)
	head := data[:8]
	size := func() int { return len(head) }
	return size()
}
