// Package analyzers lists trapvet's analyzers: the suite in one place, for
// the trapvet binary, golangci-lint plugins and Bazel nogo configurations
// that compose their own sets.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/analyzers/anymap"
	"github.com/trapvet/trapvet/analyzers/chancounter"
	"github.com/trapvet/trapvet/analyzers/deferarg"
	"github.com/trapvet/trapvet/analyzers/deferloop"
	"github.com/trapvet/trapvet/analyzers/fatmain"
	"github.com/trapvet/trapvet/analyzers/fmtlog"
	"github.com/trapvet/trapvet/analyzers/goroutineleak"
	"github.com/trapvet/trapvet/analyzers/ifacesplit"
	"github.com/trapvet/trapvet/analyzers/lockescape"
	"github.com/trapvet/trapvet/analyzers/loopcapture"
	"github.com/trapvet/trapvet/analyzers/lostunlock"
	"github.com/trapvet/trapvet/analyzers/rpctimeout"
	"github.com/trapvet/trapvet/analyzers/sliceretain"

	"github.com/trapvet/trapvet/internal/scope"
)

// All is trapvet's own suite, in alphabetical order, the design checks of
// OptIn included. It does not include go vet's analyzers; the trapvet
// binary adds those (see cmd/trapvet).
//
// Each analyzer reports the kinds of code its row of internal/scope's
// table lists (docs/scope.md), and has a "scope" flag that changes them:
// -fmtlog.scope=all, or for golangci-lint the setting scope: all.
var All = scope.Declare(
	anymap.Analyzer,
	chancounter.Analyzer,
	deferarg.Analyzer,
	deferloop.Analyzer,
	fatmain.Analyzer,
	fmtlog.Analyzer,
	goroutineleak.Analyzer,
	ifacesplit.Analyzer,
	lockescape.Analyzer,
	loopcapture.Analyzer,
	lostunlock.Analyzer,
	rpctimeout.Analyzer,
	sliceretain.Analyzer,
)

// OptIn lists the design checks: analyzers of All that judge a codebase's
// shape rather than find a bug, and so run only when asked for, by name or
// all at once with the trapvet binary's -design flag.
func OptIn() []*analysis.Analyzer {
	// chancounter is here, not in the default set: a channel used as a
	// counter works, it is only slower and more complex than an atomic, so
	// its findings are rarely bugs by the corpus's measure (a leak, race,
	// crash, hang or lost data), and it made no finding in the 3.46
	// million lines of the corpus to show otherwise.
	return []*analysis.Analyzer{chancounter.Analyzer, fatmain.Analyzer, ifacesplit.Analyzer}
}

// OptInFlag names the trapvet binary's flag that adds the design checks.
const OptInFlag = "design"
