// Package driver is the trapvet command: the go vet protocol through
// unitchecker, and a standalone driver over go/packages and
// go/analysis/checker with trapvet's output formats and exit codes.
package driver

import (
	"fmt"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/supersede"
)

// Exit codes of the standalone driver.
const (
	ExitClean    = 0 // no findings
	ExitError    = 1 // usage, load, type or analysis errors
	ExitFindings = 3 // findings reported
)

// A Suite is what a binary runs: its default set of analyzers, a group of
// them switched as a whole by one flag, and the extensions that keep an
// extended analyzer quiet where its extender reported.
type Suite struct {
	Name      string               // program name, for messages
	Analyzers []*analysis.Analyzer // the default set
	Group     []*analysis.Analyzer // members of GroupFlag (a subset of Analyzers)
	GroupFlag string               // e.g. "vet"; empty for none
	GroupDoc  string               // what the group is, for usage lines
	// OptIn lists analyzers of the set that run only when asked for: by
	// name (-NAME), or all at once by OptInFlag. They are design checks
	// that judge a codebase's shape, worth reading but not go vet's bar
	// (staticcheck keeps its non-default checks the same way).
	OptIn      []*analysis.Analyzer
	OptInFlag  string // e.g. "design"; empty for none
	OptInDoc   string // what the opt-in group is, for usage lines
	Extensions []supersede.Extension
	Version    func() string // version line for "trapvet version"
	InfoURL    string        // the project's home page, for SARIF

	// FixOnRequest lists analyzers whose fixes -fix applies only when the
	// analyzer is named (-fix -fmtlog): fixes that change where a
	// program's output goes are for a user who asked for them, never a
	// side effect of fixing everything. -diff shows them all the same.
	FixOnRequest []*analysis.Analyzer
}

// selection is the state of the enable flags: for each analyzer named on
// the command line, whether it was set true or false; and the group flag.
type selection struct {
	named map[string]bool
	group *bool
	optIn bool // the opt-in group's flag was set true
}

// Select returns the analyzers to run, with multichecker's semantics:
// if any analyzer is enabled by name (-name), only those run; otherwise all
// run but those disabled (-name=false). The group flag acts as if each
// member not named explicitly had been named with its value. The opt-in
// analyzers run only when named true, or when the opt-in flag adds them to
// whatever else runs. Extended analyzers are replaced by their quiet
// stand-ins where the extender runs.
func (s *Suite) Select(sel selection) []*analysis.Analyzer {
	state := make(map[string]bool, len(sel.named))
	for k, v := range sel.named {
		state[k] = v
	}
	if sel.group != nil {
		for _, a := range s.Group {
			if _, ok := state[a.Name]; !ok {
				state[a.Name] = *sel.group
			}
		}
	}
	hasTrue := false
	for _, on := range state {
		hasTrue = hasTrue || on
	}
	var out []*analysis.Analyzer
	for _, a := range s.Analyzers {
		on, named := state[a.Name]
		if slices.Contains(s.OptIn, a) {
			if named && on || !named && sel.optIn {
				out = append(out, a)
			}
			continue
		}
		if hasTrue && named && on || !hasTrue && !(named && !on) {
			out = append(out, a)
		}
	}
	for _, e := range s.Extensions {
		if i := slices.Index(out, e.Extended); i >= 0 && slices.Contains(out, e.Extender) {
			out[i] = supersede.Wrap(e)
		}
	}
	return out
}

// Check validates the suite: analyzers valid and uniquely named, group and
// extensions drawn from the set.
func (s *Suite) Check() error {
	if err := analysis.Validate(s.Analyzers); err != nil {
		return err
	}
	names := make(map[string]bool)
	for _, a := range s.Analyzers {
		if names[a.Name] {
			return fmt.Errorf("two analyzers named %s", a.Name)
		}
		names[a.Name] = true
	}
	if names[s.GroupFlag] {
		return fmt.Errorf("group flag -%s is also an analyzer name", s.GroupFlag)
	}
	if s.OptInFlag != "" && (names[s.OptInFlag] || s.OptInFlag == s.GroupFlag) {
		return fmt.Errorf("opt-in flag -%s is also an analyzer or group name", s.OptInFlag)
	}
	for _, a := range s.Group {
		if !slices.Contains(s.Analyzers, a) {
			return fmt.Errorf("group member %s is not in the set", a.Name)
		}
		if slices.Contains(s.OptIn, a) {
			return fmt.Errorf("%s is both in the group and opt-in", a.Name)
		}
	}
	for _, a := range s.OptIn {
		if !slices.Contains(s.Analyzers, a) {
			return fmt.Errorf("opt-in analyzer %s is not in the set", a.Name)
		}
	}
	for _, a := range s.FixOnRequest {
		if !slices.Contains(s.Analyzers, a) {
			return fmt.Errorf("fix-on-request analyzer %s is not in the set", a.Name)
		}
	}
	for _, e := range s.Extensions {
		if err := e.Check(); err != nil {
			return err
		}
		if !slices.Contains(s.Analyzers, e.Extender) || !slices.Contains(s.Analyzers, e.Extended) {
			return fmt.Errorf("extension %s > %s: both must be in the set", e.Extender.Name, e.Extended.Name)
		}
	}
	return nil
}

// triState is a boolean flag that knows whether it was set.
type triState struct {
	set, on bool
}

func (t *triState) String() string {
	if t == nil || !t.set {
		return "true"
	}
	return strconv.FormatBool(t.on)
}

func (t *triState) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	t.set, t.on = true, b
	return nil
}

func (t *triState) IsBoolFlag() bool { return true }
func (t *triState) Get() any         { return !t.set || t.on }

// names returns the names of the suite's analyzers.
func (s *Suite) names() []string {
	names := make([]string, len(s.Analyzers))
	for i, a := range s.Analyzers {
		names[i] = a.Name
	}
	return names
}
