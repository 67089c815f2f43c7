package driver

import (
	"context"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/loopclosure"

	"github.com/trapvet/trapvet/internal/baseline"
	"github.com/trapvet/trapvet/internal/runner"
)

// TestAnalyzeBaseline checks the editor server's baseline setting: the
// findings the file records are held back, the others stay.
func TestAnalyzeBaseline(t *testing.T) {
	s := &Suite{Name: "test", Analyzers: []*analysis.Analyzer{capture, loopclosure.Analyzer}}
	dir, _ := filepath.Abs("../../testdata/go121/loops")
	set, err := s.ParseSettings([]string{"-loopclosure=false"})
	if err != nil {
		t.Fatal(err)
	}
	all, errs, _ := s.Analyze(context.Background(), dir, []string{"."}, set)
	if len(all) == 0 || len(errs) > 0 {
		t.Fatalf("want findings: %+v %q", all, errs)
	}
	base := filepath.Join(t.TempDir(), "baseline")
	var sources baseline.Sources
	first := &runner.Finding{Analyzer: all[0].Analyzer, Posn: all[0].Posn, Message: all[0].Message}
	f, err := os.Create(base)
	if err != nil {
		t.Fatal(err)
	}
	if err := baseline.Write(f, []baseline.Entry{entryOf(&sources, first, filepath.Dir(base))}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	set, err = s.ParseSettings([]string{"-loopclosure=false", "-baseline=" + base})
	if err != nil || set.Baseline != base {
		t.Fatalf("ParseSettings -baseline: %v, %+v", err, set)
	}
	got, errs, _ := s.Analyze(context.Background(), dir, []string{"."}, set)
	if len(errs) > 0 || len(got) != len(all)-1 || len(got) > 0 && got[0].Posn != all[1].Posn {
		t.Errorf("with the baseline: %d findings (want %d, the first held back), errors %q", len(got), len(all)-1, errs)
	}
	set.Baseline = "no-such-baseline"
	if got, errs, _ := s.Analyze(context.Background(), dir, []string{"."}, set); len(got) != len(all) || len(errs) != 1 {
		t.Errorf("a missing baseline: %d findings, errors %q; want all findings and one error", len(got), errs)
	}
}

// TestTouches checks which changed lines make a finding new: any line of
// its own range, the first line of a related position.
func TestTouches(t *testing.T) {
	f := &runner.Finding{
		Posn: token.Position{Filename: "/r/p.go", Line: 11, Column: 3},
		End:  token.Position{Filename: "/r/p.go", Line: 12, Column: 4},
		Related: []runner.Related{{
			Posn: token.Position{Filename: "/r/p.go", Line: 6, Column: 2},
			End:  token.Position{Filename: "/r/p.go", Line: 14, Column: 3},
		}},
	}
	for line, want := range map[int]bool{11: true, 12: true, 6: true, 8: false, 13: false, 5: false} {
		patch := fmt.Sprintf("--- a/p.go\n+++ b/p.go\n@@ -%d +%d @@\n-old\n+new\n", line, line)
		c, err := baseline.ParsePatch(strings.NewReader(patch), "/r")
		if err != nil {
			t.Fatal(err)
		}
		if got := touches(c, f); got != want {
			t.Errorf("line %d changed: new = %v, want %v", line, got, want)
		}
	}
}
