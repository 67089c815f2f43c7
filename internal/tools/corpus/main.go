// Command corpus runs trapvet over the pinned real-code corpus and checks
// every finding against the review file: `make corpus`.
//
//	go run ./internal/tools/corpus [-modules m1,m2] [-analyzers a,b] [-validation] [-dir scratch]
//
// It writes a scratch module requiring every module of corpus/modules.txt
// under the user cache directory (nothing fetched is committed), downloads
// them, builds trapvet from the working tree, and runs it with -json over
// each module's packages, tests included, one module at a time. It prints
// findings per analyzer per module and per 100k lines, analysis errors and
// crashes (there must be none), load errors, the per-analyzer counts by
// verdict with the actionable share (bug / (bug + intended), a defect
// reported twice counted once), the counts per kind of code, and the diff
// against corpus/review.txt. The validation split (modules.txt lines
// starting with validation) runs only with -validation and is counted
// apart. A complete passing run regenerates docs/found.md. It exits 1 on
// unreviewed findings, on reviewed false positives of the corpus that
// still appear (the validation split's are measured, read once at the end
// of their stop, and fail the run once the split joins the corpus), and
// on analysis errors or crashes.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/trapvet/trapvet/analyzers"
)

var (
	listFlag      = flag.String("list", "corpus/modules.txt", "module list")
	reviewFlag    = flag.String("review", "corpus/review.txt", "review file")
	dirFlag       = flag.String("dir", "", "scratch directory (default: <user cache>/trapvet/corpus)")
	modulesFlag   = flag.String("modules", "", "comma-separated module paths to run (default: all)")
	analyzersFlag = flag.String("analyzers", "", "comma-separated analyzers to run (default: all of analyzers.All)")
	binFlag       = flag.String("bin", "", "trapvet binary to use (default: build ./cmd/trapvet)")
	keepFlag      = flag.String("keep", "", "directory to keep each module's raw -json output and stderr in")
	replayFlag    = flag.String("replay", "", "directory of a complete -keep run to read each module's output from instead of running trapvet (to regenerate docs/found.md once its findings are reviewed)")
	foundFlag     = flag.String("found", "docs/found.md", "page to regenerate after a complete passing run (all modules, all analyzers); empty: none")
	parityFlag    = flag.Bool("parity", false, "also run each module through go vet -vettool and require the same findings (positions, analyzers, messages) as standalone")
	validFlag     = flag.Bool("validation", false, "also run the validation split (modules.txt lines starting with validation), counted apart from the corpus")
	setupFlag     = flag.Bool("setup", false, "only write and download the scratch module, then print its directory (for make bench)")
	rehashFlag    = flag.Bool("rehash", false, "give a review line whose message hash no finding has the hash of the one unreviewed finding at its module, position and analyzer (after a message is reworded), rewriting the review file")
)

func main() {
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: go run ./internal/tools/corpus [flags]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "corpus: %v\n", err)
		os.Exit(1)
	}
}

// A moduleRun is the outcome of one module.
type moduleRun struct {
	Mod        module
	Packages   int
	Files      int
	Lines      int
	Findings   []finding
	Errors     []analysisError
	LoadErrors []string
	Skipped    int // analysis actions not run because of load errors
	Crash      string
	// With -parity: findings that only one mode made, and go vet's
	// failure to analyse the module at all (its own load errors).
	ParityDiff []string
	VetFailed  string
	Wall       time.Duration
}

func run() error {
	data, err := os.ReadFile(*listFlag)
	if err != nil {
		return err
	}
	mods, err := parseModules(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %v", *listFlag, err)
	}
	allMods := mods // the scratch module requires them all, whatever runs
	mods, err = selectModules(mods, *modulesFlag, *validFlag)
	if err != nil {
		return err
	}
	names, err := selectAnalyzers(*analyzersFlag)
	if err != nil {
		return err
	}
	var entries []entry
	if data, err := os.ReadFile(*reviewFlag); err == nil {
		if entries, err = parseReview(bytes.NewReader(data)); err != nil {
			return fmt.Errorf("%s: %v", *reviewFlag, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}

	dir := *dirFlag
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return err
		}
		dir = filepath.Join(cache, "trapvet", "corpus")
	}
	if err := setupScratch(dir, allMods); err != nil {
		return err
	}
	if *setupFlag {
		fmt.Println(dir)
		return nil
	}
	bin := *binFlag
	if bin == "" && *replayFlag == "" {
		bin = filepath.Join(dir, "trapvet")
		logf("building %s", bin)
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/trapvet").CombinedOutput(); err != nil {
			return fmt.Errorf("building trapvet: %v\n%s", err, out)
		}
	}
	goroot, err := goEnv("GOROOT")
	if err != nil {
		return err
	}

	var runs []*moduleRun
	for _, m := range mods {
		if len(m.Patterns) == 0 {
			continue // a require-only pin
		}
		mr, err := runModule(dir, bin, goroot, m, names)
		if err != nil {
			return fmt.Errorf("%s: %v", m.ID(), err)
		}
		runs = append(runs, mr)
	}

	var all []finding
	ran := make(map[string]bool)
	for _, mr := range runs {
		all = append(all, mr.Findings...)
		ran[mr.Mod.Path] = true
	}
	analyzerSet := make(map[string]bool)
	for _, n := range names {
		analyzerSet[n] = true
	}
	d := compare(all, entries, ran, analyzerSet)
	if *rehashFlag {
		hashes := rehashes(d)
		if len(hashes) > 0 {
			if err := rewriteHashes(*reviewFlag, hashes); err != nil {
				return err
			}
			data, err := os.ReadFile(*reviewFlag)
			if err != nil {
				return err
			}
			if entries, err = parseReview(bytes.NewReader(data)); err != nil {
				return fmt.Errorf("%s: %v", *reviewFlag, err)
			}
			d = compare(all, entries, ran, analyzerSet)
		}
		logf("rehash: %d review lines of %s took the hash of their reworded finding", len(hashes), *reviewFlag)
	}
	split := make(map[string]bool)
	for _, mr := range runs {
		if mr.Mod.Validation {
			split[mr.Mod.ID()] = true
		}
	}
	d.measureSplit(split)
	printSummary(os.Stdout, runs, names, d)
	corpusRuns, validRuns := splitRuns(runs)
	s := summarize(corpusRuns, names, d)
	fmt.Fprintf(os.Stdout, "\n== corpus: per analyzer (actionable share = bug / (bug + intended), duplicates counted once)\n\n")
	s.printAnalyzerTable(os.Stdout, false)
	fmt.Fprintf(os.Stdout, "\n== corpus: per kind of code\n\n")
	s.printKindTables(os.Stdout, false)
	var sv *summary
	if len(validRuns) > 0 {
		sv = summarize(validRuns, names, d)
		fmt.Fprintf(os.Stdout, "\n== validation split: per analyzer\n\n")
		sv.printAnalyzerTable(os.Stdout, false)
		fmt.Fprintf(os.Stdout, "\n== validation split: per kind of code\n\n")
		sv.printKindTables(os.Stdout, false)
	}
	failed := printDiff(os.Stdout, d, *reviewFlag)
	for _, mr := range runs {
		if len(mr.Errors) > 0 || mr.Crash != "" {
			failed = true
		}
	}
	if *parityFlag {
		for _, mr := range runs {
			switch {
			case mr.VetFailed != "":
				fmt.Printf("parity: %s: not comparable, go vet could not build all of it (%d findings differ):\n%s\n", mr.Mod.ID(), len(mr.ParityDiff), indent(mr.VetFailed))
			case len(mr.ParityDiff) > 0:
				failed = true
				fmt.Printf("parity: %s: %d findings differ between standalone and go vet -vettool:\n%s\n", mr.Mod.ID(), len(mr.ParityDiff), indent(strings.Join(mr.ParityDiff, "\n")))
			default:
				fmt.Printf("parity: %s: the same %d findings standalone and under go vet -vettool\n", mr.Mod.ID(), len(mr.Findings))
			}
		}
	}
	if failed {
		return errors.New("FAIL (see above)")
	}
	if *foundFlag != "" {
		if *modulesFlag != "" || *analyzersFlag != "" || *parityFlag {
			fmt.Printf("%s left as it is: only a plain run of every module and analyzer writes it\n", *foundFlag)
		} else if err := writeFound(*foundFlag, runs, s, sv, d); err != nil {
			return err
		} else {
			fmt.Printf("wrote %s\n", *foundFlag)
		}
	}
	fmt.Println("ok: every finding is reviewed, no reviewed false positive of the corpus remains, no analysis error or crash")
	return nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "corpus: "+format+"\n", args...)
}

// selectModules returns the modules to run: those named in list (all when
// it is empty), leaving out the validation split unless validation is set.
func selectModules(mods []module, list string, validation bool) ([]module, error) {
	want := make(map[string]bool)
	if list != "" {
		for _, p := range strings.Split(list, ",") {
			want[strings.TrimSpace(p)] = true
		}
	}
	var out []module
	for _, m := range mods {
		if list != "" && !want[m.Path] {
			continue
		}
		delete(want, m.Path)
		if m.Validation && !validation {
			if list != "" {
				return nil, fmt.Errorf("-modules: %s is in the validation split: add -validation", m.Path)
			}
			continue
		}
		out = append(out, m)
	}
	for p := range want {
		return nil, fmt.Errorf("-modules: %s is not in %s", p, *listFlag)
	}
	return out, nil
}

func selectAnalyzers(list string) ([]string, error) {
	known := make(map[string]bool)
	var all []string
	for _, a := range analyzers.All {
		known[a.Name] = true
		all = append(all, a.Name)
	}
	if list == "" {
		return all, nil
	}
	var out []string
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		if !known[n] {
			return nil, fmt.Errorf("-analyzers: %s is not in analyzers.All", n)
		}
		out = append(out, n)
	}
	return out, nil
}

// corpusEnv is the environment of every go command run in the scratch
// module: -mod=mod lets it record the go.sum lines of test dependencies as
// it meets them.
func corpusEnv() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
}

func goEnv(name string) (string, error) {
	out, err := exec.Command("go", "env", name).Output()
	return strings.TrimSpace(string(out)), err
}

// setupScratch writes the scratch module and downloads the pinned
// modules. Download errors of modules the corpus does not build on this
// platform (a Windows-only dependency the proxy refuses, say) are printed,
// not fatal: their effect shows up as load errors of the module concerned.
func setupScratch(dir string, mods []module) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	v := runtime.Version() // go1.26.8
	lang := strings.TrimPrefix(v, "go")
	if parts := strings.Split(lang, "."); len(parts) >= 2 {
		lang = parts[0] + "." + parts[1] + ".0"
	}
	mod := goMod(mods, lang)
	gomod := filepath.Join(dir, "go.mod")
	old, _ := os.ReadFile(gomod)
	if !bytes.HasPrefix(old, []byte(mod)) {
		// The pins changed (or this is the first run): start afresh, since
		// go commands append requirements below the generated ones.
		if err := os.WriteFile(gomod, []byte(mod), 0o644); err != nil {
			return err
		}
		os.Remove(filepath.Join(dir, "go.sum"))
	}
	logf("scratch module %s: go mod download", dir)
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir, cmd.Env = dir, corpusEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		logf("go mod download: %v (continuing; affected packages show up as load errors)\n%s", err, indent(string(out)))
	}
	return nil
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return ""
	}
	return "\t" + strings.ReplaceAll(s, "\n", "\n\t")
}

// moduleDir returns the root directory of m's source.
func moduleDir(dir, goroot string, m module) (string, error) {
	if m.Path == "std" {
		return filepath.Join(goroot, "src"), nil
	}
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Version}} {{.Dir}}", m.Path)
	cmd.Dir, cmd.Env = dir, corpusEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -m %s: %v\n%s", m.Path, err, stderr.String())
	}
	version, d, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	if version != m.Version {
		// Another pinned module requires a newer version: the review's
		// positions would silently refer to other code.
		return "", fmt.Errorf("the build list selects %s %s, not the pinned %s: pin %s in corpus/modules.txt and review what moves", m.Path, version, m.Version, version)
	}
	if d == "" {
		return "", fmt.Errorf("module %s is not downloaded", m.Path)
	}
	return d, nil
}

// listPackages lists the packages of m that its patterns match and counts
// the lines of their files and test files, the denominator of the
// per-100k-lines rates. A pattern matches packages of every module in the
// build list (go.mongodb.org/mongo-driver/... also matches the separate
// module go.mongodb.org/mongo-driver/v2), so only m's own are kept.
func listPackages(dir string, m module) (paths []string, files, lines int, err error) {
	args := append([]string{"list", "-e", "-json=ImportPath,Dir,Module,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles"}, m.Patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, corpusEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, 0, 0, fmt.Errorf("go list: %v\n%s", err, stderr.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	seen := make(map[string]bool)
	for {
		var p struct {
			ImportPath, Dir                              string
			Module                                       *struct{ Path string }
			GoFiles, CgoFiles, TestGoFiles, XTestGoFiles []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, 0, 0, err
		}
		if m.Path != "std" && (p.Module == nil || p.Module.Path != m.Path) {
			continue
		}
		paths = append(paths, p.ImportPath)
		for _, list := range [][]string{p.GoFiles, p.CgoFiles, p.TestGoFiles, p.XTestGoFiles} {
			for _, f := range list {
				path := filepath.Join(p.Dir, f)
				if seen[path] {
					continue
				}
				seen[path] = true
				data, err := os.ReadFile(path)
				if err != nil {
					return nil, 0, 0, err
				}
				files++
				lines += bytes.Count(data, []byte("\n"))
			}
		}
	}
	return paths, files, lines, nil
}

// keptBase is the path, without extension, of a module's kept output.
func keptBase(keep string, m module) string {
	return filepath.Join(keep, strings.NewReplacer("/", "_", "@", "_").Replace(m.Path))
}

// replay reads a module's output kept by an earlier -keep run into stdout
// and stderr, and returns the exit code that run had, as the output tells
// it: 1 with stderr lines, 3 with findings, else 0.
func replay(keep string, m module, stdout, stderr *bytes.Buffer) (int, error) {
	base := keptBase(keep, m)
	out, err := os.ReadFile(base + ".json")
	if err != nil {
		return 0, fmt.Errorf("-replay: %v", err)
	}
	errb, err := os.ReadFile(base + ".stderr")
	if err != nil {
		return 0, fmt.Errorf("-replay: %v", err)
	}
	stdout.Write(out)
	stderr.Write(errb)
	switch {
	case len(bytes.TrimSpace(errb)) > 0:
		return 1, nil
	case bytes.Contains(out, []byte(`"posn"`)):
		return 3, nil
	}
	return 0, nil
}

func runModule(dir, bin, goroot string, m module, names []string) (*moduleRun, error) {
	mr := &moduleRun{Mod: m}
	if m.Path == "std" {
		mr.Mod.Version = runtime.Version()
	}
	root, err := moduleDir(dir, goroot, m)
	if err != nil {
		return nil, err
	}
	pkgs, files, lines, err := listPackages(dir, m)
	if err != nil {
		return nil, err
	}
	mr.Packages, mr.Files, mr.Lines = len(pkgs), files, lines
	args := []string{"-json"}
	for _, n := range names {
		args = append(args, "-"+n)
	}
	logf("%s: trapvet %s %s (%d packages, %d lines)", mr.Mod.ID(), strings.Join(args, " "), strings.Join(m.Patterns, " "), mr.Packages, mr.Lines)
	if m.Path == "std" {
		args = append(args, m.Patterns...)
	} else {
		args = append(args, pkgs...)
	}
	var stdout, stderr bytes.Buffer
	code := 0
	if *replayFlag != "" {
		if code, err = replay(*replayFlag, m, &stdout, &stderr); err != nil {
			return nil, err
		}
	} else {
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = dir, corpusEnv()
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		err = cmd.Run()
		mr.Wall = time.Since(start)
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			return nil, err
		}
	}
	if *keepFlag != "" {
		base := keptBase(*keepFlag, m)
		os.MkdirAll(*keepFlag, 0o755)
		os.WriteFile(base+".json", stdout.Bytes(), 0o644)
		os.WriteFile(base+".stderr", stderr.Bytes(), 0o644)
	}
	// Exit codes: 0 clean, 3 findings, 1 errors (load errors are printed
	// on stderr and do not stop the other packages). Anything else, or a
	// panic on stderr, is a crash.
	if s := stderr.String(); code != 0 && code != 1 && code != 3 || runtimeFailure(s) {
		mr.Crash = fmt.Sprintf("exit %d: %s", code, firstLines(s, 20))
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if line = strings.TrimSpace(line); line != "" && mr.Crash == "" {
			mr.LoadErrors = append(mr.LoadErrors, line)
		}
	}
	diags, errs, err := parseJSON(&stdout)
	if err != nil && mr.Crash == "" {
		mr.Crash = fmt.Sprintf("exit %d: unreadable -json output: %v\n%s", code, err, firstLines(stderr.String(), 20))
	}
	want := make(map[string]bool)
	for _, n := range names {
		want[n] = true
	}
	// Every analysis error counts, go vet's analyzers' too if the driver
	// runs them: an error means a package went unchecked. Errors that only
	// repeat a load error (the package, or one it depends on, did not
	// type-check) are counted with the load errors instead.
	for _, e := range errs {
		if isLoadConsequence(e.Err) {
			mr.Skipped++
		} else {
			mr.Errors = append(mr.Errors, e)
		}
	}
	srcCache := make(map[string][]byte)
	for _, dg := range diags {
		if !want[dg.Analyzer] {
			continue // a go vet analyzer the driver added
		}
		file, line, col := splitPosn(dg.Posn)
		rel, err := filepath.Rel(root, file)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = file // outside the module: keep the full path, visibly
		}
		src, ok := srcCache[file]
		if !ok {
			src, _ = os.ReadFile(file)
			srcCache[file] = src
		}
		mr.Findings = append(mr.Findings, finding{
			Module: mr.Mod.ID(), File: filepath.ToSlash(rel), Line: line, Col: col,
			Analyzer: dg.Analyzer, Func: enclosingFunc(file, src, line, col),
			Hash: messageHash(dg.Message), Message: dg.Message,
		})
	}
	if *parityFlag {
		vetArgs := []string{"vet", "-vettool=" + bin, "-json"}
		for _, n := range names {
			vetArgs = append(vetArgs, "-"+n)
		}
		vetArgs = append(vetArgs, args[1+len(names):]...)
		var own map[string]bool
		if m.Path != "std" {
			own = make(map[string]bool)
			for _, p := range pkgs {
				own[p] = true
			}
		}
		mr.ParityDiff, mr.VetFailed = parity(dir, vetArgs, diags, want, own)
	}
	logf("%s: %d findings, %d analysis errors, %d stderr lines, exit %d, %s",
		mr.Mod.ID(), len(mr.Findings), len(mr.Errors), len(mr.LoadErrors), code, mr.Wall.Round(time.Second))
	return mr, nil
}

// isLoadConsequence reports whether an analysis error only says that the
// package or a dependency failed to load or type-check.
func isLoadConsequence(err string) bool {
	return strings.HasPrefix(err, "failed prerequisites") || strings.HasPrefix(err, "analysis skipped due to errors in package")
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}

func printSummary(w io.Writer, runs []*moduleRun, names []string, d *diff) {
	fmt.Fprintf(w, "\n== corpus: findings per module (rate = findings per 100k lines of analysed Go, tests included)\n\n")
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "module\tpkgs\tlines\t")
	for _, n := range names {
		fmt.Fprintf(tw, "%s\t/100k\t", n)
	}
	fmt.Fprintf(tw, "bugs\tintended\tFP\tnew\terrors\tload-err\tcrash\ttime\t\n")
	totals := make(map[string]int)
	var tLines, tPkgs, tBugs, tInt, tFP, tNew, tErr, tLoad, tCrash int
	for _, mr := range runs {
		per := make(map[string]int)
		var t tally
		for _, f := range mr.Findings {
			per[f.Analyzer]++
			e, ok := d.Reviewed[f]
			t.add(e, ok)
		}
		bugs, ints, fps, unrev := t.Bug, t.Intended, t.FP, t.Unreviewed
		crash := 0
		if mr.Crash != "" {
			crash = 1
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t", mr.name(), mr.Packages, mr.Lines)
		for _, n := range names {
			fmt.Fprintf(tw, "%d\t%s\t", per[n], rate(per[n], mr.Lines))
			totals[n] += per[n]
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t\n", bugs, ints, fps, unrev, len(mr.Errors), len(mr.LoadErrors), crash, mr.Wall.Round(time.Second))
		tLines += mr.Lines
		tPkgs += mr.Packages
		tBugs += bugs
		tInt += ints
		tFP += fps
		tNew += unrev
		tErr += len(mr.Errors)
		tLoad += len(mr.LoadErrors)
		tCrash += crash
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t", tPkgs, tLines)
	for _, n := range names {
		fmt.Fprintf(tw, "%d\t%s\t", totals[n], rate(totals[n], tLines))
	}
	fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%d\t%d\t\t\n", tBugs, tInt, tFP, tNew, tErr, tLoad, tCrash)
	tw.Flush()

	for _, mr := range runs {
		if mr.Crash != "" {
			fmt.Fprintf(w, "\nCRASH in %s: %s\n", mr.Mod.ID(), mr.Crash)
		}
		for i, e := range mr.Errors {
			if i == 10 {
				fmt.Fprintf(w, "... and %d more analysis errors in %s\n", len(mr.Errors)-i, mr.Mod.ID())
				break
			}
			fmt.Fprintf(w, "ANALYSIS ERROR in %s: package %s, analyzer %s: %s\n", mr.Mod.ID(), e.Package, e.Analyzer, e.Err)
		}
		if len(mr.LoadErrors) > 0 {
			fmt.Fprintf(w, "\nLOAD ERRORS in %s: %d analysis actions skipped; fix the build list in corpus/modules.txt (a require line) so that every package is analysed:\n%s\n",
				mr.Mod.ID(), mr.Skipped, indent(firstLines(strings.Join(mr.LoadErrors, "\n"), 15)))
		}
	}
}

func rate(n, lines int) string {
	if lines == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(n)*100000/float64(lines))
}

// printDiff prints what the review file lacks and what it says that the
// run contradicts, and reports whether the run fails.
func printDiff(w io.Writer, d *diff, reviewFile string) bool {
	if len(d.Unreviewed) > 0 {
		fmt.Fprintf(w, "\n%d unreviewed findings: read each in the source, then add its line to %s with verdict bug, intended or false-positive, the kind of code its file is (kind=production, test, test-support, example, benchmark, tooling or reproduction) and a one-line reason; a second report of a defect already counted gets dup-of=analyzer:file:line:col of that line:\n\n", len(d.Unreviewed), reviewFile)
		for _, f := range d.Unreviewed {
			fmt.Fprintf(w, "# %s\n%s\n", f.Message, f.reviewLine("VERDICT", "KIND", "REASON"))
		}
	}
	if len(d.StillFP) > 0 {
		fmt.Fprintf(w, "\n%d findings reviewed as false positives still appear (fix the analyzer):\n\n", len(d.StillFP))
		for _, ln := range slices.Sorted(maps.Keys(d.StillFP)) {
			f := d.StillFP[ln]
			fmt.Fprintf(w, "%s:%d: %s: %s\n", reviewFile, ln, f.reviewLine(verdictFP, d.FPEntries[ln].Kind, d.FPEntries[ln].Reason), f.Message)
		}
	}
	if len(d.SplitFP) > 0 {
		fmt.Fprintf(w, "\n%d findings of the validation split reviewed as false positives (measured at the end of the stop; fix them when the split joins the corpus):\n\n", len(d.SplitFP))
		for _, ln := range slices.Sorted(maps.Keys(d.SplitFP)) {
			f := d.SplitFP[ln]
			fmt.Fprintf(w, "%s:%d: %s: %s\n", reviewFile, ln, f.reviewLine(verdictFP, d.FPEntries[ln].Kind, d.FPEntries[ln].Reason), f.Message)
		}
	}
	if len(d.Moved) > 0 {
		fmt.Fprintf(w, "\n%d reviewed findings moved (matched by function and message; update the position when convenient):\n\n", len(d.Moved))
		for _, ln := range slices.Sorted(maps.Keys(d.Moved)) {
			f := d.Moved[ln]
			fmt.Fprintf(w, "%s:%d: now at %s %s\n", reviewFile, ln, f.Module, f.Pos())
		}
	}
	if len(d.Stale) > 0 {
		fmt.Fprintf(w, "\n%d review lines match no finding any more (fixed upstream or in the analyzer; delete them):\n\n", len(d.Stale))
		for _, e := range d.Stale {
			fmt.Fprintf(w, "%s:%d: %s %s %s %s\n", reviewFile, e.LineNo, e.Module, e.Pos(), e.Analyzer, e.Verdict)
		}
	}
	return d.Failed()
}

// parity runs go vet with trapvet as its tool over the same packages and
// returns the findings of trapvet's analyzers (those in want) that only
// one of the two modes made, or why go vet could not run at all.
//
// Only the findings of the packages vetted count (own, unless nil): Go
// 1.26's go command keys a vet action's cache entry without saying
// whether the package was vetted or only analysed for its facts, so with
// -json it replays the findings a dependency got when it was vetted
// itself (a corpus module that another one imports).
func parity(dir string, vetArgs []string, standalone []diagnostic, want, own map[string]bool) (diffs []string, vetFailed string) {
	cmd := exec.Command("go", vetArgs...)
	cmd.Dir, cmd.Env = dir, corpusEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	vet, _, err := parseJSON(&stdout)
	if err != nil {
		return nil, fmt.Sprintf("unreadable go vet -json output: %v", err)
	}
	if own != nil {
		vet = slices.DeleteFunc(vet, func(d diagnostic) bool { return !own[vettedPackage(d.Package)] })
	}
	if runErr != nil {
		// Some packages did not build under the go command (docker/cli
		// has no go.mod, so the go command compiles it at go1.16): the
		// two modes did not analyse the same code.
		vetFailed = firstLines(strings.TrimSpace(stderr.String()), 2)
		if vetFailed == "" {
			vetFailed = runErr.Error()
		}
	}
	return diffModes(standalone, vet, want), vetFailed
}

// vettedPackage returns the import path of the package a go vet -json
// key names: "p", "p [p.test]", or an external test "p_test [p.test]".
func vettedPackage(key string) string {
	key, _, _ = strings.Cut(key, " ")
	return strings.TrimSuffix(key, "_test")
}

// diffModes lists the findings of the analyzers in want that only one of
// the two runs made, sorted.
func diffModes(standalone, vet []diagnostic, want map[string]bool) (diffs []string) {
	type key struct{ analyzer, posn, message string }
	set := func(ds []diagnostic) map[key]bool {
		m := make(map[key]bool)
		for _, d := range ds {
			if want[d.Analyzer] {
				m[key{d.Analyzer, d.Posn, d.Message}] = true
			}
		}
		return m
	}
	sa, gv := set(standalone), set(vet)
	for k := range sa {
		if !gv[k] {
			diffs = append(diffs, fmt.Sprintf("standalone only: %s: %s (%s)", k.posn, k.message, k.analyzer))
		}
	}
	for k := range gv {
		if !sa[k] {
			diffs = append(diffs, fmt.Sprintf("go vet only: %s: %s (%s)", k.posn, k.message, k.analyzer))
		}
	}
	sort.Strings(diffs)
	return diffs
}

// runtimeFailure reports whether stderr holds a Go panic or fatal runtime
// error: a line that starts with "panic: " or "fatal error: ". A C
// compiler's "file.go:27:11: fatal error: header.h: No such file" for a
// cgo package whose library is not installed is a load error, as go vet
// reports it, not a crash of trapvet.
func runtimeFailure(stderr string) bool {
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") {
			return true
		}
	}
	return false
}
