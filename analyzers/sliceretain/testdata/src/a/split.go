package a

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
)

// Parts made by splitting a large fresh string or buffer share its memory.

type splitter struct {
	first map[string]string
	ch    chan []byte
	lines []string
	all   []string
}

type Entry struct {
	Name string
}

var lastLines []string

func storeName(string) {}

// The last twenty lines of a command's output, in a package variable.
func recordOutput(name string) {
	out, _ := exec.Command(name).Output()
	lines := strings.Split(string(out), "\n")
	lastLines = lines[max(0, len(lines)-20):] // want `lines\[max\(0, len\(lines\)-20\):\] keeps all of string\(out\)'s backing array alive \(split by strings.Split at line 31\)`
}

// The first field of a file, kept in a map.
func (s *splitter) firstField(id, path string) { // want firstField:"paramFlow\\(stores \\[0\\]\\)"
	data, _ := os.ReadFile(path)
	text := string(data)
	fields := strings.Fields(text)
	if len(fields) > 0 {
		s.first[id] = fields[0] // want `fields\[0\] keeps all of text's backing array alive \(made by string\(data\) at line 38\)`
	}
}

// Cut's before: the first line, returned.
func titleOf(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	first, _, _ := strings.Cut(string(data), "\n") // want `first keeps all of string\(data\)'s backing array alive \(split by strings.Cut at line 51\)`
	return first, nil
}

// A record of a body, sent on a channel.
func (s *splitter) sendFirst(r io.Reader) {
	body, _ := io.ReadAll(r)
	recs := bytes.Split(body, []byte("\n"))
	s.ch <- recs[0] // want `recs\[0\] keeps all of body's backing array`
}

// An element handed to a goroutine.
func sendField(path string) {
	data, _ := os.ReadFile(path)
	parts := strings.Split(string(data), ",")
	go storeName(parts[1]) // want `parts\[1\] keeps all of string\(data\)'s backing array`
}

// An element trimmed and kept in a returned struct.
func entryOf(path string) Entry {
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	return Entry{Name: strings.TrimSpace(lines[0])} // want `lines\[0\] keeps all of strings.TrimSpace\(string\(data\)\)'s backing array`
}

// A sub-list cloned with slices.Clone still holds strings that share
// the output.
func (s *splitter) headLines(r io.Reader) {
	body, _ := io.ReadAll(r)
	text := string(body)
	lines := strings.Split(text, "\n")
	s.lines = lines[:min(5, len(lines))] // want `lines\[:min\(5, len\(lines\)\)\] keeps all of text's backing array`
}

// Only a lower bound: the file may hold many more fields than the two
// kept.
func firstTwo(path string) (string, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return "", "", io.ErrUnexpectedEOF
	}
	return f[0], f[1], nil // want `f\[0\]` `f\[1\]`
}
