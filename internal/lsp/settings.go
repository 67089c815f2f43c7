package lsp

// The editor's settings: taken from initializationOptions or
// workspace/didChangeConfiguration, applied by the worker between analyses.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/trapvet/trapvet/internal/report"
)

// withDefaults returns the flags to parse for args (the command line's,
// then the client's settings): by default go vet's suite is left out,
// since gopls already runs it. Where args set the group flag (-vet), its
// last value decides: false leaves the suite out, true brings it in
// beside trapvet's analyzers, as the command line's default set has it
// (on the command line, -vet alone would select the suite only).
func withDefaults(args []string, group string) []string {
	if group == "" {
		return args
	}
	on, set := false, false
	for _, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name != group || !strings.HasPrefix(a, "-") {
			continue
		}
		b, err := strconv.ParseBool(value)
		if hasValue && err != nil {
			return args // ParseSettings says what is wrong
		}
		on, set = !hasValue || b, true
	}
	if !set {
		return slices.Concat([]string{"-" + group + "=false"}, args)
	}
	if !on {
		return args
	}
	return slices.DeleteFunc(slices.Clone(args), func(a string) bool {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		return name == group && strings.HasPrefix(a, "-")
	})
}

// configure takes new settings from initializationOptions or
// workspace/didChangeConfiguration; the worker applies them between
// analyses.
func (s *server) configure(raw any) {
	args, err := settingsArgs(raw)
	if err != nil {
		s.logf(protocol.MessageTypeError, "settings ignored: %v", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pendingArgs = withDefaults(slices.Concat(s.baseArgs, args), s.suite.GroupFlag)
	s.pendingSettings = true
	s.cond.Signal()
}

// applySettings parses new settings; on success every unit analyzed so
// far is analyzed again under them. Bad settings leave the old ones.
func (s *server) applySettings(args []string) {
	defer s.recoverTo("applying settings")
	set, err := s.suite.ParseSettings(args)
	if err != nil {
		// One bad key must not cost the others: apply the flags that
		// parse, and tell the user which did not.
		good, bad := s.splitSettings(args)
		if len(bad) > 0 {
			msg := fmt.Sprintf("settings ignored: %s (the other settings apply)", strings.Join(bad, "; "))
			s.logf(protocol.MessageTypeError, "%s", msg)
			s.show(protocol.MessageTypeError, s.suite.Name+": "+msg)
			args = good
			set, err = s.suite.ParseSettings(args)
		}
	}
	if err != nil {
		s.logf(protocol.MessageTypeError, "settings ignored: %v", err)
		s.mu.Lock()
		old := s.settingsArgs
		s.mu.Unlock()
		if _, err := s.suite.ParseSettings(old); err != nil { // put the analyzer flags back
			s.logf(protocol.MessageTypeError, "restoring settings: %v", err)
		}
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := !slices.Equal(args, s.settingsArgs)
	s.settings, s.settingsArgs = set, args
	names := make([]string, len(set.Analyzers), len(set.Analyzers)+1)
	for i, a := range set.Analyzers {
		names[i] = a.Name
	}
	if !set.NoIgnores {
		names = append(names, report.CheckerName) // the directives' check runs too
	}
	s.logfLocked(protocol.MessageTypeInfo, "analyzers: %s", strings.Join(names, ", "))
	if !changed {
		return
	}
	for _, u := range s.units {
		if u.analyzed {
			s.scheduleLocked(u)
		}
	}
}

// splitSettings tells the flags of args that parse on their own from
// those that do not, which it returns as their errors.
func (s *server) splitSettings(args []string) (good, bad []string) {
	for _, a := range args {
		if _, err := s.suite.ParseSettings([]string{a}); err != nil {
			bad = append(bad, err.Error())
			continue
		}
		good = append(good, a)
	}
	return good, bad
}
