package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"time"
)

// This file reads and writes the cache's entries. Each file is its
// content followed by the SHA-256 of that content: a damaged entry (a bit
// flipped on disk, a half-written file) is rejected whole, not decoded
// into findings or facts that are almost right.

// seal appends data's checksum to it.
func seal(data []byte) []byte {
	sum := sha256.Sum256(data)
	return append(data, sum[:]...)
}

// unseal returns the content of a sealed file, or false if its checksum
// does not match.
func unseal(data []byte) ([]byte, bool) {
	if len(data) < sha256.Size {
		return nil, false
	}
	content, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	want := sha256.Sum256(content)
	return content, bytes.Equal(sum, want[:])
}

// An entry is the content of one cache file.
type entry struct {
	Key      string     `json:"key"`
	Findings []*Finding `json:"findings"`
}

// The entries are files of the cache directory itself, not of 256
// subdirectories by the key's first byte as before: on an empty cache,
// creating them cost about 40% of what creating the files did.
func (c *Cache) path(key string) string {
	return filepath.Join(c.dir, key+".json")
}

// get returns the findings stored under key.
func (c *Cache) get(key string) ([]*Finding, bool) {
	if key == "" {
		return nil, false
	}
	file := c.path(key)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	content, ok := unseal(data)
	var e entry
	if !ok || json.Unmarshal(content, &e) != nil || e.Key != key {
		return nil, false // damaged: analyzed again and rewritten
	}
	touch(file)
	return e.Findings, true
}

// put stores findings under key. A failure to write only costs the next
// run the analysis.
func (c *Cache) put(key string, findings []*Finding) {
	if key == "" {
		return
	}
	if findings == nil {
		findings = []*Finding{}
	}
	data, err := json.Marshal(entry{Key: key, Findings: findings})
	if err != nil {
		return
	}
	c.write(c.path(key), seal(data))
}

func (c *Cache) factsPath(key string) string {
	return filepath.Join(c.dir, key+"-facts.gob")
}

// A facts file is a header and a body:
//
//	factsMagic | key (hex) | out | export length | facts length | SHA-256 of the header before it
//	export data (gcexportdata) | facts (gob, in a fixed order)
//
// out is the SHA-256 of the body: its checksum, and what the package's
// importers are keyed on (early cutoff), so that the header alone, read
// for every dependency of every run, says what an importer's key needs,
// and the body is read only when an importer is analyzed.
const factsMagic = "trapvet-facts-4\n"

const factsHeaderSize = len(factsMagic) + 64 + sha256.Size + 8 + 8 + sha256.Size

// A factsHeader is what a facts file's header says of its body.
type factsHeader struct {
	out             [sha256.Size]byte
	export, factLen int64
}

// parseFactsHeader checks a header against key and the file's size.
func parseFactsHeader(b []byte, key string, size int64) (*factsHeader, bool) {
	if len(b) < factsHeaderSize || string(b[:len(factsMagic)]) != factsMagic {
		return nil, false
	}
	n := factsHeaderSize - sha256.Size
	if sum := sha256.Sum256(b[:n]); !bytes.Equal(sum[:], b[n:factsHeaderSize]) {
		return nil, false
	}
	rest := b[len(factsMagic):]
	if string(rest[:64]) != key {
		return nil, false
	}
	rest = rest[64:]
	h := new(factsHeader)
	copy(h.out[:], rest)
	rest = rest[sha256.Size:]
	h.export, h.factLen = int64(binary.BigEndian.Uint64(rest)), int64(binary.BigEndian.Uint64(rest[8:]))
	if h.export < 0 || h.factLen < 0 || int64(factsHeaderSize)+h.export+h.factLen != size {
		return nil, false
	}
	return h, true
}

// factsHeaderOf returns the header of the facts file under key, and
// marks the file used.
func (c *Cache) factsHeaderOf(key string) (*factsHeader, bool) {
	if key == "" {
		return nil, false
	}
	f, err := os.Open(c.factsPath(key))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false
	}
	b := make([]byte, factsHeaderSize)
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, false
	}
	h, ok := parseFactsHeader(b, key, info.Size())
	if ok && time.Since(info.ModTime()) > time.Hour {
		now := time.Now()
		os.Chtimes(f.Name(), now, now)
	}
	return h, ok
}

// getFacts returns the types and facts stored under key, whose header
// said h: false if the file is not that one any more, or is damaged.
func (c *Cache) getFacts(key string, h *factsHeader) (*factsEntry, bool) {
	data, err := os.ReadFile(c.factsPath(key))
	if err != nil {
		return nil, false
	}
	return decodeFacts(data, key, h)
}

// decodeFacts decodes a facts file, checking its header, its body's
// checksum and its key; a panic of the decoder (gob's, on garbage) is a
// damaged entry too.
func decodeFacts(data []byte, key string, want *factsHeader) (fe *factsEntry, ok bool) {
	defer func() {
		if recover() != nil {
			fe, ok = nil, false
		}
	}()
	h, ok := parseFactsHeader(data, key, int64(len(data)))
	if !ok || want != nil && h.out != want.out {
		return nil, false
	}
	body := data[factsHeaderSize:]
	if sha256.Sum256(body) != h.out {
		return nil, false
	}
	fe = &factsEntry{Key: key, Export: body[:h.export], out: h.out}
	if err := gob.NewDecoder(bytes.NewReader(body[h.export:])).Decode(&fe.Facts); err != nil {
		return nil, false
	}
	for _, f := range fe.Facts {
		if f.Fact == nil {
			return nil, false
		}
	}
	return fe, true
}

// putFacts stores a facts entry under its key, and sets its out.
func (c *Cache) putFacts(fe *factsEntry) bool {
	if fe.Key == "" {
		return false
	}
	data, err := fe.marshal()
	if err != nil {
		return false
	}
	c.write(c.factsPath(fe.Key), data)
	return true
}
