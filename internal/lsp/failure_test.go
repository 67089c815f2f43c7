package lsp_test

import (
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
