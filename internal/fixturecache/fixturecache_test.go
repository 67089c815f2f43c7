package fixturecache_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewFileInvalidatesCache runs a throwaway module's test twice with go
// test's cache, adding a file to its testdata between the runs: the
// second run must not be "(cached)". Without Watch it is (checked by
// emptying Watch).
func TestNewFileInvalidatesCache(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test twice")
	}
	if out, err := exec.Command("go", "env", "GOCACHE").Output(); err != nil || strings.TrimSpace(string(out)) == "off" {
		t.Skip("go test caches no result here (GOCACHE=off)")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The module lives below trapvet's path, so that it may import the
	// internal package.
	write("go.mod", "module github.com/trapvet/trapvet/internal/fixturecache/m\n\ngo 1.24\n\nrequire github.com/trapvet/trapvet v0.0.0\n\nreplace github.com/trapvet/trapvet => "+root+"\n")
	write("m_test.go", `package m

import (
	"testing"

	"github.com/trapvet/trapvet/internal/fixturecache"
)

func TestFixtures(t *testing.T) {
	fixturecache.Watch("testdata")
}
`)
	write("testdata/src/a/a.go", "package a\n")
	run := func() string {
		t.Helper()
		cmd := exec.Command("go", "test", ".")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go test: %v\n%s", err, out)
		}
		return string(out)
	}
	run()
	if out := run(); !strings.Contains(out, "(cached)") {
		t.Fatalf("second run of an unchanged module was not cached:\n%s", out)
	}
	write("testdata/src/a/b.go", "package a\n")
	if out := run(); strings.Contains(out, "(cached)") {
		t.Errorf("a file added to testdata left the cached result in place:\n%s", out)
	}
}
