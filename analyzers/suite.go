package analyzers

import (
	"flag"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/defers"
	"golang.org/x/tools/go/analysis/passes/loopclosure"
	"golang.org/x/tools/go/analysis/suite/vet"

	"github.com/trapvet/trapvet/analyzers/deferarg"
	"github.com/trapvet/trapvet/analyzers/loopcapture"

	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/scope"
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
func Vet() []*analysis.Analyzer { return slices.Clone(vetSuite) }

// beyondGoVet names the analyzers of x/tools' vet suite that the go
// command's own vet does not run yet (Go 1.26: scannererr, sqlrowserr).
// trapvet runs them, so they follow its scope model like its own
// analyzers (VetScoped): go vet's behaviour, every kind of code, is kept
// for the analyzers go vet runs.
var beyondGoVet = []string{"scannererr", "sqlrowserr"}

// vetSuite is vet.Suite with the analyzers beyond go vet replaced by
// scoped wrappers, made once so that every driver sees the same ones.
var vetSuite, vetScoped = func() (suite, scoped []*analysis.Analyzer) {
	suite = slices.Clone(vet.Suite)
	for _, a := range suite {
		report.DeclareVet(a.Name)
	}
	for i, a := range suite {
		if slices.Contains(beyondGoVet, a.Name) {
			suite[i] = scopedWrapper(a)
			scoped = append(scoped, suite[i])
		}
	}
	return suite, scope.Declare(scoped...)
}()

// VetScoped returns the analyzers of go vet's suite (Vet) that follow
// trapvet's scope model: those the go command's vet does not run yet.
func VetScoped() []*analysis.Analyzer { return slices.Clone(vetScoped) }

// scopedWrapper returns an analyzer that runs a and reports its findings
// through trapvet's Reporter: in the kinds of code its row of the scope
// table lists, outside generated files, and not where a trapvet:ignore
// directive suppresses them.
func scopedWrapper(a *analysis.Analyzer) *analysis.Analyzer {
	w := &analysis.Analyzer{
		Name:             a.Name,
		Doc:              a.Doc,
		URL:              a.URL,
		Requires:         a.Requires,
		ResultType:       a.ResultType,
		FactTypes:        a.FactTypes,
		RunDespiteErrors: a.RunDespiteErrors,
	}
	a.Flags.VisitAll(func(f *flag.Flag) { w.Flags.Var(f.Value, f.Name, f.Usage) })
	w.Run = func(pass *analysis.Pass) (any, error) {
		r := report.New(pass)
		inner := *pass
		inner.Analyzer = a
		inner.Report = r.Report
		return a.Run(&inner)
	}
	return w
}

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
