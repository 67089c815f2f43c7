package goroutineleak

import (
	_ "embed"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/funcs"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

// The package comment runs over doc.go and docmore.go (go/doc merges
// them in that order): one file of it would pass a thousand lines.
var (
	//go:embed doc.go
	doc string
	//go:embed docmore.go
	docMore string
)

// Analyzer reports goroutines that can never stop, and goroutines that
// keep using a request's context after the handler has returned.
var Analyzer = &analysis.Analyzer{
	Name:      "goroutineleak",
	Doc:       docs.Extract(docs.Join(doc, docMore), "goroutineleak"),
	URL:       "https://github.com/trapvet/trapvet/blob/main/docs/goroutineleak.md",
	Requires:  []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, funcs.DeclsAnalyzer},
	FactTypes: []analysis.Fact{(*funcFact)(nil)},
	Run:       run,
}

// checker holds the state of one pass.
type checker struct {
	pass *analysis.Pass
	info *types.Info
	in   *inspector.Inspector
	cfgs *ctrlflow.CFGs
	r    *report.Reporter
	// summaries of this package's functions, by object.
	decls     funcs.Decls
	summaries map[*types.Func]*funcFact
	callers   map[*types.Func][]*types.Func // computed on demand
	// callSites holds the calls of each function of the package, found
	// with callers.
	callSites map[*types.Func][]inspector.Cursor
	// repeated holds the functions that run again and again (a request
	// handler, a function called in an accept loop); computed on demand.
	repeated map[*types.Func]bool
	// calls indexes the calls of the package's unexported functions for
	// the field rule; computed on demand.
	calls *senderCalls
	// closeCalls indexes the close calls of the package's non-test files by
	// the variable or field they close; computed on demand.
	closeCalls map[*types.Var][]inspector.Cursor
	// launching holds the functions (declarations and literals) that
	// start a goroutine themselves; computed on demand.
	launching map[ast.Node]bool
	// detached caches detachedType's answers.
	detached map[*types.Named]bool
	// importsTime says whether the package imports time, without which
	// it cannot call time.Sleep.
	importsTime bool
	// closableElems holds the element types of the channels the package
	// closes or hands out; computed on demand (unclosable).
	closableElems []types.Type
	// stops caches terminationChans by function body.
	stops map[*ast.BlockStmt]map[*types.Var]bool
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{
		pass:        pass,
		info:        pass.TypesInfo,
		in:          pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		cfgs:        pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		r:           report.New(pass),
		decls:       pass.ResultOf[funcs.DeclsAnalyzer].(funcs.Decls),
		summaries:   make(map[*types.Func]*funcFact),
		detached:    make(map[*types.Named]bool),
		importsTime: typematch.Imports(pass.Pkg, "time"),
	}
	c.summarize()
	c.checkAbandonedSenders()
	chans, byChan := c.receivesByChan()
	c.checkEarlyReturns(chans, byChan)
	c.checkLoopExits(chans, byChan)
	c.checkFieldSenders()
	c.checkEarlyCollectors()
	c.checkWaitBeforeDrain()
	c.checkRequestContexts()
	c.checkTimeAfterInLoops()
	c.checkEndlessLoops()
	c.checkNeverDoneLoops()
	c.checkNeverClosedRanges()
	c.checkClosedSpins()
	c.checkIgnoredContexts()
	c.checkReturnedChannels()
	c.checkSkippedStops()
	return nil, nil
}
