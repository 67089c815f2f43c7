package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// A tally counts findings by verdict. Unreviewed findings count as
// findings only: they have no verdict yet. A duplicate (a second report of
// a defect that another finding counts) is a finding, counted under Dup and
// under no verdict: one defect counts once.
type tally struct {
	Findings, Bug, Intended, FP, Dup, Unreviewed int
}

func (t *tally) add(e entry, reviewed bool) {
	t.Findings++
	switch {
	case !reviewed:
		t.Unreviewed++
	case e.DupOf != "":
		t.Dup++
	case e.Verdict == verdictBug:
		t.Bug++
	case e.Verdict == verdictIntended:
		t.Intended++
	default:
		t.FP++
	}
}

// actionable is the share of reviewed, correct findings that are worth
// acting on: bug / (bug + intended). An intended finding is correct by the
// rule but deliberate code, noise a user suppresses by hand.
func (t tally) actionable() string {
	if t.Bug+t.Intended == 0 {
		return "-"
	}
	share := 100 * float64(t.Bug) / float64(t.Bug+t.Intended)
	if share > 0 && share < 10 {
		return fmt.Sprintf("%.1f%%", share) // 1 bug in 357 is not 0%
	}
	return fmt.Sprintf("%.0f%%", share)
}

// A summary is a run's findings counted per analyzer, per kind of code and
// in total.
type summary struct {
	Names      []string // analyzers run, in analyzers.All order
	ByAnalyzer map[string]*tally
	ByKind     map[string]*tally         // reviewed findings by the kind of their file
	Kinds      map[string]map[string]int // analyzer → kind → reviewed findings
	Total      tally
	Lines      int
	Packages   int
	Modules    int
}

// splitRuns separates the corpus from the validation split.
func splitRuns(runs []*moduleRun) (corpus, validation []*moduleRun) {
	for _, mr := range runs {
		if mr.Mod.Validation {
			validation = append(validation, mr)
		} else {
			corpus = append(corpus, mr)
		}
	}
	return corpus, validation
}

func summarize(runs []*moduleRun, names []string, d *diff) *summary {
	s := &summary{Names: names, ByAnalyzer: make(map[string]*tally), ByKind: make(map[string]*tally), Kinds: make(map[string]map[string]int)}
	for _, n := range names {
		s.ByAnalyzer[n] = new(tally)
		s.Kinds[n] = make(map[string]int)
	}
	for _, k := range kinds {
		s.ByKind[k] = new(tally)
	}
	for _, mr := range runs {
		s.Modules++
		s.Lines += mr.Lines
		s.Packages += mr.Packages
		for _, f := range mr.Findings {
			e, ok := d.Reviewed[f]
			s.ByAnalyzer[f.Analyzer].add(e, ok)
			s.Total.add(e, ok)
			if ok {
				s.ByKind[e.Kind].add(e, ok)
				s.Kinds[f.Analyzer][e.Kind]++
			}
		}
	}
	return s
}

// printKindTables writes the reviewed findings by the kind of code their
// file is: per kind with verdicts, then per analyzer and kind. Everything
// outside production is what a scope that reports production code only
// would remove, so a bug there is one such a scope would hide.
func (s *summary) printKindTables(w io.Writer, md bool) {
	head := []string{"kind of code", "findings", "bug", "intended", "false-positive", "duplicate", "actionable share"}
	var rows [][]string
	for _, k := range kinds {
		t := *s.ByKind[k]
		rows = append(rows, []string{k, count(t.Findings), count(t.Bug), count(t.Intended), count(t.FP), count(t.Dup), t.actionable()})
	}
	writeTable(w, md, head, rows)
	fmt.Fprintln(w)
	head = append([]string{"analyzer"}, kinds...)
	rows = nil
	for _, n := range s.Names {
		r := []string{n}
		for _, k := range kinds {
			r = append(r, count(s.Kinds[n][k]))
		}
		rows = append(rows, r)
	}
	writeTable(w, md, head, rows)
}

// printAnalyzerTable writes the per-analyzer table: the numbers a user
// feels. Markdown when md is set, else aligned text.
func (s *summary) printAnalyzerTable(w io.Writer, md bool) {
	head := []string{"analyzer", "findings", "bug", "intended", "false-positive", "duplicate", "unreviewed", "actionable share", "findings /100k lines"}
	var rows [][]string
	row := func(name string, t tally) []string {
		return []string{name, count(t.Findings), count(t.Bug), count(t.Intended), count(t.FP), count(t.Dup), count(t.Unreviewed), t.actionable(), rate(t.Findings, s.Lines)}
	}
	for _, n := range s.Names {
		rows = append(rows, row(n, *s.ByAnalyzer[n]))
	}
	total := row("total", s.Total)
	if md {
		total[0] = "**total**"
	}
	rows = append(rows, total)
	writeTable(w, md, head, rows)
}

// writeTable writes head and rows as a Markdown table (first column left,
// the others right-aligned) or as aligned text.
func writeTable(w io.Writer, md bool, head []string, rows [][]string) {
	if md {
		fmt.Fprintf(w, "| %s |\n|---|%s\n", strings.Join(head, " | "), strings.Repeat("---:|", len(head)-1))
		for _, r := range rows {
			fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
		}
		return
	}
	width := make([]int, len(head))
	for _, r := range append([][]string{head}, rows...) {
		for i, c := range r {
			width[i] = max(width[i], len(c))
		}
	}
	for _, r := range append([][]string{head}, rows...) {
		for i, c := range r {
			if i == 0 {
				fmt.Fprintf(w, "%-*s", width[i], c)
			} else {
				fmt.Fprintf(w, "  %*s", width[i], c)
			}
		}
		fmt.Fprintln(w)
	}
}

// count formats n with thousands separators.
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// writeFound regenerates docs/found.md from a complete run: the tables of
// the corpus and, when it ran, of the validation split, and per analyzer
// every defect reviewed as a bug with its reason from the review file.
func writeFound(path string, runs []*moduleRun, s, sv *summary, d *diff) error {
	var b strings.Builder
	corpusRuns, validRuns := splitRuns(runs)
	ids := func(runs []*moduleRun) string {
		var mods []string
		for _, mr := range runs {
			mods = append(mods, mr.Mod.ID())
		}
		return strings.Join(mods, ", ")
	}
	fmt.Fprintf(&b, `# What trapvet finds in real code

<!-- Generated by make corpus (internal/tools/corpus) from a complete run and corpus/review.txt. Do not edit. -->

Every finding trapvet reports on the corpus (corpus/modules.txt: %s) is read
in the source and recorded in corpus/review.txt as one of:

- **bug**: a maintainer of that module would accept a fix for it: a leak, a
  race, a crash, a deadlock, a hang, unbounded memory, or a log line lost or
  misrouted in a server; in a test, only what makes the test flaky, hang or
  wrong;
- **intended**: correct as its author meant it, or not worth a fix: a CLI
  talking to its user, an example, a benchmark, a developer tool, a bounded
  loop. Noise that a user suppresses by hand with
  `+"`//trapvet:ignore <analyzer> <reason>`"+`;
- **false-positive**: the claim is wrong; it is fixed in the rule, with a
  regression fixture, and make corpus fails while one still appears in the
  corpus (the validation split's, read once at the end of its stop, are
  measured there and fixed once the split joins the corpus).

One defect counts once: a second report of it (another path to the same
missing unlock, a second analyzer on the same statement) is marked as a
**duplicate** of the line that counts it and carries no verdict of its own
in the tables.

The number to steer by is the **actionable share**, bug / (bug + intended):
the part of correct findings that is worth acting on. Rates are findings
per 100,000 lines of analysed Go, tests included. Each finding also records
the kind of code its file is (production, test, test support, example,
benchmark harness, tooling, reproduction program), so the tables say what
a scope reporting production code only removes, and whether a bug is among it.

The **validation split** (modules.txt lines starting with `+"`validation`"+`) is
code that nobody reads while tuning the rules; it runs only with
`+"`make corpus CORPUS_FLAGS=-validation`"+` and is counted apart. When its
actionable share is far below the corpus's, the rules were tuned to the
corpus.

Command: `+"`make corpus`"+`, %s, %s/%s, all %d analyzers, each module
analysed with its tests.

## Corpus: per analyzer

%d modules, %s packages, %s lines.

`, ids(corpusRuns), runtime.Version(), runtime.GOOS, runtime.GOARCH, len(s.Names), s.Modules, count(s.Packages), count(s.Lines))
	s.printAnalyzerTable(&b, true)
	b.WriteString("\n## Corpus: per kind of code\n\nReviewed findings by the kind of code their file is.\n\n")
	s.printKindTables(&b, true)

	b.WriteString("\n## Validation split: per analyzer\n\n")
	if sv == nil {
		b.WriteString("Not run in this generation of the page (`make corpus CORPUS_FLAGS=-validation` runs it).\n")
	} else {
		fmt.Fprintf(&b, "%s: %s packages, %s lines.\n\n", ids(validRuns), count(sv.Packages), count(sv.Lines))
		sv.printAnalyzerTable(&b, true)
		b.WriteString("\n## Validation split: per kind of code\n\n")
		sv.printKindTables(&b, true)
	}

	b.WriteString("\n## Per module\n\nPer-analyzer columns count findings.\n\n")
	head := []string{"module", "packages", "lines"}
	head = append(head, s.Names...)
	head = append(head, "bug", "intended", "false-positive", "duplicate", "actionable share", "findings /100k lines", "errors", "crashes")
	var rows [][]string
	for _, mr := range runs {
		per := make(map[string]int)
		var t tally
		for _, f := range mr.Findings {
			per[f.Analyzer]++
			e, ok := d.Reviewed[f]
			t.add(e, ok)
		}
		crash := 0
		if mr.Crash != "" {
			crash = 1
		}
		r := []string{mr.name(), count(mr.Packages), count(mr.Lines)}
		for _, n := range s.Names {
			r = append(r, count(per[n]))
		}
		r = append(r, count(t.Bug), count(t.Intended), count(t.FP), count(t.Dup), t.actionable(), rate(t.Findings, mr.Lines), count(len(mr.Errors)), count(crash))
		rows = append(rows, r)
	}
	writeTable(&b, true, head, rows)

	bugs := make(map[string][]finding)
	for _, f := range d.Bugs {
		if d.Reviewed[f].DupOf == "" {
			bugs[f.Analyzer] = append(bugs[f.Analyzer], f)
		}
	}
	for _, n := range s.Names {
		list := bugs[n]
		if len(list) == 0 {
			continue
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Module != list[j].Module {
				return list[i].Module < list[j].Module
			}
			if list[i].File != list[j].File {
				return list[i].File < list[j].File
			}
			return list[i].Line < list[j].Line
		})
		fmt.Fprintf(&b, "\n## %s: bugs\n\n", n)
		var rows [][]string
		for _, f := range list {
			e := d.Reviewed[f]
			reason := strings.ReplaceAll(e.Reason, "|", `\|`)
			rows = append(rows, []string{f.Module, f.Pos(), e.Kind, reason})
		}
		writeTable(&b, true, []string{"module", "position", "kind of code", "what goes wrong"}, rows)
	}
	return writeFileAtomic(path, []byte(b.String()))
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it over path, so that an interrupted run leaves the old page whole.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".found-*.md")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// name is the module's name in the per-module tables: its ID, marked when
// it is of the validation split.
func (mr *moduleRun) name() string {
	if mr.Mod.Validation {
		return mr.Mod.ID() + " (validation)"
	}
	return mr.Mod.ID()
}
