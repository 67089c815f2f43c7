package a

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
)

// Parts with clamped bounds, search fallbacks and tails: the forms real
// code writes so that a short input does not panic.

type sniffer struct {
	magic map[string][]byte
	first map[string]string
	head  []byte
	ch    chan []byte
}

var lastLog string

var lastOutput []byte

// A bound clamped with min: eight bytes of a whole file, kept in a field.
func (s *sniffer) sniff(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s.head = data[:min(8, len(data))] // want `data\[:min\(8, len\(data\)\)\] keeps all of data's backing array alive \(made by os.ReadFile at line 27\)`
	return nil
}

// min with the length first, returned through a local variable.
func head512(r io.Reader) []byte {
	body, _ := io.ReadAll(r)
	head := body[:min(len(body), 512)] // want `body\[:min\(len\(body\), 512\)\] keeps all of body's backing array`
	return head
}

// A bound clamped by an if, of a buffer made here at run time, sent on a
// channel.
func (s *sniffer) clampIf(r io.Reader, size int) {
	b := make([]byte, size)
	io.ReadFull(r, b)
	n := 64
	if n > len(b) {
		n = len(b)
	}
	s.ch <- b[:n] // want `b\[:n\] keeps all of b's backing array alive \(made at line 45\)`
}

// The fallback idiom: the first line of a file, kept in a map.
func (s *sniffer) firstLine(id, path string) { // want firstLine:"paramFlow\\(stores \\[0\\]\\)"
	data, _ := os.ReadFile(path)
	text := string(data)
	end := strings.IndexByte(text, '\n')
	if end < 0 {
		end = len(text)
	}
	s.first[id] = text[:end] // want `text\[:end\] keeps all of text's backing array alive \(made by string\(data\) at line 57\)`
}

// The fallback idiom on bytes, stored as a map key of the receiver.
func (s *sniffer) firstLineKey(r io.Reader) {
	body, _ := io.ReadAll(r)
	end := bytes.IndexByte(body, '\n')
	if end == -1 {
		end = len(body)
	}
	s.first[string(body[:end])] = "seen"
	s.magic["last"] = body[:end] // want `body\[:end\] keeps all of body's backing array`
}

// A tail of a constant length: the last kilobyte of a log, in a package
// variable.
func tailLog(path string) {
	data, _ := os.ReadFile(path)
	log := string(data)
	if len(log) > 1024 {
		lastLog = log[len(log)-1024:] // want `log\[len\(log\)-1024:\] keeps all of log's backing array`
	}
}

// A tail clamped with max, captured by a goroutine.
func (s *sniffer) tailAsync(r io.Reader, n int) {
	body, _ := io.ReadAll(r)
	t := body[max(0, len(body)-n):] // want `body\[max\(0, len\(body\)-n\):\] keeps all of body's backing array`
	go func() {
		s.ch <- t
	}()
}

// The last bytes of a command's output, in a package variable.
func lastOutputOf(name string) error {
	out, err := exec.Command(name).CombinedOutput()
	lastOutput = out[max(len(out)-256, 0):] // want `out\[max\(len\(out\)-256, 0\):\] keeps all of out's backing array alive \(made by exec.Command\(name\).CombinedOutput at line 97\)`
	return err
}

// The first line cut in place with a search, then returned: the result
// is the first line whenever there is one.
func firstLineInPlace(path string) string {
	data, _ := os.ReadFile(path)
	s := string(data)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] // want `s\[:i\] keeps all of s's backing array alive \(made by string\(data\) at line 106\)`
	}
	return s
}

// A trimmed body cut in place to a clamped size, kept in a field.
func (s *sniffer) preview(r io.Reader) {
	body, _ := io.ReadAll(r)
	body = bytes.TrimSpace(body)
	body = body[:min(len(body), 256)] // want `body\[:min\(len\(body\), 256\)\] keeps all of body's backing array`
	s.head = body
}

// firstWordVar keeps the first word of a large line through a bound
// variable: a search of the contents, with a fallback computed from the
// length, is small on some path.
func firstWordVar(r io.Reader) []byte {
	line, _ := io.ReadAll(r)
	n := bytes.IndexByte(line, ' ')
	if n < 0 {
		n = len(line) - 1
	}
	return line[:n] // want `line\[:n\] keeps all of line's backing array alive`
}

// headerVar clamps with min through a variable: 16 bytes of a large body.
func headerVar(r io.Reader) []byte {
	body, _ := io.ReadAll(r)
	n := min(16, len(body)-1)
	return body[:n] // want `body\[:n\] keeps all of body's backing array alive`
}
