package report_test

import (
	"fmt"
	"go/ast"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/report"
)

// callreport reports every call to a function named report, through the
// shared Reporter: the fixtures check what the Reporter lets through.
var callreport = &analysis.Analyzer{
	Name: "callreport",
	Doc:  "callreport: report calls to report, for testing",
	Run: func(pass *analysis.Pass) (any, error) {
		r := report.New(pass)
		defer checkFindings(pass, r)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "report" {
						r.Reportf(call, "call to report")
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

// checkFindings reports a diagnostic wherever Findings disagrees with the
// calls to report: every call's line is covered, suppressed or not, and a
// line without one is not.
func checkFindings(pass *analysis.Pass, r *report.Reporter) {
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "report" && !r.Findings().Covers(pass.Fset, n.Pos()) {
					pass.Reportf(n.Pos(), "Findings misses this call")
				}
			case *ast.FuncDecl:
				if r.Findings().Covers(pass.Fset, n.Pos()) {
					pass.Reportf(n.Pos(), "Findings covers a line without a finding")
				}
			}
			return true
		})
	}
}

func TestReporter(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), callreport, "a", "gen")
}

func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		text   string
		ok     bool
		kind   report.DirectiveKind
		names  string
		reason string
	}{
		{"//trapvet:ignore deferloop closes at most 3 files", true, report.IgnoreDirective, "deferloop", "closes at most 3 files"},
		{"//trapvet:ignore a,b why", true, report.IgnoreDirective, "a,b", "why"},
		{"//trapvet:ignore a // why", true, report.IgnoreDirective, "a", "why"},
		{"//trapvet:ignore a //", true, report.IgnoreDirective, "a", ""},
		{"//trapvet:ignore a", true, report.IgnoreDirective, "a", ""},
		{"//trapvet:ignore", true, report.IgnoreDirective, "", ""},
		{"// trapvet:ignore a why", false, 0, "", ""},
		{"//trapvet:ignored a why", false, 0, "", ""},
		{"/*trapvet:ignore a why*/", false, 0, "", ""},
		{"//nolint", true, report.NolintDirective, "", ""},
		{"//nolint:deferloop,errcheck // closed below", true, report.NolintDirective, "deferloop,errcheck", "closed below"},
		{"//nolint:all", true, report.NolintDirective, "all", ""},
		{"// nolint:deferloop // closed below", true, report.NolintDirective, "deferloop", "closed below"},
		{"// nolint is what golangci-lint reads", false, 0, "", ""},
		{"//nolintx", false, 0, "", ""},
		{"//nolint:", false, 0, "", ""},
	} {
		d, ok := report.ParseDirective(tc.text)
		if ok != tc.ok {
			t.Errorf("ParseDirective(%q) ok = %v, want %v", tc.text, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if d.Kind != tc.kind || strings.Join(d.Analyzers, ",") != tc.names || d.Reason != tc.reason {
			t.Errorf("ParseDirective(%q) = %+v, want kind %d names %q reason %q", tc.text, d, tc.kind, tc.names, tc.reason)
		}
	}
}

func TestDirectiveNames(t *testing.T) {
	report.DeclareVet("copylocks")
	bare, _ := report.ParseDirective("//nolint")
	group, _ := report.ParseDirective("//nolint:trapvet")
	other, _ := report.ParseDirective("//trapvet:ignore other reason")
	govet, _ := report.ParseDirective("//nolint:govet")
	govetIgnore, _ := report.ParseDirective("//trapvet:ignore govet reason")
	for _, tc := range []struct {
		d    report.Directive
		name string
		want bool
	}{
		{bare, "deferloop", true}, {group, "deferloop", true}, {other, "deferloop", false},
		{group, "copylocks", true},
		{govet, "copylocks", true}, {govet, "deferloop", false}, // go vet's suite only
		{govetIgnore, "copylocks", false}, // golangci-lint's name, in //nolint only
	} {
		if got := tc.d.Names(tc.name); got != tc.want {
			t.Errorf("%+v.Names(%s) = %v, want %v", tc.d, tc.name, got, tc.want)
		}
	}
}

// TestTableKeeps runs callreport as trapvet's driver does, its pass
// Attached to a Table that keeps suppressed findings: they are passed on,
// the directive that silenced each recorded in the table, and generated
// files stay silent.
func TestTableKeeps(t *testing.T) {
	table := report.NewTable()
	keepreport := &analysis.Analyzer{
		Name:     "callreport",
		Doc:      callreport.Doc,
		Requires: []*analysis.Analyzer{report.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			table.Attach(pass, pass.ResultOf[report.Analyzer].(*report.Directives), true)
			return callreport.Run(pass)
		},
	}
	results := analysistest.Run(t, fixturecache.TestData(), keepreport, "keep", "gen")
	var got []string
	for _, res := range results {
		for _, d := range res.Diagnostics {
			s, ok := table.Suppressed("callreport", res.Pass.Fset.Position(d.Pos))
			got = append(got, fmt.Sprintf("%v %d %q %q", ok, s.Kind, s.Reason, d.Category))
		}
	}
	want := []string{
		`false 0 "" ""`,
		fmt.Sprintf("true %d %q \"\"", report.IgnoreDirective, "accepted here"),
		fmt.Sprintf("true %d %q \"\"", report.NolintDirective, "want `call to report`"),
	}
	if !slices.Equal(got, want) {
		t.Errorf("kept diagnostics:\n%s\nwant (generated files stay silent):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSuppresses checks that a //trapvet:ignore without a reason, or with
// the editor's placeholder, suppresses nothing.
func TestSuppresses(t *testing.T) {
	for text, want := range map[string]bool{
		"//trapvet:ignore a why":                         true,
		"//trapvet:ignore a":                             false,
		"//trapvet:ignore a //":                          false,
		"//trapvet:ignore a " + report.ReasonPlaceholder: false,
		"//nolint:a":                                     true,
		"// nolint:a":                                    true,
	} {
		d, ok := report.ParseDirective(text)
		if !ok || d.Suppresses() != want {
			t.Errorf("ParseDirective(%q): ok %v, Suppresses %v, want %v", text, ok, d.Suppresses(), want)
		}
	}
}
