package golangci_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// gclVersion is the golangci-lint release the plugin is built into: the
// newest when this was written. Its go.mod pins golang.org/x/tools at the
// version trapvet requires, so the custom binary builds with both.
const gclVersion = "v2.15.0"

// TestCustomGCL builds a golangci-lint binary with trapvet's plugins the way
// users do, "golangci-lint custom" reading a .custom-gcl.yml whose path:
// is this working tree, and runs it on a fixture module.
//
// "golangci-lint custom" clones golangci-lint's GitHub repository with git.
// This machine reaches the Go module proxy but not GitHub, so the test
// fetches the release's source as a Go module, makes it a git repository
// tagged like the release, and points git's url.insteadOf at it: every
// other step is golangci-lint's own.
func TestCustomGCL(t *testing.T) {
	if os.Getenv("TRAPVET_INTEGRATION") == "" {
		t.Skip("builds golangci-lint from source, which takes minutes: run make integration")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found: golangci-lint custom needs it")
	}
	dl := exec.Command("go", "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+gclVersion)
	out, err := dl.Output()
	var mod struct{ Dir, Error string }
	json.Unmarshal(out, &mod)
	if err != nil || mod.Dir == "" {
		t.Skipf("golangci-lint %s's source cannot be fetched as a Go module here (%v %s): skipping the custom build", gclVersion, err, mod.Error)
	}

	work := t.TempDir()
	repo := filepath.Join(work, "golangci-lint.git")
	if err := os.CopyFS(repo, os.DirFS(mod.Dir)); err != nil {
		t.Fatal(err)
	}
	gitEnv := []string{"GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=trapvet", "GIT_AUTHOR_EMAIL=test@trapvet.invalid", "GIT_COMMITTER_NAME=trapvet", "GIT_COMMITTER_EMAIL=test@trapvet.invalid"}
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"commit", "-q", "-m", "golangci-lint " + gclVersion},
		{"tag", gclVersion},
	} {
		mustRun(t, repo, gitEnv, "git", args...)
	}
	gcl := filepath.Join(work, "golangci-lint")
	mustRun(t, repo, nil, "go", "build", "-o", gcl, "./cmd/golangci-lint")

	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	build := filepath.Join(work, "build")
	os.MkdirAll(build, 0o755)
	customYML := fmt.Sprintf(`version: %s
name: custom-gcl
destination: ./bin
plugins:
  - module: github.com/trapvet/trapvet
    import: github.com/trapvet/trapvet/plugin/golangci
    path: %s
`, gclVersion, root)
	if err := os.WriteFile(filepath.Join(build, ".custom-gcl.yml"), []byte(customYML), 0o644); err != nil {
		t.Fatal(err)
	}
	// git, run by golangci-lint custom, fetches the release from repo.
	cloneEnv := append(gitEnv,
		"GIT_CONFIG_COUNT=1",
		"GIT_CONFIG_KEY_0=url.file://"+filepath.ToSlash(repo)+".insteadOf",
		"GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git",
	)
	mustRun(t, build, cloneEnv, gcl, "custom", "-v")
	custom := filepath.Join(build, "bin", "custom-gcl")

	mod2 := filepath.Join(work, "gclmod")
	if err := os.CopyFS(mod2, os.DirFS("testdata/gclmod")); err != nil {
		t.Fatal(err)
	}
	lint := func(config string) []string {
		t.Helper()
		cmd := exec.Command(custom, "run", "-c", config, "--output.json.path=stdout", "--output.text.path=stderr", "--show-stats=false", "./...")
		cmd.Dir = mod2
		cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+filepath.Join(work, "lintcache"))
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
			t.Fatalf("custom-gcl run -c %s: %v\n%s", config, err, stderr.String())
		}
		var report struct {
			Issues []struct {
				FromLinter, Text string
				Pos              struct {
					Filename     string
					Line, Column int
				}
			}
		}
		if err := json.Unmarshal(out, &report); err != nil {
			t.Fatalf("custom-gcl run -c %s: output is not JSON: %v\n%s\nstderr:\n%s", config, err, out, stderr.String())
		}
		var got []string
		for _, is := range report.Issues {
			if strings.Contains(is.Text, "(related information)") {
				continue // golangci-lint shows each related place as an issue of its own
			}
			got = append(got, fmt.Sprintf("%s:%d: %s: %s", is.Pos.Filename, is.Pos.Line, is.FromLinter, is.Text))
		}
		slices.Sort(got)
		return got
	}

	// One linter per analyzer: findings under the analyzer's name, its
	// settings applied (deferloop tests: true), nolint:loopcapture obeyed.
	want := []string{
		"traps/traps.go:17: deferloop: defer f.Close() in loop",
		"traps/traps.go:28: loopcapture: goroutine reads variable name, declared outside the loop, after the loop has changed it (every goroutine sees the last value)",
		"traps/traps_test.go:16: deferloop: defer f.Close() in loop",
	}
	if got := lint(".golangci.yml"); !matches(got, want) {
		t.Errorf("custom-gcl with one plugin per analyzer:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The trapvet plugin: every analyzer as one linter (golangci-lint puts
	// the analyzer's name before the message), loopcapture left out by its
	// settings, tests at deferloop's default (off).
	want = []string{
		"traps/traps.go:17: trapvet: deferloop: defer f.Close() in loop",
		"traps/traps.go:28: trapvet: fmtlog: fmt.Fprintln used as logging in a package that logs with slog",
		"traps/traps.go:39: trapvet: fmtlog: fmt.Fprintln used as logging in a package that logs with slog",
	}
	if got := lint("suite.golangci.yml"); !matches(got, want) {
		t.Errorf("custom-gcl with the trapvet plugin:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// matches reports whether each line of got starts with the line of want
// at its index.
func matches(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !strings.HasPrefix(got[i], want[i]) {
			return false
		}
	}
	return true
}

func mustRun(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}
