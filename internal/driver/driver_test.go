package driver

import (
	"bytes"
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/loopclosure"

	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/runner"
	"github.com/trapvet/trapvet/internal/supersede"
)

// capture is a test-only extender of loopclosure: it reports every use of
// a range variable inside a function literal in the loop body, a superset
// of what loopclosure reports, and publishes its findings.
var capture = &analysis.Analyzer{
	Name:       "capture",
	Doc:        "capture: report range variables used in function literals, for testing",
	ResultType: reflect.TypeFor[*report.Findings](),
	Run: func(pass *analysis.Pass) (any, error) {
		r := report.New(pass)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				rs, ok := n.(*ast.RangeStmt)
				if !ok {
					return true
				}
				vars := make(map[types.Object]bool)
				for _, e := range []ast.Expr{rs.Key, rs.Value} {
					if id, ok := e.(*ast.Ident); ok && pass.TypesInfo.Defs[id] != nil {
						vars[pass.TypesInfo.Defs[id]] = true
					}
				}
				ast.Inspect(rs.Body, func(n ast.Node) bool {
					if lit, ok := n.(*ast.FuncLit); ok {
						ast.Inspect(lit.Body, func(n ast.Node) bool {
							if id, ok := n.(*ast.Ident); ok && vars[pass.TypesInfo.Uses[id]] {
								r.Reportf(id, "capture: %s", id.Name)
							}
							return true
						})
					}
					return true
				})
				return true
			})
		}
		return r.Findings(), nil
	},
}

var boom = &analysis.Analyzer{
	Name: "boom",
	Doc:  "boom: panic, for testing",
	Run:  func(*analysis.Pass) (any, error) { panic("kaboom") },
}

func runIn(t *testing.T, dir string, s *Suite, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("TRAPVET_CACHE", t.TempDir())
	var out, errb bytes.Buffer
	code = Main(s, args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestSupersedeStandalone runs the generic extension mechanism end to end
// on a Go 1.21 module, where loopclosure reports.
func TestSupersedeStandalone(t *testing.T) {
	s := &Suite{
		Name:       "test",
		Analyzers:  []*analysis.Analyzer{capture, loopclosure.Analyzer},
		Group:      []*analysis.Analyzer{loopclosure.Analyzer},
		GroupFlag:  "vet",
		Extensions: []supersede.Extension{{Extender: capture, Extended: loopclosure.Analyzer}},
	}
	const line = "loops/loops.go:17:"
	for _, tc := range []struct {
		args       []string
		want, hide []string
	}{
		{nil, []string{line + "19: capture: p (capture)"}, []string{"(loopclosure)"}},
		{[]string{"-capture=false"}, []string{line + "19: loop variable p captured by func literal (loopclosure)"}, []string{"(capture)"}},
		{[]string{"-loopclosure"}, []string{"(loopclosure)"}, []string{"(capture)"}},
	} {
		code, out, errs := runIn(t, "../../testdata/go121", s, append(tc.args, "./loops")...)
		if code != ExitFindings || errs != "" {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, w, out)
			}
		}
		for _, h := range tc.hide {
			if strings.Contains(out, h) {
				t.Errorf("%v: output has %q:\n%s", tc.args, h, out)
			}
		}
	}
}

func TestPanicBecomesError(t *testing.T) {
	s := &Suite{Name: "test", Analyzers: []*analysis.Analyzer{boom, capture}}
	code, out, errs := runIn(t, "../../testdata/go121", s, "./loops")
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	if !strings.Contains(out, "(capture)") {
		t.Errorf("the other analyzer's findings are lost:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 1 || !strings.Contains(errs, "boom on example.com/go121/loops: panic: kaboom at ") || !strings.Contains(errs, "driver_test.go:") {
		t.Errorf("stderr = %q, want one line naming boom, the package, the panic and its place", errs)
	}
}

// TestCollapseErrors checks that a package's errors come as one line, as
// go vet gives them.
func TestCollapseErrors(t *testing.T) {
	errs := []runner.Error{
		{Pos: "/m/a/a.go:5:11", Msg: "expected ')', found string"},
		{Pos: "/m/a/a.go:5:9", Msg: "undefined: s"},
		{Pos: "/m/a/b.go:6:21", Msg: "undefined: s"},
		{Pos: "/m/b/b.go:1:1", Msg: "expected 'package', found 'EOF'"},
		{Msg: "printf on example.com/m/c: panic"},
		{Msg: "printf on example.com/m/d: panic"},
	}
	var got []string
	for _, e := range collapseErrors(errs) {
		got = append(got, e.Pos+": "+e.Msg)
	}
	want := []string{
		"/m/a/a.go:5:11: expected ')', found string (and 2 more errors)",
		"/m/b/b.go:1:1: expected 'package', found 'EOF'",
		": printf on example.com/m/c: panic",
		": printf on example.com/m/d: panic",
	}
	if !slices.Equal(got, want) {
		t.Errorf("collapsed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNewerGo checks that the error for a module newer than trapvet's Go
// says which Go to rebuild trapvet with.
func TestNewerGo(t *testing.T) {
	msg := "package requires newer Go version go1.27 (application built with go1.26)"
	want := msg + ": rebuild trapvet with Go 1.27 or later (see its README, Install)"
	if got := newerGo("trapvet", msg); got != want {
		t.Errorf("newerGo = %q, want %q", got, want)
	}
	if got := newerGo("trapvet", "undefined: x"); got != "undefined: x" {
		t.Errorf("newerGo changed another error: %q", got)
	}
}

// TestFlagConflicts checks that flags that contradict each other, or a
// negative -c, are usage errors rather than silently resolved.
func TestFlagConflicts(t *testing.T) {
	s := &Suite{Name: "test", Analyzers: []*analysis.Analyzer{capture}}
	dir := t.TempDir()
	for args, want := range map[string]string{
		"-format=text -json":  "test: -json and -format=text disagree: give one of them\n",
		"-json -format=sarif": "test: -json and -format=sarif disagree: give one of them\n",
		"-c -1":               "test: -c -1: the number of context lines must be 0 or more\n",
	} {
		code, out, errs := runIn(t, dir, s, append(strings.Fields(args), ".")...)
		if code != ExitError || out != "" || errs != want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and %q", args, code, out, errs, want)
		}
	}
}
