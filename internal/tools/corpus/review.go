package main

import (
	"bufio"
	"fmt"
	"io"
	"slices"
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

// reviewLine formats f as a review-file line with the given verdict, kind
// and reason.
func (f finding) reviewLine(verdict, kind, reason string) string {
	return fmt.Sprintf("%s %s %s %s %s %s kind=%s %s", f.Module, f.Pos(), f.Analyzer, f.Func, f.Hash, verdict, kind, reason)
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
	Kind     string // the kind of code the file is: one of kinds
	DupOf    string // "analyzer:file:line:col" of the line that counts this defect, or ""
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

// kinds are the kinds of code a finding's file can be, as issue 30's scope
// model names them. The review records the kind of every finding so that
// the corpus counts, per analyzer, what a scope that reports production
// code only would remove, and whether a bug is among it.
var kinds = []string{"production", "test", "test-support", "example", "benchmark", "tooling", "reproduction"}

// parseReview reads the review file. Its format is documented at the top of
// corpus/review.txt:
//
//	module@version file:line:col analyzer func hash verdict kind=K [dup-of=analyzer:file:line:col] reason...
//
// A dup-of line is a second report of the defect that the named line (same
// module) counts: it must carry the same verdict, and it is counted once,
// there.
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
		if len(fields) < 8 {
			return nil, fmt.Errorf("review line %d: want module@version file:line:col analyzer func hash verdict kind=K reason", n)
		}
		file, l, c := splitPosn(fields[1])
		if l == 0 {
			return nil, fmt.Errorf("review line %d: %q is not file:line:col", n, fields[1])
		}
		e := entry{
			Module: fields[0], File: file, Line: l, Col: c,
			Analyzer: fields[2], Func: fields[3], Hash: fields[4], Verdict: fields[5],
			LineNo: n,
		}
		if e.Verdict != verdictBug && e.Verdict != verdictIntended && e.Verdict != verdictFP {
			return nil, fmt.Errorf("review line %d: verdict %q is not %s, %s or %s", n, e.Verdict, verdictBug, verdictIntended, verdictFP)
		}
		rest := fields[6:]
		kind, ok := strings.CutPrefix(rest[0], "kind=")
		if !ok || !slices.Contains(kinds, kind) {
			return nil, fmt.Errorf("review line %d: %q after the verdict is not kind=K, K one of %s", n, rest[0], strings.Join(kinds, ", "))
		}
		e.Kind, rest = kind, rest[1:]
		if len(rest) > 0 {
			if dup, ok := strings.CutPrefix(rest[0], "dup-of="); ok {
				if a, pos, _ := strings.Cut(dup, ":"); a == "" || pos == "" {
					return nil, fmt.Errorf("review line %d: dup-of=%s is not dup-of=analyzer:file:line:col", n, dup)
				} else if _, l, _ := splitPosn(pos); l == 0 {
					return nil, fmt.Errorf("review line %d: dup-of=%s is not dup-of=analyzer:file:line:col", n, dup)
				}
				e.DupOf, rest = dup, rest[1:]
			}
		}
		if len(rest) == 0 {
			return nil, fmt.Errorf("review line %d: no reason", n)
		}
		e.Reason = strings.Join(rest, " ")
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return entries, checkDups(entries)
}

// ref names an entry the way a dup-of marker does.
func (e entry) ref() string { return e.Analyzer + ":" + e.Pos() }

// checkDups checks that every dup-of marker names a line of the same
// module that is not itself a duplicate and carries the same verdict: the
// same defect gets the same verdict and is counted once.
func checkDups(entries []entry) error {
	// Two findings of one analyzer can share a position (a package and its
	// test variant giving different messages), so a reference names the
	// lines at that position other than the duplicate itself.
	byRef := make(map[string][]entry)
	for _, e := range entries {
		k := modulePath(e.Module) + " " + e.ref()
		byRef[k] = append(byRef[k], e)
	}
	for _, e := range entries {
		if e.DupOf == "" {
			continue
		}
		var targets []entry
		for _, t := range byRef[modulePath(e.Module)+" "+e.DupOf] {
			if t.LineNo != e.LineNo {
				targets = append(targets, t)
			}
		}
		if len(targets) != 1 {
			return fmt.Errorf("review line %d: dup-of=%s names %d other review lines of %s, want 1", e.LineNo, e.DupOf, len(targets), modulePath(e.Module))
		}
		switch target := targets[0]; {
		case target.DupOf != "":
			return fmt.Errorf("review line %d: dup-of=%s names line %d, itself a duplicate: name the line that counts", e.LineNo, e.DupOf, target.LineNo)
		case target.Verdict != e.Verdict:
			return fmt.Errorf("review line %d: verdict %s, but the defect it duplicates (line %d) is %s", e.LineNo, e.Verdict, target.LineNo, target.Verdict)
		}
	}
	return nil
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
	Unreviewed []finding       // found, no verdict: add a line
	StillFP    map[int]finding // review line of a false positive → the finding that still appears
	// SplitFP are the false positives of the validation split: read once
	// at the end of their stop, they are measured, not fixed then, and
	// fail the run once the split joins the corpus (measureSplit).
	SplitFP   map[int]finding
	Bugs      []finding         // found and reviewed as true bugs
	Intended  []finding         // found and reviewed as deliberate code
	Moved     map[int]finding   // review line matched at another position: update the position
	Stale     []entry           // reviewed, no longer found in the modules run
	FPEntries map[int]entry     // the false-positive entries, by review line
	Reviewed  map[finding]entry // every matched finding
}

// Failed reports whether the run must fail: unreviewed findings, or false
// positives of the corpus that still appear.
func (d *diff) Failed() bool { return len(d.Unreviewed) > 0 || len(d.StillFP) > 0 }

// measureSplit moves the false positives of the validation split's
// modules (split, by module ID) from StillFP to SplitFP: the split is
// read once, at the end of its stop, to measure the rules as they are;
// fixing its false positives then would tune the rules to the reading.
// Next stop the split joins the corpus, and they fail the run.
func (d *diff) measureSplit(split map[string]bool) {
	d.SplitFP = make(map[int]finding)
	for ln, f := range d.StillFP {
		if split[f.Module] {
			d.SplitFP[ln] = f
			delete(d.StillFP, ln)
		}
	}
}

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
