package lib

import (
	"bytes"
	"io"
	"os"
)

// Load returns a file's contents: a fresh buffer the caller owns.
func Load(path string) ([]byte, error) { // want Load:"freshResults\\(0\\)"
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// Text returns a fresh string as large as the file.
func Text(path string) string { // want Text:"freshResults\\(0\\)"
	data, _ := os.ReadFile(path)
	return string(data)
}

// Render builds a document in a local buffer and hands over its bytes.
func Render(parts []string) []byte { // want Render:"freshResults\\(0\\)"
	var b bytes.Buffer
	for _, p := range parts {
		b.WriteString(p)
	}
	return b.Bytes()
}

// Generic fresh function: the caller owns a run-time sized slice.
func Make[T any](n int) []T { // want Make:"freshResults\\(0\\)"
	return make([]T, n)
}

// Chained: a fresh result of another fresh function of this package.
func LoadAgain(path string) []byte { // want LoadAgain:"freshResults\\(0\\)"
	b, _ := Load(path)
	return b
}

var last []byte

// Keep also stores what it returns, so its result is not fresh.
func Keep(r io.Reader) []byte {
	b, _ := io.ReadAll(r)
	last = b
	return b
}

// Small returns a slice below the threshold: not a large buffer.
func Small() []byte {
	return make([]byte, 16)
}

// Param returns its argument: the caller's own memory, not fresh.
func Param(b []byte) []byte {
	return b
}

// Head returns the first 16 bytes of b: a part of its parameter.
func Head(b []byte) []byte { // want Head:"paramFlow\\(result 0 is part of 0\\)"
	if len(b) < 16 {
		return nil
	}
	return b[:16]
}

// Index keeps the keys it is given.
type Index struct {
	keys map[string]bool
}

func (x *Index) Put(k string) { // want Put:"paramFlow\\(stores \\[0\\]\\)"
	x.keys[k] = true
}
