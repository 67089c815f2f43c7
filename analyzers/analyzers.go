// Package analyzers lists trapvet's analyzers: the suite in one place, for
// the trapvet binary, golangci-lint plugins and Bazel nogo configurations
// that compose their own sets.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/analyzers/anymap"
	"github.com/trapvet/trapvet/analyzers/deferarg"
	"github.com/trapvet/trapvet/analyzers/deferloop"
	"github.com/trapvet/trapvet/analyzers/fmtlog"
	"github.com/trapvet/trapvet/analyzers/goroutineleak"
	"github.com/trapvet/trapvet/analyzers/lockescape"
	"github.com/trapvet/trapvet/analyzers/loopcapture"
	"github.com/trapvet/trapvet/analyzers/lostunlock"
	"github.com/trapvet/trapvet/analyzers/rpctimeout"
	"github.com/trapvet/trapvet/analyzers/sliceretain"
)

// All is trapvet's own suite, in alphabetical order. It does not include
// go vet's analyzers; the trapvet binary adds those (see cmd/trapvet).
var All = []*analysis.Analyzer{
	anymap.Analyzer,
	deferarg.Analyzer,
	deferloop.Analyzer,
	fmtlog.Analyzer,
	goroutineleak.Analyzer,
	lockescape.Analyzer,
	loopcapture.Analyzer,
	lostunlock.Analyzer,
	rpctimeout.Analyzer,
	sliceretain.Analyzer,
}
