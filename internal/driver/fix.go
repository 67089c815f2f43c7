package driver

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"

	"github.com/aymanbagabas/go-udiff"

	"github.com/trapvet/trapvet/internal/runner"
)

// An edit replaces bytes [start, end) of a file.
type edit struct {
	file       string
	start, end int
	text       string
}

func (e edit) overlaps(o edit) bool {
	if e.file != o.file {
		return false
	}
	if e.start == e.end && o.start == o.end {
		return e.start == o.start // two insertions at one point: order unknown
	}
	return e.start < o.end && o.start < e.end
}

// fixPlan is the set of non-conflicting fixes chosen from the findings.
type fixPlan struct {
	edits     map[string][]edit // by file
	fixed     []*finding
	conflicts []*finding
}

// planFixes takes the first suggested fix of each finding, in order, and
// keeps those whose edits do not overlap an edit already kept. A fix equal
// to one already kept (the same file seen in p and p [p.test]) is shared.
func planFixes(findings []*finding) (*fixPlan, error) {
	plan := &fixPlan{edits: make(map[string][]edit)}
	for _, f := range findings {
		if len(f.Fixes) == 0 {
			continue
		}
		var edits []edit
		for _, e := range f.Fixes[0].Edits {
			if e.File == "" {
				return nil, fmt.Errorf("%s: fix edit has no file", f.Analyzer)
			}
			edits = append(edits, edit{e.File, e.Start, e.End, e.New})
		}
		ok := true
		var fresh []edit
		for _, e := range edits {
			if slices.Contains(plan.edits[e.file], e) || slices.Contains(fresh, e) {
				continue
			}
			for _, o := range slices.Concat(plan.edits[e.file], fresh) {
				if e.overlaps(o) {
					ok = false
				}
			}
			fresh = append(fresh, e)
		}
		if !ok {
			plan.conflicts = append(plan.conflicts, f)
			continue
		}
		for _, e := range fresh {
			plan.edits[e.file] = append(plan.edits[e.file], e)
		}
		plan.fixed = append(plan.fixed, f)
	}
	return plan, nil
}

// fixSources reads the files that the first fix of each finding edits,
// and splits the findings: those whose edits were computed for the
// content the files have now (or that do not say: unitchecker's), and
// those whose files changed since they were analyzed, whose edits would
// land on other bytes (a file saved during the run, findings served from
// the cache for content since restored). It returns the files' content,
// by name, for the fixes to be applied to exactly what was checked; a
// file that cannot be read is an error, its findings in neither list.
func fixSources(findings []*finding) (current, changed []*finding, srcs map[string][]byte, errs []error) {
	srcs = make(map[string][]byte)
	sums := make(map[string]string)
	for _, f := range findings {
		readable, same := true, true
		for _, fix := range f.Fixes[:min(1, len(f.Fixes))] {
			for _, e := range fix.Edits {
				if _, tried := sums[e.File]; !tried {
					sums[e.File] = ""
					if data, err := os.ReadFile(e.File); err != nil {
						errs = append(errs, err)
					} else {
						srcs[e.File] = data
						sums[e.File] = runner.FileSum(data)
					}
				}
				_, ok := srcs[e.File]
				readable = readable && ok
				same = same && (e.Sum == "" || e.Sum == sums[e.File])
			}
		}
		switch {
		case !readable: // reported in errs, left unfixed
		case !same:
			changed = append(changed, f)
		default:
			current = append(current, f)
		}
	}
	return current, changed, srcs, errs
}

// holdFixes returns the findings whose fixes -fix may apply: all but those
// of a FixOnRequest analyzer not enabled by name, whose names it returns
// as held.
func (s *Suite) holdFixes(findings []*finding, named map[string]bool) (apply []*finding, held map[string]bool) {
	onRequest := make(map[string]bool)
	for _, a := range s.FixOnRequest {
		onRequest[a.Name] = !named[a.Name]
	}
	held = make(map[string]bool)
	for _, f := range findings {
		if onRequest[f.Analyzer] && len(f.Fixes) > 0 {
			held[f.Analyzer] = true
			continue
		}
		apply = append(apply, f)
	}
	return apply, held
}

// noteHeld says which analyzers' fixes holdFixes held back, one line each,
// as a note rather than an error: nothing failed.
func (s *Suite) noteHeld(w io.Writer, held map[string]bool) {
	for _, name := range slices.Sorted(maps.Keys(held)) {
		fmt.Fprintf(w, "note: %s's fixes were not applied, as they change where output goes: name the analyzer to apply them (-fix -%s)\n", name, name)
	}
}

// files returns the planned files, sorted.
func (p *fixPlan) files() []string {
	return slices.Sorted(maps.Keys(p.edits))
}

// apply returns the content of file after the plan's edits (ApplyEdits).
func (p *fixPlan) apply(file string, src []byte) ([]byte, error) {
	edits := make([]udiff.Edit, len(p.edits[file]))
	for i, e := range p.edits[file] {
		edits[i] = udiff.Edit{Start: e.start, End: e.end, New: e.text}
	}
	res, err := ApplyEdits(src, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: fix edits out of range (file changed during the run?)", file)
	}
	return res, nil
}

// ApplyEdits returns src with edits applied, in go-udiff's order (by
// offset; at one offset, insertions in the order given, then a
// replacement), and formatted again if src was gofmt-clean: the text of a
// fix is not laid out by its author. An edit out of range, or two
// overlapping, is an error. "trapvet -fix" and the editor server's quick
// fixes both apply fixes with it.
func ApplyEdits(src []byte, edits []udiff.Edit) ([]byte, error) {
	res, err := udiff.ApplyBytes(src, edits)
	if err != nil {
		return nil, err
	}
	if formatted, err := format.Source(src); err == nil && bytes.Equal(formatted, src) {
		if f, err := format.Source(res); err == nil {
			return f, nil
		}
	}
	return res, nil
}

// writeFixed writes the fixed content of file in place, as gofmt -w
// does: the file keeps its inode, so its owner, mode, hard links and
// extended attributes stay. If the write fails part way, the original
// content src is written back.
func writeFixed(file string, src, fixed []byte) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(fixed)
	if err != nil {
		// Best effort: put the original back rather than leave half a file.
		if _, serr := f.Seek(0, io.SeekStart); serr == nil {
			if terr := f.Truncate(0); terr == nil {
				_, _ = f.Write(src)
			}
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// pathErr returns the cause of a file operation's error without the
// path, which the caller names itself.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
