package golangci_test

import (
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/internal/scope"
	"github.com/trapvet/trapvet/plugin/golangci"
)

// restoreFlags puts every analyzer flag back to its default when t ends:
// plugins configure the shared analyzers.
func restoreFlags(t *testing.T) {
	t.Cleanup(func() {
		for _, a := range analyzers.All {
			a.Flags.VisitAll(func(f *flag.Flag) { f.Value.Set(f.DefValue) })
		}
	})
}

func build(t *testing.T, name string, settings any) ([]*analysis.Analyzer, error) {
	t.Helper()
	newPlugin, err := register.GetPlugin(name)
	if err != nil {
		t.Fatalf("plugin %s not registered: %v", name, err)
	}
	p, err := newPlugin(settings)
	if err != nil {
		return nil, err
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("%s: load mode %q, want %q", name, mode, register.LoadModeTypesInfo)
	}
	return p.BuildAnalyzers()
}

func TestOnePluginPerAnalyzer(t *testing.T) {
	for _, a := range analyzers.All {
		got, err := build(t, a.Name, nil)
		if err != nil || len(got) != 1 || got[0] != a {
			t.Errorf("plugin %s = %v, %v; want the analyzer alone", a.Name, got, err)
		}
	}
	got, err := build(t, golangci.SuiteName, nil)
	var want []*analysis.Analyzer
	for _, a := range analyzers.All {
		if !slices.Contains(analyzers.OptIn(), a) {
			want = append(want, a)
		}
	}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("plugin trapvet = %v, %v; want analyzers.All less the design checks", got, err)
	}
}

// TestDesignChecksOptIn checks that the trapvet plugin runs a design
// check only when its settings name it, with true or with its flags.
func TestDesignChecksOptIn(t *testing.T) {
	restoreFlags(t)
	got, err := build(t, golangci.SuiteName, map[string]any{
		"fatmain":    map[string]any{"lines": 150},
		"ifacesplit": true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got, analyzerNamed(t, "fatmain")) || !slices.Contains(got, analyzerNamed(t, "ifacesplit")) {
		t.Errorf("trapvet {fatmain: {lines: 150}, ifacesplit: true} runs %v", got)
	}
}

func TestSettingsAreFlags(t *testing.T) {
	restoreFlags(t)
	// As golangci-lint decodes .golangci.yml: ints, bools, strings.
	if _, err := build(t, "deferloop", map[string]any{"tests": true, "maxfixed": 4}); err != nil {
		t.Fatal(err)
	}
	a := analyzerNamed(t, "deferloop")
	if got := a.Flags.Lookup("tests").Value.String(); got != "true" {
		t.Errorf("deferloop.tests = %s after settings {tests: true}", got)
	}
	if got := a.Flags.Lookup("maxfixed").Value.String(); got != "4" {
		t.Errorf("deferloop.maxfixed = %s after settings {maxfixed: 4}", got)
	}

	got, err := build(t, golangci.SuiteName, map[string]any{
		"fmtlog":      false,
		"sliceretain": map[string]any{"threshold": "2048"},
		"anymap":      true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(analyzers.All)-1-len(analyzers.OptIn()) || slices.Contains(got, analyzerNamed(t, "fmtlog")) {
		t.Errorf("trapvet {fmtlog: false} runs %v", got)
	}
	if v := analyzerNamed(t, "sliceretain").Flags.Lookup("threshold").Value.String(); v != "2048" {
		t.Errorf("sliceretain.threshold = %s", v)
	}

	// scope: every analyzer's scope flag, then an analyzer's own.
	if _, err := build(t, golangci.SuiteName, map[string]any{
		"scope":  "all",
		"fmtlog": map[string]any{"scope": "production,example"},
	}); err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzers.All {
		want := scope.All
		if a.Name == "fmtlog" {
			want = scope.Of(scope.Production, scope.Example)
		}
		if got := scope.Reported(a); got != want {
			t.Errorf("%s reports %v after {scope: all, fmtlog: {scope: production,example}}, want %v", a.Name, got, want)
		}
	}
}

func TestBadSettings(t *testing.T) {
	restoreFlags(t)
	for _, tc := range []struct {
		plugin   string
		settings any
		want     string
	}{
		{"deferloop", map[string]any{"max": 3}, `deferloop: no setting "max" (settings: maxfixed, scope, tests)`},
		{"fmtlog", map[string]any{"x": 1}, `fmtlog: no setting "x" (settings: scope)`},
		{"fmtlog", map[string]any{"scope": "demos"}, `fmtlog: setting scope: unknown kind "demos"`},
		{golangci.SuiteName, map[string]any{"scope": "everywhere"}, `trapvet plugin: setting scope:`},
		{"deferloop", map[string]any{"maxfixed": "many"}, `deferloop: setting maxfixed: parse error`},
		{"deferloop", map[string]any{"tests": map[string]any{}}, `deferloop: setting tests: unsupported value`},
		{"deferloop", []any{"tests"}, `deferloop: settings must be a map`},
		{golangci.SuiteName, map[string]any{"nosuch": true}, `trapvet plugin: no analyzer "nosuch" (analyzers: anymap, chancounter, deferarg, deferloop,`},
		{golangci.SuiteName, map[string]any{"deferloop": map[string]any{"nosuch": 1}}, `deferloop: no setting "nosuch"`},
		{golangci.SuiteName, map[string]any{"ignores": false}, `trapvet plugin: no setting "ignores": under golangci-lint, the analyzer a //trapvet:ignore directive names reports it`},
	} {
		_, err := build(t, tc.plugin, tc.settings)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %v: error %v, want %q", tc.plugin, tc.settings, err, tc.want)
		}
	}
}

func analyzerNamed(t *testing.T, name string) *analysis.Analyzer {
	for _, a := range analyzers.All {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no analyzer %s", name)
	return nil
}
