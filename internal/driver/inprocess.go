package driver

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/report"
)

// This file is the driver's in-process entry point, for long-running
// callers such as the language server (internal/lsp): the same selection,
// loading, analysis, suppression and deduplication as the standalone
// command, returning findings instead of printing them.

// Settings are the standalone command's choices that matter to an
// in-process analysis: the analyzers selected (by name, by the group flag),
// -ignores, -test and -tags. Analyzer flags (-NAME.FLAG) are not kept here: like the
// command line, ParseSettings sets them in the analyzers themselves.
type Settings struct {
	Analyzers []*analysis.Analyzer
	Tests     bool
	Tags      string
	// NoIgnores is -ignores=false: the check of the //trapvet:ignore
	// directives (report.CheckerName) is left out. A directive without a
	// reason still suppresses nothing.
	NoIgnores bool
	// Baseline is -baseline: findings it records are held back. A
	// relative name is looked for in the analyzed directory, then its
	// parents.
	Baseline string
}

// settingsFlags are the standalone flags ParseSettings accepts besides the
// analyzers' own and the group flag.
var settingsFlags = map[string]bool{"test": true, "tags": true, "scope": true, "baseline": true}

// ParseSettings parses command-line flags as the standalone command does,
// keeping the ones that choose what to analyze: -NAME and -NAME=false
// (-ignores=false among them), -NAME.FLAG, the group flag, -scope, -test
// and -tags. Output, fix and profile
// flags and package arguments are errors. Analyzer flags are shared by the
// whole process: each call first resets every analyzer flag that differs
// from its default, so that a flag dropped from one call to the next goes
// back to its default. The caller must not run an analysis meanwhile.
func (s *Suite) ParseSettings(args []string) (*Settings, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	r := &run{suite: s, stdout: io.Discard, stderr: io.Discard}
	fs, sel := r.flagSet()
	for _, a := range s.Analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if f.Value.String() != f.DefValue {
				_ = f.Value.Set(f.DefValue) // best effort: a flag whose default does not parse keeps its value
			}
		})
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			err = errors.New("-help is not a setting")
		}
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q: settings take flags only", fs.Arg(0))
	}
	names := map[string]bool{report.CheckerName: true}
	for _, a := range s.Analyzers {
		names[a.Name] = true
	}
	var bad []string
	fs.Visit(func(f *flag.Flag) {
		name, _, _ := strings.Cut(f.Name, ".")
		if !names[name] && name != s.GroupFlag && (name != s.OptInFlag || s.OptInFlag == "") && !settingsFlags[f.Name] {
			bad = append(bad, "-"+f.Name)
		}
	})
	if len(bad) > 0 {
		return nil, fmt.Errorf("%s: not a setting (only analyzer selection, analyzer flags, -%s, -scope, -test, -tags and -baseline are)", strings.Join(bad, ", "), s.GroupFlag)
	}
	r.finishSelection()
	analyzers := s.Select(*sel)
	if len(analyzers) == 0 {
		return nil, errors.New("no analyzers enabled")
	}
	return &Settings{Analyzers: analyzers, Tests: r.opts.tests, Tags: r.opts.tags, NoIgnores: r.opts.noIgnores, Baseline: r.opts.newOnly.baseline}, nil
}

// A Finding is one diagnostic of an in-process analysis, its positions
// resolved (columns in bytes, as go/token counts).
type Finding struct {
	Analyzer string
	Category string
	Message  string
	Posn     token.Position
	End      token.Position // may be invalid
	Related  []Related
	Fixes    []Fix
}

// Related is a related position of a Finding.
type Related struct {
	Posn, End token.Position
	Message   string
}

// A Fix is a suggested fix of a Finding.
type Fix struct {
	Message string
	Edits   []Edit
}

// An Edit replaces the bytes from Start to End (same file) with NewText.
type Edit struct {
	Start, End token.Position
	NewText    string
}

// Analyze loads the packages matching patterns, with the go command run in
// dir, and runs set's analyzers over them as the standalone command does:
// test variants when set.Tests, suppressed findings dropped, findings that
// appear in a package and its test variant given once, sorted by position.
// Load, type and analysis errors come back as lines, not as failures: a
// package with errors yields no findings, its sound neighbours still do.
// A run that could not start at all (the go command is not on PATH, or
// failed) returns failed, and its findings mean nothing: the caller must
// not take them for a clean result.
// Cancelling ctx stops the load (the go command) and the analysis:
// packages and analyzer runs not yet started are skipped; those running
// finish.
//
// The analysis goes through internal/runner and its cache, as the
// standalone command does: the files analyzed are those on disk, so a
// package unchanged since an earlier run (a file opened again, a
// neighbour of the saved one) is not analyzed again, and an edited one is
// analyzed against its dependencies' cached types and facts. A cancelled
// run stores nothing for the packages it did not finish.
func (s *Suite) Analyze(ctx context.Context, dir string, patterns []string, set *Settings) (findings []Finding, errs []string, failed error) {
	var errb strings.Builder
	r := &run{suite: s, stdout: io.Discard, stderr: &errb, cwd: dir, dir: dir, ctx: ctx}
	r.opts.tests = set.Tests
	r.opts.tags = set.Tags
	r.opts.noIgnores = set.NoIgnores
	r.opts.format = "text"
	r.opts.cache = true
	found := r.analyze(set.Analyzers, patterns)
	r.printCacheNote()
	for _, line := range strings.Split(errb.String(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			errs = append(errs, line)
		}
	}
	if ctx.Err() != nil {
		return nil, append(errs, ctx.Err().Error()), ctx.Err()
	}
	if r.startErr != nil {
		return nil, errs, r.startErr
	}
	if set.Baseline != "" {
		var err error
		if found, err = withoutBaseline(dir, set.Baseline, found); err != nil {
			errs = append(errs, "baseline: "+err.Error())
		}
	}
	var out []Finding
	for _, f := range found {
		if f.Suppressed != nil {
			continue
		}
		fd := Finding{
			Analyzer: f.Analyzer,
			Category: f.Category,
			Message:  f.Message,
			Posn:     f.Posn,
			End:      f.End,
		}
		for _, rel := range f.Related {
			fd.Related = append(fd.Related, Related{Posn: rel.Posn, End: rel.End, Message: rel.Message})
		}
		for _, fix := range f.Fixes {
			fx := Fix{Message: fix.Message}
			for _, e := range fix.Edits {
				fx.Edits = append(fx.Edits, Edit{Start: e.Posn, End: e.EndPosn, NewText: e.New})
			}
			fd.Fixes = append(fd.Fixes, fx)
		}
		out = append(out, fd)
	}
	return out, errs, nil
}
