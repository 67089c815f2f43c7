// Command floor is the cost floor of any go/analysis tool, for make bench:
// a multichecker whose analyzers only build the inspector, so that it
// loads, parses and type-checks the packages exactly as trapvet does.
//
//	floor -noop pkgs...       source for the named packages only
//	floor -noopfacts pkgs...  with a fact type: every dependency from source,
//	                          as for trapvet whenever one of its analyzers (or
//	                          one they require, such as ctrlflow) uses facts
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/trapvet/trapvet/internal/tools/bench/noop"
)

func main() { multichecker.Main(noop.Analyzer, noop.FactsAnalyzer) }
