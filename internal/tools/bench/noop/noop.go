// Package noop holds the analyzers of the benchmark floor: they require
// the inspector and do nothing else, so that running them costs what every
// go/analysis tool pays before its first check (load, parse, type-check,
// build the inspector).
package noop

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// Analyzer builds the inspector and reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:     "noop",
	Doc:      "noop: build the inspector and report nothing",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

// FactsAnalyzer is Analyzer with a fact type. Declaring one is what
// changes the cost: a driver then loads and analyses every dependency from
// source, as it does for any suite where one analyzer (or one it requires,
// such as ctrlflow) uses facts.
var FactsAnalyzer = &analysis.Analyzer{
	Name:      "noopfacts",
	Doc:       "noopfacts: build the inspector, declare a fact type and report nothing",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

// noFact is never exported.
type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "noFact" }
