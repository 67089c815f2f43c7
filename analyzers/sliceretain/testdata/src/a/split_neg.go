package a

import (
	"io"
	"os"
	"strconv"
	"strings"
)

// firstOfParam splits a parameter: the caller owns the string.
func firstOfParam(text string) string { // want firstOfParam:"paramFlow\\(result 0 is part of 0\\)"
	return strings.Split(text, "\n")[0]
}

// fieldCount uses the parts only inside the function.
func fieldCount(path string) (int, error) {
	data, _ := os.ReadFile(path)
	fields := strings.Fields(string(data))
	return strconv.Atoi(fields[0])
}

// firstFieldClone copies the part it keeps.
func (s *splitter) firstFieldClone(id, path string) { // want firstFieldClone:"paramFlow\\(stores \\[0\\]\\)"
	data, _ := os.ReadFile(path)
	fields := strings.Fields(string(data))
	if len(fields) > 0 {
		s.first[id] = strings.Clone(fields[0])
	}
}

// allLines keeps every line: all of the string is wanted.
func (s *splitter) allLines(path string) {
	data, _ := os.ReadFile(path)
	s.lines = strings.Split(string(data), "\n")
}

// everyLine keeps each line in turn, and the first one again: together
// they are all of the string.
func (s *splitter) everyLine(path string) {
	data, _ := os.ReadFile(path)
	lines := strings.Split(string(data), "\n")
	for _, l := range lines {
		s.all = append(s.all, l)
	}
	s.first["first"] = lines[0]
}

// valueOf keeps the remainder of SplitN: the rest of the string, like an
// open-ended x[i:].
func valueOf(r io.Reader) string {
	body, _ := io.ReadAll(r)
	kv := strings.SplitN(string(body), "=", 2)
	if len(kv) < 2 {
		return ""
	}
	return kv[1]
}

// restOf keeps Cut's after: open-ended, most of the string.
func restOf(path string) string {
	data, _ := os.ReadFile(path)
	_, rest, _ := strings.Cut(string(data), "\n")
	return rest
}

// literalParts splits a small constant string.
func literalParts() string {
	return strings.Split("a,b,c", ",")[0]
}

// fieldsInLoop keeps every field: they tile the string.
func (s *splitter) fieldsInLoop(path string) {
	data, _ := os.ReadFile(path)
	fields := strings.Fields(string(data))
	for i := 0; i < len(fields); i++ {
		s.first[fields[i]] = "seen"
	}
}

// lineCount keeps only the number of lines, a string of its own.
func (s *splitter) lineCount(path string) {
	data, _ := os.ReadFile(path)
	lines := strings.Split(string(data), "\n")
	s.first["count"] = strconv.Itoa(len(lines))
}

// Every field of an exact-length record is kept: together they are the
// source but its separators. Not reported.
func reloadStatus(path string) (string, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return "", "", io.ErrUnexpectedEOF
	}
	return f[0], f[1], nil
}
