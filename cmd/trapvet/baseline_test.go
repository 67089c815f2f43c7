package main_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The tests of -baseline, -baseline-write and -new-from-* run trapvet in
// git repositories built here: commits, a branch, its merge base, a file
// renamed, code moved, a file reformatted (docs/adopting.md).

// gitRepo makes a git repository holding a module with files, committed
// on branch main.
func gitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	writeFiles(t, dir, files)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "first")
	return dir
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=trapvet test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=trapvet test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// openLoop returns a function with a deferloop finding (the defer; the
// loop is its related position).
func openLoop(name string) string {
	return `
func ` + name + `(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
	}
	return nil
}
`
}

const header = "package p\n\nimport \"os\"\n"

// findingLines returns the findings of text output, "file:line (analyzer)".
func reported(stdout string) []string {
	var got []string
	for line := range strings.Lines(stdout) {
		if strings.HasPrefix(line, "\t") || strings.TrimSpace(line) == "" {
			continue
		}
		file, rest, _ := strings.Cut(line, ":")
		lineNo, _, _ := strings.Cut(rest, ":")
		got = append(got, file+":"+lineNo)
	}
	return got
}

func TestBaselineFile(t *testing.T) {
	// The first version is not gofmt-formatted; a later commit formats it.
	unformatted := header + strings.ReplaceAll(strings.ReplaceAll(openLoop("OpenAll"), "\t", "    "), "f, err := os.Open(p)", "f,err:=os.Open( p )") + openLoop("ReadAll")
	dir := gitRepo(t, map[string]string{
		"go.mod": "module example.com/adopt\n\ngo 1.25\n",
		"p/p.go": unformatted,
	})
	check := func(step string, r result, code int, want ...string) {
		t.Helper()
		noCrash(t, r)
		if got := reported(r.stdout); r.code != code || !slices.Equal(got, want) {
			t.Errorf("%s: exit %d, findings %q; want exit %d, %q\nstderr:\n%s", step, r.code, got, code, want, r.stderr)
		}
	}
	r := trapvet(t, dir, "-baseline-write", ".trapvet-baseline", "./...")
	check("-baseline-write", r, 0)
	if !strings.Contains(r.stderr, ".trapvet-baseline records 2 findings") {
		t.Errorf("-baseline-write says:\n%s", r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".trapvet-baseline"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for line := range strings.Lines(string(data)) {
		if !strings.HasPrefix(line, "#") {
			f := strings.Split(strings.TrimSpace(line), "\t")
			rows = append(rows, strings.Join(f[2:5], " "))
		}
	}
	if want := []string{"deferloop p/p.go func OpenAll", "deferloop p/p.go func ReadAll"}; !slices.Equal(rows, want) {
		t.Errorf("baseline rows %q, want %q:\n%s", rows, want, data)
	}
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "baseline")

	r = trapvet(t, dir, "-baseline", ".trapvet-baseline", "./...")
	check("unchanged", r, 0)
	if !strings.Contains(r.stderr, "2 findings held back by the baseline .trapvet-baseline") {
		t.Errorf("no count of what was held back:\n%s", r.stderr)
	}

	// Each edit keeps both findings held back.
	src := func() string {
		data, err := os.ReadFile(filepath.Join(dir, "p", "files.go")) // once renamed
		if err != nil {
			data, _ = os.ReadFile(filepath.Join(dir, "p", "p.go"))
		}
		return string(data)
	}
	for _, edit := range []struct {
		name string
		do   func()
	}{
		{"reformatted", func() { run(t, dir, "gofmt", "-w", "p/p.go") }},
		{"lines inserted above", func() {
			writeFiles(t, dir, map[string]string{"p/p.go": strings.Replace(src(), header, header+"\n// Answer is asked for.\nconst Answer = 42\n\nvar x, y = 1, 2\n", 1)})
		}},
		{"function moved within the file", func() {
			s := src()
			i := strings.Index(s, "\nfunc OpenAll")
			j := strings.Index(s, "\nfunc ReadAll")
			writeFiles(t, dir, map[string]string{"p/p.go": s[:i] + s[j:] + s[i:j]})
		}},
		{"file renamed", func() { git(t, dir, "mv", "p/p.go", "p/files.go") }},
	} {
		edit.do()
		git(t, dir, "commit", "-q", "-am", edit.name)
		check(edit.name, trapvet(t, dir, "-baseline", ".trapvet-baseline", "./..."), 0)
	}

	// A new finding is reported, the old ones still held back.
	writeFiles(t, dir, map[string]string{"p/more.go": header + openLoop("WriteAll")})
	r = trapvet(t, dir, "-baseline", ".trapvet-baseline", "./...")
	check("a new finding", r, 3, "p/more.go:11")

	// SARIF: the new one new, the held-back ones unchanged and
	// suppressed externally; after a fix, the fixed one absent.
	s := src()
	writeFiles(t, dir, map[string]string{"p/files.go": strings.Replace(s, openLoop("ReadAll"), "", 1)})
	r = trapvet(t, dir, "-baseline", ".trapvet-baseline", "-format=sarif", "./...")
	validateSARIFSchema(t, []byte(r.stdout))
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID        string `json:"ruleId"`
				Kind          string `json:"kind"`
				BaselineState string `json:"baselineState"`
				Message       struct{ Text string }
				Suppressions  []struct{ Kind string }
				Partial       map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, res := range log.Runs[0].Results {
		st := res.BaselineState + " " + res.Kind
		if len(res.Suppressions) > 0 {
			st += " " + res.Suppressions[0].Kind
		}
		if res.Partial["trapvet/v2"] == "" {
			t.Errorf("result without fingerprint: %+v", res)
		}
		states = append(states, strings.TrimSpace(st)+": "+res.Message.Text)
	}
	slices.Sort(states)
	want := []string{
		"absent pass: no longer found: defer f.Close() in loop: every f stays open until ReadAll returns",
		"new: defer f.Close() in loop: every f stays open until WriteAll returns",
		"unchanged  external: defer f.Close() in loop: every f stays open until OpenAll returns",
	}
	if !slices.Equal(states, want) || r.code != 3 {
		t.Errorf("SARIF (exit %d) results:\n%s\nwant:\n%s", r.code, strings.Join(states, "\n"), strings.Join(want, "\n"))
	}

	// A finding fixed, the baseline rewritten (held-back entries only),
	// then the finding reintroduced: it is new.
	r = trapvet(t, dir, "-baseline", ".trapvet-baseline", "-baseline-write", ".trapvet-baseline", "./...")
	check("fixed, baseline rewritten", r, 3, "p/more.go:11")
	if !strings.Contains(r.stderr, "records 1 finding") {
		t.Errorf("rewriting the baseline:\n%s", r.stderr)
	}
	writeFiles(t, dir, map[string]string{"p/files.go": s})
	check("reintroduced", trapvet(t, dir, "-baseline", ".trapvet-baseline", "./p"), 3, "p/files.go:16", "p/more.go:11")

	// A run over part of the module leaves the rest of the baseline be.
	writeFiles(t, dir, map[string]string{"q/q.go": strings.Replace(header, "package p", "package q", 1) + openLoop("Q")})
	trapvet(t, dir, "-baseline-write", ".trapvet-baseline", "./...")
	r = trapvet(t, dir, "-baseline", ".trapvet-baseline", "-baseline-write", ".trapvet-baseline", "./q")
	check("part of the module", r, 0)
	if !strings.Contains(r.stderr, "records 4 findings") {
		t.Errorf("a partial run dropped entries it did not check:\n%s", r.stderr)
	}
	// A package deleted: its entries are no longer found, and dropped.
	if err := os.RemoveAll(filepath.Join(dir, "q")); err != nil {
		t.Fatal(err)
	}
	r = trapvet(t, dir, "-baseline", ".trapvet-baseline", "-baseline-write", ".trapvet-baseline", "./...")
	check("a package deleted", r, 0)
	if !strings.Contains(r.stderr, "records 3 findings") {
		t.Errorf("the deleted package's entry was kept:\n%s", r.stderr)
	}

	// Mistakes are errors before any analysis.
	for _, tc := range []struct{ args, want string }{
		{"-baseline nosuch", "-baseline: open "},
		{"-new-from-rev HEAD -new-from-patch x.diff", "-new-from-rev and -new-from-patch: give one of them"},
		{"-baseline-write b -new-from-rev HEAD", "-baseline-write records all findings and cannot be combined with -new-from-rev"},
	} {
		r := trapvet(t, dir, append(strings.Fields(tc.args), "./...")...)
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want 1 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	writeFiles(t, dir, map[string]string{"bad-baseline": "fingerprint\tetc\n"})
	if r := trapvet(t, dir, "-baseline", "bad-baseline", "./..."); r.code != 1 || !strings.Contains(r.stderr, "not a trapvet baseline") {
		t.Errorf("a file that is no baseline: exit %d, %s", r.code, r.stderr)
	}
}

func TestNewFromRev(t *testing.T) {
	dir := gitRepo(t, map[string]string{
		"go.mod":   "module example.com/adopt\n\ngo 1.25\n",
		"p/p.go":   header + openLoop("OpenAll") + openLoop("ReadAll"),
		"p/old.go": header + openLoop("Old"),
	})
	git(t, dir, "checkout", "-q", "-b", "feature")
	writeFiles(t, dir, map[string]string{"p/new.go": header + openLoop("New")})
	git(t, dir, "mv", "p/old.go", "p/renamed.go")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "feature")
	git(t, dir, "checkout", "-q", "main")
	writeFiles(t, dir, map[string]string{"p/main.go": "package p\n\n// OnMain is unlike any file of the branch.\nfunc OnMain() int { return 1 }\n"})
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "main moves on")
	git(t, dir, "checkout", "-q", "feature")
	// Not committed: ReadAll's loop changed (the finding's related
	// position), and an untracked file.
	data, _ := os.ReadFile(filepath.Join(dir, "p", "p.go"))
	i := strings.LastIndex(string(data), "for _, p := range paths {")
	writeFiles(t, dir, map[string]string{
		"p/p.go":         string(data[:i]) + "for _, p := range paths[1:] {" + string(data[i+len("for _, p := range paths {"):]),
		"p/untracked.go": header + openLoop("Untracked"),
	})

	check := func(args string, want ...string) result {
		t.Helper()
		r := trapvet(t, dir, append(strings.Fields(args), "./...")...)
		noCrash(t, r)
		if got := reported(r.stdout); !slices.Equal(got, want) {
			t.Errorf("%s: findings %q, want %q\nstderr:\n%s", args, got, want, r.stderr)
		}
		return r
	}
	r := check("-new-from-merge-base main", "p/new.go:11", "p/p.go:22", "p/untracked.go:11")
	if !strings.Contains(r.stderr, "2 findings held back: not on lines changed since the merge base of main and HEAD") {
		t.Errorf("no count of what was held back:\n%s", r.stderr)
	}
	check("-new-from-rev main", "p/new.go:11", "p/p.go:22", "p/untracked.go:11")
	check("-new-from-rev HEAD", "p/p.go:22", "p/untracked.go:11")

	// The same from a diff file: git diff's, with a/ and b/.
	patch := git(t, dir, "diff", "HEAD")
	patchFile := filepath.Join(t.TempDir(), "pr.diff")
	writeFiles(t, filepath.Dir(patchFile), map[string]string{"pr.diff": patch})
	check("-new-from-patch "+patchFile, "p/p.go:22")

	for _, tc := range []struct{ args, want string }{
		{"-new-from-rev nosuch", `-new-from-rev: no revision "nosuch"`},
		{"-new-from-patch " + filepath.Join(dir, "go.mod"), "-new-from-patch: not a unified diff"},
	} {
		if r := trapvet(t, dir, append(strings.Fields(tc.args), "./...")...); r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want 1 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	plain := copyDir(t, fixture("modern"))
	if r := trapvet(t, plain, "-new-from-rev", "HEAD", "./..."); r.code != 1 || !strings.Contains(r.stderr, "is not in a git repository") {
		t.Errorf("outside a repository: exit %d, stderr %q", r.code, r.stderr)
	}
}

// vetHeader is header with os.Open and *os.File from a package of the
// module that imports nothing: go vet keys every package's result, the
// standard library's too, on the tool's -V=full answer, which includes
// TRAPVET_BASELINE and TRAPVET_NEW_FROM_PATCH, so that with os each
// setting below would analyze os's thirty dependencies again.
const vetHeader = "package p\n\nimport os \"example.com/adopt/osfile\"\n"

const osFile = "package osfile\n\ntype File struct{}\n\nfunc Open(string) (*File, error) { return &File{}, nil }\n\nfunc (*File) Close() error { return nil }\n"

// TestVetBaseline checks go vet mode's environment variables against the
// standalone flags: the same findings held back.
func TestVetBaseline(t *testing.T) {
	dir := gitRepo(t, map[string]string{
		"go.mod":           "module example.com/adopt\n\ngo 1.25\n",
		"osfile/osfile.go": osFile,
		"p/p.go":           vetHeader + openLoop("OpenAll") + openLoop("ReadAll"),
	})
	trapvet(t, dir, "-baseline-write", ".trapvet-baseline", "./...")
	writeFiles(t, dir, map[string]string{"p/more.go": vetHeader + openLoop("WriteAll")})
	vet := func(envs ...string) result {
		t.Helper()
		cmd := exec.Command("go", "vet", "-vettool="+trapvetBin, "./...")
		cmd.Dir = dir
		cmd.Env = append(env(), envs...)
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		}
		return result{code, out.String(), errb.String()}
	}
	deferLines := func(s string) []string {
		var got []string
		for line := range strings.Lines(s) {
			if strings.Contains(line, "in loop:") {
				file, rest, _ := strings.Cut(line, ":")
				lineNo, _, _ := strings.Cut(rest, ":")
				got = append(got, strings.TrimPrefix(file, "./")+":"+lineNo)
			}
		}
		return got
	}
	std := trapvet(t, dir, "-baseline", ".trapvet-baseline", "./...")
	if got := reported(std.stdout); !slices.Equal(got, []string{"p/more.go:11"}) {
		t.Fatalf("standalone: %q", got)
	}
	// A relative name is found in a parent of the package's directory.
	r := vet("TRAPVET_BASELINE=.trapvet-baseline")
	if got := deferLines(r.stderr); !slices.Equal(got, []string{"p/more.go:11"}) || r.code == 0 {
		t.Errorf("go vet with TRAPVET_BASELINE: exit %d, findings %q, want p/more.go:11 alone\n%s", r.code, got, r.stderr)
	}
	if r := vet(); len(deferLines(r.stderr)) != 3 {
		t.Errorf("go vet without it: %s", r.stderr)
	}
	// TRAPVET_NEW_FROM_PATCH: ReadAll's defer line changed.
	data, _ := os.ReadFile(filepath.Join(dir, "p", "p.go"))
	i := strings.LastIndex(string(data), "defer f.Close()")
	writeFiles(t, dir, map[string]string{"p/p.go": string(data[:i]) + "defer f.Close() // still\n" + string(data[i+len("defer f.Close()\n"):])})
	patch := filepath.Join(t.TempDir(), "pr.diff")
	writeFiles(t, filepath.Dir(patch), map[string]string{"pr.diff": git(t, dir, "diff", "HEAD")})
	r = vet("TRAPVET_NEW_FROM_PATCH=" + patch)
	if got := deferLines(r.stderr); !slices.Equal(got, []string{"p/p.go:22"}) {
		t.Errorf("go vet with TRAPVET_NEW_FROM_PATCH: findings %q, want p/p.go:22 alone\n%s", got, r.stderr)
	}
	if r := vet("TRAPVET_BASELINE=nosuch"); !strings.Contains(r.stderr, "TRAPVET_BASELINE: no nosuch in ") {
		t.Errorf("a missing baseline: %s", r.stderr)
	}
}
