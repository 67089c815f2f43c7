package analyzers

import (
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/defers"
	"golang.org/x/tools/go/analysis/passes/loopclosure"
	"golang.org/x/tools/go/analysis/suite/vet"

	"github.com/trapvet/trapvet/analyzers/deferarg"
	"github.com/trapvet/trapvet/analyzers/loopcapture"

	"github.com/trapvet/trapvet/internal/supersede"
)

// GroupFlag names the trapvet binary's flag for go vet's suite as a whole:
// -vet=false runs trapvet's own analyzers alone.
const GroupFlag = "vet"

// Default returns the trapvet binary's default set: trapvet's own
// analyzers (All) followed by go vet's suite as x/tools defines it, so that
// "go vet -vettool=trapvet", which replaces vet's analyzers, loses none.
func Default() []*analysis.Analyzer { return slices.Concat(All, Vet()) }

// Vet returns go vet's suite: the analyzers -vet=false turns off.
func Vet() []*analysis.Analyzer { return slices.Clone(vet.Suite) }

// Extensions lists the trapvet analyzers that strictly extend a go vet
// analyzer: where both run, the vet one stays silent on the lines the
// trapvet one reported (see internal/supersede).
func Extensions() []supersede.Extension {
	return []supersede.Extension{
		// Every loopclosure finding is also a loopcapture finding, with a
		// message that says what goes wrong and when.
		{Extender: loopcapture.Analyzer, Extended: loopclosure.Analyzer},
		// deferarg reports time.Since in a deferred call's arguments or
		// receiver, on the line of the call, as defers does; its other
		// findings are its own.
		{Extender: deferarg.Analyzer, Extended: defers.Analyzer},
	}
}
