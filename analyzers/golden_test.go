package analyzers_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/analyzers"
)

// TestGoldenCompiles checks that the code each analyzer's fixes produce
// compiles: every package under testdata/src with a .golden file is
// type-checked with the golden files in place of the originals.
func TestGoldenCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks fixture packages")
	}
	for _, a := range analyzers.All {
		src := filepath.Join(a.Name, "testdata", "src")
		pkgs := goldenPackages(t, src)
		if len(pkgs) == 0 {
			continue
		}
		t.Run(a.Name, func(t *testing.T) {
			gopath := t.TempDir()
			copyTree(t, src, filepath.Join(gopath, "src"))
			cfg := &packages.Config{
				Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax,
				Dir:  gopath,
				Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
			}
			loaded, err := packages.Load(cfg, pkgs...)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range loaded {
				for _, e := range p.Errors {
					t.Errorf("fixed code of %s does not compile: %v", p.PkgPath, e)
				}
			}
		})
	}
}

// goldenPackages lists the import paths (relative to src) of the
// directories that hold .golden files.
func goldenPackages(t *testing.T, src string) []string {
	seen := map[string]bool{}
	var pkgs []string
	filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go.golden") {
			return nil
		}
		dir, _ := filepath.Rel(src, filepath.Dir(path))
		if !seen[dir] {
			seen[dir] = true
			pkgs = append(pkgs, filepath.ToSlash(dir))
		}
		return nil
	})
	return pkgs
}

// copyTree copies src to dst, putting x.go.golden in place of x.go.
func copyTree(t *testing.T, src, dst string) {
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(path, ".go") {
			if _, err := os.Stat(path + ".golden"); err == nil {
				return nil // the golden file stands in for it
			}
		}
		target = strings.TrimSuffix(target, ".golden")
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
