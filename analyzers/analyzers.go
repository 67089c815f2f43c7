// Package analyzers lists trapvet's analyzers: the suite in one place, for
// the trapvet binary, golangci-lint plugins and Bazel nogo configurations
// that compose their own sets.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/analyzers/deferloop"
	"github.com/trapvet/trapvet/analyzers/lockescape"
	"github.com/trapvet/trapvet/analyzers/lostunlock"
)

// All is trapvet's own suite, in alphabetical order. It does not include
// go vet's analyzers; the trapvet binary adds those (see cmd/trapvet).
var All = []*analysis.Analyzer{
	deferloop.Analyzer,
	lockescape.Analyzer,
	lostunlock.Analyzer,
}
