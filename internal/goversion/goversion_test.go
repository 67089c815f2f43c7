package goversion_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/trapvet/trapvet/internal/fixturecache"
	"github.com/trapvet/trapvet/internal/goversion"
)

// versions reports, at each file's package clause, what goversion says of it.
var versions = &analysis.Analyzer{
	Name: "versions",
	Doc:  "versions: report file versions, for testing",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			if goversion.FileOf(pass, f.Name.Pos()) != f {
				return nil, fmt.Errorf("FileOf did not find %s", f.Name.Name)
			}
			pass.Reportf(f.Name.Pos(), "version=%q lang1.22=%v std1.21=%v",
				goversion.File(pass, f), goversion.LangAtLeast(pass, f, goversion.Go1_22),
				goversion.StdlibAtLeast(pass, f, goversion.Go1_21))
		}
		_, known := goversion.ModuleAtLeast(pass, goversion.Go1_23)
		if known {
			return nil, fmt.Errorf("ModuleAtLeast knew a version in GOPATH mode")
		}
		return nil, nil
	},
}

func TestVersions(t *testing.T) {
	analysistest.Run(t, fixturecache.TestData(), versions, "v")
}

// TestModuleAtLeastSpellings checks both spellings of the module's go line:
// go/packages gives "1.21", go vet's unit config "go1.21". The time.After
// rule once went silent under go vet because only the first was accepted.
func TestModuleAtLeastSpellings(t *testing.T) {
	for _, tc := range []struct {
		goVersion     string
		atLeast, know bool
	}{
		{"1.21", false, true},
		{"go1.21", false, true},
		{"1.23", true, true},
		{"go1.23", true, true},
		{"go1.23.4", true, true},
		{"1.24rc1", true, true},
		{"", false, false},
		{"gogo1.21", false, false},
		{"banana", false, false},
	} {
		pass := &analysis.Pass{Module: &analysis.Module{GoVersion: tc.goVersion}}
		atLeast, known := goversion.ModuleAtLeast(pass, goversion.Go1_23)
		if atLeast != tc.atLeast || known != tc.know {
			t.Errorf("ModuleAtLeast(go %q, go1.23) = %v, %v; want %v, %v", tc.goVersion, atLeast, known, tc.atLeast, tc.know)
		}
	}
}
