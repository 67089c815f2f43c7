package p

import (
	"io"
	"os"
	"strings"
)

type Rec struct {
	ID   int
	Data [1024]byte
}

type Records []Rec

type holder struct {
	recs  []Rec
	named Records
	name  string
	head  []byte
}

// A slice of structs: slices.Clone needs Go 1.21.
func (h *holder) keep(n int) {
	all := make([]Rec, n)
	h.recs = all[:10] // want `all\[:10\] keeps all of all's backing array`
}

// A byte slice whose part may be empty.
func head(path string, n int) []byte {
	data, _ := os.ReadFile(path)
	return data[:n] // want `data\[:n\] keeps all of data's backing array`
}

// A string.
func (h *holder) title(r io.Reader) {
	body, _ := io.ReadAll(r)
	s := string(body)
	h.name = s[:8] // want `s\[:8\] keeps all of s's backing array`
}

// A named slice type.
func (h *holder) keepNamed(n int) {
	all := make(Records, n)
	h.named = all[2:4] // want `all\[2:4\] keeps all of all's backing array`
}

// A bound clamped by an if, before min existed.
func (h *holder) keepClamped(n int) {
	all := make([]Rec, n)
	k := 10
	if k > len(all) {
		k = len(all)
	}
	h.recs = all[:k] // want `all\[:k\] keeps all of all's backing array`
}

// The first line of a body, found with a fallback.
func (h *holder) firstLine(r io.Reader) {
	body, _ := io.ReadAll(r)
	text := string(body)
	end := strings.IndexByte(text, '\n')
	if end < 0 {
		end = len(text)
	}
	h.name = text[:end] // want `text\[:end\] keeps all of text's backing array`
}

// A tail of a constant length.
func tail(path string) []byte {
	data, _ := os.ReadFile(path)
	if len(data) < 64 {
		return nil
	}
	return data[len(data)-64:] // want `data\[len\(data\)-64:\] keeps all of data's backing array`
}

// The last records of a slice of structs.
func (h *holder) lastRecs(n int) {
	all := make([]Rec, n)
	h.recs = all[len(all)-10:] // want `all\[len\(all\)-10:\] keeps all of all's backing array`
}

// A field of a body.
func (h *holder) firstField(r io.Reader) {
	body, _ := io.ReadAll(r)
	fields := strings.Fields(string(body))
	h.name = fields[0] // want `fields\[0\] keeps all of string\(body\)'s backing array`
}
