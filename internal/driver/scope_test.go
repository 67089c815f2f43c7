package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/trapvet/trapvet/analyzers"
)

// TestScopeInProcess runs trapvet's suite over the layout fixture (every
// kind of code side by side) standalone and through Analyze, the editor
// server's path, at the default scope and at -scope=all: the findings are
// the same. (cmd/trapvet's parity test compares standalone and go vet.)
func TestScopeInProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: analyzes a module with the whole suite")
	}
	t.Setenv("TRAPVET_CACHE", t.TempDir())
	s := &Suite{
		Name:       "trapvet",
		Analyzers:  analyzers.Default(),
		Group:      analyzers.Vet(),
		GroupFlag:  analyzers.GroupFlag,
		GroupDoc:   "go vet's analyzers",
		Extensions: analyzers.Extensions(),
	}
	dir, _ := filepath.Abs("../../testdata/layout")
	t.Chdir(dir)
	defer s.ParseSettings(nil) // the analyzers' flags back to their defaults
	var counts []int
	for _, flags := range [][]string{nil, {"-scope=all"}} {
		set, err := s.ParseSettings(flags)
		if err != nil {
			t.Fatal(err)
		}
		found, errs, _ := s.Analyze(context.Background(), dir, []string{"./..."}, set)
		if len(errs) > 0 {
			t.Fatalf("Analyze %v: %q", flags, errs)
		}
		var editor []string
		for _, f := range found {
			editor = append(editor, fmt.Sprintf("%s: %s (%s)", f.Posn, f.Message, f.Analyzer))
		}
		var out, errb bytes.Buffer
		if code := Main(s, append(slices.Clone(flags), "-json", "./..."), &out, &errb); code == ExitError {
			t.Fatalf("standalone %v: %s", flags, errb.String())
		}
		var tree map[string]map[string][]struct{ Posn, Message string }
		if err := json.Unmarshal(out.Bytes(), &tree); err != nil {
			t.Fatal(err)
		}
		var alone []string
		for _, byAnalyzer := range tree {
			for analyzer, diags := range byAnalyzer {
				for _, d := range diags {
					alone = append(alone, fmt.Sprintf("%s: %s (%s)", d.Posn, d.Message, analyzer))
				}
			}
		}
		slices.Sort(editor)
		slices.Sort(alone)
		if !slices.Equal(editor, alone) {
			t.Errorf("%v: editor path and standalone differ:\n%v\n%v", flags, editor, alone)
		}
		counts = append(counts, len(alone))
	}
	if counts[0] == 0 || counts[0] >= counts[1] {
		t.Errorf("findings: %d by default, %d with -scope=all; want fewer, but some, by default", counts[0], counts[1])
	}
}
