package analyzers_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/analyzers"
)

// tortureDir is the GOPATH-style tree (src/torture) of the fixture every
// analyzer must survive; it sits with the project's shared fixtures.
var tortureDir = filepath.Join("..", "testdata", "torture")

// TestTorture runs every analyzer over valid but unusual code: none may
// fail or panic. What they report there is not checked.
func TestTorture(t *testing.T) {
	dir, err := filepath.Abs(tortureDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzers.All {
		t.Run(a.Name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s panicked: %v", a.Name, r)
				}
			}()
			rec := &ignoreExpectations{}
			for _, r := range analysistest.Run(rec, dir, a, "torture") {
				if r.Err != nil {
					t.Errorf("%s failed: %v", a.Name, r.Err)
				}
			}
			for _, msg := range rec.other {
				t.Errorf("%s: %s", a.Name, msg)
			}
		})
	}
}

// ignoreExpectations drops analysistest's complaints about diagnostics
// or facts without a // want (the torture fixture checks survival only)
// and keeps
// every other complaint, such as a type error in the fixture.
type ignoreExpectations struct{ other []string }

func (r *ignoreExpectations) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !strings.Contains(msg, "unexpected diagnostic") && !strings.Contains(msg, "unexpected fact") {
		r.other = append(r.other, msg)
	}
}
