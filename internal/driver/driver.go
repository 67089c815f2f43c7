package driver

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/runner"
	"github.com/trapvet/trapvet/internal/scope"
)

// Main runs the command with args (without the program name) and returns
// its exit code. In go vet mode (a unit.cfg argument, -V or -flags) it
// hands over to unitchecker and does not return.
func Main(s *Suite, args []string, stdout, stderr io.Writer) int {
	if err := s.Check(); err != nil {
		fmt.Fprintf(stderr, "%s: internal error: %v\n", s.Name, err)
		return ExitError
	}
	if isVersionQuestion(args) {
		fmt.Fprintln(stdout, s.version())
		return ExitClean
	}
	if s.isVetProtocol(args) {
		if code, ok := s.vetFix(args, stderr); ok {
			return code
		}
		s.runVet(args)
	}
	r := &run{suite: s, stdout: stdout, stderr: stderr}
	return r.main(args)
}

// options are the standalone driver's own flags.
type options struct {
	json, fix, diff, tests, exitZero bool
	noIgnores                        bool // -ignores=false
	cache                            bool
	context                          int
	format, output, tags             string
	cpuprofile, memprofile           string
	newOnly                          newOnly // -baseline, -new-from-rev and the like (newonly.go)
}

// formats lists the -format values.
var formats = []string{"text", "json", "sarif", "github"}

type run struct {
	suite          *Suite
	stdout, stderr io.Writer
	opts           options
	cwd            string
	failed         bool
	named          map[string]bool // analyzers enabled by name (-fmtlog)

	// For in-process callers (Analyze): the directory the go command runs
	// in (empty: the process's) and the context that cancels the load.
	dir string
	ctx context.Context

	finishSelection func() // records the parsed enable flags

	startErr error // the run could not start: the go command failed

	// writeFile writes a fixed file (nil: writeFixed); tests make it fail.
	writeFile func(file string, src, fixed []byte) error
	cacheNote string // why the cache was not used, when the user should know
}

// printCacheNote says, after the findings, why the run did not use the
// cache: a warning, which changes neither the findings nor the exit code.
func (r *run) printCacheNote() {
	if r.cacheNote != "" {
		fmt.Fprintf(r.stderr, "%s: %s\n", r.suite.Name, r.cacheNote)
	}
}

func (r *run) errorf(format string, args ...any) {
	r.failed = true
	fmt.Fprintf(r.stderr, "%s: %s\n", r.suite.Name, fmt.Sprintf(format, args...))
}

func (r *run) flagSet() (*flag.FlagSet, *selection) {
	s := r.suite
	fs := flag.NewFlagSet(s.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	sel := &selection{named: make(map[string]bool)}
	states := make(map[string]*triState)
	for _, a := range s.Analyzers {
		ts := new(triState)
		states[a.Name] = ts
		fs.Var(ts, a.Name, fmt.Sprintf("enable %q analysis", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.Var(inverted{&r.opts.noIgnores}, report.CheckerName, ignoresUsage)
	group, optIn := new(triState), new(triState)
	if s.GroupFlag != "" {
		fs.Var(group, s.GroupFlag, s.groupUsage())
	}
	if s.OptInFlag != "" {
		fs.Var(optIn, s.OptInFlag, s.optInUsage())
	}
	o := &r.opts
	fs.BoolVar(&o.json, "json", false, "emit JSON output (same as -format=json)")
	fs.StringVar(&o.format, "format", "text", "output format: "+strings.Join(formats, ", "))
	fs.StringVar(&o.output, "o", "", "write findings to this file instead of standard output")
	fs.BoolVar(&o.exitZero, "exit-zero", false, "exit 0 even when there are findings (errors still exit 1)")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes")
	fs.BoolVar(&o.diff, "diff", false, "print the suggested fixes as unified diffs, changing no file")
	fs.Var(&scopeFlag{analyzers: s.Analyzers}, scope.FlagName, scopeUsage)
	fs.BoolVar(&o.tests, "test", true, "load test files too (-test=false neither loads nor reports them, whatever -scope says)")
	fs.IntVar(&o.context, "c", -1, "display offending line with this many lines of context")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build tags")
	fs.BoolVar(&o.cache, "cache", true, "reuse what earlier runs learnt of unchanged packages: findings, types and facts (in $TRAPVET_CACHE, or trapvet in the user cache directory)")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write CPU profile to this file")
	fs.StringVar(&o.memprofile, "memprofile", "", "write memory profile to this file")
	o.newOnly.flags(fs)
	// Answered by unitchecker (see isVetProtocol); listed for help.
	fs.Bool("V", false, "print version and exit (-V=full, for go vet)")
	fs.Bool("flags", false, "print analyzer flags in JSON (for go vet)")
	r.finishSelection = func() {
		for name, ts := range states {
			if ts.set {
				sel.named[name] = ts.on
			}
		}
		if group.set {
			sel.group = &group.on
		}
		sel.optIn = optIn.set && optIn.on
	}
	return fs, sel
}

func (r *run) main(args []string) int {
	fs, sel := r.flagSet()
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			r.usage(r.stdout, fs)
			return ExitClean
		}
		r.errorf("%v (run '%s help' for usage)", err, r.suite.Name)
		return ExitError
	}
	r.finishSelection()
	r.named = sel.named
	rest := fs.Args()
	if len(rest) > 0 {
		switch rest[0] {
		case "help":
			return r.help(fs, rest[1:])
		case "version":
			fmt.Fprintln(r.stdout, r.suite.version())
			return ExitClean
		}
	}
	set := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if r.opts.json && set["format"] && r.opts.format != "json" {
		r.errorf("-json and -format=%s disagree: give one of them", r.opts.format)
		return ExitError
	}
	if set["c"] && r.opts.context < 0 {
		r.errorf("-c %d: the number of context lines must be 0 or more", r.opts.context)
		return ExitError
	}
	if r.opts.json {
		r.opts.format = "json"
	}
	if !slices.Contains(formats, r.opts.format) {
		r.errorf("unknown -format %q (want one of %s)", r.opts.format, strings.Join(formats, ", "))
		return ExitError
	}
	if r.opts.diff && r.opts.format != "text" {
		r.errorf("-diff prints unified diffs and cannot be combined with -format=%s", r.opts.format)
		return ExitError
	}
	if len(rest) == 0 {
		rest = []string{"."}
	}
	analyzers := r.suite.Select(*sel)
	if len(analyzers) == 0 {
		r.errorf("no analyzers enabled")
		return ExitError
	}
	cwd, err := os.Getwd()
	if err != nil {
		r.errorf("cannot find the current directory: %v", err)
		return ExitError
	}
	r.cwd = cwd
	if !r.prepareNewOnly() {
		return ExitError
	}

	out := r.stdout
	if r.opts.output != "" {
		f, err := os.Create(r.opts.output)
		if err != nil {
			r.errorf("cannot write -o file: %v", err)
			return ExitError
		}
		defer func() {
			if err := f.Close(); err != nil {
				r.errorf("writing -o file: %v", err)
			}
		}()
		out = f
	}
	if stop := r.startProfiles(); stop != nil {
		defer stop()
	} else if r.failed {
		return ExitError
	}

	findings := r.holdBack(analyzers, rest, r.analyze(analyzers, rest))
	// The directive checker's findings get a SARIF rule too.
	code := r.report(out, append(slices.Clone(analyzers), report.NewTable().Checker(nil, nil, nil)), findings)
	r.printCacheNote()
	if r.failed {
		return ExitError
	}
	return code
}

// startProfiles starts the profiles asked for and returns what stops them;
// nil (and an error reported) when one cannot start.
func (r *run) startProfiles() func() {
	var stops []func()
	if r.opts.cpuprofile != "" {
		f, err := os.Create(r.opts.cpuprofile)
		if err != nil {
			r.errorf("cannot write -cpuprofile file: %v", err)
			return nil
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			r.errorf("cannot start the CPU profile: %v", err)
			return nil
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if r.opts.memprofile != "" {
		f, err := os.Create(r.opts.memprofile)
		if err != nil {
			r.errorf("cannot write -memprofile file: %v", err)
			return nil
		}
		stops = append(stops, func() {
			runtime.GC()
			if err := pprof.WriteHeapProfile(f); err != nil {
				r.errorf("writing memory profile: %v", err)
			}
			f.Close()
		})
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}

// A finding is one diagnostic of a root package.
type finding = runner.Finding

// analyze loads the packages and runs the analyzers (through the cache
// unless -cache=false), reporting load, type and analysis errors on
// stderr. It returns the findings, deduplicated and sorted.
func (r *run) analyze(analyzers []*analysis.Analyzer, patterns []string) []*finding {
	table := report.NewTable()
	opts := runner.Options{
		Analyzers:    isolate(r.ctx, analyzers, table, r.keepSuppressed(), r.suite.names(), !r.opts.noIgnores),
		Suppressions: table,
		Tests:        r.opts.tests,
		Dir:          r.dir,
		Context:      r.ctx,
		Salt:         fmt.Sprintf("keepSuppressed=%v", r.keepSuppressed()),
	}
	if r.opts.tags != "" {
		opts.BuildFlags = []string{"-tags=" + r.opts.tags}
	}
	if r.opts.cache {
		// A cache that cannot be opened (no user cache directory, a
		// read-only one) costs speed, not findings: analyze without it.
		// One that others may write to is refused, and said so
		// (printCacheNote): the run is uncached, its findings complete.
		c, err := runner.OpenCache("")
		if err == nil {
			opts.Cache = c
		} else if runner.IsUnsafeDir(err) {
			r.cacheNote = err.Error()
		}
	}
	res, err := runner.Run(opts, patterns...)
	if err != nil {
		r.startErr = errors.New(loadError(err))
		r.errorf("%s", r.startErr)
		return nil
	}
	for _, e := range collapseErrors(res.Errors) {
		r.errorf("%s", r.packageError(e))
	}
	return r.dropGOROOTUnsafeptr(res.Findings)
}

// collapseErrors gives each package's errors as one, as go vet does: the
// first, then "(and N more errors)". The errors of a package come
// together, their positions in its directory; one syntax error would
// otherwise bring a line for each type error that follows from it.
func collapseErrors(errs []runner.Error) []runner.Error {
	dirOf := func(e runner.Error) string {
		if e.Pos == "" {
			return ""
		}
		return filepath.Dir(parsePosn(e.Pos).Filename)
	}
	var out []runner.Error
	more := 0
	flush := func() {
		if more > 0 {
			out[len(out)-1].Msg += fmt.Sprintf(" (and %d more errors)", more)
		}
		more = 0
	}
	for i, e := range errs {
		if i > 0 && dirOf(e) != "" && dirOf(e) == dirOf(errs[i-1]) {
			more++
			continue
		}
		flush()
		out = append(out, e)
	}
	flush()
	return out
}

// newerGo adds to a type checker's "package requires newer Go version"
// error which Go to rebuild trapvet with: its type checker knows the
// language only up to the Go that built it.
func newerGo(name, msg string) string {
	m := newerGoRE.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	return fmt.Sprintf("%s: rebuild %s with Go %s or later (see its README, Install)", msg, name, strings.TrimPrefix(m[1], "go"))
}

var newerGoRE = regexp.MustCompile(`requires newer Go version (go[0-9][0-9a-z.]*) \(application built with go`)

// keepSuppressed reports whether the suppressed findings are wanted, for
// SARIF.
func (r *run) keepSuppressed() bool {
	return r.opts.format == "sarif" && !r.opts.diff
}

// packageError renders a load or type error as one line, with the path
// relative to the working directory.
func (r *run) packageError(e runner.Error) string {
	msg := newerGo(r.suite.Name, oneLine(e.Msg))
	if strings.Contains(msg, "does not contain main module") && !HasGoMod(r.cwd) {
		return noGoMod
	}
	if e.Pos == "" {
		return msg
	}
	return r.relPath(e.Pos) + ": " + msg
}

const noGoMod = "no go.mod file in the current directory or any parent: run trapvet inside a Go module (see 'go help modules')"

// HasGoMod reports whether dir or a parent holds a go.mod file.
func HasGoMod(dir string) bool {
	for dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
	return false
}

// loadError renders an error of packages.Load as one sentence: the go
// command's own message, without go/packages' wrapping ("err: exit status
// 1: stderr: go: ..."), or why the go command could not run at all.
func loadError(err error) string {
	msg := err.Error()
	if cause, stderr, ok := strings.Cut(strings.TrimPrefix(msg, "err: "), ": stderr: "); ok && strings.HasPrefix(msg, "err: ") {
		msg = stderr
		if strings.TrimSpace(stderr) == "" {
			// The go command said nothing: it did not start (not on PATH)
			// or was killed.
			cause = strings.TrimPrefix(cause, "go command required, not found: ")
			return "cannot run the go command: " + oneLine(cause)
		}
	}
	var lines []string
	for line := range strings.SplitSeq(msg, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "go: "))
		if line != "" {
			lines = append(lines, line)
		}
	}
	msg = strings.Join(lines, "; ")
	if strings.Contains(msg, "go.mod file not found") {
		return noGoMod
	}
	return oneLine(msg)
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

// relPath shortens a path inside the working directory to a relative one.
func (r *run) relPath(path string) string {
	if r.cwd == "" || !filepath.IsAbs(path) {
		return path
	}
	rel, err := filepath.Rel(r.cwd, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}

func (r *run) position(p token.Position) string {
	if !p.IsValid() {
		return "-"
	}
	s := r.relPath(p.Filename)
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Column > 0 {
			s += fmt.Sprintf(":%d", p.Column)
		}
	}
	return s
}

// report writes the findings in the chosen format, or applies or shows
// their fixes, and returns the exit code for them.
func (r *run) report(out io.Writer, analyzers []*analysis.Analyzer, all []*finding) int {
	// Suppressed findings are kept for SARIF only, and never count.
	findings := slices.DeleteFunc(slices.Clone(all), func(f *finding) bool { return f.Suppressed != nil })
	show := true
	if r.opts.fix || r.opts.diff {
		left := r.fix(out, findings)
		if r.opts.diff {
			show = false // the diffs are the output; nothing changed
		} else {
			// What was fixed is gone; report what is left, in the
			// chosen format (SARIF keeps the suppressed ones).
			fixed := make(map[*finding]bool)
			for _, f := range findings {
				fixed[f] = true
			}
			for _, f := range left {
				fixed[f] = false
			}
			all = slices.DeleteFunc(slices.Clone(all), func(f *finding) bool { return fixed[f] })
			findings = left
		}
	}
	if show {
		switch r.opts.format {
		case "json":
			r.printJSON(out, findings)
		case "sarif":
			r.printSARIF(out, analyzers, all)
		case "github":
			r.printGitHub(out, findings)
		default:
			r.printText(out, findings)
		}
	}
	if len(findings) > 0 && !r.opts.exitZero {
		return ExitFindings
	}
	return ExitClean
}

func (r *run) printText(out io.Writer, findings []*finding) {
	for _, f := range findings {
		fmt.Fprintf(out, "%s: %s (%s)\n", r.position(f.Posn), f.Message, f.Analyzer)
		r.printContext(out, f.Posn, f.End)
		for _, rel := range f.Related {
			fmt.Fprintf(out, "\t%s: %s\n", r.position(rel.Posn), rel.Message)
		}
	}
}

func (r *run) printContext(out io.Writer, posn, end token.Position) {
	if r.opts.context < 0 || !posn.IsValid() {
		return
	}
	if !end.IsValid() || end.Filename != posn.Filename {
		end = posn
	}
	data, err := os.ReadFile(posn.Filename)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for i := posn.Line - r.opts.context; i <= end.Line+r.opts.context; i++ {
		if 1 <= i && i <= len(lines) {
			fmt.Fprintf(out, "%d\t%s\n", i, lines[i-1])
		}
	}
}

// JSON output has go vet's -json shape: package path → analyzer → list.
type jsonDiagnostic struct {
	Category       string        `json:"category,omitempty"`
	Posn           string        `json:"posn"`
	End            string        `json:"end"`
	Message        string        `json:"message"`
	SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated `json:"related,omitempty"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

func (r *run) printJSON(out io.Writer, findings []*finding) {
	tree := make(map[string]map[string][]jsonDiagnostic)
	for _, f := range findings {
		byAnalyzer := tree[f.PkgPath]
		if byAnalyzer == nil {
			byAnalyzer = make(map[string][]jsonDiagnostic)
			tree[f.PkgPath] = byAnalyzer
		}
		jd := jsonDiagnostic{
			Category: f.Category,
			Posn:     f.Posn.String(),
			End:      endOrStart(f.End, f.Posn).String(),
			Message:  f.Message,
		}
		for _, fix := range f.Fixes {
			jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
			for _, e := range fix.Edits {
				jf.Edits = append(jf.Edits, jsonEdit{e.File, e.Start, e.End, e.New})
			}
			jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
		}
		for _, rel := range f.Related {
			jd.Related = append(jd.Related, jsonRelated{
				Posn:    rel.Posn.String(),
				End:     endOrStart(rel.End, rel.Posn).String(),
				Message: rel.Message,
			})
		}
		byAnalyzer[f.Analyzer] = append(byAnalyzer[f.Analyzer], jd)
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		r.errorf("cannot encode the JSON output: %v", err)
		return
	}
	out.Write(append(data, '\n'))
}

// endOrStart returns end, or start when end is unknown, as go vet's JSON
// prints a diagnostic without an end (cmp.Or(End, Pos)) instead of "-".
func endOrStart(end, start token.Position) token.Position {
	if !end.IsValid() {
		return start
	}
	return end
}

// fix applies (-fix) or prints as diffs (-diff) the first suggested fix of
// each finding, skipping fixes that conflict with one already taken. It
// returns the findings left unfixed.
func (r *run) fix(out io.Writer, findings []*finding) []*finding {
	toPlan := findings
	if !r.opts.diff {
		var held map[string]bool
		toPlan, held = r.suite.holdFixes(findings, r.named)
		r.suite.noteHeld(r.stderr, held)
	}
	toPlan, changed, srcs, readErrs := fixSources(toPlan)
	for _, err := range readErrs {
		r.errorf("cannot read a file to fix: %v", err)
	}
	for _, f := range changed {
		fmt.Fprintf(r.stderr, "%s: %s: fix not applied, the file changed since it was analyzed: %s (%s)\n",
			r.suite.Name, r.position(f.Posn), f.Message, f.Analyzer)
	}
	plan, err := planFixes(toPlan)
	if err != nil {
		r.errorf("cannot plan the fixes: %v", err)
		return findings
	}
	for _, f := range plan.conflicts {
		fmt.Fprintf(r.stderr, "%s: %s: fix skipped, it overlaps another fix: %s (%s)\n",
			r.suite.Name, r.position(f.Posn), f.Message, f.Analyzer)
	}
	failed := make(map[string]bool) // files not fixed
	for _, file := range plan.files() {
		src := srcs[file]
		res, err := plan.apply(file, src)
		if err != nil {
			r.errorf("cannot apply the fixes: %v", err)
			failed[file] = true
			continue
		}
		if r.opts.diff {
			name := r.relPath(file)
			// git apply (and patch -p1) take a/ and b/ paths.
			if !filepath.IsAbs(name) {
				name = filepath.ToSlash(name)
			}
			fmt.Fprint(out, udiff.Unified("a/"+name, "b/"+name, string(src), string(res)))
			continue
		}
		write := r.writeFile
		if write == nil {
			write = writeFixed
		}
		if err := write(file, src, res); err != nil {
			r.errorf("cannot fix %s: %v", r.relPath(file), pathErr(err))
			failed[file] = true
		}
	}
	if r.opts.diff {
		return findings // nothing changed
	}
	// A finding is fixed when its fix was planned and every file it edits
	// was written.
	fixed := make(map[*finding]bool)
	for _, f := range plan.fixed {
		fixed[f] = !slices.ContainsFunc(f.Fixes[0].Edits, func(e runner.Edit) bool { return failed[e.File] })
	}
	var left []*finding
	for _, f := range findings {
		if !fixed[f] {
			left = append(left, f)
		}
	}
	return left
}
