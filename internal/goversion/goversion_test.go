package goversion_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

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
	analysistest.Run(t, analysistest.TestData(), versions, "v")
}
