package main_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A parityCase is one fixture tree analyzed in both modes.
type parityCase struct {
	name  string
	dir   string   // where the commands run
	env   []string // the environment (GOPATH mode or a module)
	flags []string // for both modes
}

// parityCases lists every analyzer's analysistest fixtures: each GOPATH
// tree (testdata/src, run in GOPATH mode as analysistest does) and each
// module under testdata (the version fixtures, whose go line matters),
// and the project's shared fixture modules.
func parityCases(t *testing.T) []parityCase {
	var cases []parityCase
	dirs, err := filepath.Glob(filepath.Join("..", "..", "analyzers", "*", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	for _, td := range dirs {
		td, _ := filepath.Abs(td)
		analyzer := filepath.Base(filepath.Dir(td))
		if _, err := os.Stat(filepath.Join(td, "src")); err == nil {
			// The same flags as the modules below, go vet's analyzers
			// included: go vet keys each dependency's result on the vet
			// flags, so with the same flags the standard library units
			// the GOPATH trees import are analysed once for both. With
			// -vet=false they were analysed again (59 s of CPU for this
			// test on a fresh clone, 40 s without it).
			cases = append(cases, parityCase{analyzer + "/src", filepath.Join(td, "src"), gopathEnv(td), nil})
		}
		err := filepath.WalkDir(td, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path == filepath.Join(td, "src") {
				return filepath.SkipDir
			}
			if d.Name() == "go.mod" {
				rel, _ := filepath.Rel(td, filepath.Dir(path))
				cases = append(cases, parityCase{analyzer + "/" + filepath.ToSlash(rel), filepath.Dir(path), env(), nil})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []string{"modern", "go121", "cgo", "layout"} {
		dir, _ := filepath.Abs(fixture(m))
		cases = append(cases, parityCase{"testdata/" + m, dir, env(), nil})
	}
	// The layout module holds every kind of code (docs/scope.md): the
	// same findings at every scope, the flag passed through go vet.
	dir, _ := filepath.Abs(fixture("layout"))
	cases = append(cases, parityCase{"testdata/layout -scope=all", dir, env(), []string{"-scope=all"}})
	return cases
}

// gopathEnv is env() in GOPATH mode, rooted at dir.
func gopathEnv(dir string) []string {
	var out []string
	for _, kv := range env() {
		if !strings.HasPrefix(kv, "GOFLAGS=") && !strings.HasPrefix(kv, "GOPATH=") && !strings.HasPrefix(kv, "GO111MODULE=") {
			out = append(out, kv)
		}
	}
	return append(out, "GO111MODULE=off", "GOPATH="+dir, "GOFLAGS=")
}

// A parityFinding is what must agree between the modes.
type parityFinding struct{ posn, analyzer, message string }

// knownDivergences are findings that one mode makes and the other does
// not, for a reason outside the driver, each with that reason. Keep it
// empty: an entry is a bug to fix.
var knownDivergences = []struct {
	analyzer, messagePrefix, reason string
}{}

func knownDivergence(f parityFinding) bool {
	return slices.ContainsFunc(knownDivergences, func(k struct{ analyzer, messagePrefix, reason string }) bool {
		return f.analyzer == k.analyzer && strings.HasPrefix(f.message, k.messagePrefix)
	})
}

// TestParityGOPATH and TestParityModules run every analyzer's fixture packages standalone and
// through go vet -vettool, and requires the same findings: positions,
// analyzers and messages. (The unit tests run through analysistest only;
// a difference between the drivers, such as the module's go line spelt
// "1.21" by one and "go1.21" by the other, shows here.)
//
// It is split in two (GOPATH trees, modules) to keep each test short.
func TestParityGOPATH(t *testing.T) {
	testParity(t, func(tc parityCase) bool { return strings.HasSuffix(tc.name, "/src") })
}

// TestParityModules is TestParity on the fixture modules: the analyzers'
// version fixtures and the shared ones (go vet's analyzers, cgo).
func TestParityModules(t *testing.T) {
	testParity(t, func(tc parityCase) bool { return !strings.HasSuffix(tc.name, "/src") })
}

func testParity(t *testing.T, include func(parityCase) bool) {
	first := true
	for _, tc := range parityCases(t) {
		if !include(tc) {
			continue
		}
		// The first case runs alone, the others side by side after it:
		// it leaves the standard library's facts in trapvet's cache, and
		// its vet results in go vet's, for the cases that share its flags,
		// instead of two cases computing them at once.
		parallel := !first
		first = false
		t.Run(tc.name, func(t *testing.T) {
			if parallel {
				t.Parallel()
			}
			args := append(slices.Clone(tc.flags), "-json", "./...")
			alone := runEnv(t, tc.dir, tc.env, trapvetBin, args...)
			noCrash(t, alone)
			vet := runEnv(t, tc.dir, tc.env, "go", append([]string{"vet", "-vettool=" + trapvetBin}, args...)...)
			noCrash(t, vet)
			a, err := parityFindings([]byte(alone.stdout))
			if err != nil {
				t.Fatalf("standalone output: %v\n%s\nstderr:\n%s", err, alone.stdout, alone.stderr)
			}
			v, err := parityFindings([]byte(vet.stdout))
			if err != nil {
				t.Fatalf("go vet output: %v\n%s\nstderr:\n%s", err, vet.stdout, vet.stderr)
			}
			for f := range a {
				if !v[f] {
					if knownDivergence(f) {
						t.Logf("known divergence, standalone only: %s: %s (%s)", f.posn, f.message, f.analyzer)
					} else {
						t.Errorf("standalone only: %s: %s (%s)", f.posn, f.message, f.analyzer)
					}
				}
			}
			for f := range v {
				if !a[f] {
					if knownDivergence(f) {
						t.Logf("known divergence, go vet only: %s: %s (%s)", f.posn, f.message, f.analyzer)
					} else {
						t.Errorf("go vet only: %s: %s (%s)", f.posn, f.message, f.analyzer)
					}
				}
			}
			// Load, type and analysis errors show in both, or in neither
			// (go vet -json exits 0 with findings, 1 on errors).
			if (alone.code == 1) != (vet.code != 0) {
				t.Errorf("errors differ: standalone exit %d, stderr:\n%s\ngo vet exit %d, stderr:\n%s", alone.code, alone.stderr, vet.code, vet.stderr)
			}
		})
	}
}

// parityFindings reads -json output: one JSON tree (standalone) or a
// stream of them, one per package (go vet).
func parityFindings(data []byte) (map[parityFinding]bool, error) {
	out := make(map[parityFinding]bool)
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		for _, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				var diags []struct{ Posn, Message string }
				if err := json.Unmarshal(raw, &diags); err != nil {
					continue // {"error": ...}: compared through the exit code
				}
				for _, d := range diags {
					out[parityFinding{d.Posn, analyzer, d.Message}] = true
				}
			}
		}
	}
}

func runEnv(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{code, out.String(), errb.String()}
}

// TestParityNoGoLine runs both drivers on a vendored module with no go
// version (a module of before modules): the go command builds and vets
// it at go 1.16, where a loop variable is shared by the iterations, so
// both must report the goroutine that reads it.
func TestParityNoGoLine(t *testing.T) {
	dir, _ := filepath.Abs(fixture("nogoline"))
	var e []string
	for _, kv := range env() {
		if !strings.HasPrefix(kv, "GOFLAGS=") {
			e = append(e, kv)
		}
	}
	e = append(e, "GOFLAGS=-mod=vendor")
	args := []string{"-loopcapture", "-json", "example.com/old"}
	alone := runEnv(t, dir, e, trapvetBin, args...)
	noCrash(t, alone)
	vet := runEnv(t, dir, e, "go", append([]string{"vet", "-vettool=" + trapvetBin}, args...)...)
	noCrash(t, vet)
	for name, r := range map[string]result{"standalone": alone, "go vet -vettool": vet} {
		found, err := parityFindings([]byte(r.stdout))
		if err != nil {
			t.Fatalf("%s: %v\n%s\nstderr:\n%s", name, err, r.stdout, r.stderr)
		}
		got := false
		for f := range found {
			got = got || f.analyzer == "loopcapture" && strings.HasSuffix(f.posn, filepath.Join("old", "loops.go")+":15:8")
		}
		if !got {
			t.Errorf("%s: no loopcapture finding at loops.go:15:8 in a module built at go 1.16\nstdout:\n%s\nstderr:\n%s", name, r.stdout, r.stderr)
		}
	}
}
