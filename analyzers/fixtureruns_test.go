package analyzers_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/internal/runner"
)

// A fixtureRun is the whole suite run over one analyzer's fixture
// packages (its testdata/src tree, in GOPATH mode as analysistest runs
// it), through the engine that trapvet runs, with a cache.
type fixtureRun struct {
	name string         // the analyzer whose tree it is
	opts runner.Options // how it was run
	res  *runner.Result // the cold run: every fixture package from source
	out  string         // res in full, as text
}

var (
	fixtureRunsOnce sync.Once
	fixtureRunsList []fixtureRun
	fixtureRunsErr  error
	fixtureRunsDir  string // the cache's directory, removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureRunsDir != "" {
		os.RemoveAll(fixtureRunsDir)
	}
	os.Exit(code)
}

// fixtureRuns runs the suite over every fixture tree once per test binary
// (the meta-tests below share it). One cache serves all the trees, so the
// standard library's facts are computed on the first tree only.
func fixtureRuns(t *testing.T) []fixtureRun {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the suite over every fixture tree")
	}
	fixtureRunsOnce.Do(func() {
		trees, err := filepath.Glob(filepath.Join("*", "testdata", "src"))
		if err != nil || len(trees) == 0 {
			fixtureRunsErr = err
			return
		}
		dir, err := os.MkdirTemp("", "trapvet-fixtures")
		if err != nil {
			fixtureRunsErr = err
			return
		}
		// The cache is kept for the test binary's life: TestCacheFixtures
		// runs again against it.
		fixtureRunsDir = dir
		cache, err := runner.OpenCache(filepath.Join(dir, "cache"))
		if err != nil {
			fixtureRunsErr = err
			return
		}
		for _, src := range trees {
			src, _ := filepath.Abs(src)
			opts := runner.Options{
				Analyzers: analyzers.All,
				Tests:     true,
				Dir:       src,
				Env:       gopathEnv(filepath.Dir(src)),
				Cache:     cache,
			}
			res, out, err := runOutcome(opts)
			if err != nil {
				fixtureRunsErr = err
				return
			}
			fixtureRunsList = append(fixtureRunsList, fixtureRun{filepath.Base(filepath.Dir(filepath.Dir(src))), opts, res, out})
		}
	})
	if fixtureRunsErr != nil || len(fixtureRunsList) == 0 {
		t.Fatalf("running the fixture trees: %v", fixtureRunsErr)
	}
	return fixtureRunsList
}

// runOutcome runs opts over ./... and returns the result in full as text:
// findings with their positions, related positions and fixes, and errors.
func runOutcome(opts runner.Options) (*runner.Result, string, error) {
	res, err := runner.Run(opts, "./...")
	if err != nil {
		return nil, "error: " + err.Error(), nil
	}
	data, err := json.MarshalIndent(struct {
		Findings []*runner.Finding
		Errors   []runner.Error
	}{res.Findings, res.Errors}, "", " ")
	return res, string(data), err
}

// gopathEnv is the process's environment in GOPATH mode, rooted at dir.
func gopathEnv(dir string) []string {
	var env []string
	for _, kv := range envWithoutGoFlags() {
		if !strings.HasPrefix(kv, "GOPATH=") && !strings.HasPrefix(kv, "GO111MODULE=") {
			env = append(env, kv)
		}
	}
	return append(env, "GO111MODULE=off", "GOPATH="+dir, "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off")
}

// TestCacheFixtures checks the cache on every fixture package: the run
// above (cold: each tree's packages analyzed from source, the standard
// library's facts from the cache after the first tree) against a second
// run with the same cache (every finding served from it) and, on the first
// tree, a run without the cache. They must agree exactly: findings,
// related positions, fixes and errors. Without the cache, each tree pays
// for the standard library's facts again (about ten times the cold and
// warm runs together), so TRAPVET_CACHE_FIXTURES=all asks for the run
// without the cache on every tree.
func TestCacheFixtures(t *testing.T) {
	all := os.Getenv("TRAPVET_CACHE_FIXTURES") == "all"
	for i, fr := range fixtureRuns(t) {
		t.Run(fr.name, func(t *testing.T) {
			if !strings.Contains(fr.out, `"message"`) {
				t.Fatalf("the cold run found nothing:\n%s", fr.out)
			}
			if _, warm, err := runOutcome(fr.opts); err != nil || warm != fr.out {
				t.Errorf("served from the cache (%v):\n%s\ncold:\n%s", err, warm, fr.out)
			}
			if i > 0 && !all {
				return
			}
			opts := fr.opts
			opts.Cache = nil
			if _, uncached, err := runOutcome(opts); err != nil || uncached != fr.out {
				t.Errorf("without the cache (%v):\n%s\ncold:\n%s", err, uncached, fr.out)
			}
		})
	}
}
