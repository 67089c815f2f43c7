package driver

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/loopclosure"
)

func TestParseSettings(t *testing.T) {
	s := testSuite()
	own1 := s.Analyzers[0] // fresh per testSuite call
	level := own1.Flags.Int("level", 1, "a test flag")

	set, err := s.ParseSettings([]string{"-vet=false", "-own1.level=3", "-tags=a,b", "-test=false", "-ignores=false"})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(set.Analyzers); got != "own1 own2" || set.Tags != "a,b" || set.Tests || *level != 3 || !set.NoIgnores {
		t.Errorf("settings = %q tags %q tests %v level %d no ignores %v", got, set.Tags, set.Tests, *level, set.NoIgnores)
	}
	// A flag left out goes back to its default; later flags win.
	set, err = s.ParseSettings([]string{"-vet=true", "-vet=false", "-own2=false"})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(set.Analyzers); got != "own1" || !set.Tests || *level != 1 || set.NoIgnores {
		t.Errorf("settings = %q tests %v level %d no ignores %v", got, set.Tests, *level, set.NoIgnores)
	}
	for _, bad := range [][]string{{"-json"}, {"-fix"}, {"-o=x"}, {"./..."}, {"-nosuch"}, {"-ignores=maybe"}, {"-own1=false", "-own2=false", "-vet=false"}, {"-help"}} {
		if _, err := s.ParseSettings(bad); err == nil {
			t.Errorf("ParseSettings(%q): no error", bad)
		}
	}
}

// TestAnalyze runs the in-process entry point in a directory other than
// the working one, and on a pattern that does not load.
func TestAnalyze(t *testing.T) {
	s := &Suite{Name: "test", Analyzers: []*analysis.Analyzer{capture, loopclosure.Analyzer}}
	set, err := s.ParseSettings([]string{"-loopclosure=false"})
	if err != nil {
		t.Fatal(err)
	}
	dir, _ := filepath.Abs("../../testdata/go121/loops")
	findings, errs, failed := s.Analyze(context.Background(), dir, []string{"."}, set)
	if len(errs) > 0 || failed != nil {
		t.Errorf("errors: %q, %v", errs, failed)
	}
	if len(findings) == 0 {
		t.Fatal("no findings")
	}
	f := findings[0]
	if f.Analyzer != "capture" || filepath.Dir(f.Posn.Filename) != dir || f.Posn.Line != 17 || f.Posn.Column != 19 || !f.End.IsValid() {
		t.Errorf("first finding = %+v", f)
	}
	_, errs, _ = s.Analyze(context.Background(), dir, []string{"./nosuch"}, set)
	if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), "nosuch") {
		t.Errorf("errors for a missing package: %q", errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if findings, errs, failed := s.Analyze(ctx, dir, []string{"."}, set); findings != nil || len(errs) == 0 || failed == nil {
		t.Errorf("canceled: %d findings, errors %q", len(findings), errs)
	}
}

// TestAnalyzeWithoutGo runs the in-process entry point with no go command
// on PATH: the run fails, saying why, rather than finding nothing.
func TestAnalyzeWithoutGo(t *testing.T) {
	s := &Suite{Name: "test", Analyzers: []*analysis.Analyzer{capture}}
	set, err := s.ParseSettings(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	dir, _ := filepath.Abs("../../testdata/go121/loops")
	findings, errs, failed := s.Analyze(context.Background(), dir, []string{"."}, set)
	if failed == nil || !strings.Contains(failed.Error(), "cannot run the go command: ") || findings != nil {
		t.Errorf("without go: failed %v, %d findings", failed, len(findings))
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "test: cannot run the go command: exec: \"go\"") {
		t.Errorf("without go: errors %q", errs)
	}
}
