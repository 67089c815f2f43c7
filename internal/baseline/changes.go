package baseline

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Changes are the lines changed in a set of files: by a unified diff, or
// since a git revision.
type Changes struct {
	lines map[string]map[int]bool // by canonical absolute path
	whole map[string]bool         // files new as a whole (untracked)

	mu    sync.Mutex
	canon map[string]string // memo of canonical directory paths
}

// Touches reports whether any line from..to (inclusive) of file (an
// absolute path) changed.
func (c *Changes) Touches(file string, from, to int) bool {
	file = c.canonical(file)
	if c.whole[file] {
		return true
	}
	lines := c.lines[file]
	if to < from {
		to = from
	}
	for l := from; l <= to; l++ {
		if lines[l] {
			return true
		}
	}
	return false
}

// canonical resolves symbolic links in file's directory, so that a path
// through a link (the go command's view) and git's resolved one agree.
func (c *Changes) canonical(file string) string {
	dir, base := filepath.Split(filepath.Clean(file))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.canon == nil {
		c.canon = make(map[string]string)
	}
	real, ok := c.canon[dir]
	if !ok {
		real = dir
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			real = r
		}
		c.canon[dir] = real
	}
	return filepath.Join(real, base)
}

// ParsePatch reads a unified diff (git diff, diff -u) and returns the
// lines it adds or changes in the new files, whose paths are relative to
// root. A changed line is one the diff adds; where it only removes lines,
// the two lines the removal brings together count as changed, since the
// removal may be what a finding there is about (a deleted Unlock). The
// "a/" and "b/" prefixes of git's diffs are removed.
func ParsePatch(r io.Reader, root string) (*Changes, error) {
	c := &Changes{lines: make(map[string]map[int]bool), whole: make(map[string]bool)}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	var (
		lines      map[int]bool // of the current file; nil outside one
		prefixed   bool         // git style: a/ and b/
		next       int          // the new file's next line number
		left       int          // lines of the hunk still to read, in the new file
		oldLeft    int          // and in the old one
		removing   bool         // in a run of removed lines
		replaced   bool         // the run was followed by added lines
		hunks, n   int
		sawHeaders bool
	)
	endRemoval := func() {
		if removing && !replaced && lines != nil {
			lines[next-1], lines[next] = true, true
		}
		removing, replaced = false, false
	}
	for sc.Scan() {
		n++
		line := sc.Text()
		if left > 0 || oldLeft > 0 {
			switch {
			case strings.HasPrefix(line, "+"):
				if lines != nil {
					lines[next] = true
				}
				next++
				left--
				replaced = replaced || removing
				continue
			case strings.HasPrefix(line, "-"):
				if !removing {
					removing, replaced = true, false
				}
				oldLeft--
				continue
			case strings.HasPrefix(line, " ") || line == "":
				endRemoval()
				next++
				left--
				oldLeft--
				continue
			case strings.HasPrefix(line, `\`): // \ No newline at end of file
				continue
			}
			return nil, fmt.Errorf("line %d: a hunk ends early", n)
		}
		endRemoval()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			prefixed = true
		case strings.HasPrefix(line, "--- "):
			sawHeaders = true
			if strings.HasPrefix(line, "--- a/") {
				prefixed = true
			}
		case strings.HasPrefix(line, "+++ "):
			name, err := patchPath(line[len("+++ "):], prefixed)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			lines = nil
			if name != "" {
				abs := filepath.Join(root, filepath.FromSlash(name))
				if lines = c.lines[abs]; lines == nil {
					lines = make(map[int]bool)
					c.lines[abs] = lines
				}
			}
		case strings.HasPrefix(line, "@@ "):
			var err error
			oldLeft, next, left, err = parseHunk(line)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			if left == 0 {
				next++ // "+c,0": the removal comes after line c
			}
			hunks++
		}
	}
	endRemoval()
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if hunks == 0 && n > 0 && !sawHeaders {
		return nil, errors.New("not a unified diff (no ---/+++ headers or @@ hunks)")
	}
	return c, nil
}

// patchPath returns the new file's path from a "+++ " header: unquoted,
// without its timestamp and git's "b/" prefix; "" for /dev/null.
func patchPath(s string, prefixed bool) (string, error) {
	if strings.HasPrefix(s, `"`) {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return "", fmt.Errorf("bad quoted path %s", s)
		}
		s, _ = strconv.Unquote(q)
	} else if i := strings.IndexByte(s, '\t'); i >= 0 {
		s = s[:i]
	}
	if s == "/dev/null" {
		return "", nil
	}
	if prefixed {
		s = strings.TrimPrefix(s, "b/")
	}
	return s, nil
}

// parseHunk reads "@@ -a[,b] +c[,d] @@": the old hunk's length, the new
// hunk's first line and length.
func parseHunk(line string) (oldLen, start, newLen int, err error) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[1], "-") || !strings.HasPrefix(f[2], "+") {
		return 0, 0, 0, fmt.Errorf("bad hunk header %q", line)
	}
	_, oldLen, err = parseRange(f[1][1:])
	if err != nil {
		return 0, 0, 0, fmt.Errorf("bad hunk header %q", line)
	}
	start, newLen, err = parseRange(f[2][1:])
	if err != nil {
		return 0, 0, 0, fmt.Errorf("bad hunk header %q", line)
	}
	return oldLen, start, newLen, nil
}

func parseRange(s string) (start, n int, err error) {
	a, b, ok := strings.Cut(s, ",")
	if start, err = strconv.Atoi(a); err != nil {
		return 0, 0, err
	}
	n = 1
	if ok {
		n, err = strconv.Atoi(b)
	}
	return start, n, err
}

// FromGit returns the lines changed in the working tree of the git
// repository holding dir since rev (with mergeBase, since the merge base
// of rev and HEAD), untracked files included as a whole. It runs the git
// found on PATH. A rename is followed (git's rename detection): renamed
// lines are not changed lines.
func FromGit(dir, rev string, mergeBase bool) (*Changes, string, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, "", errors.New("git is not on PATH")
	}
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, "", fmt.Errorf("%s is not in a git repository", dir)
	}
	top = strings.TrimSpace(top)
	commit, err := git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return nil, "", fmt.Errorf("no revision %q in the git repository %s", rev, top)
	}
	base := strings.TrimSpace(commit)
	if mergeBase {
		mb, err := git(top, "merge-base", base, "HEAD")
		if err != nil {
			return nil, "", fmt.Errorf("no merge base of %s and HEAD in %s", rev, top)
		}
		base = strings.TrimSpace(mb)
	}
	diff, err := git(top, "-c", "core.quotePath=true", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
		"--src-prefix=a/", "--dst-prefix=b/", "-U0", "-M", base, "--")
	if err != nil {
		return nil, "", fmt.Errorf("git diff %s: %v", base, err)
	}
	c, err := ParsePatch(strings.NewReader(diff), top)
	if err != nil {
		return nil, "", fmt.Errorf("reading git diff %s: %v", base, err)
	}
	untracked, err := git(top, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, "", fmt.Errorf("git ls-files: %v", err)
	}
	for name := range strings.SplitSeq(untracked, "\x00") {
		if name != "" {
			c.whole[c.canonical(filepath.Join(top, filepath.FromSlash(name)))] = true
		}
	}
	return c, base, nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return string(out), nil
}

// ReadPatch reads a unified diff from a file, with paths relative to root.
func ReadPatch(file, root string) (*Changes, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParsePatch(f, root)
}
