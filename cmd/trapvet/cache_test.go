package main_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCachedDependencies checks that a package analyzed against its
// dependencies' cached types and facts is reported exactly as on a cold
// run: the same findings, related positions and fixes, and the same
// errors. On fixture trees whose analyzers pass facts between packages,
// a first run fills a cache of the test's own; then its findings entries
// are removed, so that the second run analyzes every package again, each
// against the export data and facts that the first run stored for the
// packages it imports.
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
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cache := t.TempDir()
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
