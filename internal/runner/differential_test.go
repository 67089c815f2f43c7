package runner

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// The randomized differential test: a module of fixture packages whose
// analyzers pass facts between them, analyzed with the cache and without
// it after each of a series of random changes (edits and their undoing,
// edits made while a run is under way, bit flips and truncations of cache
// entries, the go env file's GOARCH, GODEBUG, build tags, test variants).
// The two runs
// must agree exactly: findings with their positions and fixes, and
// errors. TRAPVET_CACHE_SEED picks another series, TRAPVET_CACHE_ROUNDS
// makes it longer (the default is sized for make test).

// diffVariants are the contents each file of the fixture module takes in
// turn; the first is the original.
var diffVariants = map[string][]string{
	"lib/lib.go": {
		"package lib\n\n// Old is BAD.\nfunc Old() {}\n\n// New is fine.\nfunc New() {}\n\ntype T struct{}\n\n// M is BAD.\nfunc (T) M() {}\n\ntype Name = string\n",
		"package lib\n\n// Old is fine.\nfunc Old() {}\n\n// New is BAD.\nfunc New() {}\n\ntype T struct{}\n\n// M is fine.\nfunc (T) M() {}\n\ntype Name = string\n",
		"package lib\n\n// Old is BAD.\nfunc Old() {}\n\n// New is BAD.\nfunc New() {}\n\ntype T struct{}\n\n// M is BAD.\nfunc (T) M() {}\n\ntype Name = int64\n",
		"package lib\n\nfunc Old() { undefined() }\n\nfunc New() {}\n\ntype T struct{}\n\nfunc (T) M() {}\n\ntype Name = string\n",
	},
	"mid/mid.go": {
		"package mid\n\nimport \"example.com/m/lib\"\n\nfunc Make() lib.T { lib.Old(); return lib.T{} }\n\nfunc G(x lib.Name) {}\n",
		"package mid\n\nimport \"example.com/m/lib\"\n\n// Make makes a T.\nfunc Make() lib.T { lib.New(); return lib.T{} }\n\nfunc G(x int) {}\n",
		"package mid\n\nimport \"example.com/m/lib\"\n\nfunc Make() lib.T { return lib.T{} }\n",
	},
	"use/use.go": {
		"package use\n\nimport (\n\t\"example.com/m/lib\"\n\t\"example.com/m/mid\"\n)\n\nfunc H() { mid.Make().M(); lib.New() }\n\nfunc G(x uintptr) {}\n",
		"package use\n\nimport \"example.com/m/mid\"\n\n\n\nfunc H() { mid.Make().M() }\n\nfunc G(x int) {}\n",
		"package use\n\nimport \"example.com/m/mid\"\n\nfunc H() { mid.Make().M() \n",
	},
	// A command and an external test package: roots nothing imports,
	// whose findings alone are stored.
	"cmd/tool/main.go": {
		"package main\n\nimport \"example.com/m/lib\"\n\nfunc main() { lib.Old(); lib.T{}.M() }\n",
		"package main\n\nimport \"example.com/m/mid\"\n\nfunc main() { mid.Make().M() }\n",
	},
	"use/x_test.go": {
		"package use_test\n\nimport (\n\t\"example.com/m/lib\"\n\t\"example.com/m/use\"\n)\n\nfunc f() { use.H(); lib.Old() }\n",
		"package use_test\n\nimport \"example.com/m/mid\"\n\nfunc f() { mid.Make() }\n",
	},
	"use/tagged.go": {
		"//go:build extra\n\npackage use\n\nimport \"example.com/m/lib\"\n\nfunc Extra() { lib.Old() }\n",
		"//go:build extra\n\npackage use\n\nfunc Extra() {}\n",
	},
	"use/use_test.go": {
		"package use\n\nimport \"example.com/m/lib\"\n\nfunc helper() { lib.Old(); H() }\n",
		"package use\n\nfunc helper() { H() }\n",
	},
}

func TestCacheDifferential(t *testing.T) {
	seed, rounds := uint64(1), 8
	if s := os.Getenv("TRAPVET_CACHE_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("TRAPVET_CACHE_SEED: %v", err)
		}
	}
	if s := os.Getenv("TRAPVET_CACHE_ROUNDS"); s != "" {
		var err error
		if rounds, err = strconv.Atoi(s); err != nil {
			t.Fatalf("TRAPVET_CACHE_ROUNDS: %v", err)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	dir := t.TempDir()
	files := map[string]string{"go.mod": "module example.com/m\n\ngo 1.22\n"}
	for name, variants := range diffVariants {
		files[name] = variants[0]
	}
	writeModule(t, dir, files)
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range diffVariants {
			if !yield(name) {
				return
			}
		}
	})
	opts, cache := badcallOptions(t, dir)
	goenv := filepath.Join(t.TempDir(), "goenv")
	if err := os.WriteFile(goenv, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Env = append(opts.Env, "GOENV="+goenv)
	t.Setenv("GODEBUG", os.Getenv("GODEBUG")) // restored at the end

	sets := [][]*analysis.Analyzer{{badcall, describeGFacts, fixG}, {describeG}}
	edit := func() func() {
		name := names[rng.IntN(len(names))]
		content := diffVariants[name][rng.IntN(len(diffVariants[name]))]
		return func() { writeModule(t, dir, map[string]string{name: content}) }
	}
	var log []string
	for round := range rounds {
		switch op := rng.IntN(6); op {
		case 0, 1:
			log = append(log, "edit")
			edit()()
		case 2:
			// An edit saved while a run is under way; that run's
			// result is a mix and is not compared.
			log = append(log, "edit during a run")
			during := opts
			during.Analyzers = sets[rng.IntN(len(sets))]
			during.afterKeys = edit()
			if _, err := Run(during, "./..."); err != nil {
				t.Fatal(err)
			}
			edit()()
		case 3:
			log = append(log, "damage entries")
			damageEntries(t, rng, cache.Dir())
		case 4:
			arch := []string{"", "GOARCH=386\n", "GOARCH=arm64\n"}[rng.IntN(3)]
			log = append(log, "go env file "+strings.TrimSpace(arch))
			if err := os.WriteFile(goenv, []byte(arch), 0o644); err != nil {
				t.Fatal(err)
			}
		case 5:
			godebug := []string{"", "gotypesalias=0"}[rng.IntN(2)]
			tags := []string{"", "-tags=extra"}[rng.IntN(2)]
			opts.Tests = rng.IntN(2) == 0
			log = append(log, fmt.Sprintf("GODEBUG=%s %s tests=%v", godebug, tags, opts.Tests))
			os.Setenv("GODEBUG", godebug)
			opts.BuildFlags = nil
			if tags != "" {
				opts.BuildFlags = []string{tags}
			}
		}
		// One analyzer set a round, the engine's more often.
		opts.Analyzers = sets[rng.IntN(3)/2]
		cached, uncached := outcome(t, opts), outcome(t, withoutCache(opts))
		if cached != uncached {
			t.Fatalf("seed %d, round %d, after %s: with the cache\n%s\nwithout it\n%s", seed, round, strings.Join(log, ", "), cached, uncached)
		}
	}
}

func withoutCache(opts Options) Options {
	opts.Cache = nil
	return opts
}

// outcome is a run's findings and errors, in full, as text.
func outcome(t *testing.T, opts Options) string {
	t.Helper()
	res, err := Run(opts, "./...")
	if err != nil {
		return "error: " + err.Error()
	}
	data, err := json.MarshalIndent(struct {
		Findings []*Finding
		Errors   []Error
	}{res.Findings, res.Errors}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// damageEntries flips one bit in, or truncates, a few random entries.
func damageEntries(t *testing.T, rng *rand.Rand, dir string) {
	t.Helper()
	var entries []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(path, ".json") || strings.HasSuffix(path, "-facts.gob")) {
			entries = append(entries, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for range min(3, len(entries)) {
		path := entries[rng.IntN(len(entries))]
		data, err := os.ReadFile(path)
		if err != nil || len(data) == 0 {
			continue
		}
		if rng.IntN(4) == 0 {
			data = data[:rng.IntN(len(data))]
		} else {
			i := rng.IntN(len(data))
			data[i] ^= 1 << rng.IntN(8)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
