package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// rehashes finds the review lines that a reworded message left behind: a
// stale line whose module, position and analyzer are those of exactly one
// unreviewed finding, which no other stale line claims. The message is all
// that changed there (the position, and so the code, did not), so the line
// keeps its verdict under the finding's new hash. It returns the new hash
// by review line.
func rehashes(d *diff) map[int]string {
	type place struct{ Module, Pos, Analyzer string }
	found := make(map[place][]finding)
	for _, f := range d.Unreviewed {
		p := place{modulePath(f.Module), f.Pos(), f.Analyzer}
		found[p] = append(found[p], f)
	}
	claims := make(map[place]int)
	for _, e := range d.Stale {
		claims[place{modulePath(e.Module), e.Pos(), e.Analyzer}]++
	}
	out := make(map[int]string)
	for _, e := range d.Stale {
		p := place{modulePath(e.Module), e.Pos(), e.Analyzer}
		if fs := found[p]; len(fs) == 1 && claims[p] == 1 && fs[0].Func == e.Func {
			out[e.LineNo] = fs[0].Hash
		}
	}
	return out
}

// rewriteHashes replaces the hash field of the given lines (1-based) of the
// review file, leaving every other byte as it was, and writes the file
// through a temporary file.
func rewriteHashes(file string, hashes map[int]string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	lines := strings.SplitAfter(string(data), "\n")
	for n, hash := range hashes {
		if n < 1 || n > len(lines) {
			return fmt.Errorf("%s has no line %d", file, n)
		}
		line, err := replaceField(lines[n-1], 4, hash)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", file, n, err)
		}
		lines[n-1] = line
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".review-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(strings.Join(lines, "")); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// replaceField replaces the i-th (0-based) space-separated field of line.
func replaceField(line string, i int, value string) (string, error) {
	start := 0
	for k := 0; ; k++ {
		for start < len(line) && line[start] == ' ' {
			start++
		}
		end := start
		for end < len(line) && line[end] != ' ' && line[end] != '\n' {
			end++
		}
		if start == end {
			return "", fmt.Errorf("no field %d", i+1)
		}
		if k == i {
			return line[:start] + value + line[end:], nil
		}
		start = end
	}
}
