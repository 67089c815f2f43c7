package main_test

// Script tests (testdata/script/*.txtar, run by testscript as the go
// command's own tests are): the commands the README and docs/ show, run
// against the built binary with their documented output and exit codes.
// TestDocsCommands (docs_test.go) checks that every documented command
// is in a script, so that a doc change that breaks a promise fails the
// tests.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestScripts(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	// testscript gives each script a fresh HOME; the go command's caches
	// stay the shared ones.
	goEnv := map[string]string{}
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT", "GOPROXY"} {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatal(err)
		}
		goEnv[name] = strings.TrimSpace(string(out))
	}
	binDir := filepath.Dir(trapvetBin)
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			path := e.Getenv("PATH")
			for name, value := range goEnv {
				e.Setenv(name, value)
			}
			// The user's proxy, for the one step that needs modules no
			// build fetched (ci.txtar's go mod tidy); every other
			// command runs offline.
			e.Setenv("USERPROXY", goEnv["GOPROXY"])
			e.Setenv("GOFLAGS", "-mod=mod")
			e.Setenv("GOWORK", "off")
			e.Setenv("GOTOOLCHAIN", "local")
			e.Setenv("GOPROXY", "off")
			e.Setenv("GOSUMDB", "off")
			e.Setenv("TRAPVET_CACHE", cacheDir)
			e.Setenv("REPO", repo)
			e.Setenv("REPO_BIN", binDir)
			// PATH finds the trapvet under test; NOTRAPVET is a PATH
			// without it, for the commands that must fail loudly then.
			e.Setenv("NOTRAPVET", path)
			e.Setenv("PATH", binDir+string(os.PathListSeparator)+path)
			return nil
		},
	})
}
