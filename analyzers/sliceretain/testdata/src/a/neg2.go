package a

import (
	"bufio"
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
	fill(page[:])
	var out [4]byte
	copy(out[:], page[:4])
	return out
}

// The part's bound comes from the same value as the allocation's length:
// it is sized like the array (all but a trailer), not a small piece.
func (c *cache) sizedLikeArray(n int) {
	buf := make([]byte, n+8)
	fill(buf)
	c.last = buf[:n]
}
