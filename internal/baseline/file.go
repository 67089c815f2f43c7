package baseline

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// An Entry is one finding as a baseline file records it.
type Entry struct {
	Fingerprint string // Key.Fingerprint
	LineKey     string // Key.LineKey
	Analyzer    string
	// File is the finding's file, slash-separated and relative to the
	// baseline file's directory. Matching uses its directory only: a
	// finding may move to another file of its package.
	File    string
	Decl    string // Key.Decl, for the reader
	Message string // for the reader; not matched
}

// Dir is the directory of the entry's file, the scope it matches in.
func (e Entry) Dir() string { return path.Dir(e.File) }

// Header is the first line of a baseline file; it names the fingerprint
// version, so that a file written by another version is refused instead
// of matching nothing.
const Header = "# trapvet baseline v1"

const preamble = Header + `: the findings -baseline holds back (docs/adopting.md).
# One finding a line, sorted, no line numbers: rewrite it with -baseline-write.
# fingerprint	line key	analyzer	file	declaration	message
`

// Write writes entries as a baseline file: the header, then one line per
// entry, tab-separated, sorted by file, declaration, analyzer, message and
// keys, so that the file diffs well in review and does not change when
// lines move.
func Write(w io.Writer, entries []Entry) error {
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, compareEntries)
	bw := bufio.NewWriter(w)
	bw.WriteString(preamble)
	for _, e := range sorted {
		fields := []string{e.Fingerprint, e.LineKey, e.Analyzer, e.File, e.Decl, e.Message}
		for i, f := range fields {
			fields[i] = strings.Join(strings.Fields(f), " ") // no tab or newline inside a field
		}
		bw.WriteString(strings.Join(fields, "\t"))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func compareEntries(a, b Entry) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Decl, b.Decl),
		cmp.Compare(a.Analyzer, b.Analyzer),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Fingerprint, b.Fingerprint),
		cmp.Compare(a.LineKey, b.LineKey),
	)
}

// Read reads a baseline file written by Write.
func Read(r io.Reader) ([]Entry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var entries []Entry
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 {
			if !strings.HasPrefix(line, Header+":") && line != Header {
				if strings.HasPrefix(line, "# trapvet baseline ") {
					return nil, fmt.Errorf("written by another version of trapvet (%q, want %q): write it again with -baseline-write", line, Header)
				}
				return nil, fmt.Errorf("not a trapvet baseline (its first line is not %q)", Header)
			}
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 || f[0] == "" || f[1] == "" || f[2] == "" {
			return nil, fmt.Errorf("line %d: want 6 tab-separated fields (fingerprint, line key, analyzer, file, declaration, message)", n)
		}
		entries = append(entries, Entry{f[0], f[1], f[2], f[3], f[4], f[5]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("empty: a baseline starts with %q", Header)
	}
	return entries, nil
}

// Match matches the current findings (in position order) against the
// baseline's entries. held[i] reports whether current[i] is in the
// baseline; matched[j] whether base[j] matched a current finding. Each
// entry holds back one finding, so of n identical findings, as many are
// held back as the baseline has, the first ones in position order: an
// occurrence index without storing it.
//
// Findings match entries of their own directory only, in four rounds,
// each over what the earlier ones left: same file and fingerprint, same
// directory and fingerprint, then the same with the line key (the
// finding's line changed neither, but a neighbour did).
func Match(base, current []Entry) (held, matched []bool) {
	held = make([]bool, len(current))
	matched = make([]bool, len(base))
	rounds := []func(Entry) string{
		func(e Entry) string { return e.File + "\x00" + e.Fingerprint },
		func(e Entry) string { return e.Dir() + "\x00" + e.Fingerprint },
		func(e Entry) string { return e.File + "\x00" + e.LineKey },
		func(e Entry) string { return e.Dir() + "\x00" + e.LineKey },
	}
	for _, key := range rounds {
		free := make(map[string][]int)
		for j, e := range base {
			if !matched[j] {
				k := key(e)
				free[k] = append(free[k], j)
			}
		}
		for i, e := range current {
			if held[i] {
				continue
			}
			k := key(e)
			if js := free[k]; len(js) > 0 {
				held[i], matched[js[0]] = true, true
				free[k] = js[1:]
			}
		}
	}
	return held, matched
}

// Occurrences returns, for each entry, its index (from 1) among the
// entries of the same directory and fingerprint before it: with the
// fingerprint, it names a finding uniquely (SARIF partialFingerprints).
func Occurrences(entries []Entry) []int {
	seen := make(map[string]int)
	occ := make([]int, len(entries))
	for i, e := range entries {
		k := e.Dir() + "\x00" + e.Fingerprint
		seen[k]++
		occ[i] = seen[k]
	}
	return occ
}
