package lsp_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNeovim drives Neovim 0.7 or later, headless, with the configuration
// of testdata/editors/neovim.lua: open the fixture, wait for trapvet's
// diagnostic, apply its quick fix, and check the file. Skipped when nvim
// is not installed (apt-get install neovim; .ci/run installs it).
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (apt-get install neovim): the Neovim end-to-end test is skipped")
	}
	bin := trapvetBinary(t)
	dir := copyFixture(t, t.TempDir())
	os.Remove(filepath.Join(dir, "fixture_test.go"))
	file := filepath.Join(dir, "fixture.go")
	out := filepath.Join(t.TempDir(), "out.txt")
	script, err := filepath.Abs(filepath.Join("testdata", "editors", "neovim.lua"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nvim, "--headless", "--clean", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(env(), "TRAPVET="+bin, "FILE="+file, "OUT="+out, "HOME="+t.TempDir())
	output, err := cmd.CombinedOutput()
	record, _ := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim: %v\n%s\nrecord:\n%s", err, output, record)
	}
	if !strings.Contains(string(record), "diagnostic ") || !strings.Contains(string(record), "trapvet: defer f.Close() in loop") {
		t.Errorf("no trapvet diagnostic in Neovim:\n%s", record)
	}
	src, _ := os.ReadFile(file)
	if !strings.Contains(string(src), "func() {") {
		t.Errorf("the quick fix was not applied:\n%s\nrecord:\n%s", src, record)
	}
}
