package driver

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/supersede"
)

func dummy(name string) *analysis.Analyzer {
	return &analysis.Analyzer{Name: name, Doc: name + ": test analyzer", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
}

func names(list []*analysis.Analyzer) string {
	var out []string
	for _, a := range list {
		out = append(out, a.Name)
	}
	return strings.Join(out, " ")
}

func testSuite() *Suite {
	own1, own2, vet1, vet2 := dummy("own1"), dummy("own2"), dummy("vet1"), dummy("vet2")
	return &Suite{
		Name:      "test",
		Analyzers: []*analysis.Analyzer{own1, own2, vet1, vet2},
		Group:     []*analysis.Analyzer{vet1, vet2},
		GroupFlag: "vet",
	}
}

func TestSelect(t *testing.T) {
	s := testSuite()
	for _, tc := range []struct {
		args string
		want string
	}{
		{"", "own1 own2 vet1 vet2"},
		{"-own1", "own1"},
		{"-own1=true -vet2", "own1 vet2"},
		{"-own1=false", "own2 vet1 vet2"},
		{"-vet=false", "own1 own2"},
		{"-vet=false -vet1", "vet1"},
		{"-vet=false -own1=false", "own2"},
		{"-vet", "vet1 vet2"},
		{"-vet=true -vet1=false", "vet2"},
		{"--own2 ./...", "own2"},
		{"-c 3 -own1 pkg", "own1"},
		{"./... -own1", "own1 own2 vet1 vet2"}, // flags end at the first argument
		{"-json -own1=nonsense", "own1 own2 vet1 vet2"},
	} {
		var args []string
		if tc.args != "" {
			args = strings.Fields(tc.args)
		}
		if got := names(s.Select(s.prescan(args))); got != tc.want {
			t.Errorf("prescan+Select(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestSelectSupersede checks that an extended analyzer is replaced by its
// quiet stand-in exactly when its extender runs too.
// TestSelectOptIn checks the opt-in group: off by default, added to the
// rest by its flag, run alone when named.
func TestSelectOptIn(t *testing.T) {
	s := testSuite()
	design := dummy("design1")
	s.Analyzers = append(s.Analyzers, design)
	s.OptIn, s.OptInFlag, s.OptInDoc = []*analysis.Analyzer{design}, "design", "design checks"
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args string
		want string
	}{
		{"", "own1 own2 vet1 vet2"},
		{"-design", "own1 own2 vet1 vet2 design1"},
		{"-design=false", "own1 own2 vet1 vet2"},
		{"-design1", "design1"},
		{"-design1 -own1", "own1 design1"},
		{"-design -vet=false", "own1 own2 design1"},
		{"-design -own1", "own1 design1"},
		{"-design -design1=false", "own1 own2 vet1 vet2"},
		{"-own1=false", "own2 vet1 vet2"},
	} {
		var args []string
		if tc.args != "" {
			args = strings.Fields(tc.args)
		}
		if got := names(s.Select(s.prescan(args))); got != tc.want {
			t.Errorf("prescan+Select(%q) = %q, want %q", tc.args, got, tc.want)
		}
		r := &run{suite: s}
		fs, sel := r.flagSet()
		if err := fs.Parse(args); err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		r.finishSelection()
		if got := names(s.Select(*sel)); got != tc.want {
			t.Errorf("flags+Select(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}

func TestSelectSupersede(t *testing.T) {
	s := testSuite()
	ext, base := s.Analyzers[0], s.Analyzers[2] // own1 extends vet1
	s.Extensions = []supersede.Extension{{Extender: ext, Extended: base}}
	for _, tc := range []struct {
		args    string
		wrapped bool
	}{
		{"", true},
		{"-own1=false", false},
		{"-vet1", false},
		{"-vet1 -own1", true},
		{"-vet=false", false},
	} {
		got := s.Select(s.prescan(strings.Fields(tc.args)))
		i := slices.IndexFunc(got, func(a *analysis.Analyzer) bool { return a.Name == base.Name })
		if i < 0 {
			if tc.wrapped {
				t.Errorf("%q: %s not selected", tc.args, base.Name)
			}
			continue
		}
		if wrapped := got[i] != base; wrapped != tc.wrapped {
			t.Errorf("%q: %s wrapped = %v, want %v", tc.args, base.Name, wrapped, tc.wrapped)
		}
	}
}

func TestCheck(t *testing.T) {
	s := testSuite()
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	s.GroupFlag = "own1"
	if err := s.Check(); err == nil {
		t.Error("Check accepted a group flag named like an analyzer")
	}
	s = testSuite()
	s.Analyzers = append(s.Analyzers, dummy("own1"))
	if err := s.Check(); err == nil {
		t.Error("Check accepted two analyzers with one name")
	}
}

func TestIsVetProtocol(t *testing.T) {
	s := testSuite()
	printf := dummy("printf")
	printf.Flags.String("funcs", "", "print functions")
	s.Analyzers = append(s.Analyzers, printf)
	for _, tc := range []struct {
		args string
		want bool
	}{
		{"-V=full", true},
		{"-V", false}, // the version alone, answered by the driver
		{"-V=true", false},
		{"-flags", true},
		{"/tmp/go-build/vet.cfg", true},
		{"-json -printf=false /tmp/b001/vet.cfg", true},
		{"./...", false},
		{"-json ./...", false},
		{"", false},
		{"help", false},
		{"a.cfg b.cfg", false},
		// go vet forwards "-tags integration" as two arguments.
		{"-tags integration -json /tmp/b008/vet.cfg", true},
		{"-json -tags integration /tmp/b008/vet.cfg", true},
		{"-c 2 /tmp/b008/vet.cfg", true},
		{"-printf.funcs Logf /tmp/b008/vet.cfg", true},
		{"-json integration /tmp/b008/vet.cfg", false}, // -json takes no value
		{"-tags integration ./...", false},
	} {
		if got := s.isVetProtocol(strings.Fields(tc.args)); got != tc.want {
			t.Errorf("isVetProtocol(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
