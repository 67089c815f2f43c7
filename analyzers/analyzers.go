// Package analyzers lists trapvet's analyzers: the suite in one place, for
// the trapvet binary, golangci-lint plugins and Bazel nogo configurations
// that compose their own sets.
package analyzers

import (
	"github.com/trapvet/trapvet/analyzers/anymap"
	"github.com/trapvet/trapvet/analyzers/deferloop"
	"github.com/trapvet/trapvet/analyzers/fmtlog"
	"github.com/trapvet/trapvet/analyzers/goroutineleak"
	"github.com/trapvet/trapvet/analyzers/lockescape"
	"github.com/trapvet/trapvet/analyzers/loopcapture"
	"github.com/trapvet/trapvet/analyzers/lostunlock"
	"github.com/trapvet/trapvet/analyzers/rpctimeout"
	"github.com/trapvet/trapvet/analyzers/sliceretain"

	"github.com/trapvet/trapvet/internal/scope"
)

// All is trapvet's own suite, in alphabetical order. It does not include
// go vet's analyzers; the trapvet binary adds those (see cmd/trapvet).
//
// Each analyzer reports the kinds of code its row of internal/scope's
// table lists (docs/scope.md), and has a "scope" flag that changes them:
// -fmtlog.scope=all, or for golangci-lint the setting scope: all.
var All = scope.Declare(
	anymap.Analyzer,
	deferloop.Analyzer,
	fmtlog.Analyzer,
	goroutineleak.Analyzer,
	lockescape.Analyzer,
	loopcapture.Analyzer,
	lostunlock.Analyzer,
	rpctimeout.Analyzer,
	sliceretain.Analyzer,
)
