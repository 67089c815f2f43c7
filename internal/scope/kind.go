// Package scope is trapvet's one model of what kind of code a file holds
// (production, a test, test support, an example, a benchmark harness,
// tooling, a reproduction program), and of the kinds each analyzer reports
// by default.
//
// Users act on findings in the code they ship. A demo's fmt.Println, a
// benchmark client's missing deadline or a test helper's defer is correct
// code written to be that way; a data race or a deadlock in a test is a
// flaky test. So each analyzer reports the kinds listed in its row of the
// table (Rows), and a "scope" flag widens or narrows that: "all" reports
// every kind. The decision is made once, by internal/report, for every
// trapvet analyzer in every driver (standalone, go vet -vettool, the
// editor server, golangci-lint, nogo); docs/scope.md is the user's page.
package scope

import (
	"fmt"
	"slices"
	"strings"
)

// A Kind is what kind of code a file (or, for Example functions, a
// function) holds.
type Kind uint8

const (
	// Production is the code a module ships: the default.
	Production Kind = iota
	// Test is a _test.go file.
	Test
	// TestSupport is test infrastructure outside _test.go files: non-test
	// files of packages that import "testing", testing.go and testutil
	// files, testutil, e2e and integration packages.
	TestSupport
	// Example is an examples directory, or an Example function of a test.
	Example
	// Benchmark is a benchmark harness: a bench, benchmark or benchmarks
	// directory, or a main that drives testing.Benchmark; or a Benchmark
	// function of a test, and the test's functions only benchmarks use.
	Benchmark
	// Tooling is a developer's program: a main under internal/cmd, tools,
	// hack or scripts, a //go:build ignore program, or a code generator's
	// package (generator, codegen, qmp-gen).
	Tooling
	// Reproduction is a main under test, tests or testdata: an issue's
	// reproduction or a test's helper program.
	Reproduction

	numKinds
)

var kindNames = [numKinds]string{
	Production:   "production",
	Test:         "test",
	TestSupport:  "testsupport",
	Example:      "example",
	Benchmark:    "benchmark",
	Tooling:      "tooling",
	Reproduction: "reproduction",
}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Kinds returns every kind, in the order of the constants.
func Kinds() []Kind {
	out := make([]Kind, numKinds)
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}

// A Set is a set of kinds: those an analyzer reports.
type Set uint16

// All holds every kind.
const All Set = 1<<numKinds - 1

// Of returns the set of the kinds given.
func Of(kinds ...Kind) Set {
	var s Set
	for _, k := range kinds {
		s |= 1 << k
	}
	return s
}

// Has reports whether s holds k.
func (s Set) Has(k Kind) bool { return s&(1<<k) != 0 }

// String lists the kinds of s, comma-separated, or says "all".
func (s Set) String() string {
	if s == All {
		return "all"
	}
	var names []string
	for _, k := range Kinds() {
		if s.Has(k) {
			names = append(names, k.String())
		}
	}
	return strings.Join(names, ",")
}

// ParseSet parses "all" or a comma-separated list of kind names.
func ParseSet(text string) (Set, error) {
	if strings.TrimSpace(text) == "all" {
		return All, nil
	}
	var s Set
	for name := range strings.SplitSeq(text, ",") {
		name = strings.TrimSpace(name)
		i := slices.Index(kindNames[:], name)
		if i < 0 {
			return 0, fmt.Errorf("unknown kind %q (want default, all, or a list of %s)", name, strings.Join(kindNames[:], ", "))
		}
		s |= 1 << i
	}
	return s, nil
}
