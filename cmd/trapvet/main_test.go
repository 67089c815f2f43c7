package main_test

// End-to-end tests: build the trapvet binary once, run it standalone and
// as go vet's tool on the fixture modules under testdata/.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/trapvet/trapvet/analyzers"
)

var trapvetBin string

// cacheDir is trapvet's cache for the tests: their own, emptied at the end.
var cacheDir string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "trapvet-e2e")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		trapvetBin = filepath.Join(dir, "trapvet")
		cacheDir = filepath.Join(dir, "cache")
		if runtime.GOOS == "windows" {
			trapvetBin += ".exe"
		}
		build := exec.Command("go", "build", "-o", trapvetBin, ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "building trapvet: %v\n", err)
			return 1
		}
		return m.Run()
	}())
}

type result struct {
	code           int
	stdout, stderr string
}

// env keeps the fixture modules self-contained: no workspace, no
// toolchain switch, no network; the build cache is shared.
func env() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOPROXY=off", "TRAPVET_CACHE="+cacheDir)
}

func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{code, out.String(), errb.String()}
}

func trapvet(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return run(t, dir, trapvetBin, args...)
}

func goVet(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return run(t, dir, "go", append([]string{"vet"}, args...)...)
}

func fixture(name string) string { return filepath.Join("..", "..", "testdata", name) }

// noCrash fails when stderr looks like a crash rather than a message.
func noCrash(t *testing.T, r result) {
	t.Helper()
	for _, bad := range []string{"goroutine ", "panic:", "runtime error", ".go:0x"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("stderr shows a crash (%q):\n%s", bad, r.stderr)
		}
	}
}

func TestStandaloneText(t *testing.T) {
	r := trapvet(t, fixture("modern"), "./traps", "./ignore", "./clean")
	noCrash(t, r)
	want := `ignore/ignore.go:30:3: defer f.Close() in loop: every f stays open until NoReason returns (deferloop)
	ignore/ignore.go:28:2: the loop
ignore/ignore.go:30:19: trapvet:ignore deferloop needs a reason after the analyzer names (why is this finding wrong or accepted?); without one it suppresses nothing (ignores)
traps/traps.go:13:3: defer f.Close() in loop: every f stays open until OpenAll returns (deferloop)
	traps/traps.go:8:2: the loop
`
	if r.code != 3 || r.stdout != want || r.stderr != "" {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 3, stdout:\n%s", r.code, r.stdout, r.stderr, want)
	}
}

// TestEditorMatchers checks the text output against the problem matcher
// of docs/editors.md (a VS Code task; Vim's errorformat reads the same
// shape): every finding line matches with its parts, related lines are
// indented and do not match, and -exit-zero exits 0.
func TestEditorMatchers(t *testing.T) {
	matcher := regexp.MustCompile(`^([^\s].*?):(\d+):(\d+): (.*) \((\w+)\)$`)
	r := trapvet(t, fixture("modern"), "-exit-zero", "-vet=false", "./traps", "./ignore")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("-exit-zero: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	var got []string
	for line := range strings.Lines(r.stdout) {
		line = strings.TrimSuffix(line, "\n")
		m := matcher.FindStringSubmatch(line)
		if strings.HasPrefix(line, "\t") {
			if m != nil {
				t.Errorf("related line %q matches the problem matcher", line)
			}
			continue
		}
		if m == nil {
			t.Errorf("finding line %q does not match the problem matcher", line)
			continue
		}
		got = append(got, strings.Join(m[1:], "|"))
	}
	want := []string{
		"ignore/ignore.go|30|3|defer f.Close() in loop: every f stays open until NoReason returns|deferloop",
		"ignore/ignore.go|30|19|trapvet:ignore deferloop needs a reason after the analyzer names (why is this finding wrong or accepted?); without one it suppresses nothing|ignores",
		"traps/traps.go|13|3|defer f.Close() in loop: every f stays open until OpenAll returns|deferloop",
	}
	if !slices.Equal(got, want) {
		t.Errorf("matched:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestExitCodes(t *testing.T) {
	unwritable := filepath.Join(t.TempDir(), "no", "such", "dir", "out.txt")
	for _, tc := range []struct {
		name   string
		dir    string
		args   []string
		code   int
		stderr string // regexp the single stderr line must match; "" for none
	}{
		{"clean", "modern", []string{"./clean"}, 0, ""},
		{"findings", "modern", []string{"./traps"}, 3, ""},
		{"exit-zero", "modern", []string{"-exit-zero", "./traps"}, 0, ""},
		{"default pattern", "modern/clean", nil, 0, ""},
		{"missing package", "modern", []string{"./nosuchpkg"}, 1, `nosuchpkg.*(not found|no such|cannot find)`},
		{"type error", "broken", []string{"./..."}, 1, `^trapvet: typeerr/typeerr\.go:5:9: undefined: undefinedName$`},
		{"missing package prefixed", "modern", []string{"./nosuchpkg"}, 1, `^trapvet: `},
		{"outside a module", "", []string{"."}, 1, `^trapvet: no go.mod file in the current directory or any parent: run trapvet inside a Go module \(see 'go help modules'\)$`},
		{"outside a module, ./...", "", []string{"./..."}, 1, `^trapvet: no go.mod file in the current directory or any parent: run trapvet inside a Go module \(see 'go help modules'\)$`},
		{"diff with json", "modern", []string{"-diff", "-format=json", "./fix"}, 1, `^trapvet: -diff prints unified diffs and cannot be combined with -format=json$`},
		{"unknown flag", "modern", []string{"-nosuchflag", "./clean"}, 1, `^trapvet: flag provided but not defined: -nosuchflag`},
		{"bad flag value", "modern", []string{"-deferloop=maybe", "./clean"}, 1, `^trapvet: invalid boolean value "maybe" for -deferloop`},
		{"matches nothing", "modern", []string{"./nothing/..."}, 1, `nothing`},
		{"unknown format", "modern", []string{"-format=xml", "./clean"}, 1, `^trapvet: unknown -format "xml"`},
		{"unwritable -o", "modern", []string{"-o", unwritable, "./traps"}, 1, `^trapvet: cannot write -o file: `},
		{"no analyzers", "modern", append(allOff(), "-vet=false", "./clean"), 1, `^trapvet: no analyzers enabled$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The default analyzer set and test variants, as
			// TestStandaloneText runs on the same packages: the standard
			// library's facts are in the test binary's cache by then, where
			// a set of these cases' own would compute them again.
			args := tc.args
			dir := fixture(tc.dir)
			if tc.dir == "" {
				dir = t.TempDir() // no go.mod here or above
			}
			r := trapvet(t, dir, args...)
			noCrash(t, r)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			errLines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
			switch {
			case tc.stderr == "" && r.stderr != "":
				t.Errorf("unexpected stderr:\n%s", r.stderr)
			case tc.stderr != "" && (len(errLines) != 1 || !regexp.MustCompile(tc.stderr).MatchString(errLines[0])):
				t.Errorf("stderr:\n%s\nwant one line matching %s", r.stderr, tc.stderr)
			}
			if tc.code == 0 && tc.name != "exit-zero" && r.stdout != "" {
				t.Errorf("exit 0 with output:\n%s", r.stdout)
			}
		})
	}
}

// jsonTree is go vet's -json shape: package → analyzer → diagnostics.
type jsonTree map[string]map[string][]struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
	Related []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename   string `json:"filename"`
			Start, End int
			New        string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

func TestStandaloneJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.json")
	for _, args := range [][]string{
		{"-json", "./vetmix", "./fix"},
		{"-format=json", "./vetmix", "./fix"},
		{"-format=json", "-o", out, "./vetmix", "./fix"},
	} {
		r := trapvet(t, fixture("modern"), args...)
		noCrash(t, r)
		if r.code != 3 || r.stderr != "" {
			t.Fatalf("%v: exit %d, stderr:\n%s", args, r.code, r.stderr)
		}
		data := []byte(r.stdout)
		if slices.Contains(args, "-o") {
			if r.stdout != "" {
				t.Errorf("-o: findings also on stdout")
			}
			var err error
			if data, err = os.ReadFile(out); err != nil {
				t.Fatal(err)
			}
		}
		var tree jsonTree
		if err := json.Unmarshal(data, &tree); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, data)
		}
		vetmix := tree["example.com/modern/vetmix"]
		for _, a := range []string{"copylocks", "printf", "lostcancel", "deferloop"} {
			if len(vetmix[a]) != 1 {
				t.Errorf("%v: vetmix has %d %s findings, want 1", args, len(vetmix[a]), a)
			}
		}
		d := vetmix["deferloop"][0]
		if !strings.HasSuffix(d.Posn, filepath.Join("vetmix", "vetmix.go")+":40:3") || !strings.HasSuffix(d.End, ":40:18") ||
			!strings.HasPrefix(d.Message, "defer f.Close() in loop") || len(d.Related) != 1 || d.Related[0].Message != "the loop" {
			t.Errorf("%v: deferloop finding %+v", args, d)
		}
		fixes := tree["example.com/modern/fix"]["deferloop"]
		if len(fixes) != 2 || len(fixes[0].SuggestedFixes) != 1 || len(fixes[0].SuggestedFixes[0].Edits) == 0 || len(fixes[1].SuggestedFixes) != 0 {
			t.Errorf("%v: fix package findings %+v, want the first with one fix and the second without", args, fixes)
		}
	}
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

const fixedCloseEach = `func CloseEach(paths []string) {
	for _, p := range paths {
		func() {
			f, err := open(p)
			if err != nil {
				panic(err)
			}
			defer f.Close()
			use(f)
		}()
	}
}`

func TestFixAndDiff(t *testing.T) {
	dir := copyDir(t, fixture("modern"))
	file := filepath.Join(dir, "fix", "fix.go")
	before, _ := os.ReadFile(file)
	if err := os.Chmod(file, 0o640); err != nil {
		t.Fatal(err)
	}

	r := trapvet(t, dir, "-vet=false", "-diff", "./fix")
	noCrash(t, r)
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Errorf("-diff changed the file")
	}
	for _, want := range []string{"--- a/fix/fix.go\n+++ b/fix/fix.go\n@@ -8,12 +8,14 @@\n", "-\t\tf, err := open(p)\n", "+\t\tfunc() {\n", "+\t\t}()\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-diff output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 3 || r.stderr != "" {
		t.Errorf("-diff: exit %d, stderr %q", r.code, r.stderr)
	}
	// git apply takes the diff as it is (a/ and b/ paths).
	if _, err := exec.LookPath("git"); err == nil {
		patch := filepath.Join(t.TempDir(), "fix.patch")
		if err := os.WriteFile(patch, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		if g := run(t, dir, "git", "apply", "--check", patch); g.code != 0 {
			t.Errorf("git apply --check rejects the -diff output: %s", g.stderr)
		}
	}

	r = trapvet(t, dir, "-vet=false", "-fix", "./fix")
	noCrash(t, r)
	after, _ := os.ReadFile(file)
	if !strings.Contains(string(after), fixedCloseEach) {
		t.Errorf("-fix result:\n%s", after)
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o640 {
		t.Errorf("-fix changed the mode to %v", info.Mode())
	}
	// The finding without a fix is still reported; the fixed one is gone.
	if r.code != 3 || strings.Count(r.stdout, "(deferloop)") != 1 || !strings.Contains(r.stdout, "WithContinue") {
		t.Errorf("-fix: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if b := run(t, dir, "go", "build", "./fix"); b.code != 0 {
		t.Errorf("fixed code does not build:\n%s", b.stderr)
	}
	entries, _ := os.ReadDir(filepath.Dir(file))
	if len(entries) != 1 {
		t.Errorf("-fix left files behind: %v", entries)
	}
}

func TestHelpAndVersion(t *testing.T) {
	r := trapvet(t, ".", "help")
	for _, want := range []string{"Usage:", "Exit codes: 0 no findings, 3 findings, 1 errors", "-vet=false", "deferloop", "printf", "loopclosure",
		"-scope", "Where each reports by default"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if !regexp.MustCompile(`(?m)^  lostunlock +production,test,testsupport: `).MatchString(r.stdout) {
		t.Errorf("help lacks lostunlock's row of the scope table:\n%s", r.stdout)
	}
	if r.code != 0 {
		t.Errorf("help: exit %d", r.code)
	}
	r = trapvet(t, ".", "help", "deferloop")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "deferloop: ") || !strings.Contains(r.stdout, "# Suppressing") || !strings.Contains(r.stdout, "docs/deferloop.md") {
		t.Errorf("help deferloop: exit %d:\n%s", r.code, r.stdout)
	}
	r = trapvet(t, ".", "help", "printf")
	if r.code != 0 || !strings.Contains(r.stdout, "-printf.funcs") {
		t.Errorf("help printf: exit %d, no -printf.funcs flag:\n%s", r.code, r.stdout)
	}
	r = trapvet(t, ".", "help", "nosuch")
	if r.code != 1 || !strings.Contains(r.stderr, `no analyzer named "nosuch"`) {
		t.Errorf("help nosuch: exit %d, stderr %q", r.code, r.stderr)
	}
	r = trapvet(t, ".", "version")
	if r.code != 0 || !regexp.MustCompile(`^trapvet \S+ .*\(go1\.\d+`).MatchString(r.stdout) {
		t.Errorf("version: exit %d, %q", r.code, r.stdout)
	}
	for _, v := range []string{"-V", "--V", "-V=true"} {
		r = trapvet(t, ".", v)
		if r.code != 0 || !regexp.MustCompile(`^trapvet \S+ .*\(go1\.\d+`).MatchString(r.stdout) || r.stderr != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want the version line", v, r.code, r.stdout, r.stderr)
		}
	}
	r = trapvet(t, ".", "-V=full")
	if r.code != 0 || !regexp.MustCompile(`^\S+ version devel .*buildID=[0-9a-f]+\n$`).MatchString(r.stdout) {
		t.Errorf("-V=full: exit %d, %q", r.code, r.stdout)
	}
	r = trapvet(t, ".", "-flags")
	var flags []struct {
		Name string
		Bool bool
	}
	if err := json.Unmarshal([]byte(r.stdout), &flags); err != nil || r.code != 0 {
		t.Fatalf("-flags: exit %d, %v", r.code, err)
	}
	for _, want := range []string{"vet", "deferloop", "printf", "printf.funcs", "json", "ignores"} {
		if !slices.ContainsFunc(flags, func(f struct {
			Name string
			Bool bool
		}) bool {
			return f.Name == want
		}) {
			t.Errorf("-flags lacks %s", want)
		}
	}
}

// findingLines returns the diagnostic lines of go vet's output, without
// package headers.
func findingLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return lines
}

func TestGoVetTool(t *testing.T) {
	dir := copyDir(t, fixture("modern"))
	writeSelection(t, dir)
	tool := "-vettool=" + trapvetBin
	pkgs := []string{"./vetmix", "./traps", "./ignore"}
	first := goVet(t, dir, append([]string{tool}, pkgs...)...)
	noCrash(t, first)
	if first.code != 1 {
		t.Errorf("go vet -vettool: exit %d, want 1 (findings)", first.code)
	}
	if first.stdout != "" {
		t.Errorf("go vet -vettool: trapvet wrote to stdout in .cfg mode:\n%s", first.stdout)
	}
	for _, want := range []string{
		"vetmix/vetmix.go:40:3: defer f.Close() in loop: every f stays open until OpenAll returns",
		"vetmix/vetmix.go:24:27: fmt.Sprintf format %d has arg name of wrong type string",
		"traps/traps.go:13:3: defer f.Close() in loop",
		"ignore/ignore.go:30:19: trapvet:ignore deferloop needs a reason",
		"ignore/ignore.go:30:3: defer f.Close() in loop",
	} {
		if !strings.Contains(first.stderr, want) {
			t.Errorf("go vet -vettool output lacks %q:\n%s", want, first.stderr)
		}
	}
	if regexp.MustCompile(`ignore/ignore\.go:(1\d|2[0-4]):`).MatchString(first.stderr) { // the suppressed ones; 30 gives no reason
		t.Errorf("suppressed findings reported:\n%s", first.stderr)
	}
	if strings.Count(first.stderr, "traps/traps.go:13:3:") != 1 {
		t.Errorf("finding in a package with tests not reported exactly once:\n%s", first.stderr)
	}

	// A cached rerun prints the same findings and fails the same way.
	second := goVet(t, dir, append([]string{tool}, pkgs...)...)
	if second.code != first.code || !slices.Equal(sorted(findingLines(second.stderr)), sorted(findingLines(first.stderr))) {
		t.Errorf("cached rerun differs: exit %d\n%s\nfirst run:\n%s", second.code, second.stderr, first.stderr)
	}

	off := goVet(t, dir, tool, "-deferloop=false", "./selection")
	if off.code != 1 || strings.Contains(off.stderr, "in loop") || !strings.Contains(off.stderr, "self-assignment of x") {
		t.Errorf("-deferloop=false: exit %d:\n%s", off.code, off.stderr)
	}
	only := goVet(t, dir, tool, "-deferloop", "./selection")
	if only.code != 1 || len(findingLines(only.stderr)) != 2 || !strings.Contains(only.stderr, "in loop") {
		t.Errorf("-deferloop: exit %d:\n%s", only.code, only.stderr)
	}

	js := goVet(t, dir, tool, "-json", "./vetmix")
	tree, err := vetJSON(js.stdout)
	if err != nil {
		t.Fatalf("go vet -vettool -json: %v\nstdout:\n%s\nstderr:\n%s", err, js.stdout, js.stderr)
	}
	if got := tree["example.com/modern/vetmix"]["deferloop"]; len(got) != 1 || got[0].Related[0].Message != "the loop" {
		t.Errorf("go vet -json: deferloop findings %+v", got)
	}
}

// writeSelection writes package selection in the module at dir: a
// finding of trapvet's (deferloop) and one of go vet's suite (assign), and
// no import. go vet keys each unit on the flags it is given, so a run with
// another analyzer selection analyzes this package alone, not the
// standard library below it, as a package with imports would have it.
func writeSelection(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "selection"), 0o755); err != nil {
		t.Fatal(err)
	}
	const selection = "package selection\n\ntype lock struct{ n int }\n\nfunc (l *lock) Lock()   { l.n++ }\nfunc (l *lock) Unlock() { l.n-- }\n\n" +
		"func Each(ls []*lock) int {\n\tfor _, l := range ls {\n\t\tl.Lock()\n\t\tdefer l.Unlock()\n\t}\n\tx := len(ls)\n\tx = x\n\treturn x\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "selection", "selection.go"), []byte(selection), 0o644); err != nil {
		t.Fatal(err)
	}
}

// vetJSON merges go vet's -json output: one object per package unit it
// prints (the go command may replay more than the packages named, from
// its cache), each package → analyzer → diagnostics.
func vetJSON(out string) (jsonTree, error) {
	tree := make(jsonTree)
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var unit jsonTree
		if err := dec.Decode(&unit); err == io.EOF {
			return tree, nil
		} else if err != nil {
			return nil, err
		}
		for pkg, byAnalyzer := range unit {
			if tree[pkg] == nil {
				tree[pkg] = byAnalyzer
				continue
			}
			for a, diags := range byAnalyzer {
				tree[pkg][a] = append(tree[pkg][a], diags...)
			}
		}
	}
}

func sorted(s []string) []string { slices.Sort(s); return s }

func TestGoVetFix(t *testing.T) {
	dir := copyDir(t, fixture("modern"))
	for _, args := range [][]string{
		{"vet", "-vettool=" + trapvetBin, "-fix", "-diff", "./fix"},
		{"fix", "-fixtool=" + trapvetBin, "-diff", "./fix"},
	} {
		r := run(t, dir, "go", args...)
		noCrash(t, r)
		if !strings.Contains(r.stdout, "+\t\tfunc() {\n") || !strings.Contains(r.stdout, "-\t\tf, err := open(p)\n") {
			t.Errorf("go %v: exit %d, stdout:\n%s\nstderr:\n%s", args, r.code, r.stdout, r.stderr)
		}
	}
	r := run(t, dir, "go", "fix", "-fixtool="+trapvetBin, "./fix")
	after, _ := os.ReadFile(filepath.Join(dir, "fix", "fix.go"))
	if !strings.Contains(string(after), fixedCloseEach) {
		t.Errorf("go fix -fixtool: exit %d, stderr %s, result:\n%s", r.code, r.stderr, after)
	}
}

// TestGoVetFixLeftovers checks that go vet -vettool=trapvet -fix applies
// the fixes and, like standalone -fix, prints the findings it could not
// fix (on standard output, which go vet caches with the result; go vet
// exits 0, as it applies only the fixes of a tool that succeeded).
func TestGoVetFixLeftovers(t *testing.T) {
	dir := copyDir(t, fixture("modern"))
	r := goVet(t, dir, "-vettool="+trapvetBin, "-fix", "./fix")
	noCrash(t, r)
	after, _ := os.ReadFile(filepath.Join(dir, "fix", "fix.go"))
	if !strings.Contains(string(after), fixedCloseEach) {
		t.Errorf("go vet -fix did not apply the fix: exit %d, stderr %s, result:\n%s", r.code, r.stderr, after)
	}
	if r.code != 0 || strings.Count(r.stdout, "(deferloop)") != 1 || !strings.Contains(r.stdout, "until WithContinue returns (deferloop)") || r.stderr != "" {
		t.Errorf("go vet -fix: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0 and the one unfixed deferloop finding", r.code, r.stdout, r.stderr)
	}
}

// allOff returns the flags turning each of trapvet's own analyzers off.
func allOff() []string {
	var args []string
	for _, a := range analyzers.All {
		args = append(args, "-"+a.Name+"=false")
	}
	return args
}

// extended reports whether a trapvet analyzer extends the named vet one.
func extended(name string) bool {
	for _, e := range analyzers.Extensions() {
		if e.Extended.Name == name {
			return true
		}
	}
	return false
}

// supersededOn reports whether a vet finding is missing because a
// trapvet analyzer that extends the vet one reported on the same line
// (analyzers.Extensions): some line of out, not a vet finding, has the
// same file:line: prefix.
func supersededOn(vetLine string, out, vetLines []string) bool {
	parts := strings.SplitN(vetLine, ":", 3)
	if len(parts) < 3 {
		return false
	}
	prefix := parts[0] + ":" + parts[1] + ":"
	for _, l := range out {
		if strings.HasPrefix(l, prefix) && !slices.ContainsFunc(vetLines, func(v string) bool { return strings.HasPrefix(l, v) }) {
			return true
		}
	}
	return false
}

// TestDropInVet is issue 12's contract: switching from "go vet" to
// "go vet -vettool=trapvet" loses no vet finding and adds trapvet's;
// -vet=false leaves vet's out; standalone trapvet agrees.
func TestDropInVet(t *testing.T) {
	for _, tc := range []struct {
		dir, pkg string
		vetWant  []string // analyzers plain go vet must report here
	}{
		{"modern", "./vetmix", []string{"printf", "copylocks", "lostcancel"}},
		{"go121", "./loops", []string{"loopclosure"}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			dir := fixture(tc.dir)
			plain := findingLines(goVet(t, dir, tc.pkg).stderr)
			if len(plain) < len(tc.vetWant) {
				t.Fatalf("plain go vet reports %d findings, want at least %d: %q", len(plain), len(tc.vetWant), plain)
			}
			tool := goVet(t, dir, "-vettool="+trapvetBin, tc.pkg)
			toolLines := findingLines(tool.stderr)
			for _, l := range plain {
				if !slices.Contains(toolLines, l) && !supersededOn(l, toolLines, plain) {
					t.Errorf("go vet reports %q, go vet -vettool=trapvet does not:\n%s", l, tool.stderr)
				}
			}
			if !strings.Contains(tool.stderr, "in loop: ") {
				t.Errorf("go vet -vettool=trapvet adds no trapvet finding:\n%s", tool.stderr)
			}

			// Standalone: the same findings, each tagged with its analyzer.
			std := trapvet(t, dir, tc.pkg)
			stdLines := strings.Split(std.stdout, "\n")
			for _, l := range plain {
				if !strings.Contains(std.stdout, l+" (") && !supersededOn(l, stdLines, plain) {
					t.Errorf("standalone trapvet lacks %q:\n%s", l, std.stdout)
				}
			}
			for _, a := range tc.vetWant {
				if !strings.Contains(std.stdout, "("+a+")") && !extended(a) {
					t.Errorf("standalone trapvet has no %s finding:\n%s", a, std.stdout)
				}
			}
		})
	}
	// -vet=false leaves go vet's suite out and keeps trapvet's analyzers,
	// on a package with a finding of each (writeSelection).
	dir := copyDir(t, fixture("modern"))
	writeSelection(t, dir)
	withVet := goVet(t, dir, "-vettool="+trapvetBin, "./selection")
	alone := goVet(t, dir, "-vettool="+trapvetBin, "-vet=false", "./selection")
	if !strings.Contains(withVet.stderr, "self-assignment of x") || !strings.Contains(withVet.stderr, "in loop: ") {
		t.Errorf("go vet -vettool=trapvet: exit %d, want both findings:\n%s", withVet.code, withVet.stderr)
	}
	if strings.Contains(alone.stderr, "self-assignment") || !strings.Contains(alone.stderr, "in loop: ") || alone.code != 1 {
		t.Errorf("-vet=false: exit %d, want trapvet's finding alone:\n%s", alone.code, alone.stderr)
	}
}

// TestGoVetTags checks that go vet's "-tags integration" (two arguments,
// forwarded as given) is taken for the vet protocol, and the tag applies.
// The package imports nothing and has no tests, so that each build
// configuration costs the analysis of that package alone, not of the
// standard library below it.
func TestGoVetTags(t *testing.T) {
	dir := copyDir(t, fixture("modern"))
	for name, content := range map[string]string{
		"tagged.go":   "//go:build integration\n\npackage tagged\n\nfunc Tagged() int {\n\tx := 1\n\tx = x\n\treturn x\n}\n",
		"untagged.go": "package tagged\n",
	} {
		if err := os.MkdirAll(filepath.Join(dir, "tagged"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "tagged", name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tags := range [][]string{{"-tags", "integration"}, {"-tags=integration"}} {
		r := goVet(t, dir, append(append([]string{"-vettool=" + trapvetBin}, tags...), "./tagged")...)
		noCrash(t, r)
		if r.code != 1 || !strings.Contains(r.stderr, "tagged.go:7:") || strings.Contains(r.stderr, "outside main module") {
			t.Errorf("go vet %v: exit %d, stderr:\n%s\nwant the self-assignment in tagged.go", tags, r.code, r.stderr)
		}
	}
	// Standalone, through the cache: the tag is part of each package's
	// key, so the run without it does not reuse the tagged findings.
	for _, tc := range []struct {
		args []string
		want bool
	}{{[]string{"-tags", "integration"}, true}, {nil, false}, {[]string{"-tags=integration"}, true}} {
		r := trapvet(t, dir, append(tc.args, "-test=false", "./tagged")...)
		noCrash(t, r)
		if got := strings.Contains(r.stdout, "tagged.go:7:"); got != tc.want {
			t.Errorf("trapvet %v: exit %d, tagged.go reported %v, want %v; stdout:\n%s\nstderr:\n%s", tc.args, r.code, got, tc.want, r.stdout, r.stderr)
		}
	}
}

// TestFixFormats checks that -fix reports what it left in the chosen
// format: -fix -format=sarif applies the fixes and writes SARIF.
func TestFixFormats(t *testing.T) {
	dir := copyDir(t, fixture("modern"))
	r := trapvet(t, dir, "-vet=false", "-fix", "-format=sarif", "./fix")
	noCrash(t, r)
	after, _ := os.ReadFile(filepath.Join(dir, "fix", "fix.go"))
	if !strings.Contains(string(after), fixedCloseEach) {
		t.Errorf("-fix -format=sarif did not fix:\n%s", after)
	}
	log := checkSARIF(t, []byte(r.stdout))
	if r.code != 3 || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 || !strings.Contains(log.Runs[0].Results[0].Message.Text, "WithContinue") {
		t.Errorf("-fix -format=sarif: exit %d, stdout:\n%s\nstderr:\n%s\nwant SARIF with the one unfixed finding", r.code, r.stdout, r.stderr)
	}
}

// TestDirectives checks, in both modes, that go vet's analyzers honour
// //trapvet:ignore and //nolint like trapvet's own, and that a directive
// naming no analyzer, or suppressing nothing, is reported.
func TestDirectives(t *testing.T) {
	want := []string{
		"directives/directives.go:24:2: trapvet:ignore deferloop suppresses no finding: remove it, or put it on the reported line or the line above",
		"directives/directives.go:25:14: fmt.Printf format %d has arg name of wrong type string",
		`directives/directives.go:33:3: trapvet:ignore names "deferlop", which is no analyzer, so it suppresses nothing there: correct the name (trapvet help lists them)`,
		"directives/directives.go:34:3: defer f.Close() in loop: every f stays open until Misspelled returns",
		"directives/directives.go:40:2: trapvet:ignore deferloop suppresses no finding: remove it, or put it on the reported line or the line above",
		"directives/directives.go:48:14: fmt.Printf format %d has arg name of wrong type string",
		"directives/directives.go:48:27: trapvet:ignore printf needs a reason after the analyzer names (why is this finding wrong or accepted?); without one it suppresses nothing",
		"directives/directives.go:55:3: defer f.Close() in loop: every f stays open until OwnNoReason returns",
		"directives/directives.go:55:19: trapvet:ignore deferloop needs a reason after the analyzer names (why is this finding wrong or accepted?); without one it suppresses nothing",
	}
	// The default flags, with which the tests before have analyzed and
	// vetted the standard library below the fixture already.
	dir := fixture("modern")
	alone := trapvet(t, dir, "./directives")
	noCrash(t, alone)
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(alone.stdout), "\n") {
		if !strings.HasPrefix(line, "\t") {
			got = append(got, line[:strings.LastIndex(line, " (")])
		}
	}
	if alone.code != 3 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("standalone: exit %d, got:\n%s\nwant:\n%s\nstderr:\n%s", alone.code, strings.Join(got, "\n"), strings.Join(want, "\n"), alone.stderr)
	}
	vet := goVet(t, dir, "-vettool="+trapvetBin, "./directives")
	noCrash(t, vet)
	got = nil
	for _, line := range findingLines(vet.stderr) {
		if !strings.Contains(line, ": \t") { // related information
			got = append(got, line)
		}
	}
	if vet.code != 1 || strings.Join(sorted(got), "\n") != strings.Join(sorted(slices.Clone(want)), "\n") {
		t.Errorf("go vet: exit %d, got:\n%s\nwant:\n%s\nstderr:\n%s", vet.code, strings.Join(got, "\n"), strings.Join(want, "\n"), vet.stderr)
	}
	// With the directives' analyzer left out, an unused directive for it
	// is not reported: it may be needed when that analyzer runs.
	some := trapvet(t, dir, "-printf", "./directives")
	if strings.Contains(some.stdout, "suppresses no finding") || !strings.Contains(some.stdout, `names "deferlop"`) {
		t.Errorf("-printf alone: stdout:\n%s", some.stdout)
	}
}

// TestCgo checks that trapvet reports on a user's file that imports "C",
// in both modes, at the user's positions, and honours its directives,
// instead of taking cgo's rewrite of it for generated code.
func TestCgo(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler")
	}
	const deferloop = "loops/loops.go:26:3: defer f.Close() in loop: every f stays open until OpenAll returns"
	// The default flags, with which the tests before have analyzed and
	// vetted most of the standard library below the fixture already (go
	// vet's printf finding there is no part of the checks).
	dir := copyDir(t, fixture("cgo"))
	alone := trapvet(t, dir, "./...")
	noCrash(t, alone)
	if alone.code != 3 || !strings.Contains(alone.stdout, deferloop+" (deferloop)") || strings.Count(alone.stdout, "(deferloop)") != 1 || alone.stderr != "" {
		t.Errorf("standalone: exit %d, stdout:\n%s\nstderr:\n%s", alone.code, alone.stdout, alone.stderr)
	}
	vet := goVet(t, dir, "-vettool="+trapvetBin, "./...")
	noCrash(t, vet)
	if vet.code != 1 || !strings.Contains(vet.stderr, deferloop+"\n") || strings.Count(vet.stderr, "defer f.Close()") != 1 {
		t.Errorf("go vet: exit %d, stderr:\n%s", vet.code, vet.stderr)
	}
	// A fix would edit cgo's output in the build cache: none is offered.
	diff := trapvet(t, dir, "-diff", "./...")
	if strings.Contains(diff.stdout, "go-build") || strings.Contains(diff.stdout, "+++") {
		t.Errorf("-diff offers a fix on cgo's output:\n%s", diff.stdout)
	}
}
