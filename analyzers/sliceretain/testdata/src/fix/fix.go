package fix

import (
	"bytes"
	"io"
	"os"
	"strings"
)

type Rec struct {
	ID   int
	Data [1024]byte
}

type Records []Rec

func load(n int) []Rec { // want load:"freshResults\\(0\\)"
	return make([]Rec, n)
}

type holder struct {
	recs  []Rec
	named Records
	name  string
	head  []byte
}

// slices.Clone for a slice of structs, with the import added.
func (h *holder) keep(n int) {
	all := load(n)
	h.recs = all[:10] // want `all\[:10\] keeps all of all's backing array`
}

// bytes.Clone for a byte slice.
func head(path string) []byte {
	data, _ := os.ReadFile(path)
	return data[:16] // want `data\[:16\] keeps all of data's backing array`
}

// strings.Clone for a string.
func (h *holder) title(r io.Reader) {
	body, _ := io.ReadAll(r)
	s := string(body)
	h.name = s[:8] // want `s\[:8\] keeps all of s's backing array`
}

// A named slice type keeps its type through slices.Clone.
func (h *holder) keepNamed(n int) {
	all := make(Records, n)
	h.named = all[2:4] // want `all\[2:4\] keeps all of all's backing array`
}

// The part goes through a local variable that is written through: no fix
// (a copy would not see the write), but still reported.
func (h *holder) written(path string) {
	data, _ := os.ReadFile(path)
	part := data[:4] // want `data\[:4\] keeps all of data's backing array`
	part[0] = 'x'
	h.head = part
}

// The array is written after the part is taken: no fix.
func (h *holder) writtenAfter(path string) {
	data, _ := os.ReadFile(path)
	h.head = data[:4] // want `data\[:4\] keeps all of data's backing array`
	data[0] = 'x'
}

// A later copy into another part of the array: no fix.
func (h *holder) copiedAfter(path string, src []byte) {
	data, _ := os.ReadFile(path)
	h.head = data[:4] // want `data\[:4\] keeps all of data's backing array`
	copy(data[4:8], src)
}

// A clamped bound of a slice of structs: slices.Clone.
func (h *holder) keepClamped(n int) {
	all := load(n)
	h.recs = all[:min(10, len(all))] // want `all\[:min\(10, len\(all\)\)\] keeps all of all's backing array`
}

// The first line of a file, found with a fallback: strings.Clone.
func (h *holder) firstLine(path string) {
	data, _ := os.ReadFile(path)
	text := string(data)
	end := strings.IndexByte(text, '\n')
	if end < 0 {
		end = len(text)
	}
	h.name = text[:end] // want `text\[:end\] keeps all of text's backing array`
}

// A tail clamped with max: bytes.Clone.
func tail(path string) []byte {
	data, _ := os.ReadFile(path)
	return data[max(0, len(data)-64):] // want `data\[max\(0, len\(data\)-64\):\] keeps all of data's backing array`
}

// The last records, clamped by an if: slices.Clone of a tail.
func (h *holder) lastRecs(n int) {
	all := load(n)
	k := 10
	if k > len(all) {
		k = len(all)
	}
	h.recs = all[len(all)-k:] // want `all\[len\(all\)-k:\] keeps all of all's backing array`
}

// A field of a file: strings.Clone of the element.
func (h *holder) firstField(path string) {
	data, _ := os.ReadFile(path)
	fields := strings.Fields(string(data))
	h.name = fields[0] // want `fields\[0\] keeps all of string\(data\)'s backing array`
}

// A line of a body as bytes: reported, no fix (the bytes may be written
// through the array).
func (h *holder) firstRecord(r io.Reader) {
	body, _ := io.ReadAll(r)
	recs := bytes.Split(body, []byte("\n"))
	h.head = recs[0] // want `recs\[0\] keeps all of body's backing array`
}

// A loader's result sliced without a variable: slices.Clone of the part.
func (h *holder) keepInline(n int) {
	h.recs = load(n)[:10] // want `load\(n\)\[:10\] keeps all of load\(n\)'s backing array`
}
