// Command bench measures what trapvet costs: `make bench`.
//
//	go run ./internal/tools/bench [-pkgs std] [-count 1] [-scale 1,10,100,all] [-o file]
//
// In one run, on the same packages and with a warm build cache, it times
//
//   - standalone: trapvet's own analyzers, trapvet's default set, the floor
//     (a no-op multichecker that loads, parses, type-checks and builds the
//     inspector; with a fact type when a trapvet analyzer uses facts) and
//     go vet's default suite as a multichecker;
//   - go vet mode: plain go vet, go vet -vettool=trapvet (default set and
//     own analyzers) and go vet -vettool=floor;
//   - each trapvet analyzer alone against the floor, as a process and
//     in-process on packages loaded once (analysis time only);
//   - scaling: trapvet and the floor on 1, 10, 100 and all packages of the
//     corpus (corpus/modules.txt, set up by `go run ./internal/tools/corpus -setup`).
//
// Wall time, CPU time (user+sys of the process and its children, from
// wait4's rusage) and peak RSS (largest single process of the tree) are
// reported with the ratios. With -count > 1 each figure is the median, the
// configurations run interleaved so that a load spike from elsewhere on the
// machine does not land on one of them only.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/internal/runner"
	"github.com/trapvet/trapvet/internal/tools/bench/noop"
)

var (
	pkgsFlag   = flag.String("pkgs", "std", "space-separated package patterns for the main tables")
	countFlag  = flag.Int("count", 1, "runs of each configuration (median reported)")
	scaleFlag  = flag.String("scale", "1,10,100,all", "package counts of the corpus scaling table (empty: skip)")
	corpusFlag = flag.String("corpus", "", "scratch corpus module (default: set up with go run ./internal/tools/corpus -setup)")
	inprocFlag = flag.Bool("inproc", true, "also time each analyzer in-process on packages loaded once")
	vetFlag    = flag.Bool("vet", true, "run the go vet mode tables")
	coldFlag   = flag.Bool("cold", true, "also run the go vet mode table with no cached vet results (a build cache holding compile results only, copied afresh before each run)")
	vetPkgs    = flag.String("vetpkgs", "", "packages of the go vet mode table (default: -pkgs)")
	standFlag  = flag.Bool("standalone", true, "run the standalone and per-analyzer process tables")
	floorCPU   = flag.Duration("floorcpu", 0, "with -standalone=false: CPU time of the floor process measured earlier, to express in-process costs as a share of it")
	outFlag    = flag.String("o", "", "also write the report to this file")
	rerunFlag  = flag.Bool("rerun", true, "run the rerun table: trapvet's cache against go vet's on a copy of this module, unchanged and after one leaf file changes")
	rerunOnly  = flag.Bool("rerunonly", false, "run the rerun table alone")
	growFlag   = flag.String("grow", "100,1000", "package counts of the growth table on generated modules (empty: skip; 5000 takes about an hour here)")
	growOnly   = flag.Bool("growonly", false, "run the growth table alone")
	genDir     = flag.String("gen", "", "only generate a module of the first -grow size into this directory (to try a command on it)")
)

func main() {
	flag.Parse()
	var out bytes.Buffer
	w := io.MultiWriter(os.Stdout, &out)
	if err := run(w); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
	if *outFlag != "" {
		if err := os.WriteFile(*outFlag, out.Bytes(), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "bench: %v\n", err)
			os.Exit(1)
		}
	}
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// A measure is one timed process.
type measure struct {
	Wall, CPU time.Duration
	RSS       int64 // peak, bytes
	Exit      int
}

// A config is a command to time.
type config struct {
	Name string
	Dir  string
	Env  []string
	Args []string
	// Prep, if set, runs before each timed run and is not timed.
	Prep func() error
	runs []measure
}

func (c *config) median() measure {
	if len(c.runs) == 0 {
		return measure{}
	}
	rs := slices.Clone(c.runs)
	sort.Slice(rs, func(i, j int) bool { return rs[i].Wall < rs[j].Wall })
	return rs[len(rs)/2]
}

// time runs c once, discarding its output but the tail of stderr, which is
// printed when the exit code says the tool failed.
func (c *config) time() error {
	if c.Prep != nil {
		if err := c.Prep(); err != nil {
			return fmt.Errorf("%s: %v", c.Name, err)
		}
	}
	cmd := exec.Command(c.Args[0], c.Args[1:]...)
	cmd.Dir, cmd.Env = c.Dir, c.Env
	var stderr tail
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			return err
		}
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	m := measure{
		Wall: wall,
		CPU:  time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		RSS:  ru.Maxrss * 1024, // kilobytes on Linux
		Exit: cmd.ProcessState.ExitCode(),
	}
	// 0 clean, 3 findings (standalone), 1 findings (go vet) or errors.
	if m.Exit != 0 && m.Exit != 1 && m.Exit != 3 || strings.Contains(stderr.String(), "panic: ") {
		return fmt.Errorf("%s: exit %d\n%s", c.Name, m.Exit, stderr.String())
	}
	if m.Exit == 1 && !strings.HasPrefix(c.Name, "go vet") {
		logf("%s: exit 1 (errors); stderr ends:\n%s", c.Name, stderr.String())
	}
	c.runs = append(c.runs, m)
	logf("%-40s wall %6.1fs  cpu %6.1fs  rss %5d MB  exit %d", c.Name, m.Wall.Seconds(), m.CPU.Seconds(), m.RSS>>20, m.Exit)
	return nil
}

// tail keeps the last 4 KB written to it.
type tail struct{ b []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 4096 {
		t.b = t.b[len(t.b)-4096:]
	}
	return len(p), nil
}

func (t *tail) String() string { return string(t.b) }

// timeAll runs every config count times, interleaved.
func timeAll(configs []*config, warm bool) error {
	if warm {
		for _, c := range configs {
			logf("warming: %s", c.Name)
			if err := c.time(); err != nil {
				return err
			}
			c.runs = nil
		}
	}
	for i := 0; i < *countFlag; i++ {
		for _, c := range configs {
			if err := c.time(); err != nil {
				return err
			}
		}
	}
	return nil
}

// usesFacts reports whether any of as, or an analyzer they require, has a
// fact type: then every driver analyses all dependencies from source.
func usesFacts(as []*analysis.Analyzer) bool { return runner.NeedFacts(as...) }

// required returns the analyzers that as require, directly or not, each
// once.
func required(as []*analysis.Analyzer) []*analysis.Analyzer {
	seen := make(map[*analysis.Analyzer]bool)
	var reqs []*analysis.Analyzer
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		for _, r := range a.Requires {
			if !seen[r] {
				seen[r] = true
				reqs = append(reqs, r)
				visit(r)
			}
		}
	}
	for _, a := range as {
		visit(a)
	}
	return reqs
}

func ownFlags() []string {
	var flags []string
	for _, a := range analyzers.All {
		flags = append(flags, "-"+a.Name)
	}
	return flags
}

func run(w io.Writer) error {
	if *rerunOnly {
		*standFlag, *vetFlag, *inprocFlag, *scaleFlag, *rerunFlag, *growFlag = false, false, false, "", true, ""
	}
	if *growOnly {
		*standFlag, *vetFlag, *inprocFlag, *scaleFlag, *rerunFlag = false, false, false, "", false
	}
	sizes, err := parseSizes(*growFlag)
	if err != nil {
		return err
	}
	if *genDir != "" && len(sizes) > 0 {
		lines, err := genModule(*genDir, sizes[0])
		logf("%d packages, %d lines in %s", sizes[0], lines, *genDir)
		return err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return err
	}
	binDir := filepath.Join(cache, "trapvet", "bench")
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		return err
	}
	trapvet := filepath.Join(binDir, "trapvet")
	floor := filepath.Join(binDir, "floor")
	vetsuite := filepath.Join(binDir, "vetsuite")
	for bin, pkg := range map[string]string{trapvet: "./cmd/trapvet", floor: "./internal/tools/bench/floor", vetsuite: "./internal/tools/bench/vetsuite"} {
		logf("building %s", bin)
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	facts := usesFacts(analyzers.All)
	floorFlag := "-noop"
	if facts {
		floorFlag = "-noopfacts"
	}

	describeMachine(w)
	fmt.Fprintf(w, "Command: `go run ./internal/tools/bench %s`\n\n", strings.Join(os.Args[1:], " "))
	fmt.Fprintf(w, "trapvet's analyzers: %s. ", names(analyzers.All))
	if facts {
		fmt.Fprintf(w, "Some use facts (directly or through an analyzer they require), so the floor is `floor -noopfacts`: a no-op analyzer with a fact type, which makes the checker load and analyse every dependency from source, as trapvet does.\n\n")
	} else {
		fmt.Fprintf(w, "None uses facts, so the floor is `floor -noop`: source for the named packages only.\n\n")
	}

	pkgs := strings.Fields(*pkgsFlag)
	env := os.Environ()
	cwd, _ := os.Getwd()
	mk := func(name string, args ...string) *config {
		return &config{Name: name, Dir: cwd, Env: env, Args: append(args, pkgs...)}
	}

	// Standalone.
	floorC := mk("floor "+floorFlag, floor, floorFlag)
	// The standalone rows measure analysis: without trapvet's cache of
	// findings (the rerun table measures that).
	ownC := mk("trapvet (own analyzers)", append([]string{trapvet, "-cache=false"}, ownFlags()...)...)
	defC := mk("trapvet (default set)", trapvet, "-cache=false")
	vetsC := mk("vet suite (multichecker)", vetsuite)
	standalone := []*config{floorC, ownC, defC, vetsC}
	var perAnalyzer []*config
	if len(analyzers.All) > 1 {
		for _, a := range analyzers.All {
			perAnalyzer = append(perAnalyzer, mk("trapvet -"+a.Name, trapvet, "-cache=false", "-"+a.Name))
		}
	}
	if *standFlag {
		// Standalone drivers do not use the build cache for analysis, but
		// one whose analyzers use no facts (trapvet -fmtlog) loads the
		// dependencies from export data, which go list -export compiles
		// into the build cache: build it first, untimed, or that row times
		// a compiler run. Then one untimed floor run reads every source
		// file, so that the first timed row does not pay for the disk.
		logf("standalone on %s", *pkgsFlag)
		logf("warming: go list -export")
		warm := exec.Command("go", append([]string{"list", "-export", "-deps", "-test", "-json=ImportPath,Export"}, pkgs...)...)
		warm.Stdout = io.Discard
		if err := warm.Run(); err != nil {
			return fmt.Errorf("warming: go list -export: %v", err)
		}
		logf("warming: %s", floorC.Name)
		if err := floorC.time(); err != nil {
			return err
		}
		floorC.runs = nil
		if err := timeAll(append(standalone, perAnalyzer...), false); err != nil {
			return err
		}
		fmt.Fprintf(w, "## Standalone on `%s`\n\n", *pkgsFlag)
		table(w, standalone, floorC)
		fr, vr := floorC.median(), vetsC.median()
		o, d := ownC.median(), defC.median()
		fmt.Fprintf(w, "\ntrapvet (own analyzers) / floor: wall %s, CPU %s, RSS %s.\n", ratio(o.Wall, fr.Wall), ratio(o.CPU, fr.CPU), ratioI(o.RSS, fr.RSS))
		fmt.Fprintf(w, "trapvet (default set) / vet suite: wall %s, CPU %s, RSS %s.\n\n", ratio(d.Wall, vr.Wall), ratio(d.CPU, vr.CPU), ratioI(d.RSS, vr.RSS))
	}

	// go vet mode.
	if *vetFlag {
		vp := *pkgsFlag
		if *vetPkgs != "" {
			vp = *vetPkgs
		}
		mk := func(name string, args ...string) *config {
			return &config{Name: name, Dir: cwd, Env: env, Args: append(args, strings.Fields(vp)...)}
		}
		goVet := mk("go vet", "go", "vet")
		vtDef := mk("go vet -vettool=trapvet", "go", "vet", "-vettool="+trapvet)
		vtOwn := mk("go vet -vettool=trapvet (own)", append([]string{"go", "vet", "-vettool=" + trapvet}, ownFlags()...)...)
		vtFloor := mk("go vet -vettool=floor", "go", "vet", "-vettool="+floor, floorFlag)
		vet := []*config{goVet, vtDef, vtOwn, vtFloor}
		logf("go vet mode on %s", vp)
		if err := timeAll(vet, true); err != nil {
			return err
		}
		fmt.Fprintf(w, "## go vet mode on `%s` (warm cache)\n\nSince Go 1.26 the go command caches vet results (stdout included) by package and tool: on unchanged code a warm run replays them, so this table measures what CI pays on an unchanged tree, not analysis. The standalone table is the analysis cost.\n\n", vp)
		table(w, vet, goVet)
		g, t := goVet.median(), vtDef.median()
		fmt.Fprintf(w, "\ngo vet -vettool=trapvet / go vet: wall %s, CPU %s, RSS %s.\n\n", ratio(t.Wall, g.Wall), ratio(t.CPU, g.CPU), ratioI(t.RSS, g.RSS))
		if *coldFlag {
			if err := coldVet(w, binDir, vet, vp); err != nil {
				return err
			}
		}
	}

	if *rerunFlag {
		if err := rerun(w, trapvet); err != nil {
			return err
		}
	}

	// Each analyzer alone.
	if *standFlag || *inprocFlag {
		fmt.Fprintf(w, "## Each analyzer alone on `%s`\n\n", *pkgsFlag)
	}
	if !*standFlag {
		// The process table needs the standalone runs.
	} else if len(perAnalyzer) > 0 {
		fmt.Fprintf(w, "As a process, against the floor (differences within the noise of a shared machine read as zero):\n\n")
		table(w, append([]*config{floorC}, perAnalyzer...), floorC)
		fmt.Fprintln(w)
	} else {
		fmt.Fprintf(w, "trapvet has one analyzer: as a process, its cost over the floor is the row trapvet (own analyzers) above.\n\n")
	}
	if *scaleFlag != "" {
		if err := scaling(w, trapvet, floor, floorFlag); err != nil {
			return err
		}
	}
	if len(sizes) > 0 {
		if err := growth(w, trapvet, sizes); err != nil {
			return err
		}
	}
	// In-process last: a child's peak RSS includes its parent's at exec
	// time (Linux keeps the high-water mark across vfork+exec), so once
	// this process holds the loaded packages every child would report it.
	if *inprocFlag {
		fc := floorC.median().CPU
		if !*standFlag {
			fc = *floorCPU
		}
		if err := inProcess(w, pkgs, facts, fc); err != nil {
			return err
		}
	}

	return nil
}

// coldVet times the go vet mode configs with no vet results cached: each run
// gets a fresh copy of a build cache that holds the compile results (export
// data) of the packages and their tests but no vet action, so every
// package is analysed, as on a change that touches everything.
func coldVet(w io.Writer, binDir string, warm []*config, vp string) error {
	tmpl := filepath.Join(binDir, "gocache-compiled")
	work := filepath.Join(binDir, "gocache-run")
	for _, d := range []string{tmpl, work} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	defer os.RemoveAll(tmpl)
	defer os.RemoveAll(work)
	logf("cold go vet mode: compiling %s into a fresh build cache", vp)
	cwd, _ := os.Getwd()
	list := exec.Command("go", append([]string{"list", "-export", "-deps", "-test", "-f={{.ImportPath}}"}, strings.Fields(vp)...)...)
	list.Dir, list.Env, list.Stdout = cwd, withEnv(os.Environ(), "GOCACHE="+tmpl), io.Discard
	var stderr tail
	list.Stderr = &stderr
	if err := list.Run(); err != nil {
		return fmt.Errorf("go list -export: %v\n%s", err, stderr.String())
	}
	fresh := func() error {
		if err := os.RemoveAll(work); err != nil {
			return err
		}
		out, err := exec.Command("cp", "-a", tmpl, work).CombinedOutput()
		if err != nil {
			return fmt.Errorf("cp: %v: %s", err, out)
		}
		return nil
	}
	var cold []*config
	for _, c := range warm {
		cold = append(cold, &config{Name: c.Name, Dir: c.Dir, Env: withEnv(c.Env, "GOCACHE="+work), Args: c.Args, Prep: fresh})
	}
	logf("cold go vet mode on %s", vp)
	if err := timeAll(cold, false); err != nil {
		return err
	}
	fmt.Fprintf(w, "## go vet mode on `%s` (cold: no vet result cached)\n\nEach run starts from a copy of a build cache holding the compile results of the packages and their tests but no vet result, so every package is analysed: what CI pays after a change that touches everything, or with a fresh cache.\n\n", vp)
	table(w, cold, cold[0])
	g, t, f := cold[0].median(), cold[1].median(), cold[len(cold)-1].median()
	fmt.Fprintf(w, "\nCold go vet -vettool=trapvet / go vet: wall %s, CPU %s, RSS %s.\n", ratio(t.Wall, g.Wall), ratio(t.CPU, g.CPU), ratioI(t.RSS, g.RSS))
	fmt.Fprintf(w, "Cold go vet -vettool=floor / go vet (what any -vettool costs before analysis): wall %s, CPU %s.\n\n", ratio(f.Wall, g.Wall), ratio(f.CPU, g.CPU))
	return nil
}

// withEnv returns env with kv (KEY=value) replacing any earlier KEY.
func withEnv(env []string, kv string) []string {
	key := kv[:strings.IndexByte(kv, '=')+1]
	out := slices.DeleteFunc(slices.Clone(env), func(e string) bool { return strings.HasPrefix(e, key) })
	return append(out, kv)
}

func names(as []*analysis.Analyzer) string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return strings.Join(ns, ", ")
}

func table(w io.Writer, configs []*config, base *config) {
	b := base.median()
	fmt.Fprintf(w, "| configuration | wall | CPU (user+sys) | peak RSS | wall / %s | CPU / %s |\n", base.Name, base.Name)
	fmt.Fprintf(w, "|---|---:|---:|---:|---:|---:|\n")
	for _, c := range configs {
		m := c.median()
		fmt.Fprintf(w, "| %s | %.1f s | %.1f s | %d MB | %s | %s |\n", c.Name, m.Wall.Seconds(), m.CPU.Seconds(), m.RSS>>20, ratio(m.Wall, b.Wall), ratio(m.CPU, b.CPU))
	}
}

func ratio(a, b time.Duration) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", float64(a)/float64(b))
}

func ratioI(a, b int64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", float64(a)/float64(b))
}

func describeMachine(w io.Writer) {
	fmt.Fprintf(w, "# trapvet benchmark\n\n")
	fmt.Fprintf(w, "Machine: %s, %d CPUs (runtime.NumCPU), %s memory, %s %s/%s; load average at start %s.\n\n",
		cpuModel(), runtime.NumCPU(), memTotal(), runtime.Version(), runtime.GOOS, runtime.GOARCH, loadAvg())
}

func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func memTotal() string {
	data, _ := os.ReadFile("/proc/meminfo")
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
			if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				return fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	return "unknown"
}

func loadAvg() string {
	data, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// inProcess loads pkgs once and times the analysis alone: the floor
// analyzer, then each trapvet analyzer, then all of them together.
func inProcess(w io.Writer, pkgs []string, facts bool, floorProcCPU time.Duration) error {
	mode := packages.LoadSyntax
	if facts {
		mode = packages.LoadAllSyntax
	}
	logf("in-process: loading %s", strings.Join(pkgs, " "))
	start := time.Now()
	loaded, err := packages.Load(&packages.Config{Mode: mode, Tests: true}, pkgs...)
	if err != nil {
		return err
	}
	loadTime := time.Since(start)
	floorA := noop.Analyzer
	if facts {
		floorA = noop.FactsAnalyzer
	}
	type row struct {
		name      string
		wall, cpu time.Duration
	}
	var rows []row
	measure := func(name string, as []*analysis.Analyzer) error {
		runtime.GC()
		c0, t0 := cpuNow(), time.Now()
		g, err := checker.Analyze(as, loaded, nil)
		if err != nil {
			return err
		}
		r := row{name, time.Since(t0), cpuNow() - c0}
		for act := range g.All() {
			if act.Err != nil {
				return fmt.Errorf("%s: %v", act, act.Err)
			}
		}
		rows = append(rows, r)
		logf("in-process %-20s wall %6.2fs cpu %6.2fs", name, r.wall.Seconds(), r.cpu.Seconds())
		return nil
	}
	// Once untimed, so that lazily built state (types, positions) is warm for all.
	if err := measure("warm-up", []*analysis.Analyzer{floorA}); err != nil {
		return err
	}
	rows = nil
	for i := 0; i < *countFlag; i++ {
		if err := measure("floor", []*analysis.Analyzer{floorA}); err != nil {
			return err
		}
		// What the analyzers require, beside the inspector the floor
		// builds, is shared by every analyzer that requires it: one row
		// each, so that an analyzer's own cost reads against it.
		for _, req := range sharedRequires(analyzers.All) {
			if err := measure("floor + "+req.Name, []*analysis.Analyzer{floorA, req}); err != nil {
				return err
			}
		}
		for _, a := range analyzers.All {
			if err := measure(a.Name, []*analysis.Analyzer{a}); err != nil {
				return err
			}
		}
		if len(analyzers.All) > 1 {
			if err := measure("all of trapvet", analyzers.All); err != nil {
				return err
			}
		}
	}
	// Medians by name.
	byName := make(map[string][]row)
	var order []string
	for _, r := range rows {
		if _, ok := byName[r.name]; !ok {
			order = append(order, r.name)
		}
		byName[r.name] = append(byName[r.name], r)
	}
	med := func(name string) row {
		rs := byName[name]
		sort.Slice(rs, func(i, j int) bool { return rs[i].cpu < rs[j].cpu })
		return rs[len(rs)/2]
	}
	f := med("floor")
	fmt.Fprintf(w, "In-process, packages loaded once (%d packages with test variants, load %.1f s not counted), analysis only: the floor analyzer builds the inspector", len(loaded), loadTime.Seconds())
	if facts {
		fmt.Fprintf(w, " and, having a fact type, runs on every dependency")
	}
	fmt.Fprintf(w, "; an analyzer's cost is its row minus the floor, which includes what it requires; a \"floor + X\" row is the floor with X, an analyzer some of trapvet's require, so an analyzer requiring X costs its row minus that one.\n\n")
	fmt.Fprintf(w, "| analysis | wall | CPU | CPU over floor | over floor / floor process CPU |\n|---|---:|---:|---:|---:|\n")
	for _, n := range order {
		r := med(n)
		over := r.cpu - f.cpu
		fmt.Fprintf(w, "| %s | %.2f s | %.2f s | %+.2f s | %s |\n", n, r.wall.Seconds(), r.cpu.Seconds(), over.Seconds(), pct(over, floorProcCPU))
	}
	fmt.Fprintln(w)
	return nil
}

// sharedRequires returns the analyzers that as require, directly or not,
// other than the inspector and as themselves, sorted by name.
func sharedRequires(as []*analysis.Analyzer) []*analysis.Analyzer {
	reqs := slices.DeleteFunc(required(as), func(r *analysis.Analyzer) bool {
		return r == inspect.Analyzer || slices.Contains(as, r)
	})
	slices.SortFunc(reqs, func(a, b *analysis.Analyzer) int { return strings.Compare(a.Name, b.Name) })
	return reqs
}

func pct(a, b time.Duration) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

// rerun times what a rerun costs with trapvet's cache (findings, types and
// facts) and with go vet's cached vet results, side by side, on a scratch
// copy of this module (its committed files; the dependencies come from the module
// cache): with nothing changed, and after one leaf file changes (a comment
// appended to cmd/trapvet/main.go, which no package imports, before each
// timed run). The cold standalone run, without the cache, is the
// reference. Each tool has its own caches: trapvet's in a scratch
// directory, go vet's in the build cache.
func rerun(w io.Writer, trapvet string) error {
	cwd, _ := os.Getwd()
	files, err := exec.Command("git", "-C", cwd, "ls-files").Output()
	if err != nil {
		return fmt.Errorf("rerun: git ls-files: %v", err)
	}
	dir, err := os.MkdirTemp("", "trapvet-rerun")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, name := range strings.Split(strings.TrimSpace(string(files)), "\n") {
		data, err := os.ReadFile(filepath.Join(cwd, name))
		if err != nil {
			continue // deleted in the work tree
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
	}
	env := withEnv(withEnv(os.Environ(), "TRAPVET_CACHE="+filepath.Join(dir, ".trapvet-cache")), "GOWORK=off")
	// go vet's results are cached by the content of the files (and of the
	// tool), so the copy's warm run replays what the original's produced.
	edits := 0
	appendComment := func(file string) func() error {
		return func() error {
			edits++
			f, err := os.OpenFile(filepath.Join(dir, file), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			fmt.Fprintf(f, "\n// bench edit %d\n", edits)
			return f.Close()
		}
	}
	edit := appendComment(filepath.Join("cmd", "trapvet", "main.go"))
	// internal/report is imported by every analyzer: a comment there
	// changes no export data and no facts (early cutoff).
	editShared := appendComment(filepath.Join("internal", "report", "report.go"))
	mk := func(name string, prep func() error, args ...string) *config {
		return &config{Name: name, Dir: dir, Env: env, Args: append(args, "./..."), Prep: prep}
	}
	vetSame := mk("go vet -vettool=trapvet, unchanged", nil, "go", "vet", "-vettool="+trapvet)
	tvSame := mk("trapvet, unchanged", nil, trapvet)
	vetLeaf := mk("go vet -vettool=trapvet, leaf edited", edit, "go", "vet", "-vettool="+trapvet)
	tvLeaf := mk("trapvet, leaf edited", edit, trapvet)
	vetShared := mk("go vet -vettool=trapvet, shared package commented", editShared, "go", "vet", "-vettool="+trapvet)
	tvShared := mk("trapvet, shared package commented", editShared, trapvet)
	cacheDir := filepath.Join(dir, ".trapvet-cache")
	empty := mk("trapvet, empty cache", func() error { return os.RemoveAll(cacheDir) }, trapvet)
	cold := mk("trapvet -cache=false", nil, trapvet, "-cache=false")
	configs := []*config{vetSame, tvSame, vetLeaf, tvLeaf, vetShared, tvShared, empty, cold}
	logf("rerun table on a copy of this module in %s", dir)
	if err := timeAll(configs, true); err != nil {
		return err
	}
	fmt.Fprintf(w, "## Reruns: trapvet's cache and go vet's, on this module (`./...`)\n\nEach tool's cache is warm (one untimed run first). \"leaf edited\": a comment is appended to cmd/trapvet/main.go, which no package imports, before each timed run, so one package (and its test variant) is analysed again. \"shared package commented\": a comment is appended to internal/report/report.go, which every analyzer imports; its export data and facts do not change, so its importers are not analysed again (early cutoff). The last two rows are cold standalone runs: with the cache emptied before each run (what a first run pays: the graph query, the hashing and the writes on top of the analysis) and without the cache.\n\n")
	table(w, configs, vetSame)
	s, v := tvSame.median(), vetSame.median()
	l, vl := tvLeaf.median(), vetLeaf.median()
	fmt.Fprintf(w, "\nUnchanged: trapvet / go vet -vettool=trapvet: wall %s, CPU %s, RSS %s (goal: at most 2x).\n", ratio(s.Wall, v.Wall), ratio(s.CPU, v.CPU), ratioI(s.RSS, v.RSS))
	fmt.Fprintf(w, "Leaf edited: trapvet / go vet -vettool=trapvet: wall %s, CPU %s, RSS %s (goal: at most 3x).\n", ratio(l.Wall, vl.Wall), ratio(l.CPU, vl.CPU), ratioI(l.RSS, vl.RSS))
	sh, vsh := tvShared.median(), vetShared.median()
	fmt.Fprintf(w, "Shared package commented (internal/report, imported by every analyzer): trapvet / go vet -vettool=trapvet: wall %s, CPU %s, RSS %s (goal: at most 1.2x).\n", ratio(sh.Wall, vsh.Wall), ratio(sh.CPU, vsh.CPU), ratioI(sh.RSS, vsh.RSS))
	e, c := empty.median(), cold.median()
	fmt.Fprintf(w, "Cold: empty cache / -cache=false: wall %s, CPU %s, RSS %s (goal: no growth).\n\n", ratio(e.Wall, c.Wall), ratio(e.CPU, c.CPU), ratioI(e.RSS, c.RSS))
	return nil
}
