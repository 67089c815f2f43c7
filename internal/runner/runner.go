// Package runner analyzes packages and returns their findings, reusing
// what it learnt of packages that have not changed since an earlier run.
// It is the analysis layer of trapvet's standalone driver, meant for any
// front end that wants findings for a set of packages (an editor server,
// for instance):
//
//	res, err := runner.Run(runner.Options{Analyzers: as, Cache: runner.OpenCache("")}, "./...")
//
// A first cheap pass asks the go command for the package graph only (go
// list: file names and imports, no parsing) and computes each package's
// key (see Cache). When an analyzer has facts, the run is trapvet's own
// action graph (engine.go): each package is parsed, type-checked and
// analyzed in dependency order, against its dependencies' types and facts,
// in memory or from the cache, so that an edit costs the packages it
// changes; its findings, export data and facts are stored. Without facts,
// the roots whose findings are not cached are loaded with go/packages
// (dependencies from the compiler's export data) and analyzed by
// go/analysis/checker.
package runner

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/internal/report"
)

// Options say what to analyze and how.
type Options struct {
	// Analyzers are run on every package matched (the roots); those with
	// facts run on their dependencies too.
	Analyzers []*analysis.Analyzer
	// Tests analyzes the test variants of the packages too.
	Tests bool
	// BuildFlags go to the go command (e.g. "-tags=integration").
	BuildFlags []string
	// Dir and Env are the go command's working directory and environment
	// ("" and nil: the process's).
	Dir string
	Env []string
	// Context, if not nil, cancels the run: the go command, and the
	// packages not yet started (without facts, the parsing; cancelling
	// the analysis is then up to the analyzers given).
	Context context.Context
	// Suppressions, if not nil, is the table of the driver that applies
	// the suppression directives (report.Table.Attach): a finding it
	// kept suppressed gets its Suppressed from there.
	Suppressions *report.Table
	// Salt is hashed into the cache key of every package's findings:
	// anything else that changes the findings, settings of the caller
	// that the analyzers cannot see (so not their export data or facts,
	// which are keyed without it).
	Salt string
	// Cache, if not nil, holds the findings of earlier runs.
	Cache *Cache

	// afterKeys, if not nil, is called once the keys are computed and
	// before any file is read for the analysis (tests edit files there).
	afterKeys func()
}

// A Finding is one diagnostic, with its positions resolved, so that it can
// be kept in the cache and printed without the run's FileSet.
type Finding struct {
	Analyzer string         `json:"analyzer"`
	PkgPath  string         `json:"pkg"`
	Posn     token.Position `json:"posn"`
	End      token.Position `json:"end"`
	Message  string         `json:"message"`
	Category string         `json:"category,omitempty"`
	// URL is the diagnostic's URL, resolved against its analyzer's as
	// go/analysis/checker resolves it.
	URL     string    `json:"url,omitempty"`
	Related []Related `json:"related,omitempty"`
	Fixes   []Fix     `json:"fixes,omitempty"`
	// Suppressed is the directive that silenced the finding, for the
	// drivers that show suppressed findings (Options.Suppressions); nil
	// for a finding that counts.
	Suppressed *report.Suppression `json:"suppressed,omitempty"`

	// variant is the ID of the package that produced the finding: p and
	// p [p.test] analyze p's files twice (see sortFindings).
	variant string
}

// fromVariant marks findings as produced by the package id.
func fromVariant(fs []*Finding, id string) []*Finding {
	for _, f := range fs {
		f.variant = id
	}
	return fs
}

// Related is a finding's related information.
type Related struct {
	Posn    token.Position `json:"posn"`
	End     token.Position `json:"end"`
	Message string         `json:"message"`
}

// A Fix is a suggested fix.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// An Edit replaces bytes [Start, End) of File with New; Posn and EndPosn
// are the same places as positions. Sum, when set, is the hex SHA-256 of
// the content of File the edit was computed for: an edit must not be
// applied to other content (a file changed since it was analyzed).
type Edit struct {
	File    string         `json:"file"`
	Start   int            `json:"start"`
	End     int            `json:"end"`
	New     string         `json:"new"`
	Posn    token.Position `json:"posn"`
	EndPosn token.Position `json:"endPosn"`
	Sum     string         `json:"sum,omitempty"`
}

// setSums sets the Sum of f's edits from sums, the hash of each file as
// the analysis read it.
func (f *Finding) setSums(sums map[string]string) {
	for i := range f.Fixes {
		for j := range f.Fixes[i].Edits {
			e := &f.Fixes[i].Edits[j]
			e.Sum = sums[e.File]
		}
	}
}

// FileSum returns the hex SHA-256 of data, as Edit.Sum records it.
func FileSum(data []byte) string { return fileSum(data) }

// An Error is a load, type or analysis error: Pos ("file:line:col", or ""
// when it has none) and a message.
type Error struct {
	Pos, Msg string
}

// A Result is the outcome of a run.
type Result struct {
	// Findings, deduplicated (a file in p and in p [p.test] is analyzed
	// twice) and sorted by position, analyzer and message.
	Findings []*Finding
	// Errors, once each, in dependency order; the findings of the packages
	// that loaded are still there.
	Errors []Error
	// Packages counts the packages matched; Analyzed those analyzed in
	// this run (the others came from the cache).
	Packages, Analyzed int
}

// Run analyzes the packages that patterns match. The error is for a run
// that could not start (the go command failed: no go.mod, a bad pattern
// syntax); errors in packages are in the Result.
func Run(opts Options, patterns ...string) (*Result, error) {
	if NeedFacts(opts.Analyzers...) {
		return runGraph(opts, patterns)
	}
	res := &Result{}
	want := map[string]bool(nil) // IDs to analyze; nil: all roots
	var cached []*Finding
	var keys map[string]string // by package ID, from the graph query
	var ks *keySet
	if opts.Cache != nil {
		buildContext := opts.queryContext()
		meta, err := opts.load(packages.NeedName|packages.NeedFiles|packages.NeedCompiledGoFiles|
			packages.NeedImports|packages.NeedDeps|packages.NeedModule|packages.NeedEmbedFiles, patterns)
		if err != nil {
			return nil, err
		}
		bc, err := buildContext()
		if err != nil {
			return nil, err
		}
		// The keys come from this query, before the packages are read
		// for analysis, as go vet's do: the full load below may lack
		// the dependencies' file lists (without facts, export data).
		ks = opts.Cache.keys(opts, bc, meta)
		keys = ks.keys
		if opts.afterKeys != nil {
			opts.afterKeys()
		}
		clean := !hasErrors(meta)
		want = make(map[string]bool)
		var paths []string
		for _, p := range roots(meta) {
			res.Packages++
			if clean {
				if fs, ok := opts.Cache.get(keys[p.ID]); ok {
					cached = append(cached, fromVariant(fs, p.ID)...)
					continue
				}
			}
			want[p.ID] = true
			paths = append(paths, loadPath(p))
		}
		if len(want) == 0 && clean && res.Packages > 0 {
			res.Findings = sortFindings(cached)
			return res, nil
		}
		// Load only the packages to analyze, unless they cannot be named
		// by path (files given on the command line), the graph has
		// errors to report, or aliases are off (GODEBUG=gotypesalias=0):
		// a root left out would come from export data, which brings the
		// aliases back, instead of from source as without the cache.
		if clean && !slices.Contains(paths, "command-line-arguments") && aliasesEnabled() {
			seen := make(map[string]bool) // a package and its test variants
			patterns = slices.DeleteFunc(paths, func(p string) bool {
				dup := seen[p]
				seen[p] = true
				return dup
			})
		}
		// The graph query's packages are garbage now: free them before
		// the load that sets the run's peak memory, so that a run with
		// the cache peaks no higher than one without.
		meta = nil
		runtime.GC()
	}

	// Without facts, only the roots come from source; the rest comes
	// from export data (runGraph analyzes sets with facts).
	mode := packages.LoadSyntax
	parsed := newParsedSums()
	initial, err := opts.loadParsing(mode|packages.NeedModule|packages.NeedEmbedFiles, patterns, parsed.parse)
	if err != nil {
		return nil, err
	}
	if len(initial) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	errs := newErrorList(res)
	broken := make(map[*packages.Package]bool) // has errors, or a dependency has
	packages.Visit(initial, nil, func(p *packages.Package) {
		errs.addList(p)
		if len(p.Errors) > 0 || p.Types == nil && mode&packages.NeedTypes != 0 {
			broken[p] = true
		}
		for _, imp := range p.Imports {
			if broken[imp] {
				broken[p] = true
			}
		}
	})

	var rootPkgs []*packages.Package
	for _, p := range roots(initial) {
		if want != nil && !want[p.ID] {
			continue
		}
		if opts.Cache == nil {
			res.Packages++
		}
		if len(p.Errors) > 0 || p.Types == nil {
			continue
		}
		rootPkgs = append(rootPkgs, p)
	}
	if len(rootPkgs) == 0 {
		res.Findings = sortFindings(cached)
		return res, nil
	}
	res.Analyzed = len(rootPkgs)
	graph, err := checker.Analyze(opts.Analyzers, rootPkgs, nil)
	if err != nil {
		return nil, err
	}

	failed := make(map[*packages.Package]bool)
	byPkg := make(map[*packages.Package][]*Finding)
	for act := range graph.All() {
		if act.Err != nil {
			failed[act.Package] = true
			msg := act.Err.Error()
			if strings.HasPrefix(msg, "failed prerequisites") || msg == "analysis skipped due to errors in package" {
				continue // the cause is reported on its own
			}
			errs.add(analysisError(act.Analyzer, act.Package.PkgPath, msg))
			continue
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			f := resolve(act.Package.Fset, act.Package.Syntax, act.Analyzer.Name, act.Package.PkgPath, d, opts.Suppressions)
			f.variant = act.Package.ID
			f.setSums(parsed.sums)
			byPkg[act.Package] = append(byPkg[act.Package], f)
		}
	}
	findings := cached
	// The dependencies came from the go command's export data, built
	// from their files as they were during the load: if one changed since
	// the keys were computed, nothing is stored.
	depsSame := opts.Cache != nil && ks.unchanged()
	for _, p := range rootPkgs {
		findings = append(findings, byPkg[p]...)
		if depsSame && !failed[p] && !broken[p] && parsed.matches(p, ks) {
			opts.Cache.put(keys[p.ID], byPkg[p])
		}
	}
	res.Findings = sortFindings(findings)
	return res, nil
}

// An errorList gathers a run's errors into its Result, once each, in the
// order they come.
type errorList struct {
	res  *Result
	seen map[Error]bool
}

func newErrorList(res *Result) *errorList {
	return &errorList{res: res, seen: make(map[Error]bool)}
}

func (l *errorList) add(err Error) {
	if !l.seen[err] {
		l.seen[err] = true
		l.res.Errors = append(l.res.Errors, err)
	}
}

// addList adds p's load errors (the go command's, and go/packages' parse
// and type errors): "-" as a position means none.
func (l *errorList) addList(p *packages.Package) {
	for _, e := range p.Errors {
		err := Error{Pos: e.Pos, Msg: e.Msg}
		if e.Pos == "-" {
			err.Pos = ""
		}
		l.add(err)
	}
}

// analysisError is the error of analyzer a on the package at pkgPath.
func analysisError(a *analysis.Analyzer, pkgPath, msg string) Error {
	return Error{Msg: fmt.Sprintf("%s on %s: %s", a.Name, pkgPath, msg)}
}

func (opts Options) load(mode packages.LoadMode, patterns []string) ([]*packages.Package, error) {
	return opts.loadParsing(mode, patterns, nil)
}

// loadParsing is load with parse as go/packages' parser (nil: its own).
func (opts Options) loadParsing(mode packages.LoadMode, patterns []string, parse func(*token.FileSet, string, []byte) (*ast.File, error)) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode:       mode,
		Tests:      opts.Tests,
		BuildFlags: opts.BuildFlags,
		Dir:        opts.Dir,
		Env:        opts.Env,
		Context:    opts.Context,
		ParseFile:  parse,
	}
	return packages.Load(cfg, patterns...)
}

// parsedSums records the hash of each file go/packages parses, so that the
// findings of a package are stored only if its files were parsed with the
// content its key was computed from.
type parsedSums struct {
	mu   sync.Mutex
	sums map[string]string
}

func newParsedSums() *parsedSums { return &parsedSums{sums: make(map[string]string)} }

// parse is go/packages' default parser, hashing what it parses.
func (ps *parsedSums) parse(fset *token.FileSet, name string, src []byte) (*ast.File, error) {
	s := fileSum(src)
	ps.mu.Lock()
	if old, ok := ps.sums[name]; ok && old != s {
		s = "" // parsed twice, two contents: matches no key
	}
	ps.sums[name] = s
	ps.mu.Unlock()
	return parser.ParseFile(fset, name, src, parser.AllErrors|parser.ParseComments) // as go/packages parses
}

// matches reports whether p's Go files were parsed with the content of the
// keys ks, and its other files (which analyzers may read) still have it.
func (ps *parsedSums) matches(p *packages.Package, ks *keySet) bool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for _, name := range p.CompiledGoFiles {
		if s := ps.sums[name]; s == "" || s != ks.sums[name] {
			return false
		}
	}
	for _, list := range [][]string{p.OtherFiles, p.IgnoredFiles} {
		for _, name := range list {
			data, err := os.ReadFile(name)
			if err != nil || fileSum(data) != ks.sums[name] {
				return false
			}
		}
	}
	return true
}

// roots returns the packages to analyze among those matched: all but the
// generated main packages of test binaries, whose source lives in the
// build cache.
func roots(initial []*packages.Package) []*packages.Package {
	var out []*packages.Package
	for _, p := range initial {
		if p.Name == "main" && strings.HasSuffix(p.ID, ".test") {
			continue
		}
		out = append(out, p)
	}
	return out
}

func hasErrors(pkgs []*packages.Package) bool {
	found := false
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		found = found || len(p.Errors) > 0
	})
	return found
}

// loadPath returns the path by which the go command loads p: for a test
// variant ("p [p.test]", "p_test [p.test]"), the package under test.
func loadPath(p *packages.Package) string {
	if i := strings.Index(p.ID, " ["); i >= 0 && strings.HasSuffix(p.ID, ".test]") {
		return strings.TrimSuffix(p.ID[i+len(" ["):len(p.ID)-1], ".test")
	}
	return p.PkgPath
}

// depPosition is a position in another package, where a related
// position may point (the declaration of a callee, the lock of a type
// defined elsewhere): its line, at column 1. Export data keeps only the
// lines of a dependency's declarations, so the column is known only when
// the dependency was type-checked from source in the same run; a
// dependency read from the cache, or from go vet's export data, has none.
// Column 1 in every case keeps a finding the same whichever way its
// dependencies came.
func depPosition(p token.Position) token.Position {
	p.Column, p.Offset = 1, 0
	return p
}

// resolve turns a diagnostic of the package whose syntax is files into a
// Finding, suppressed if table (nil: none) kept it suppressed.
func resolve(fset *token.FileSet, files []*ast.File, analyzer, pkgPath string, d analysis.Diagnostic, table *report.Table) *Finding {
	f := &Finding{
		Analyzer: analyzer,
		PkgPath:  pkgPath,
		Posn:     fset.Position(d.Pos),
		End:      fset.Position(d.End),
		Message:  d.Message,
		Category: d.Category,
		URL:      d.URL,
	}
	if s, ok := table.Suppressed(analyzer, f.Posn); ok {
		f.Suppressed = &s
	}
	for _, rel := range d.Related {
		posn, end := fset.Position(rel.Pos), fset.Position(rel.End)
		if tf := fset.File(rel.Pos); tf != nil && !slices.ContainsFunc(files, func(f *ast.File) bool { return fset.File(f.FileStart) == tf }) {
			posn, end = depPosition(posn), depPosition(posn)
		}
		f.Related = append(f.Related, Related{posn, end, rel.Message})
	}
	for _, sf := range d.SuggestedFixes {
		fix := Fix{Message: sf.Message, Edits: []Edit{}}
		for _, te := range sf.TextEdits {
			tf := fset.File(te.Pos)
			if tf == nil {
				continue
			}
			end := te.End
			if !end.IsValid() {
				end = te.Pos
			}
			fix.Edits = append(fix.Edits, Edit{
				File: tf.Name(), Start: tf.Offset(te.Pos), End: tf.Offset(end), New: string(te.NewText),
				Posn: fset.Position(te.Pos), EndPosn: fset.Position(end),
			})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f
}

// sortFindings deduplicates and sorts findings. A file of p is analyzed
// in p and in its test variant p [p.test], whose findings may differ in
// their messages: a position gets the findings of one variant per
// analyzer (winningVariants), and identical findings count once.
func sortFindings(findings []*Finding) []*Finding {
	type key struct {
		posn, end token.Position
		analyzer  string
		message   string
	}
	winner := winningVariants(findings)
	dedup := make(map[key]bool)
	var out []*Finding
	for _, f := range findings {
		if w, ok := winner[placeKey{f.Posn, f.Analyzer}]; ok && w != f.variant {
			continue
		}
		k := key{f.Posn, f.End, f.Analyzer, f.Message}
		if dedup[k] {
			continue
		}
		dedup[k] = true
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Posn.Filename != b.Posn.Filename {
			return a.Posn.Filename < b.Posn.Filename
		}
		if a.Posn.Line != b.Posn.Line {
			return a.Posn.Line < b.Posn.Line
		}
		if a.Posn.Column != b.Posn.Column {
			return a.Posn.Column < b.Posn.Column
		}
		if a.Analyzer != b.Analyzer {
			return a.Analyzer < b.Analyzer
		}
		return a.Message < b.Message
	})
	return out
}

// A placeKey is where, and by which analyzer, a finding is made.
type placeKey struct {
	posn     token.Position
	analyzer string
}

// winningVariants returns, for each place where two package variants made
// findings, the variant whose findings are kept: the one with the most
// findings there, then the one whose messages sort first, so that the
// choice does not depend on the order of analysis or on the cache.
func winningVariants(findings []*Finding) map[placeKey]string {
	byPlace := make(map[placeKey]map[string][]string)
	for _, f := range findings {
		k := placeKey{f.Posn, f.Analyzer}
		if byPlace[k] == nil {
			byPlace[k] = make(map[string][]string)
		}
		byPlace[k][f.variant] = append(byPlace[k][f.variant], f.Message)
	}
	winner := make(map[placeKey]string)
	for k, variants := range byPlace {
		if len(variants) < 2 {
			continue
		}
		best, bestMsgs := "", []string(nil)
		for v, msgs := range variants {
			slices.Sort(msgs)
			if bestMsgs == nil || len(msgs) > len(bestMsgs) ||
				len(msgs) == len(bestMsgs) && (slices.Compare(msgs, bestMsgs) < 0 || slices.Equal(msgs, bestMsgs) && v < best) {
				best, bestMsgs = v, msgs
			}
		}
		winner[k] = best
	}
	return winner
}

// NeedFacts reports whether any of the analyzers, or any they require,
// uses facts.
func NeedFacts(analyzers ...*analysis.Analyzer) bool {
	return len(factAnalyzers(analyzers)) > 0
}
