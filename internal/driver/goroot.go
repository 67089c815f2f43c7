package driver

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// unsafeptr is go vet's analyzer that the go command turns off for the
// packages in GOROOT: "there's too much unsafe.Pointer code that vet
// doesn't like in low-level packages like runtime, sync, and reflect"
// (cmd/go/internal/work, buildVetConfig, which does it unless vet flags
// are given). trapvet does the same in both modes, so that "trapvet std"
// reports what "go vet std" does, unless unsafeptr is named on the
// command line.
const unsafeptr = "unsafeptr"

// inGOROOT reports whether dir lies in goroot's source tree.
func inGOROOT(goroot, dir string) bool {
	if goroot == "" || dir == "" {
		return false
	}
	src := filepath.Join(goroot, "src") + string(filepath.Separator)
	return strings.HasPrefix(filepath.Clean(dir)+string(filepath.Separator), src)
}

// goRoot returns the GOROOT of the go command run in dir, or "".
func goRoot(dir string) string {
	if g := os.Getenv("GOROOT"); g != "" {
		return g
	}
	cmd := exec.Command("go", "env", "GOROOT")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// dropGOROOTUnsafeptr removes unsafeptr's findings in GOROOT packages,
// unless unsafeptr was named.
func (r *run) dropGOROOTUnsafeptr(findings []*finding) []*finding {
	if _, named := r.named[unsafeptr]; named || !slices.ContainsFunc(findings, func(f *finding) bool { return f.Analyzer == unsafeptr }) {
		return findings
	}
	goroot := goRoot(r.dir)
	return slices.DeleteFunc(findings, func(f *finding) bool {
		return f.Analyzer == unsafeptr && inGOROOT(goroot, filepath.Dir(f.Posn.Filename))
	})
}

// withoutGOROOTUnsafeptr returns the analyzers for a go vet unit (cfgFile)
// without unsafeptr when the unit is a GOROOT package and unsafeptr was
// not named.
func withoutGOROOTUnsafeptr(analyzers []*analysis.Analyzer, named map[string]bool, cfgFile string) []*analysis.Analyzer {
	if _, ok := named[unsafeptr]; ok || !slices.ContainsFunc(analyzers, func(a *analysis.Analyzer) bool { return a.Name == unsafeptr }) {
		return analyzers
	}
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return analyzers // unitchecker reports it
	}
	var cfg struct{ Dir, ModulePath string }
	if json.Unmarshal(data, &cfg) != nil || cfg.ModulePath != "" || !inGOROOT(goRoot(cfg.Dir), cfg.Dir) {
		return analyzers
	}
	return slices.DeleteFunc(slices.Clone(analyzers), func(a *analysis.Analyzer) bool { return a.Name == unsafeptr })
}
