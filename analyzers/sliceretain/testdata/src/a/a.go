package a

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

type PatientVisitRecord struct {
	RecordID string
	Data     [1024]byte
}

func fetchAllRecords() []PatientVisitRecord { // want fetchAllRecords:"freshResults\\(0\\)"
	records := make([]PatientVisitRecord, 5000)
	for i := 0; i < len(records); i++ {
		records[i].RecordID = fmt.Sprintf("REC-%04d", i)
	}
	return records
}

// The article's case: ten records keep all 5000 alive.
func firstTen() []PatientVisitRecord {
	allRecords := fetchAllRecords()
	return allRecords[:10] // want `allRecords\[:10\] keeps all of allRecords's backing array alive \(made by fetchAllRecords at line 28\); copy the part you keep`
}

type cache struct {
	m    map[string][]byte
	last []byte
	ch   chan []byte
}

var global []byte

// Stored in a field of the receiver.
func (c *cache) loadHeader(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	c.last = data[:16] // want `data\[:16\] keeps all of data's backing array alive \(made by os.ReadFile at line 42\)`
	return nil
}

// Stored in a map of the receiver.
func (c *cache) loadKey(r io.Reader, key string) error { // want loadKey:"paramFlow\\(stores \\[1\\]\\)"
	body, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	c.m[key] = body[4:20] // want `body\[4:20\] keeps all of body's backing array`
	return nil
}

// Stored in a package variable.
func loadGlobal(r io.Reader) {
	body, _ := io.ReadAll(r)
	global = body[:8] // want `body\[:8\] keeps all of body's backing array`
}

// Sent on a channel.
func (c *cache) send(n int) {
	buf := make([]byte, n)
	clear(buf)
	c.ch <- buf[:4] // want `buf\[:4\] keeps all of buf's backing array alive \(made at line 68\)`
}

func fill(b []byte) (int, error) { return len(b), nil }

type Header struct {
	Name []byte
	ID   int
}

// Escapes through a struct literal that is returned.
func parseHeader(path string) (*Header, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	h := &Header{Name: data[:32], ID: 1} // want `data\[:32\] keeps all of data's backing array`
	return h, nil
}

// A substring of a large string returned from a function.
func firstLine(r *bufio.Reader) string {
	s, _ := r.ReadString(0)
	i := strings.IndexByte(s, '\n')
	if i < 0 {
		return ""
	}
	return s[:i] // want `s\[:i\] keeps all of s's backing array`
}

// string(b) of a fresh buffer is as large as the buffer.
func title(path string) string {
	data, _ := os.ReadFile(path)
	text := string(data)
	return text[:10] // want `text\[:10\] keeps all of text's backing array alive \(made by string\(data\) at line 103\)`
}

// A sub-slice captured by a goroutine.
func background(r io.Reader, out func([]byte)) {
	body, _ := io.ReadAll(r)
	head := body[:64] // want `body\[:64\] keeps all of body's backing array`
	go func() {
		out(head)
	}()
}

// A sub-slice passed to a goroutine as an argument.
func backgroundArg(r io.Reader, out func([]byte)) {
	body, _ := io.ReadAll(r)
	go out(body[:64]) // want `body\[:64\] keeps all of body's backing array`
}

// Appended to a slice held by the receiver.
func (c *cache) collect(rs []io.Reader) {
	for _, r := range rs {
		var b bytes.Buffer
		b.ReadFrom(r)
		whole := b.Bytes()
		c.ch <- whole[:2:2] // want `whole\[:2:2\] keeps all of whole's backing array alive \(made by b.Bytes at line 127\)`
	}
}

type list struct{ items [][]byte }

// Appended to a field through a local alias of the receiver.
func (l *list) add(n int) {
	big := make([]byte, n)
	clear(big)
	items := l.items
	items = append(items, big[:10]) // want `big\[:10\] keeps all of big's backing array`
	l.items = items
}

// A constant-size allocation above the threshold.
func constantLarge() []int64 {
	nums := make([]int64, 1024)
	for i := range nums {
		nums[i] = int64(i)
	}
	return nums[1:3] // want `nums\[1:3\] keeps all of nums's backing array`
}

// A large local array, sliced.
func arrayPart() []byte {
	var page [8192]byte
	clear(page[:])
	return page[10:20] // want `page\[10:20\] keeps all of page's backing array`
}

// A strings.Builder's result, sliced and kept through a map literal.
func index(words []string) map[string]string {
	var sb strings.Builder
	for _, w := range words {
		sb.WriteString(w)
	}
	all := sb.String()
	return map[string]string{"first": all[:3]} // want `all\[:3\] keeps all of all's backing array`
}

// Generic code: a type-parameter element with a run-time length.
func firstOf[T any](n int, gen func(int) T) []T {
	xs := make([]T, n)
	for i := range xs {
		xs[i] = gen(i)
	}
	return xs[:1] // want `xs\[:1\] keeps all of xs's backing array`
}

// A same-package fresh function that itself calls a fresh function.
func loadAll(path string) []byte { // want loadAll:"freshResults\\(0\\)"
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return data
}

// A sub-slice of a same-package fresh result, through a struct value.
func summary(path string) Header {
	all := loadAll(path)
	return Header{Name: all[:8]} // want `all\[:8\] keeps all of all's backing array alive \(made by loadAll at line 189\)`
}

type keyIndex struct{ seen map[string]bool }

// A substring kept as a map key.
func (ix *keyIndex) addKey(r io.Reader) {
	body, _ := io.ReadAll(r)
	s := string(body)
	ix.seen[s[:8]] = true // want `s\[:8\] keeps all of s's backing array`
}

// A substring kept as the key of a returned map literal.
func keyed(r io.Reader) map[string]int {
	body, _ := io.ReadAll(r)
	s := string(body)
	return map[string]int{s[:8]: 1} // want `s\[:8\] keeps all of s's backing array`
}

type response struct {
	Status int `json:"status"`
}

// A response body decoded (json.Unmarshal keeps no reference) and a
// prefix of it kept for diagnostics.
func (c *cache) decode(r io.Reader) (response, error) {
	var resp response
	body, err := io.ReadAll(r)
	if err != nil {
		return resp, err
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return resp, err
	}
	c.last = body[:64] // want `body\[:64\] keeps all of body's backing array`
	return resp, nil
}

// A part captured by a closure that is returned.
func headGetter(path string) func() []byte {
	data, _ := os.ReadFile(path)
	head := data[:8] // want `data\[:8\] keeps all of data's backing array`
	return func() []byte { return head }
}
