package main

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// A finding is a diagnostic placed in its module: the unit of review.
type finding struct {
	Module   string // module@version
	File     string // slash path relative to the module root
	Line     int
	Col      int
	Analyzer string
	Func     string // enclosing function, "-" outside any
	Hash     string // messageHash(Message)
	Message  string
}

func (f finding) Pos() string { return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col) }

// reviewLine formats f as a review-file line with the given verdict and reason.
func (f finding) reviewLine(verdict, reason string) string {
	return fmt.Sprintf("%s %s %s %s %s %s %s", f.Module, f.Pos(), f.Analyzer, f.Func, f.Hash, verdict, reason)
}

// An entry is one reviewed finding, a line of corpus/review.txt.
type entry struct {
	Module   string // module@version
	File     string
	Line     int
	Col      int
	Analyzer string
	Func     string
	Hash     string
	Verdict  string // "bug", "intended" or "false-positive"
	Reason   string
	LineNo   int // line in the review file
}

func (e entry) Pos() string { return fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Col) }

// Verdicts. A false positive is the analyzer's fault and fails the run
// while it still appears; the other two are reviewed and pass.
const (
	verdictBug      = "bug"            // a real defect in the module
	verdictIntended = "intended"       // the rule holds as documented, the code is deliberate and harmless
	verdictFP       = "false-positive" // the analyzer is wrong here and must be fixed
)

// parseReview reads the review file. Its format is documented at the top of
// corpus/review.txt:
//
//	module@version file:line:col analyzer func hash verdict reason...
func parseReview(r io.Reader) ([]entry, error) {
	var entries []entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 7 {
			return nil, fmt.Errorf("review line %d: want module@version file:line:col analyzer func hash verdict reason", n)
		}
		file, l, c := splitPosn(fields[1])
		if l == 0 {
			return nil, fmt.Errorf("review line %d: %q is not file:line:col", n, fields[1])
		}
		e := entry{
			Module: fields[0], File: file, Line: l, Col: c,
			Analyzer: fields[2], Func: fields[3], Hash: fields[4], Verdict: fields[5],
			Reason: strings.Join(fields[6:], " "), LineNo: n,
		}
		if e.Verdict != verdictBug && e.Verdict != verdictIntended && e.Verdict != verdictFP {
			return nil, fmt.Errorf("review line %d: verdict %q is not %s, %s or %s", n, e.Verdict, verdictBug, verdictIntended, verdictFP)
		}
		entries = append(entries, e)
	}
	return entries, sc.Err()
}

// modulePath strips the version of module@version.
func modulePath(id string) string {
	path, _, _ := strings.Cut(id, "@")
	return path
}

// matchKey is what ties a finding to its review across line shifts and
// version bumps: the module path, file, analyzer, enclosing function and
// message hash. The line only breaks ties.
type matchKey struct{ Module, File, Analyzer, Func, Hash string }

func findingKey(f finding) matchKey {
	return matchKey{modulePath(f.Module), f.File, f.Analyzer, f.Func, f.Hash}
}

func entryKey(e entry) matchKey {
	return matchKey{modulePath(e.Module), e.File, e.Analyzer, e.Func, e.Hash}
}

// A diff compares a corpus run with the review file.
type diff struct {
	Unreviewed []finding         // found, no verdict: add a line
	StillFP    map[int]finding   // review line of a false positive → the finding that still appears
	Bugs       []finding         // found and reviewed as true bugs
	Intended   []finding         // found and reviewed as deliberate code
	Moved      map[int]finding   // review line matched at another position: update the position
	Stale      []entry           // reviewed, no longer found in the modules run
	FPEntries  map[int]entry     // the false-positive entries, by review line
	Reviewed   map[finding]entry // every matched finding
}

// Failed reports whether the run must fail: unreviewed findings, or false
// positives that still appear.
func (d *diff) Failed() bool { return len(d.Unreviewed) > 0 || len(d.StillFP) > 0 }

// compare matches findings with review entries. Entries of modules not in
// ran are left alone (a partial run does not make them stale); entries of
// analyzers not in analyzers are left alone too.
func compare(findings []finding, entries []entry, ran map[string]bool, analyzers map[string]bool) *diff {
	d := &diff{
		StillFP:   make(map[int]finding),
		Moved:     make(map[int]finding),
		FPEntries: make(map[int]entry),
		Reviewed:  make(map[finding]entry),
	}
	byKey := make(map[matchKey][]int)
	for i, e := range entries {
		byKey[entryKey(e)] = append(byKey[entryKey(e)], i)
	}
	used := make([]bool, len(entries))
	// Exact positions first, so that a line shift elsewhere does not steal
	// the verdict of an unmoved finding.
	matched := make([]int, len(findings))
	for i := range matched {
		matched[i] = -1
	}
	for pass := 0; pass < 2; pass++ {
		for i, f := range findings {
			if matched[i] >= 0 {
				continue
			}
			best, bestDist := -1, 0
			for _, j := range byKey[findingKey(f)] {
				if used[j] {
					continue
				}
				dist := abs(entries[j].Line-f.Line)*1000 + abs(entries[j].Col-f.Col)
				if pass == 0 && dist != 0 {
					continue
				}
				if best < 0 || dist < bestDist {
					best, bestDist = j, dist
				}
			}
			if best >= 0 {
				used[best] = true
				matched[i] = best
			}
		}
	}
	for i, f := range findings {
		j := matched[i]
		if j < 0 {
			d.Unreviewed = append(d.Unreviewed, f)
			continue
		}
		e := entries[j]
		d.Reviewed[f] = e
		if e.Line != f.Line || e.Col != f.Col || e.Module != f.Module {
			d.Moved[e.LineNo] = f
		}
		switch e.Verdict {
		case verdictFP:
			d.StillFP[e.LineNo] = f
		case verdictBug:
			d.Bugs = append(d.Bugs, f)
		case verdictIntended:
			d.Intended = append(d.Intended, f)
		}
	}
	for j, e := range entries {
		if e.Verdict == verdictFP {
			d.FPEntries[e.LineNo] = e
		}
		if used[j] || !ran[modulePath(e.Module)] || !analyzers[e.Analyzer] {
			continue
		}
		d.Stale = append(d.Stale, e)
	}
	sort.Slice(d.Unreviewed, func(i, j int) bool {
		a, b := d.Unreviewed[i], d.Unreviewed[j]
		if a.Module != b.Module {
			return a.Module < b.Module
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
