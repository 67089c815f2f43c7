// Package golangci registers trapvet's analyzers as golangci-lint v2 module
// plugins: one plugin per analyzer, named after it, so that golangci-lint
// reports each finding under the analyzer's name (//nolint:loopcapture,
// SARIF rule ids, per-linter enable and disable), and one plugin named
// trapvet that runs them all as one linter.
//
// Build a golangci-lint binary with them through golangci-lint's own
// "golangci-lint custom" and a .custom-gcl.yml naming this package; see
// docs/golangci-lint.md.
//
// Settings are the analyzer flags, without the analyzer prefix: the
// settings of plugin deferloop {tests: true, maxfixed: 4} are the flags
// -deferloop.tests=true -deferloop.maxfixed=4. The settings of plugin
// trapvet are keyed by analyzer: {deferloop: {tests: true}}, and an
// analyzer mapped to false is left out: {fmtlog: false}; its key scope
// sets every analyzer's scope flag ({scope: all}: report tests, examples,
// benchmarks and tools too; see docs/scope.md), before the analyzers' own
// settings. The design checks (analyzers.OptIn) run only when named:
// {fatmain: true}, or {fatmain: {lines: 150}}. A setting that names no flag is an error, listing the ones
// there are. There is no "ignores" linter or setting (the standalone
// command's check of the //trapvet:ignore directives): here each analyzer
// reports the directives naming it that give no reason.
//
// Flags are held by the analyzers (as for go vet and nogo), so one process
// holds one configuration of each: enable either the per-analyzer plugins
// or the trapvet plugin, not both.
package golangci

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/scope"
)

// SuiteName is the name of the plugin that runs every analyzer.
const SuiteName = "trapvet"

func init() {
	for _, a := range analyzers.All {
		register.Plugin(a.Name, func(settings any) (register.LinterPlugin, error) {
			if err := configure(a, settings); err != nil {
				return nil, err
			}
			return plugin{a}, nil
		})
	}
	register.Plugin(SuiteName, newSuite)
}

// plugin is a golangci-lint linter made of trapvet analyzers. They all
// need type information.
type plugin []*analysis.Analyzer

func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p, nil }

func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// newSuite builds the trapvet plugin from settings keyed by analyzer.
func newSuite(settings any) (register.LinterPlugin, error) {
	m, err := asMap(SuiteName, settings)
	if err != nil {
		return nil, err
	}
	byName := make(map[string]*analysis.Analyzer)
	for _, a := range analyzers.All {
		byName[a.Name] = a
	}
	if v, ok := m[scope.FlagName]; ok {
		text, err := flagValue(v)
		if err != nil {
			return nil, fmt.Errorf("trapvet plugin: setting %s: %v", scope.FlagName, err)
		}
		for _, a := range analyzers.All {
			if err := a.Flags.Set(scope.FlagName, text); err != nil {
				return nil, fmt.Errorf("trapvet plugin: setting %s: %v", scope.FlagName, err)
			}
		}
	}
	off := make(map[string]bool)
	for name, v := range m {
		if name == scope.FlagName {
			continue
		}
		if name == report.CheckerName {
			return nil, fmt.Errorf("trapvet plugin: no setting %q: under golangci-lint, the analyzer a //trapvet:ignore directive names reports it when it gives no reason, and nothing reports unused ones", name)
		}
		a, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("trapvet plugin: no analyzer %q (analyzers: %s)", name, strings.Join(slices.Sorted(maps.Keys(byName)), ", "))
		}
		if b, ok := v.(bool); ok {
			off[name] = !b
			continue
		}
		if err := configure(a, v); err != nil {
			return nil, err
		}
	}
	var p plugin
	for _, a := range analyzers.All {
		isOff, set := off[a.Name]
		_, configured := m[a.Name]
		// A design check runs only when its settings name it: true, or
		// its flags.
		optIn := slices.Contains(analyzers.OptIn(), a)
		if set && !isOff || !set && (configured || !optIn) {
			p = append(p, a)
		}
	}
	return p, nil
}

// configure sets a's flags from golangci-lint settings: a map from flag
// name to value, or nothing.
func configure(a *analysis.Analyzer, settings any) error {
	m, err := asMap(a.Name, settings)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names) // the first error is the same on every run
	for _, k := range names {
		f := a.Flags.Lookup(k)
		if f == nil {
			return fmt.Errorf("%s: no setting %q (settings: %s)", a.Name, k, flagNames(&a.Flags))
		}
		v, err := flagValue(m[k])
		if err != nil {
			return fmt.Errorf("%s: setting %s: %v", a.Name, k, err)
		}
		if err := a.Flags.Set(k, v); err != nil {
			return fmt.Errorf("%s: setting %s: %v", a.Name, k, err)
		}
	}
	return nil
}

// asMap returns the settings as a map; absent settings are an empty map.
func asMap(name string, settings any) (map[string]any, error) {
	switch s := settings.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return s, nil
	}
	return nil, fmt.Errorf("%s: settings must be a map of names to values, not %T", name, settings)
}

// flagValue renders a YAML value as a flag's text: a list becomes a
// comma-separated one.
func flagValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool, int, int64, uint64, float64:
		return fmt.Sprint(v), nil
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			s, err := flagValue(e)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	}
	return "", fmt.Errorf("unsupported value %v (%T)", v, v)
}

func flagNames(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
