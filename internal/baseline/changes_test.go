package baseline

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// GitEnv sets the environment a test's git commands need: an identity,
// no user or system configuration, a fixed default branch.
func gitEnv(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	for k, v := range map[string]string{
		"GIT_AUTHOR_NAME": "trapvet test", "GIT_AUTHOR_EMAIL": "test@example.com",
		"GIT_COMMITTER_NAME": "trapvet test", "GIT_COMMITTER_EMAIL": "test@example.com",
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
	} {
		t.Setenv(k, v)
	}
}

func run(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// numbered returns n lines "name 1" ... "name n", with line k replaced by
// the replacement given for it ("" deletes it).
func numbered(name string, n int, edits map[int]string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		line, ok := edits[i]
		if !ok {
			line = fmt.Sprintf("%s %d", name, i)
		} else if line == "" {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func TestFromGit(t *testing.T) {
	gitEnv(t)
	dir := t.TempDir()
	run(t, dir, "git", "init", "-q", "-b", "main")
	write(t, dir, "a.go", numbered("a", 20, nil))
	write(t, dir, "b.go", numbered("b", 10, nil))
	write(t, dir, "sub/old.go", numbered("old", 30, nil))
	run(t, dir, "git", "add", ".")
	run(t, dir, "git", "commit", "-q", "-m", "first")

	run(t, dir, "git", "checkout", "-q", "-b", "feature")
	write(t, dir, "a.go", numbered("a", 20, map[int]string{5: "a 5 changed", 10: ""}))
	run(t, dir, "git", "mv", "sub/old.go", "sub/new.go")
	write(t, dir, "c.go", numbered("c", 3, nil))
	run(t, dir, "git", "add", ".")
	run(t, dir, "git", "commit", "-q", "-m", "feature work")
	run(t, dir, "git", "checkout", "-q", "main")
	write(t, dir, "b.go", numbered("b", 10, map[int]string{3: "b 3 on main"}))
	run(t, dir, "git", "commit", "-q", "-am", "main moves on")
	run(t, dir, "git", "checkout", "-q", "feature")
	// Not committed: a change to a tracked file and an untracked file.
	write(t, dir, "a.go", numbered("a", 20, map[int]string{5: "a 5 changed", 10: "", 18: "a 18 in the working tree"}))
	write(t, dir, "u.go", numbered("u", 4, nil))

	abs := func(name string) string { return filepath.Join(dir, name) }
	mb, _, err := FromGit(filepath.Join(dir, "sub"), "main", true)
	if err != nil {
		t.Fatal(err)
	}
	// a.go in the working tree: line 5 changed, old line 10 removed (the
	// new lines 9 and 10 meet there), line 17 is old line 18, changed.
	for _, tc := range []struct {
		file     string
		from, to int
		want     bool
	}{
		{"a.go", 5, 5, true},
		{"a.go", 4, 4, false},
		{"a.go", 6, 6, false},
		{"a.go", 8, 8, false},
		{"a.go", 9, 9, true},
		{"a.go", 10, 10, true},
		{"a.go", 11, 11, false},
		{"a.go", 17, 17, true},
		{"a.go", 1, 4, false},
		{"a.go", 1, 5, true},         // a range touching a changed line
		{"b.go", 3, 3, false},        // changed on main after the merge base
		{"sub/new.go", 1, 30, false}, // renamed, not changed
		{"c.go", 2, 2, true},         // committed on the branch
		{"u.go", 1, 1, true},         // untracked
	} {
		if got := mb.Touches(abs(tc.file), tc.from, tc.to); got != tc.want {
			t.Errorf("merge base: %s:%d-%d touched = %v, want %v", tc.file, tc.from, tc.to, got, tc.want)
		}
	}
	// Against main itself, main's own change to b.go shows as changed.
	rev, _, err := FromGit(dir, "main", false)
	if err != nil {
		t.Fatal(err)
	}
	if !rev.Touches(abs("b.go"), 3, 3) || !rev.Touches(abs("a.go"), 5, 5) {
		t.Errorf("-new-from-rev main: b.go:3 or a.go:5 not changed")
	}
	// Since the branch's own commit: only the working tree's changes.
	head, _, err := FromGit(dir, "HEAD", false)
	if err != nil {
		t.Fatal(err)
	}
	if head.Touches(abs("a.go"), 5, 5) || !head.Touches(abs("a.go"), 17, 17) || !head.Touches(abs("u.go"), 2, 2) {
		t.Errorf("since HEAD: want only a.go:17 and u.go")
	}

	// Errors name the problem.
	if _, _, err := FromGit(dir, "nosuch", false); err == nil || !strings.Contains(err.Error(), `no revision "nosuch"`) {
		t.Errorf("bad revision: %v", err)
	}
	if _, _, err := FromGit(t.TempDir(), "main", false); err == nil || !strings.Contains(err.Error(), "not in a git repository") {
		t.Errorf("no repository: %v", err)
	}
	run(t, dir, "git", "checkout", "-q", "--orphan", "lonely")
	run(t, dir, "git", "commit", "-q", "-m", "unrelated")
	if _, _, err := FromGit(dir, "main", true); err == nil || !strings.Contains(err.Error(), "no merge base") {
		t.Errorf("unrelated histories: %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, _, err := FromGit(dir, "main", false); err == nil || !strings.Contains(err.Error(), "git is not on PATH") {
		t.Errorf("no git: %v", err)
	}
}

func TestParsePatch(t *testing.T) {
	// diff -u output: context lines, timestamps, no a/ b/ prefixes.
	patch := `--- x.go	2026-01-01 10:00:00
+++ x.go	2026-01-02 10:00:00
@@ -1,6 +1,6 @@
 one
-two
+TWO
 three
 four
-five
 six
+seven
@@ -20,2 +20,3 @@
 twenty
+added
 twenty-one
--- /dev/null
+++ "dir/with\ttab.go"
@@ -0,0 +1,2 @@
+new
+file
`
	root := t.TempDir()
	c, err := ParsePatch(strings.NewReader(patch), root)
	if err != nil {
		t.Fatal(err)
	}
	x := filepath.Join(root, "x.go")
	var got []int
	for l := 1; l <= 25; l++ {
		if c.Touches(x, l, l) {
			got = append(got, l)
		}
	}
	// 2 replaced; "five" removed between new lines 4 and 5; 6 added; 21 added.
	if want := "[2 4 5 6 21]"; fmt.Sprint(got) != want {
		t.Errorf("changed lines of x.go = %v, want %s", got, want)
	}
	if !c.Touches(filepath.Join(root, "dir", "with\ttab.go"), 2, 2) {
		t.Errorf("quoted new file not changed")
	}
	for _, bad := range []string{"hello\nworld\n", "--- a\n+++ b\n@@ -1 +1 @@\n+x\n+y\n?\n", "--- a\n+++ b\n@@ x @@\n"} {
		if _, err := ParsePatch(strings.NewReader(bad), root); err == nil {
			t.Errorf("ParsePatch(%q): no error", bad)
		}
	}
}
