package scope

import (
	"flag"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Row says which kinds of code an analyzer, or one of its rules,
// reports by default, and why. A rule is an analyzer's named trap; it has
// a row of its own only where its default differs from its analyzer's.
type Row struct {
	Analyzer string
	Rule     string // "" for the analyzer's row
	Kinds    Set
	Reason   string
}

// Name is the row's analyzer, or analyzer.rule for a rule's row.
func (r Row) Name() string {
	if r.Rule == "" {
		return r.Analyzer
	}
	return r.Analyzer + "." + r.Rule
}

// flaky are the kinds an analyzer reports whose trap makes a test flaky,
// hang or wrong: the test itself and its helpers.
var flaky = Of(Production, Test, TestSupport)

// harness is production and test support: code that runs as long as its
// loops do (a service, a soak or stress harness), unlike a test function,
// which ends with its test.
var harness = Of(Production, TestSupport)

// rows is the table, one row per trapvet analyzer, in alphabetical order,
// each followed by the rows of its rules whose default differs. An
// analyzer without a row reports production code only (Fallback); the
// analyzers package's tests require a row for each of its analyzers.
var rows = []Row{
	{"anymap", "", Of(Production), "a map inspected by hand in a test, an example or a tool crashes nobody's service; the struct pays off in code that serves"},
	{"chancounter", "", Of(Production), "a channel counting a test's or a demo's events costs a goroutine for the length of one run"},
	{"deferarg", "", Of(Production), "a deferred call that reports a stale error or status misleads a service's callers and logs; in a test, example or tool it misreports one run that a person watches"},
	{"deferloop", "", Of(Production), "a test, benchmark or tool returns soon after its loop, and its deferred closes run then, at no cost to anyone"},
	{"deferloop", RuleUnbounded, harness, "a loop the code does not bound (for {}, a condition, a count read at run time) runs as long as a soak or stress harness does, holding every iteration's resource until it ends; a test function ends with its test, and a deferred context cancel holds only a context (no descriptor, connection or lock) until its helper returns, which breaks no test"},
	{"fatmain", "", Of(Production), "only a service's main is wired up by hand at length; a test's, example's or tool's main is its own business"},
	{"fmtlog", "", Of(Production), "tests, examples, benchmarks, tools and reproductions print to their user or to the test log by design"},
	{"goroutineleak", "", Of(Production), "a leaked goroutine costs a long-running process; a test's, example's or tool's end with it"},
	{"goroutineleak", RuleEndless, flaky, "a goroutine whose loop has no way out spins for the rest of the test binary or harness, taking CPU from the tests after it and racing with them; one blocked forever (a sender, a range over a stopped ticker) or waiting each round (a sleep, a receive: a server's event loop; a send: a producer paced by its consumer; a read of a connection nothing closes: a fake server on a net.Pipe) costs a test nothing"},
	{"ifacesplit", "", Of(Production), "interfaces declared for a test's or an example's convenience shape no service's boundary"},
	{"lockescape", "", flaky, "data handed out of its lock races wherever it runs: in a test it makes the test flaky"},
	{"loopcapture", "", flaky, "a closure that reads a changed loop variable tests the wrong value or races: in a test it makes the test wrong or flaky"},
	{"lostunlock", "", flaky, "a lock left held deadlocks whoever takes it next: in a test it makes the test hang"},
	{"lostunlock", RuleMismatch, Of(Production), "an unlock of the other kind (RUnlock after Lock) is a fatal error each time it runs: a test cannot hide it, so one there or in its helpers is deliberate (a test of that fatal error)"},
	{"lostunlock", RuleLocalFail, Of(Production), "a mutex declared in the function, left held by a return of an error: in a service the callbacks it handed out wait forever on their next Lock; in a test or its harness the return is a failed check, and nothing takes the lock after the test is over"},
	{"rpctimeout", "", Of(Production), "a demo, benchmark or test calling a server it controls hangs only its own run"},
	{"scannererr", "", Of(Production), "a scan loop whose error goes unchecked silently truncates the input a service reads; an example, a benchmark or a tool reads its own input once, and a test asserts what it read (go vet itself does not run this analyzer yet)"},
	{"sliceretain", "", Of(Production), "memory pinned by a sub-slice costs a long-running process; tests, examples and tools end soon"},
	{"sqlrowserr", "", Of(Production), "a rows loop whose error goes unchecked returns a silently truncated result from a service; an example prints a demo's rows, and a test's assertions on what it read catch a truncated read (go vet itself does not run this analyzer yet)"},
}

// external links the rows of analyzers that have no page in docs/ (those
// of x/tools' vet suite that trapvet scopes) to their own documentation.
var external = map[string]string{
	"scannererr": "https://pkg.go.dev/golang.org/x/tools/go/analysis/passes/scannererr",
	"sqlrowserr": "https://pkg.go.dev/golang.org/x/tools/go/analysis/passes/sqlrowserr",
}

// docLink returns the link of an analyzer's documentation from docs/.
func docLink(analyzer string) string {
	if u, ok := external[analyzer]; ok {
		return u
	}
	return analyzer + ".md"
}

// The rules with a row of their own.
const (
	// RuleEndless: goroutineleak's goroutine running a loop with no way
	// out that does not sleep each round (a range over a ticker's C, idle
	// once the ticker stops, is not of it).
	RuleEndless = "endless"
	// RuleUnbounded: deferloop's defer in a loop whose trip count the
	// code does not bound.
	RuleUnbounded = "unbounded"
	// RuleMismatch: lostunlock's unlock of the other kind than the lock
	// (Unlock after RLock, RUnlock after Lock).
	RuleMismatch = "mismatch"
	// RuleLocalFail: lostunlock's lock, on a mutex declared in the
	// function, left held by a return of a non-nil error.
	RuleLocalFail = "localfail"
)

// Fallback is what an analyzer without a row reports: production code.
const Fallback = Set(1 << Production)

// Rows returns the table.
func Rows() []Row { return append([]Row(nil), rows...) }

// Default returns the kinds the named analyzer reports by default, and
// whether the table has a row for it.
func Default(analyzer string) (Set, bool) {
	return RuleDefault(analyzer, "")
}

// RuleDefault returns the kinds the named rule of an analyzer reports by
// default: its own row's, else its analyzer's. ok says whether the
// analyzer has a row.
func RuleDefault(analyzer, rule string) (Set, bool) {
	set, ok := Fallback, false
	for _, r := range rows {
		if r.Analyzer != analyzer {
			continue
		}
		switch r.Rule {
		case "":
			set, ok = r.Kinds, true
		case rule:
			return r.Kinds, true
		}
	}
	return set, ok
}

// Rules returns the rows of the named analyzer's own rules.
func Rules(analyzer string) []Row {
	var out []Row
	for _, r := range rows {
		if r.Analyzer == analyzer && r.Rule != "" {
			out = append(out, r)
		}
	}
	return out
}

// FlagName is the name of each analyzer's scope flag, and of the
// drivers' flag that sets them all.
const FlagName = "scope"

// ReportOnly reports whether an analyzer's flag of that name only chooses
// which findings are reported: its scope flag, and the boolean "tests"
// flag spelt before it (Reported reads both). Analyzers never read them;
// internal/report's Reporter does, when it drops a finding. So they change
// no fact, and the cache keys a package's facts without them (the
// analyzers package's TestFactsIgnoreScope keeps the analyzers with facts
// away from the Reporter's scope questions).
func ReportOnly(flagName string) bool {
	return flagName == FlagName || flagName == "tests"
}

// A Choice is the value of a scope flag: "default" (the analyzer's row),
// "all", or a comma-separated list of kinds.
type Choice struct {
	analyzer string
	set      Set
	explicit bool
}

func (c *Choice) String() string {
	if c == nil || !c.explicit {
		return "default"
	}
	return c.set.String()
}

// Set parses "default", "all" or a list of kinds.
func (c *Choice) Set(text string) error {
	if strings.TrimSpace(text) == "default" {
		c.set, c.explicit = 0, false
		return nil
	}
	s, err := ParseSet(text)
	if err != nil {
		return err
	}
	c.set, c.explicit = s, true
	return nil
}

// Get returns the kinds reported.
func (c *Choice) Get() any {
	if !c.explicit {
		s, _ := Default(c.analyzer)
		return s
	}
	return c.set
}

// Usage is the help text of a scope flag.
func Usage() string {
	return fmt.Sprintf("kinds of code to report: default (the analyzer's row in docs/scope.md), all, or a list of %s", strings.Join(kindNames[:], ","))
}

// Declare gives each analyzer its scope flag, unless it has one, and
// returns them. Drivers set it as any analyzer flag (-NAME.scope=all, a
// golangci-lint setting, nogo's flags); their -scope flag sets them all.
func Declare(analyzers ...*analysis.Analyzer) []*analysis.Analyzer {
	for _, a := range analyzers {
		if a.Flags.Lookup(FlagName) == nil {
			a.Flags.Var(&Choice{analyzer: a.Name}, FlagName, Usage())
		}
	}
	return analyzers
}

// Reported returns the kinds an analyzer reports: its scope flag's, or
// its row's when it has no flag. A boolean "tests" flag of the analyzer
// (-deferloop.tests, -rpctimeout.tests: the spelling before the scope
// flag) adds the test kind when set.
func Reported(a *analysis.Analyzer) Set {
	return ReportedRule(a, "")
}

// ReportedRule returns the kinds a rule of an analyzer reports: the
// analyzer's scope flag's when it is set (it covers every rule), else the
// rule's row's.
func ReportedRule(a *analysis.Analyzer, rule string) Set {
	set, _ := RuleDefault(a.Name, rule)
	if f := a.Flags.Lookup(FlagName); f != nil {
		if c, ok := f.Value.(*Choice); ok {
			if c.explicit {
				set = c.set
			}
		} else if g, ok := f.Value.(flag.Getter); ok {
			if s, ok := g.Get().(Set); ok {
				set = s
			}
		}
	}
	if f := a.Flags.Lookup("tests"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if on, _ := g.Get().(bool); on {
				set |= Of(Test)
			}
		}
	}
	return set
}

// Table returns the rows of the named analyzers, in that order, each
// followed by its rules' rows; an analyzer without a row gets Fallback,
// with a reason saying so.
func Table(names []string) []Row {
	out := make([]Row, 0, len(names))
	for _, n := range names {
		set, ok := Default(n)
		row := Row{Analyzer: n, Kinds: set, Reason: "no row in the table yet: production code only"}
		if ok {
			row = rows[indexOf(n)]
		}
		out = append(out, row)
		out = append(out, Rules(n)...)
	}
	return out
}

func indexOf(name string) int {
	for i, r := range rows {
		if r.Analyzer == name && r.Rule == "" {
			return i
		}
	}
	return -1
}

// Markdown renders the rows of the named analyzers as the table of
// docs/scope.md: one column per kind, a rule's row named analyzer.rule
// below its analyzer's.
func Markdown(names []string) string {
	var b strings.Builder
	b.WriteString("| analyzer |")
	for _, k := range Kinds() {
		fmt.Fprintf(&b, " %s |", k)
	}
	b.WriteString(" why |\n|---|")
	for range Kinds() {
		b.WriteString(":-:|")
	}
	b.WriteString("---|\n")
	for _, r := range Table(names) {
		if r.Rule == "" {
			fmt.Fprintf(&b, "| [%s](%s) |", r.Analyzer, docLink(r.Analyzer))
		} else {
			fmt.Fprintf(&b, "| [%s](%s).%s |", r.Analyzer, docLink(r.Analyzer), r.Rule)
		}
		for _, k := range Kinds() {
			if r.Kinds.Has(k) {
				b.WriteString(" ✓ |")
			} else {
				b.WriteString("   |")
			}
		}
		fmt.Fprintf(&b, " %s |\n", r.Reason)
	}
	return b.String()
}
