package main_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCachedDependencies checks that a package analyzed against its
// dependencies' cached types and facts is reported exactly as on a cold
// run: the same findings, related positions and fixes, and the same
// errors. On fixture trees whose analyzers pass facts between packages,
// a first run fills a cache of the test's own; then its findings entries
// are removed, so that the second run analyzes every package again, each
// against the export data and facts that the first run stored for the
// packages it imports. The trees run one after the other in one cache:
// the first computes the standard library's types and facts, which the
// others' cold runs take from the cache (each tree's own packages are
// still analyzed from source), instead of four runs computing them at
// once.
func TestCachedDependencies(t *testing.T) {
	var cases []parityCase
	for _, tc := range parityCases(t) {
		if slices.Contains([]string{"testdata/modern", "goroutineleak/src", "anymap/src", "rpctimeout/src"}, tc.name) {
			cases = append(cases, tc)
		}
	}
	if len(cases) != 4 {
		t.Fatalf("found %d of the 4 fixture trees", len(cases))
	}
	cache := t.TempDir()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := append(slices.Clone(tc.env), "TRAPVET_CACHE="+cache)
			args := append(slices.Clone(tc.flags), "-json", "./...")
			cold := runEnv(t, tc.dir, env, trapvetBin, args...)
			noCrash(t, cold)
			if !strings.Contains(cold.stdout, "posn") {
				t.Fatalf("the cold run found nothing:\n%s\nstderr:\n%s", cold.stdout, cold.stderr)
			}
			var facts, findings int
			err := filepath.WalkDir(cache, func(path string, d os.DirEntry, err error) error {
				switch {
				case err != nil:
					return err
				case strings.HasSuffix(path, "-facts.gob"):
					facts++
				case strings.HasSuffix(path, ".json"):
					findings++
					return os.Remove(path)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if facts == 0 || findings == 0 {
				t.Fatalf("the cold run stored %d facts entries and %d findings entries", facts, findings)
			}
			warm := runEnv(t, tc.dir, env, trapvetBin, args...)
			noCrash(t, warm)
			if warm.stdout != cold.stdout || warm.stderr != cold.stderr || warm.code != cold.code {
				t.Errorf("analyzed against cached dependencies (exit %d):\n%s\nstderr:\n%s\ncold (exit %d):\n%s\nstderr:\n%s",
					warm.code, warm.stdout, warm.stderr, cold.code, cold.stdout, cold.stderr)
			}
		})
	}
}

// selfAssign is a module whose one finding needs no dependency: the runs
// below cost trapvet's start and the go command's, not std's analysis.
func selfAssign(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"go.mod": "module example.com/self\n\ngo 1.22\n",
		"m.go":   "package m\n\nfunc F() int {\n\tx := 1\n\tx = x\n\treturn x\n}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRebuiltExecutable checks that another build installed at the same
// path, with the same size and modification time (cp -p, tar, images with
// fixed timestamps), is another version for the cache: the findings of
// the first build are not served to the second.
func TestRebuiltExecutable(t *testing.T) {
	data, err := os.ReadFile(trapvetBin)
	if err != nil {
		t.Fatal(err)
	}
	const message, changed = "self-assignment of", "SELF-assignment of"
	if bytes.Count(data, []byte(message)) != 1 {
		t.Fatalf("the binary holds %q %d times, want once", message, bytes.Count(data, []byte(message)))
	}
	v2 := bytes.Replace(data, []byte(message), []byte(changed), 1)
	dir := selfAssign(t)
	exe := filepath.Join(t.TempDir(), "trapvet")
	stamp := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	install := func(content []byte) {
		t.Helper()
		if err := os.WriteFile(exe, content, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(exe, stamp, stamp); err != nil {
			t.Fatal(err)
		}
	}
	env := append(env(), "TRAPVET_CACHE="+t.TempDir())
	install(data)
	if r := runEnv(t, dir, env, exe, "./..."); !strings.Contains(r.stdout, message) {
		t.Fatalf("first build: %+v", r)
	}
	install(v2)
	if r := runEnv(t, dir, env, exe, "./..."); !strings.Contains(r.stdout, changed) {
		t.Errorf("second build, same path, size and time: %+v, want %q", r, changed)
	}
}

// TestSharedCacheDirectory checks that a cache directory others may write
// to is not used: the run finds what a run without the cache finds, with
// the same exit code, and says once, after the findings, why.
func TestSharedCacheDirectory(t *testing.T) {
	dir := selfAssign(t)
	shared := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	got := runEnv(t, dir, append(env(), "TRAPVET_CACHE="+shared), trapvetBin, "./...")
	want := runEnv(t, dir, env(), trapvetBin, "-cache=false", "./...")
	if got.stdout != want.stdout || got.code != want.code || !strings.Contains(want.stdout, "self-assignment") {
		t.Errorf("with a shared cache directory: %+v\nwithout the cache: %+v", got, want)
	}
	lines := strings.Split(strings.TrimSpace(got.stderr), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "trapvet: cache directory "+shared+" is writable by others") {
		t.Errorf("stderr %q, want one line about the cache directory", got.stderr)
	}
	if entries, _ := os.ReadDir(shared); len(entries) > 0 {
		t.Errorf("the refused directory was written to: %d entries", len(entries))
	}
}
