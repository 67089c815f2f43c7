package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/json"
	"os"
	"path/filepath"
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

func (c *Cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
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
	return filepath.Join(c.dir, key[:2], key+"-facts.gob")
}

// getFacts returns the types and facts stored under key.
func (c *Cache) getFacts(key string) (*factsEntry, bool) {
	if key == "" {
		return nil, false
	}
	file := c.factsPath(key)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	fe, ok := decodeFacts(data, key)
	if !ok {
		return nil, false // damaged: analyzed again and rewritten
	}
	touch(file)
	return fe, true
}

// touchFacts marks the facts entry under key used: a run whose roots'
// findings all come from the cache still depends on their dependencies'
// types and facts for the next edit, and they must not be trimmed before
// the findings that were computed from them.
func (c *Cache) touchFacts(key string) {
	if key != "" {
		touch(c.factsPath(key))
	}
}

// decodeFacts decodes a facts entry, checking its checksum and its key;
// a panic of the decoder (gob's, on garbage) is a damaged entry too.
func decodeFacts(data []byte, key string) (fe *factsEntry, ok bool) {
	defer func() {
		if recover() != nil {
			fe, ok = nil, false
		}
	}()
	content, ok := unseal(data)
	if !ok {
		return nil, false
	}
	fe = new(factsEntry)
	if err := gob.NewDecoder(bytes.NewReader(content)).Decode(fe); err != nil || fe.Key != key {
		return nil, false
	}
	for _, f := range fe.Facts {
		if f.Fact == nil {
			return nil, false
		}
	}
	return fe, true
}

// putFacts stores a facts entry under its key.
func (c *Cache) putFacts(fe *factsEntry) {
	if fe.Key == "" {
		return
	}
	data, err := fe.marshal()
	if err != nil {
		return
	}
	c.write(c.factsPath(fe.Key), seal(data))
}
