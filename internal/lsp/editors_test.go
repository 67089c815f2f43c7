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

// TestEmacs drives Emacs with eglot, in batch mode, with the configuration
// of testdata/editors/eglot.el: open the fixture, wait for trapvet's
// diagnostic, apply its quick fix, and check the file. Skipped when emacs
// or its eglot is missing (Emacs 29 has eglot built in; on Debian 12,
// apt-get install emacs-nox elpa-eglot, as .ci/run does).
func TestEmacs(t *testing.T) {
	emacs, err := exec.LookPath("emacs")
	if err != nil {
		t.Skip("emacs is not installed (apt-get install emacs-nox elpa-eglot): the Emacs end-to-end test is skipped")
	}
	home := t.TempDir()
	probe := exec.Command(emacs, "--batch", "-Q", "--eval", `(progn (require 'package) (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa") (package-initialize) (require 'eglot))`)
	probe.Env = append(env(), "HOME="+home)
	if out, err := probe.CombinedOutput(); err != nil {
		t.Skipf("emacs has no eglot (apt-get install elpa-eglot, or Emacs 29): the Emacs end-to-end test is skipped\n%s", out)
	}
	bin := trapvetBinary(t)
	dir := copyFixture(t, t.TempDir())
	os.Remove(filepath.Join(dir, "fixture_test.go"))
	file := filepath.Join(dir, "fixture.go")
	out := filepath.Join(t.TempDir(), "out.txt")
	script, err := filepath.Abs(filepath.Join("testdata", "editors", "eglot.el"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(emacs, "--batch", "-Q", "-l", script)
	cmd.Dir = dir
	cmd.Env = append(env(), "TRAPVET="+bin, "FILE="+file, "OUT="+out, "HOME="+home)
	output, err := cmd.CombinedOutput()
	record, _ := os.ReadFile(out)
	if err != nil {
		t.Fatalf("emacs: %v\n%s\nrecord:\n%s", err, output, record)
	}
	if !strings.Contains(string(record), "diagnostic ") || !strings.Contains(string(record), "defer f.Close() in loop") {
		t.Errorf("no trapvet diagnostic in Emacs:\n%s", record)
	}
	src, _ := os.ReadFile(file)
	if !strings.Contains(string(src), "func() {") {
		t.Errorf("the quick fix was not applied:\n%s\nrecord:\n%s", src, record)
	}
}
