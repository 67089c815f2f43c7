package lsp_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// TestWithoutGo runs the server with no go command on its PATH, as an
// editor started from a desktop launcher may: the analysis fails, the
// user is told why once, and no diagnostics are published as if the file
// were clean.
func TestWithoutGo(t *testing.T) {
	dir := copyFixture(t, t.TempDir())
	environ := slices.DeleteFunc(env(), func(kv string) bool { return strings.HasPrefix(kv, "PATH=") })
	environ = append(environ, "PATH="+t.TempDir())
	c := startServerEnv(t, dir, environ)
	c.initialize(nil, dir)
	file := filepath.Join(dir, "fixture.go")
	c.open(file)
	if msg := c.waitEnd(); msg != "failed" {
		t.Errorf("analysis ended %q, want failed", msg)
	}
	c.save(file)
	if msg := c.waitEnd(); msg != "failed" {
		t.Errorf("second analysis ended %q, want failed", msg)
	}
	if d, ok := c.published(uri.File(file)); ok {
		t.Errorf("a failed analysis published %+v", d)
	}
	logs := c.logText()
	if !strings.Contains(logs, `[error] trapvet: `+dir+`: analysis failed: cannot run the go command: exec: "go": executable file not found`) {
		t.Errorf("failure not logged as an error:\n%s", logs)
	}
	if strings.Contains(logs, "findings") {
		t.Errorf("a failed analysis logged a count of findings:\n%s", logs)
	}
	c.mu.Lock()
	shown := slices.Clone(c.shown)
	c.mu.Unlock()
	if len(shown) != 1 || shown[0].Type != protocol.MessageTypeError || !strings.Contains(shown[0].Message, "cannot run the go command") {
		t.Errorf("shown messages = %+v, want the failure once", shown)
	}
	c.shutdown()
}

// frame is one LSP message with its header.
func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

// TestMalformedInput feeds the server input an editor should never send:
// a frame that is not JSON gets a Parse error and the server serves on; a
// stream that cannot be framed ends the server with one line on stderr
// saying why.
func TestMalformedInput(t *testing.T) {
	bin := trapvetBinary(t)
	dir := copyFixture(t, t.TempDir())
	serve := func(input string) (stdout, stderr string, code int) {
		cmd := exec.Command(bin, "lsp")
		cmd.Dir = dir
		cmd.Env = env()
		cmd.Stdin = strings.NewReader(input)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), errb.String(), code
	}

	initialize := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	out, errs, code := serve(frame(`{"jsonrpc":"2.0","id":`) + frame(`[1,2]`) + frame(initialize) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`))
	if code != 0 || errs != "" {
		t.Errorf("after a bad frame: exit %d, stderr %q; want the session to go on and end cleanly", code, errs)
	}
	for _, want := range []string{
		`{"error":{"code":-32700,"message":"Parse error: the message is not valid JSON"},"id":null,"jsonrpc":"2.0"}`,
		`{"error":{"code":-32600,"message":"Invalid Request: not a JSON-RPC 2.0 request, notification or response"},"id":null,"jsonrpc":"2.0"}`,
		`"serverInfo":{"name":"trapvet"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}

	for _, tc := range []struct{ name, input, why string }{
		{"plain text", "hello\n", `not an LSP message header: "hello" (want "Content-Length: N", a blank line, then N bytes of JSON)`},
		{"bad length", "Content-Length: abc\r\n\r\n{}", `bad Content-Length "abc"`},
		{"no length", "Content-Type: application/json\r\n\r\n{}", "a message header without Content-Length"},
		{"length too long", "Content-Length: 100\r\n\r\n{}", "the input ended inside a message: Content-Length 100, fewer bytes followed"},
		{"header cut short", "Content-Length: 2\r\n", "the input ended inside a message header"},
	} {
		_, errs, code := serve(tc.input)
		want := "trapvet lsp: cannot read the client's messages: " + tc.why + "\n"
		if code != 1 || errs != want {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", tc.name, code, errs, want)
		}
	}
}

// documentedSettings returns the settings example of docs/editors.md.
func documentedSettings(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "editors.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "- **Settings**")
	if ok {
		_, rest, ok = strings.Cut(rest, "```json\n")
	}
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/editors.md: no json block under Settings")
	}
	var settings map[string]any
	if err := json.Unmarshal([]byte(block), &settings); err != nil {
		t.Fatalf("docs/editors.md settings example: %v", err)
	}
	return settings
}

// TestSettings checks docs/editors.md's settings example, and that one
// bad key is shown to the user while the other settings apply.
func TestSettings(t *testing.T) {
	dir := copyFixture(t, t.TempDir())
	c := startServer(t, dir)
	c.initialize(documentedSettings(t), dir)
	c.waitLog("analyzers: ")
	if logs := c.logText(); strings.Contains(logs, "[error]") || !strings.Contains(logs, "analyzers: ") || strings.Contains(logs, "lostunlock") {
		t.Errorf("the documented settings were not applied as written:\n%s", logs)
	}

	file := filepath.Join(dir, "fixture.go")
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{"settings": map[string]any{
		"trapvet": map[string]any{"deferloop": false, "rpctimeout.timeout": "5s"},
	}})
	c.waitLog("settings ignored")
	c.open(file)
	c.waitEnd()
	if d, ok := c.published(uri.File(file)); !ok || len(d) != 0 {
		t.Errorf("deferloop=false beside a bad key not applied: %v %+v", ok, d)
	}
	c.mu.Lock()
	shown := slices.Clone(c.shown)
	c.mu.Unlock()
	if len(shown) != 1 || !strings.Contains(shown[0].Message, "-rpctimeout.timeout") || !strings.Contains(shown[0].Message, "the other settings apply") {
		t.Errorf("shown messages = %+v, want the bad key once", shown)
	}
	c.shutdown()
}

// TestExcludedFile checks that a file left out by its build constraints
// is said to be, rather than shown clean with no word.
func TestExcludedFile(t *testing.T) {
	dir := copyFixture(t, t.TempDir())
	tagged := filepath.Join(dir, "tagged.go")
	src := "//go:build integration\n\npackage fixture\n\nimport \"os\"\n\nfunc CloseAll(paths []string) {\n\tfor _, p := range paths {\n\t\tf, _ := os.Open(p)\n\t\tdefer f.Close()\n\t}\n}\n"
	if err := os.WriteFile(tagged, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, dir)
	c.initialize(nil, dir)
	c.open(tagged)
	c.waitEnd()
	c.waitLog("tagged.go is excluded by its build constraints")
	c.mu.Lock()
	shown := slices.Clone(c.shown)
	c.mu.Unlock()
	if len(shown) != 1 || !strings.Contains(shown[0].Message, `tagged.go is excluded by its build constraints (GOOS=`) {
		t.Errorf("shown messages = %+v", shown)
	}
	c.shutdown()
}
