package driver

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/internal/report"
)

// Main runs the command with args (without the program name) and returns
// its exit code. In go vet mode (a unit.cfg argument, -V or -flags) it
// hands over to unitchecker and does not return.
func Main(s *Suite, args []string, stdout, stderr io.Writer) int {
	if err := s.Check(); err != nil {
		fmt.Fprintf(stderr, "%s: internal error: %v\n", s.Name, err)
		return ExitError
	}
	if isVetProtocol(args) {
		s.runVet(args)
	}
	r := &run{suite: s, stdout: stdout, stderr: stderr}
	return r.main(args)
}

// options are the standalone driver's own flags.
type options struct {
	json, fix, diff, tests, exitZero bool
	context                          int
	format, output, tags             string
	cpuprofile, memprofile           string
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

	finishSelection func() // records the parsed enable flags
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
	group := new(triState)
	if s.GroupFlag != "" {
		fs.Var(group, s.GroupFlag, s.groupUsage())
	}
	o := &r.opts
	fs.BoolVar(&o.json, "json", false, "emit JSON output (same as -format=json)")
	fs.StringVar(&o.format, "format", "text", "output format: "+strings.Join(formats, ", "))
	fs.StringVar(&o.output, "o", "", "write findings to this file instead of standard output")
	fs.BoolVar(&o.exitZero, "exit-zero", false, "exit 0 even when there are findings (errors still exit 1)")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes")
	fs.BoolVar(&o.diff, "diff", false, "print the suggested fixes as unified diffs, changing no file")
	fs.BoolVar(&o.tests, "test", true, "analyze test files too")
	fs.IntVar(&o.context, "c", -1, "display offending line with this many lines of context")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build tags")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write CPU profile to this file")
	fs.StringVar(&o.memprofile, "memprofile", "", "write memory profile to this file")
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
	if r.opts.json {
		r.opts.format = "json"
	}
	if !contains(formats, r.opts.format) {
		r.errorf("unknown -format %q (want one of %s)", r.opts.format, strings.Join(formats, ", "))
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
		r.errorf("%v", err)
		return ExitError
	}
	r.cwd = cwd

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

	findings := r.analyze(analyzers, rest)
	code := r.report(out, analyzers, findings)
	if r.failed {
		return ExitError
	}
	return code
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// startProfiles starts the profiles asked for and returns what stops them;
// nil (and an error reported) when one cannot start.
func (r *run) startProfiles() func() {
	var stops []func()
	if r.opts.cpuprofile != "" {
		f, err := os.Create(r.opts.cpuprofile)
		if err != nil {
			r.errorf("%v", err)
			return nil
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			r.errorf("%v", err)
			return nil
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if r.opts.memprofile != "" {
		f, err := os.Create(r.opts.memprofile)
		if err != nil {
			r.errorf("%v", err)
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

// A finding is one diagnostic of a root action.
type finding struct {
	analyzer  string
	pkgPath   string
	fset      *token.FileSet
	diag      analysis.Diagnostic
	posn, end token.Position
	// suppressed is the directive that silenced the finding, kept for
	// SARIF only; nil for a finding that counts.
	suppressed *report.Suppression
}

// analyze loads the packages and runs the analyzers, reporting load, type
// and analysis errors on stderr. It returns the findings, deduplicated (a
// file in p and in p [p.test] is analyzed twice) and sorted.
func (r *run) analyze(analyzers []*analysis.Analyzer, patterns []string) []*finding {
	// Analyzers with facts need every dependency from source; the others
	// only the initial packages, the rest coming from export data.
	mode := packages.LoadSyntax
	if needFacts(analyzers) {
		mode = packages.LoadAllSyntax
	}
	cfg := &packages.Config{
		Mode:  mode | packages.NeedModule,
		Tests: r.opts.tests,
	}
	if r.opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + r.opts.tags}
	}
	initial, err := packages.Load(cfg, patterns...)
	if err != nil {
		r.errorf("%s", oneLine(err.Error()))
		return nil
	}
	if len(initial) == 0 {
		r.errorf("%s matched no packages", strings.Join(patterns, " "))
		return nil
	}

	// Package errors, once each, in dependency order.
	seen := make(map[string]bool)
	packages.Visit(initial, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := r.packageError(e)
			if !seen[msg] {
				seen[msg] = true
				r.failed = true
				fmt.Fprintln(r.stderr, msg)
			}
		}
	})

	var roots []*packages.Package
	for _, p := range initial {
		if len(p.Errors) > 0 || p.Types == nil || isTestMain(p) {
			continue
		}
		roots = append(roots, p)
	}
	if len(roots) == 0 {
		return nil
	}
	graph, err := checker.Analyze(guard(analyzers, r.opts.format == "sarif" && !r.opts.fix && !r.opts.diff), roots, nil)
	if err != nil {
		r.errorf("%v", err)
		return nil
	}

	errSeen := make(map[string]bool)
	type key struct {
		posn, end token.Position
		analyzer  string
		message   string
	}
	dedup := make(map[key]bool)
	var findings []*finding
	for act := range graph.All() {
		if act.Err != nil {
			msg := act.Err.Error()
			if strings.HasPrefix(msg, "failed prerequisites") || msg == "analysis skipped due to errors in package" {
				continue // the cause is reported on its own
			}
			line := fmt.Sprintf("%s on %s: %s", act.Analyzer.Name, act.Package.PkgPath, oneLine(msg))
			if !errSeen[line] {
				errSeen[line] = true
				r.errorf("%s", line)
			}
			continue
		}
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			f := &finding{
				analyzer: act.Analyzer.Name,
				pkgPath:  act.Package.PkgPath,
				fset:     fset,
				diag:     d,
				posn:     fset.Position(d.Pos),
				end:      fset.Position(d.End),
			}
			if s, ok := report.SuppressedBy(d); ok {
				f.suppressed = &s
				f.diag.Category = s.Category
			}
			k := key{f.posn, f.end, f.analyzer, d.Message}
			if dedup[k] {
				continue
			}
			dedup[k] = true
			findings = append(findings, f)
		}
	}
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		if a.posn.Filename != b.posn.Filename {
			return a.posn.Filename < b.posn.Filename
		}
		if a.posn.Line != b.posn.Line {
			return a.posn.Line < b.posn.Line
		}
		if a.posn.Column != b.posn.Column {
			return a.posn.Column < b.posn.Column
		}
		if a.analyzer != b.analyzer {
			return a.analyzer < b.analyzer
		}
		return a.diag.Message < b.diag.Message
	})
	return findings
}

// needFacts reports whether any of the analyzers, or any they require,
// uses facts.
func needFacts(analyzers []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func([]*analysis.Analyzer) bool
	visit = func(list []*analysis.Analyzer) bool {
		for _, a := range list {
			if seen[a] {
				continue
			}
			seen[a] = true
			if len(a.FactTypes) > 0 || visit(a.Requires) {
				return true
			}
		}
		return false
	}
	return visit(analyzers)
}

// isTestMain reports whether p is the generated main package of a test
// binary, whose source lives in the build cache.
func isTestMain(p *packages.Package) bool {
	return p.Name == "main" && strings.HasSuffix(p.ID, ".test")
}

// packageError renders a load or type error as one line, with the path
// relative to the working directory.
func (r *run) packageError(e packages.Error) string {
	msg := oneLine(e.Msg)
	if e.Pos == "" || e.Pos == "-" {
		return msg
	}
	return r.relPath(e.Pos) + ": " + msg
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
	findings := slices.DeleteFunc(slices.Clone(all), func(f *finding) bool { return f.suppressed != nil })
	if r.opts.fix || r.opts.diff {
		findings = r.fix(out, findings)
		if r.opts.fix && !r.opts.diff {
			// What was fixed is gone; say what is left.
			r.printText(out, findings)
		}
	} else {
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
		fmt.Fprintf(out, "%s: %s (%s)\n", r.position(f.posn), f.diag.Message, f.analyzer)
		r.printContext(out, f.posn, f.end)
		for _, rel := range f.diag.Related {
			p := f.fset.Position(rel.Pos)
			fmt.Fprintf(out, "\t%s: %s\n", r.position(p), rel.Message)
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
		byAnalyzer := tree[f.pkgPath]
		if byAnalyzer == nil {
			byAnalyzer = make(map[string][]jsonDiagnostic)
			tree[f.pkgPath] = byAnalyzer
		}
		jd := jsonDiagnostic{
			Category: f.diag.Category,
			Posn:     f.posn.String(),
			End:      f.end.String(),
			Message:  f.diag.Message,
		}
		for _, fix := range f.diag.SuggestedFixes {
			jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
			for _, te := range fix.TextEdits {
				tf := f.fset.File(te.Pos)
				if tf == nil {
					continue
				}
				end := te.End
				if !end.IsValid() {
					end = te.Pos
				}
				jf.Edits = append(jf.Edits, jsonEdit{tf.Name(), tf.Offset(te.Pos), tf.Offset(end), string(te.NewText)})
			}
			jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
		}
		for _, rel := range f.diag.Related {
			jd.Related = append(jd.Related, jsonRelated{
				Posn:    f.fset.Position(rel.Pos).String(),
				End:     f.fset.Position(rel.End).String(),
				Message: rel.Message,
			})
		}
		byAnalyzer[f.analyzer] = append(byAnalyzer[f.analyzer], jd)
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		r.errorf("%v", err)
		return
	}
	out.Write(append(data, '\n'))
}

// fix applies (-fix) or prints as diffs (-diff) the first suggested fix of
// each finding, skipping fixes that conflict with one already taken. It
// returns the findings left unfixed.
func (r *run) fix(out io.Writer, findings []*finding) []*finding {
	toPlan := findings
	if !r.opts.diff {
		var held map[string]bool
		toPlan, held = r.suite.holdFixes(findings, r.named)
		for _, name := range slices.Sorted(maps.Keys(held)) {
			fmt.Fprintf(r.stderr, "%s: %s's fixes not applied: they change where output goes; name the analyzer to apply them (-fix -%s)\n",
				r.suite.Name, name, name)
		}
	}
	plan, err := planFixes(toPlan)
	if err != nil {
		r.errorf("%v", err)
		return findings
	}
	for _, f := range plan.conflicts {
		fmt.Fprintf(r.stderr, "%s: %s: fix skipped, it overlaps another fix: %s (%s)\n",
			r.suite.Name, r.position(f.posn), f.diag.Message, f.analyzer)
	}
	fixed := make(map[*finding]bool)
	for _, f := range plan.fixed {
		fixed[f] = true
	}
	for _, file := range plan.files() {
		src, err := os.ReadFile(file)
		if err != nil {
			r.errorf("%v", err)
			continue
		}
		res, err := plan.apply(file, src)
		if err != nil {
			r.errorf("%v", err)
			continue
		}
		if r.opts.diff {
			name := r.relPath(file)
			fmt.Fprint(out, unifiedDiff(name+" (old)", name+" (new)", string(src), string(res)))
			continue
		}
		if err := writeFileAtomic(file, res); err != nil {
			r.errorf("cannot write fix: %v", err)
		}
	}
	if r.opts.diff {
		return findings // nothing changed
	}
	var left []*finding
	for _, f := range findings {
		if !fixed[f] {
			left = append(left, f)
		}
	}
	return left
}
