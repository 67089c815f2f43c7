package a

import (
	"bytes"
	"io"
	"os"
	"strings"
)

// clampedParam clamps a parameter: the caller owns the array.
func clampedParam(b []byte) []byte { // want clampedParam:"paramFlow\\(result 0 is part of 0\\)"
	return b[:min(8, len(b))]
}

// isGzip uses the clamped part only inside the function.
func isGzip(path string) bool {
	data, _ := os.ReadFile(path)
	return bytes.Equal(data[:min(2, len(data))], []byte{0x1f, 0x8b})
}

// firstLineCopy copies the first line before keeping it: the string
// conversion allocates.
func (s *sniffer) firstLineCopy(id, path string) { // want firstLineCopy:"paramFlow\\(stores \\[0\\]\\)"
	data, _ := os.ReadFile(path)
	end := bytes.IndexByte(data, '\n')
	if end < 0 {
		end = len(data)
	}
	s.first[id] = string(data[:end])
}

// restAfterHeader keeps an open-ended x[i:]: its size is unknown and
// often most of x.
func (s *sniffer) restAfterHeader(r io.Reader) {
	body, _ := io.ReadAll(r)
	i := bytes.IndexByte(body, '\n')
	if i < 0 {
		return
	}
	s.head = body[i+1:]
}

// wholeByLen keeps x[:n] where n is always len(x): the whole array.
func (s *sniffer) wholeByLen(r io.Reader) {
	body, _ := io.ReadAll(r)
	n := len(body)
	s.head = body[:n]
}

// emptyOrWhole keeps either nothing of x or all of it: no small part.
func (s *sniffer) emptyOrWhole(r io.Reader, all bool) {
	body, _ := io.ReadAll(r)
	n := 0
	if all {
		n = len(body)
	}
	s.head = body[:n]
}

// clampedToRunTime keeps min(k, len(b)) of an array sized at run time: k
// may be most of it, so the part is not known to be small.
func (s *sniffer) clampedToRunTime(size, k int) {
	b := make([]byte, size)
	clear(b)
	s.head = b[:min(k, len(b))]
}

// tailClone copies the tail it keeps.
func tailClone(path string) {
	data, _ := os.ReadFile(path)
	log := string(data)
	lastLog = strings.Clone(log[max(0, len(log)-1024):])
}

// secondHalf keeps a tail sized from the length: half of the array.
func (s *sniffer) secondHalf(r io.Reader) {
	body, _ := io.ReadAll(r)
	s.head = body[len(body)-len(body)/2:]
}

// tailOfParam keeps the tail of a parameter: the caller owns it.
func (s *sniffer) tailOfParam(b []byte) { // want tailOfParam:"paramFlow\\(stores \\[0\\]\\)"
	s.head = b[max(0, len(b)-16):]
}

// readTail keeps buf[:n] after a Read: n counts what was read.
func (s *sniffer) readTail(r io.Reader) {
	buf := make([]byte, 1<<16)
	n, _ := r.Read(buf)
	n = min(n, len(buf))
	s.head = buf[:n]
}

// dropNewline cuts one byte: the rest is the whole array.
func (s *sniffer) dropNewline(path string) { // want dropNewline:"paramFlow\\(stores \\[0\\]\\)"
	data, _ := os.ReadFile(path)
	text := string(data)
	if strings.HasSuffix(text, "\n") {
		text = text[:len(text)-1]
	}
	s.first[path] = text
}

// cutOrKeep keeps the whole string on the branch that does not cut it,
// and the cut one nowhere.
func (s *sniffer) cutOrKeep(path string, short bool) {
	data, _ := os.ReadFile(path)
	text := string(data)
	if short {
		text = text[:8]
	} else {
		s.first["all"] = text
	}
}

// storedBeforeCut keeps the whole string before cutting it.
func (s *sniffer) storedBeforeCut(path string) string {
	data, _ := os.ReadFile(path)
	text := string(data)
	s.first["all"] = text
	text = text[:8]
	return text
}

// readChunk cuts the buffer to what a Read filled.
func (s *sniffer) readChunk(r io.Reader) {
	buf := make([]byte, 4096)
	n, _ := r.Read(buf)
	buf = buf[:n]
	s.head = buf
}

// wholeLines cuts the body at its last newline: most of it is kept.
func (s *sniffer) wholeLines(r io.Reader) {
	body, _ := io.ReadAll(r)
	if i := bytes.LastIndexByte(body, '\n'); i >= 0 {
		body = body[:i]
	}
	s.head = body
}

// recvLine keeps all of a message but its delimiter: the bound, held in
// a variable, is computed from the length as line[:len(line)-1] is, so
// the part is sized like the array (and the function returns a fresh
// buffer, as its fact says).
func recvLine(r io.Reader) ([]byte, error) { // want recvLine:"freshResults\\(0\\)"
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	line := buf.Bytes()
	if n := len(line) - 1; n >= 0 {
		return line[:n], nil
	}
	return nil, nil
}
