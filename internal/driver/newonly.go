package driver

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/baseline"
	"github.com/trapvet/trapvet/internal/report"
)

// This file keeps a run to its new findings (docs/adopting.md): those on
// lines changed since a git revision or in a diff (-new-from-rev,
// -new-from-merge-base, -new-from-patch), and those not recorded in a
// baseline file (-baseline; -baseline-write records one). The others are
// held back: left out of every format but SARIF, where they are kept,
// marked unchanged and suppressed externally, as code scanning expects.

// newOnly holds the flags and what a run learns from them.
type newOnly struct {
	baseline, baselineWrite           string
	fromRev, fromMergeBase, fromPatch string

	changes *baseline.Changes // nil: no -new-from-*
	since   string            // what the changes are since, for messages
	base    []baseline.Entry  // read from -baseline
	baseDir string            // the -baseline file's directory

	sources baseline.Sources
	held    map[*finding]bool // held back (kept for SARIF only)
	absent  []absent          // baseline entries no longer found, for SARIF
}

// An absent entry is one of the baseline's whose finding is gone.
type absent struct {
	entry baseline.Entry
	file  string // absolute
}

func (n *newOnly) active() bool {
	return n.baseline != "" || n.baselineWrite != "" || n.fromRev != "" || n.fromMergeBase != "" || n.fromPatch != ""
}

func (n *newOnly) flags(fs *flag.FlagSet) {
	fs.StringVar(&n.fromRev, "new-from-rev", "", "report only findings on lines changed since this git revision (working tree and untracked files included)")
	fs.StringVar(&n.fromMergeBase, "new-from-merge-base", "", "report only findings on lines changed since the merge base of this git revision and HEAD (a pull request's changes)")
	fs.StringVar(&n.fromPatch, "new-from-patch", "", "report only findings on lines this unified diff file adds or changes")
	fs.StringVar(&n.baseline, "baseline", "", "report only findings not recorded in this baseline file (see -baseline-write)")
	fs.StringVar(&n.baselineWrite, "baseline-write", "", "record the findings in this baseline file, and hold them back (with -baseline: record only those it holds back)")
}

// prepare checks the flags and reads what they name, before the analysis,
// so that a mistake costs no analysis. It reports whether to go on.
func (r *run) prepareNewOnly() bool {
	n := &r.opts.newOnly
	if !n.active() {
		return true
	}
	var from []string
	for _, f := range []struct{ name, value string }{{"new-from-rev", n.fromRev}, {"new-from-merge-base", n.fromMergeBase}, {"new-from-patch", n.fromPatch}} {
		if f.value != "" {
			from = append(from, "-"+f.name)
		}
	}
	switch {
	case len(from) > 1:
		r.errorf("%s: give one of them", strings.Join(from, " and "))
		return false
	case len(from) > 0 && n.baselineWrite != "":
		r.errorf("-baseline-write records all findings and cannot be combined with %s", from[0])
		return false
	case n.baselineWrite != "" && (r.opts.fix || r.opts.diff):
		r.errorf("-baseline-write cannot be combined with -fix or -diff")
		return false
	}
	var err error
	switch {
	case n.fromRev != "":
		n.changes, n.since, err = baseline.FromGit(r.cwd, n.fromRev, false)
		n.since = fmt.Sprintf("%s (%.12s)", n.fromRev, n.since)
	case n.fromMergeBase != "":
		n.changes, n.since, err = baseline.FromGit(r.cwd, n.fromMergeBase, true)
		n.since = fmt.Sprintf("the merge base of %s and HEAD (%.12s)", n.fromMergeBase, n.since)
	case n.fromPatch != "":
		n.changes, err = baseline.ReadPatch(n.fromPatch, srcRoot(r.cwd))
		n.since = n.fromPatch
	}
	if err != nil {
		r.errorf("%s: %v", from[0], err)
		return false
	}
	if n.baseline != "" {
		n.base, n.baseDir, err = readBaseline(n.baseline)
		if err != nil {
			r.errorf("-baseline: %v", err)
			return false
		}
	}
	return true
}

// readBaseline reads a baseline file and returns its entries and its
// directory, the one the entries' paths are relative to.
func readBaseline(file string) ([]baseline.Entry, string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, "", err
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, "", err
	}
	entries, err := baseline.Read(bytes.NewReader(data))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %v", file, err)
	}
	return entries, filepath.Dir(abs), nil
}

// entry returns the baseline entry of f, its file relative to dir.
func (n *newOnly) entry(f *finding, dir string) baseline.Entry {
	return entryOf(&n.sources, f, dir)
}

func entryOf(sources *baseline.Sources, f *finding, dir string) baseline.Entry {
	k := sources.Key(f.Analyzer, f.Posn.Filename, f.Posn.Line, f.Message)
	return baseline.Entry{
		Fingerprint: k.Fingerprint,
		LineKey:     k.LineKey,
		Analyzer:    f.Analyzer,
		File:        slashRel(dir, f.Posn.Filename),
		Decl:        k.Decl,
		Message:     f.Message,
	}
}

// slashRel returns file relative to dir, slash-separated; a file with no
// name stays empty.
func slashRel(dir, file string) string {
	if file == "" {
		return ""
	}
	if rel, err := filepath.Rel(dir, file); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// touches reports whether f touches a changed line: a finding counts as
// new when any place it names changed. Its own range counts whole (a call
// spread over lines); a related position counts by its first line only,
// since its range is often a whole statement (deferloop's "the loop" is
// the loop with its body) whose other lines the finding is not about.
func touches(c *baseline.Changes, f *finding) bool {
	end := f.End
	if !end.IsValid() || end.Filename != f.Posn.Filename {
		end = f.Posn
	}
	if f.Posn.IsValid() && c.Touches(f.Posn.Filename, f.Posn.Line, end.Line) {
		return true
	}
	for _, rel := range f.Related {
		if rel.Posn.IsValid() && c.Touches(rel.Posn.Filename, rel.Posn.Line, rel.Posn.Line) {
			return true
		}
	}
	return false
}

// holdBack applies the flags to the findings of a run of analyzers over
// patterns, writes -baseline-write, says on stderr what was held back,
// and returns the findings to report: without the held-back ones, except
// in SARIF, where they stay, marked suppressed (and in n.held).
func (r *run) holdBack(analyzers []*analysis.Analyzer, patterns []string, all []*finding) []*finding {
	n := &r.opts.newOnly
	if !n.active() {
		return all
	}
	n.held = make(map[*finding]bool)
	var live []*finding // not suppressed in the source
	for _, f := range all {
		if f.Suppressed == nil {
			live = append(live, f)
		}
	}
	byChanges := 0
	if n.changes != nil {
		for _, f := range live {
			if !touches(n.changes, f) {
				n.held[f] = true
				byChanges++
			}
		}
	}
	var matched []baseline.Entry // current entries held back by the baseline, relative to writeDir
	var kept []baseline.Entry    // baseline entries outside this run, relative to writeDir
	writeDir := ""
	if n.baselineWrite != "" {
		abs, err := filepath.Abs(n.baselineWrite)
		if err != nil {
			r.errorf("-baseline-write: %v", err)
			return all
		}
		writeDir = filepath.Dir(abs)
	}
	byBaseline, gone := 0, 0
	switch {
	case n.baseline != "":
		current := make([]baseline.Entry, len(live))
		for i, f := range live {
			current[i] = n.entry(f, n.baseDir)
		}
		held, found := baseline.Match(n.base, current)
		for i, f := range live {
			if held[i] {
				n.held[f] = true
				byBaseline++
				if writeDir != "" {
					matched = append(matched, n.entry(f, writeDir))
				}
			}
		}
		inRun := r.checkedHere(analyzers, patterns)
		for j, e := range n.base {
			file := filepath.Join(n.baseDir, filepath.FromSlash(e.File))
			switch {
			case !inRun(e.Analyzer, filepath.Dir(file)):
				if writeDir != "" {
					e.File = slashRel(writeDir, file)
					kept = append(kept, e)
				}
			case !found[j]:
				gone++
				n.absent = append(n.absent, absent{e, file})
			}
		}
	case n.baselineWrite != "":
		for _, f := range live {
			n.held[f] = true
			matched = append(matched, n.entry(f, writeDir))
		}
	}
	if n.baselineWrite != "" && !r.failed {
		if err := writeBaseline(n.baselineWrite, append(matched, kept...)); err != nil {
			r.errorf("-baseline-write: %v", err)
		} else {
			fmt.Fprintf(r.stderr, "%s: %s records %s\n", r.suite.Name, n.baselineWrite, count(len(matched)+len(kept), "finding"))
		}
	}
	if byChanges > 0 {
		fmt.Fprintf(r.stderr, "%s: %s held back: not on lines changed since %s\n", r.suite.Name, count(byChanges, "finding"), n.since)
	}
	if n.baseline != "" {
		fmt.Fprintf(r.stderr, "%s: %s held back by the baseline %s", r.suite.Name, count(byBaseline, "finding"), n.baseline)
		if gone > 0 && n.baselineWrite == "" {
			fmt.Fprintf(r.stderr, "; %s no longer found (-baseline-write drops them)", count(gone, "of its entries"))
		}
		fmt.Fprintln(r.stderr)
	}
	sarif := r.opts.format == "sarif" && !r.opts.diff
	out := make([]*finding, 0, len(all))
	for _, f := range all {
		if !n.held[f] {
			out = append(out, f)
			continue
		}
		if sarif {
			// Marked suppressed, a held-back finding is left out of
			// the count and the fixes like any suppressed one.
			g := *f
			g.Suppressed = &report.Suppression{Reason: n.heldReason()}
			n.held[&g] = true
			out = append(out, &g)
		}
	}
	return out
}

// count says "1 finding", "2 findings"; "1 of its entries" stays.
func count(n int, noun string) string {
	if n != 1 && !strings.Contains(noun, " ") {
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}

func (n *newOnly) heldReason() string {
	switch {
	case n.baseline != "":
		return "recorded in the baseline " + filepath.ToSlash(n.baseline)
	case n.baselineWrite != "":
		return "recorded in the baseline " + filepath.ToSlash(n.baselineWrite)
	}
	return "not on lines changed since " + n.since
}

func writeBaseline(file string, entries []baseline.Entry) error {
	var buf bytes.Buffer
	if err := baseline.Write(&buf, entries); err != nil {
		return err
	}
	return replaceFile(file, buf.Bytes())
}

// replaceFile writes data to file through a temporary file renamed over
// it, so that a reader never sees half a baseline; an existing file keeps
// its permissions.
func replaceFile(file string, data []byte) error {
	perm := os.FileMode(0o644)
	if info, err := os.Stat(file); err == nil {
		perm = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".trapvet-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// checkedHere returns whether this run checked a baseline entry of an
// analyzer in a directory: the analyzer ran, and a package matched by the
// patterns lies in the directory, or the directory holds no Go file any
// more and lies under a pattern's "dir/..." (a package deleted since the
// baseline). An entry outside the run is neither absent nor dropped by
// -baseline-write. The directories come from go list -find, which reads
// no dependencies.
func (r *run) checkedHere(analyzers []*analysis.Analyzer, patterns []string) func(analyzer, dir string) bool {
	ran := map[string]bool{report.CheckerName: true}
	for _, a := range analyzers {
		ran[a.Name] = true
	}
	args := []string{"list", "-e", "-find", "-f", "{{.Dir}}"}
	if r.opts.tags != "" {
		args = append(args, "-tags="+r.opts.tags)
	}
	cmd := exec.Command("go", append(args, patterns...)...)
	cmd.Dir = r.dir
	out, err := cmd.Output()
	dirs := make(map[string]bool)
	for d := range strings.SplitSeq(string(out), "\n") {
		if d = strings.TrimSpace(d); d != "" {
			dirs[canonicalDir(d)] = true
		}
	}
	var trees []string // the dirs of the patterns "dir/..."
	for _, p := range patterns {
		if root, ok := strings.CutSuffix(filepath.ToSlash(p), "/..."); ok && (filepath.IsAbs(p) || strings.HasPrefix(p, ".")) {
			if !filepath.IsAbs(root) {
				root = filepath.Join(r.dir, root)
			}
			if abs, err := filepath.Abs(root); err == nil {
				trees = append(trees, canonicalDir(abs))
			}
		}
	}
	return func(analyzer, dir string) bool {
		if !ran[analyzer] {
			return false
		}
		if err != nil {
			return true // cannot tell: the whole baseline is in the run
		}
		if dirs[canonicalDir(dir)] {
			return true
		}
		if goFiles, _ := filepath.Glob(filepath.Join(dir, "*.go")); len(goFiles) > 0 {
			return false
		}
		gone := canonicalDir(dir)
		for _, t := range trees {
			if rel, err := filepath.Rel(t, gone); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
				return true
			}
		}
		return false
	}
}

// canonicalDir resolves the symbolic links in dir's path, as far as the
// path exists.
func canonicalDir(dir string) string {
	dir = filepath.Clean(dir)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return real
	}
	parent := filepath.Dir(dir)
	if parent == dir {
		return dir
	}
	return filepath.Join(canonicalDir(parent), filepath.Base(dir))
}

// baselineState returns a SARIF result's baselineState: "" outside these
// modes and for findings suppressed in the source.
func (n *newOnly) baselineState(f *finding) string {
	switch {
	case !n.active():
		return ""
	case n.held[f]:
		return "unchanged"
	case f.Suppressed != nil:
		return ""
	}
	return "new"
}

// sarifFingerprints returns each finding's fingerprint (internal/baseline)
// with its occurrence index among the findings of its directory with the
// same fingerprint, for SARIF's partialFingerprints.
func (n *newOnly) sarifFingerprints(findings []*finding) map[*finding]string {
	entries := make([]baseline.Entry, len(findings))
	for i, f := range findings {
		entries[i] = n.entry(f, "/")
	}
	occ := baseline.Occurrences(entries)
	fps := make(map[*finding]string, len(findings))
	for i, f := range findings {
		fps[f] = fmt.Sprintf("%s:%d", entries[i].Fingerprint, occ[i])
	}
	return fps
}

// sarifAbsent returns a SARIF result for each baseline entry whose
// finding is gone: kind pass (the check now passes there), baselineState
// absent, located in the entry's file.
func (n *newOnly) sarifAbsent(ruleIndex map[string]int, artifact func(file string) sarifArtifact) []sarifResult {
	var results []sarifResult
	entries := make([]baseline.Entry, len(n.absent))
	for i, a := range n.absent {
		entries[i] = a.entry
	}
	occ := baseline.Occurrences(entries)
	for i, a := range n.absent {
		idx, ok := ruleIndex[a.entry.Analyzer]
		if !ok {
			continue
		}
		results = append(results, sarifResult{
			RuleID:              a.entry.Analyzer,
			RuleIndex:           idx,
			Kind:                "pass",
			Level:               "none",
			Message:             sarifText{Text: "no longer found: " + a.entry.Message},
			Locations:           []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(a.file)}}},
			PartialFingerprints: map[string]string{sarifFingerprintKey: fmt.Sprintf("%s:%d", a.entry.Fingerprint, occ[i])},
			BaselineState:       "absent",
		})
	}
	return results
}

// sarifFingerprintKey names trapvet's partial fingerprint; its version
// follows internal/baseline's.
const sarifFingerprintKey = "trapvet/v2"

// sarifHeld returns the suppression of a held-back finding: external,
// since what holds it back is outside the source.
func (n *newOnly) sarifHeld(f *finding) []sarifSuppression {
	return []sarifSuppression{{Kind: "external", Justification: f.Suppressed.Reason}}
}

// withoutBaseline returns the findings that the baseline file (a relative
// name looked for in dir, then its parents) does not hold back, for the
// editor server's baseline setting.
func withoutBaseline(dir, file string, found []*finding) ([]*finding, error) {
	if dir == "" {
		dir, _ = os.Getwd()
	}
	path, err := findUp(dir, file)
	if err != nil {
		return found, err
	}
	base, baseDir, err := readBaseline(path)
	if err != nil {
		return found, err
	}
	var sources baseline.Sources
	var live []*finding
	var current []baseline.Entry
	for _, f := range found {
		if f.Suppressed == nil {
			live = append(live, f)
			current = append(current, entryOf(&sources, f, baseDir))
		}
	}
	held, _ := baseline.Match(base, current)
	out := make([]*finding, 0, len(live))
	for i, f := range live {
		if !held[i] {
			out = append(out, f)
		}
	}
	return out, nil
}
