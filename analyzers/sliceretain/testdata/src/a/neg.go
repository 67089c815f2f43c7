package a

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
)

// Slicing a parameter: the caller owns the array and keeps it anyway.
func headOfParam(data []byte) []byte { // want headOfParam:"paramFlow\\(result 0 is part of 0\\)"
	return data[:16]
}

// Slicing a field of the receiver: the receiver owns the array.
func (c *cache) headOfField() []byte {
	return c.last[:4]
}

// The sub-slice is used only inside the function.
func countHeader(path string) int {
	data, _ := os.ReadFile(path)
	head := data[:16]
	return bytes.Count(head, []byte{0})
}

// The part is copied before it escapes.
func clonedHead(path string) []byte {
	data, _ := os.ReadFile(path)
	return bytes.Clone(data[:16])
}

// The part is copied with slices.Clone before it is stored.
func (c *cache) clonedRecords() {
	all := fetchAllRecords()
	keep := slices.Clone(all[:10])
	_ = keep
}

// The article's fix: copy into a right-sized slice.
func (s *store) copiedRecords() {
	allRecords := fetchAllRecords()
	out := make([]PatientVisitRecord, 10)
	copy(out, allRecords[:10])
	s.records = out
}

type store struct{ records []PatientVisitRecord }

// append(dst, part...) copies the elements.
func appendedCopy(r io.Reader) []byte {
	body, _ := io.ReadAll(r)
	return append([]byte(nil), body[:8]...)
}

// string(b[:n]) copies the bytes into a new string.
func stringOfPart(r io.Reader) string {
	body, _ := io.ReadAll(r)
	return string(body[:8])
}

// The whole array is returned too, so it is alive anyway.
func headAndAll(r io.Reader, ch chan<- []byte) {
	body, _ := io.ReadAll(r)
	ch <- body[:8]
	ch <- body
}

// The whole array is stored in the receiver as well.
func (c *cache) keepBoth(r io.Reader) {
	body, _ := io.ReadAll(r)
	c.last = body
	c.m["head"] = body[:8]
}

// buf[:n] after a Read: n counts what the Read filled.
func (c *cache) readOnce(r io.Reader, size int) error {
	buf := make([]byte, size)
	n, err := r.Read(buf)
	c.last = buf[:n]
	return err
}

// buf[:n] where n counts what a loop wrote.
func (c *cache) encode(vals []uint64) {
	buf := make([]byte, len(vals)*binary.MaxVarintLen64)
	n := 0
	for _, v := range vals {
		n += binary.PutUvarint(buf[n:], v)
	}
	c.last = buf[:n]
}

// Full slices are the whole array.
func (c *cache) fullSlices(r io.Reader) {
	a, _ := io.ReadAll(r)
	b, _ := io.ReadAll(r)
	c.m["a"], c.m["b"] = a[:], b[:len(b)]
}

// A constant-size buffer below the threshold.
func smallBuffer() []byte {
	buf := make([]byte, 64)
	clear(buf)
	return buf[:8]
}

// The tail x[i:] may be most of the array: its size is unknown.
func (c *cache) tail(path string) {
	data, _ := os.ReadFile(path)
	c.last = data[4:]
}

// The buffer is handed to a function that may keep it.
func (c *cache) handedOn(r io.Reader) []byte {
	data, _ := io.ReadAll(r)
	c.remember(data)
	return data[:8]
}

func (c *cache) remember(b []byte) { c.last = b } // want remember:"paramFlow\\(stores \\[0\\]\\)"

// The buffer goes back to a pool: its array is kept on purpose.
func pooled(p *sync.Pool, n int) []byte {
	buf := make([]byte, n)
	clear(buf)
	head := buf[:4]
	p.Put(buf)
	return head
}

// A part passed to an ordinary call: whether it escapes is unknown.
func passedOn(path string, sink func([]byte)) {
	data, _ := os.ReadFile(path)
	sink(data[:8])
}

// A bytes.Buffer that is itself returned: Bytes is not a fresh buffer.
func sharedBuffer(b *bytes.Buffer) []byte {
	all := b.Bytes()
	return all[:4]
}

// A Reader's internal buffer (ReadSlice) is not owned by the caller.
func lineView(r interface{ ReadSlice(byte) ([]byte, error) }) []byte {
	line, _ := r.ReadSlice('\n')
	return line[:2]
}

// The buffer is captured by a closure that is not a goroutine: silent,
// since the closure could keep it.
func capturedOperand(n int) func() []byte {
	buf := make([]byte, n)
	return func() []byte { return buf[:4] }
}

// A value read from a large array copies one element.
func element(path string) byte {
	data, _ := os.ReadFile(path)
	return data[:8][3]
}

// The variable is also given a value the analysis cannot follow.
func mixedOrigin(path string, other []byte) []byte {
	data, _ := os.ReadFile(path)
	if len(data) == 0 {
		data = other
	}
	return data[:8]
}

// strings.Clone copies the substring.
func clonedSubstring(r io.Reader) string {
	body, _ := io.ReadAll(r)
	s := string(body)
	return strings.Clone(s[:10])
}

// A Builder shared with the caller owns nothing here.
func builderParam(sb *strings.Builder) string {
	s := sb.String()
	return s[:3]
}

// A large local array whose value is copied out, not sliced out.
func arrayCopy() [8192]byte {
	var page [8192]byte
	clear(page[:])
	part := page[:10]
	_ = part
	return page
}

// The fresh result of a function that also keeps it is not fresh.
func (c *cache) kept(path string) []byte {
	data, _ := os.ReadFile(path)
	c.last = data
	return data
}

// Slicing the result of kept: the array lives in the cache anyway.
func (c *cache) keptHead(path string) []byte {
	d := c.kept(path)
	return d[:4]
}

// A sub-slice copied by the conversion to string before it is sent.
func sentString(ch chan<- string, r io.Reader) {
	body, _ := io.ReadAll(r)
	ch <- string(body[:16])
}

// copy's count: n is what copy wrote into buf.
func (c *cache) copied(src []byte, size int) {
	buf := make([]byte, size)
	n := copy(buf, src)
	c.last = buf[:n]
}

// Re-slicing the variable itself, then returning the whole of it: the
// array is returned, not pinned by a part (x = x[:n] is not tracked).
func (c *cache) resliceSelf(r io.Reader) {
	buf, _ := io.ReadAll(r)
	buf = buf[:len(buf)/2]
	c.last = buf
}
