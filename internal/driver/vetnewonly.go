package driver

import (
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/baseline"
	"github.com/trapvet/trapvet/internal/runner"
)

// go vet passes the tool no flag of ours, and runs it once per package,
// in the package's directory. Two environment variables keep it to new
// findings instead (docs/adopting.md):
//
//   - TRAPVET_BASELINE names a baseline file (-baseline-write writes it);
//   - TRAPVET_NEW_FROM_PATCH names a unified diff (-new-from-patch).
//
// A relative name is looked for in the package's directory and then its
// parents, so that one setting serves every package. There is no
// TRAPVET_NEW_FROM_REV: each of go vet's per-package processes would run
// git again, over the whole repository, and could see a working tree
// other processes see differently; one `git diff` written to a file and
// named by TRAPVET_NEW_FROM_PATCH gives the same answer once.
const (
	envBaseline  = "TRAPVET_BASELINE"
	envFromPatch = "TRAPVET_NEW_FROM_PATCH"
)

// vetVersion answers go vet's -V=full question when TRAPVET_BASELINE or
// TRAPVET_NEW_FROM_PATCH is set, and reports whether it did. go vet keys
// its cache of results by the answer's build ID, and knows nothing of our
// environment: the ID hashes the executable, as unitchecker's does, and
// the variables with the content of the files they name (found from the
// current directory), so that another baseline or patch runs go vet
// again instead of replaying results filtered by the old one.
func vetVersion(args []string, stdout io.Writer) bool {
	basePath, patchPath := os.Getenv(envBaseline), os.Getenv(envFromPatch)
	if (basePath == "" && patchPath == "") || !slices.Contains(args, "-V=full") {
		return false
	}
	exe, err := os.Executable()
	if err != nil {
		return false
	}
	h := sha256.New()
	f, err := os.Open(exe)
	if err != nil {
		return false
	}
	_, err = io.Copy(h, f)
	f.Close()
	if err != nil {
		return false
	}
	dir, _ := os.Getwd()
	for _, v := range []struct{ name, value string }{{envBaseline, basePath}, {envFromPatch, patchPath}} {
		fmt.Fprintf(h, "\x00%s=%s\x00", v.name, v.value)
		if v.value == "" {
			continue
		}
		if file, err := findUp(dir, v.value); err == nil {
			if data, err := os.ReadFile(file); err == nil {
				h.Write(data)
			}
		}
	}
	fmt.Fprintf(stdout, "%s version devel comments-go-here buildID=%02x\n", exe, h.Sum(nil))
	return true
}

// vetNewOnly makes the analyzers (go vet mode's, wrapped by guard: ours
// to change) hold back what the environment says is not new. A pass's
// diagnostics are held until its Run returns, then matched together, as
// the standalone command matches a package's findings.
func vetNewOnly(args []string, analyzers []*analysis.Analyzer) {
	basePath, patchPath := os.Getenv(envBaseline), os.Getenv(envFromPatch)
	if basePath == "" && patchPath == "" || !reportsFindings(args) {
		return
	}
	// go vet runs the tool in the package's directory: a mistake is
	// reported there, once per package, before any analysis.
	st := &vetState{basePath: basePath, patchPath: patchPath}
	dir, _ := os.Getwd()
	if st.load(dir); st.err != nil {
		fmt.Fprintf(os.Stderr, "trapvet: %v\n", st.err)
		os.Exit(1)
	}
	for _, a := range analyzers {
		run := a.Run
		a.Run = func(pass *analysis.Pass) (any, error) {
			var diags []analysis.Diagnostic
			p := *pass
			p.Report = func(d analysis.Diagnostic) { diags = append(diags, d) }
			res, err := run(&p)
			if len(diags) == 0 {
				return res, err
			}
			keep := st.filter(pass, diags)
			for i, d := range diags {
				if keep[i] {
					pass.Report(d)
				}
			}
			return res, err
		}
	}
}

// reportsFindings reports whether args are a go vet unit whose findings
// are printed: not a dependency's, analyzed for its facts only (VetxOnly),
// not one of the protocol's questions.
func reportsFindings(args []string) bool {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return false
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return true // unitchecker says what is wrong
	}
	var cfg struct{ VetxOnly bool }
	return json.Unmarshal(data, &cfg) != nil || !cfg.VetxOnly
}

// vetState is what a go vet process reads once, at its start.
type vetState struct {
	basePath, patchPath string

	err     error
	base    []baseline.Entry
	baseDir string
	changes *baseline.Changes
	sources baseline.Sources
}

func (st *vetState) load(dir string) {
	if st.basePath != "" {
		file, err := findUp(dir, st.basePath)
		if err == nil {
			st.base, st.baseDir, err = readBaseline(file)
		}
		if err != nil {
			st.err = fmt.Errorf("%s: %v", envBaseline, err)
			return
		}
	}
	if st.patchPath != "" {
		file, err := findUp(dir, st.patchPath)
		if err == nil {
			st.changes, err = baseline.ReadPatch(file, patchRoot(dir, file))
		}
		if err != nil {
			st.err = fmt.Errorf("%s: %v", envFromPatch, err)
		}
	}
}

// patchRoot is the directory a patch's paths are relative to in go vet
// mode: the repository's root (the directory holding .git), or outside
// one the patch's own directory.
func patchRoot(dir, patch string) string {
	if root := srcRoot(dir); root != dir || isDir(filepath.Join(dir, ".git")) {
		return root
	}
	return filepath.Dir(patch)
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// findUp returns name if absolute, else the first dir/name, dir's
// parent/name, ... that exists.
func findUp(dir, name string) (string, error) {
	if filepath.IsAbs(name) {
		return name, nil
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, name)); err == nil {
			return filepath.Join(d, name), nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no %s in %s or a parent directory", name, dir)
		}
		d = parent
	}
}

// filter returns which of a pass's diagnostics are new.
func (st *vetState) filter(pass *analysis.Pass, diags []analysis.Diagnostic) []bool {
	findings := make([]*finding, len(diags))
	for i, d := range diags {
		f := &runner.Finding{
			Analyzer: pass.Analyzer.Name,
			Posn:     pass.Fset.Position(d.Pos),
			Message:  d.Message,
		}
		if d.End.IsValid() {
			f.End = pass.Fset.Position(d.End)
		}
		for _, rel := range d.Related {
			r := runner.Related{Posn: pass.Fset.Position(rel.Pos)}
			if rel.End.IsValid() {
				r.End = pass.Fset.Position(rel.End)
			}
			f.Related = append(f.Related, r)
		}
		findings[i] = f
	}
	keep := make([]bool, len(diags))
	for i, f := range findings {
		keep[i] = st.changes == nil || touches(st.changes, f)
	}
	if st.basePath != "" {
		// In position order, as the standalone command has them: of
		// identical findings, the first ones are held back.
		order := make([]int, len(findings))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(i, j int) int {
			a, b := findings[i].Posn, findings[j].Posn
			return cmp.Or(cmp.Compare(a.Filename, b.Filename), cmp.Compare(a.Offset, b.Offset))
		})
		current := make([]baseline.Entry, len(findings))
		for k, i := range order {
			current[k] = entryOf(&st.sources, findings[i], st.baseDir)
		}
		held, _ := baseline.Match(st.base, current)
		for k, i := range order {
			keep[i] = keep[i] && !held[k]
		}
	}
	return keep
}
