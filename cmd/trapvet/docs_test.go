package main_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// documented lists the shell commands of the fenced code blocks of a
// Markdown file: each line of a sh block (a trailing "# comment" and a
// "\" continuation joined), and each "run:" step of a yaml block.
func documented(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cmds []string
	lang := ""
	inRun := false
	var cur strings.Builder
	flush := func() {
		if c := strings.TrimSpace(cur.String()); c != "" {
			cmds = append(cmds, c)
		}
		cur.Reset()
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if fence, ok := strings.CutPrefix(strings.TrimSpace(line), "```"); ok {
			flush()
			if lang == "" {
				lang = fence
				if lang == "" {
					lang = "text"
				}
			} else {
				lang = ""
			}
			inRun = false
			continue
		}
		switch lang {
		case "sh":
			cur.WriteString(stripComment(line) + " ")
			if !strings.HasSuffix(strings.TrimSpace(cur.String()), "|") {
				flush()
			}
		case "yaml":
			trimmed := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- "))
			if cmd, ok := strings.CutPrefix(trimmed, "run:"); ok {
				flush()
				cmd = strings.TrimSpace(cmd)
				inRun = cmd == "|"
				if !inRun {
					cur.WriteString(cmd)
					flush()
				}
			} else if inRun {
				if strings.HasSuffix(trimmed, ":") && !strings.Contains(trimmed, " ") {
					inRun = false
					flush()
				} else {
					cur.WriteString(trimmed + " ")
				}
			}
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cmds
}

// stripComment removes a trailing shell comment: a "#" after blanks.
func stripComment(line string) string {
	if i := regexp.MustCompile(`\s#`).FindStringIndex(line); i != nil {
		line = line[:i[0]]
	}
	return strings.TrimSpace(line)
}

// notRun are documented commands no script runs, and why.
var notRun = map[string]string{
	"make test":                  "runs these tests",
	"go run ./cmd/trapvet ./...": "lints this repository: minutes, and make test does it",
	"git clone https://github.com/trapvet/trapvet && cd trapvet":              "needs the network",
	"go install ./cmd/trapvet":                                                "the tests build the binary the same way, once",
	"go get -tool github.com/trapvet/trapvet/cmd/trapvet@<commit or version>": "needs the network; the scripts add the tool to go.mod with a replace",
	"trapvet std": "analyzes the whole standard library: minutes; std.txtar runs one GOROOT package",
	"go tool trapvet -format=sarif -exit-zero ./... | reviewdog -f=sarif -name=trapvet -reporter=github-pr-review -filter-mode=added -fail-level=warning": "reviewdog posts to GitHub; ci.txtar tests the SARIF it reads",
	`go tool trapvet -exit-zero ./... | grep -v '^\s' | reviewdog -efm='%f:%l:%c: %m' -name=trapvet -reporter=github-pr-review`:                           "reviewdog posts to GitHub; ci.txtar tests the text it reads",
}

// TestDocsCommands fails when a command shown in the README or docs/ is
// run by no script (testdata/script) and not listed in notRun: each
// documented promise is tested.
func TestDocsCommands(t *testing.T) {
	scripts, err := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	var run []string
	for _, s := range scripts {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(data), "\n") {
			if cmd, ok := scriptCommand(line); ok {
				run = append(run, cmd)
			}
		}
	}
	for _, doc := range []string{"../../README.md", "../../docs/ci.md"} {
		for _, cmd := range documented(t, doc) {
			if _, ok := notRun[cmd]; ok || slices.Contains(run, cmd) {
				continue
			}
			t.Errorf("%s: %q is run by no script in testdata/script", doc, cmd)
		}
	}
}

// scriptCommand returns the shell command a script line runs: the
// argument of "exec sh -c '...'", or the words after exec.
func scriptCommand(line string) (string, bool) {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "! ")
	line = strings.TrimPrefix(line, "? ")
	rest, ok := strings.CutPrefix(line, "exec ")
	if !ok {
		return "", false
	}
	if sh, ok := strings.CutPrefix(rest, "sh -c '"); ok && strings.HasSuffix(sh, "'") {
		return strings.ReplaceAll(strings.TrimSuffix(sh, "'"), "''", "'"), true
	}
	return rest, true
}
