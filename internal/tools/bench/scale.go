package main

// The scaling table: trapvet and the floor on 1, 10, 100 and all packages
// of the corpus.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// scaling times trapvet (own analyzers) and the floor on 1, 10, 100 and
// all packages of the corpus, chosen evenly spaced in import path order so
// that every module is represented.
func scaling(w io.Writer, trapvet, floor, floorFlag string) error {
	dir := *corpusFlag
	if dir == "" {
		logf("setting up the corpus module")
		out, err := exec.Command("go", "run", "./internal/tools/corpus", "-setup").Output()
		if err != nil {
			return fmt.Errorf("corpus -setup: %v", err)
		}
		dir = strings.TrimSpace(string(out))
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	patterns, err := corpusPatterns()
	if err != nil {
		return err
	}
	all, err := listPackages(dir, env, patterns)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "## Scaling on the corpus (%d packages of the modules in corpus/modules.txt but std; tests included)\n\n", len(all))
	fmt.Fprintf(w, "| packages | lines | floor wall | floor CPU | floor RSS | trapvet wall | trapvet CPU | trapvet RSS | trapvet/floor CPU | trapvet CPU per 100k lines |\n")
	fmt.Fprintf(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range strings.Split(*scaleFlag, ",") {
		s = strings.TrimSpace(s)
		var set []pkgInfo
		var args []string
		if s == "all" {
			set, args = all, patterns
		} else {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				return fmt.Errorf("-scale: bad count %q", s)
			}
			set = spread(all, n)
			for _, p := range set {
				args = append(args, p.ImportPath)
			}
		}
		lines := 0
		for _, p := range set {
			lines += p.Lines
		}
		fc := &config{Name: fmt.Sprintf("floor %s (%s packages)", floorFlag, s), Dir: dir, Env: env, Args: append([]string{floor, floorFlag}, args...)}
		tc := &config{Name: fmt.Sprintf("trapvet (%s packages)", s), Dir: dir, Env: env, Args: append(append([]string{trapvet, "-cache=false"}, ownFlags()...), args...)}
		if err := timeAll([]*config{fc, tc}, false); err != nil {
			return err
		}
		f, t := fc.median(), tc.median()
		fmt.Fprintf(w, "| %d | %d | %.1f s | %.1f s | %d MB | %.1f s | %.1f s | %d MB | %s | %.2f s |\n",
			len(set), lines, f.Wall.Seconds(), f.CPU.Seconds(), f.RSS>>20, t.Wall.Seconds(), t.CPU.Seconds(), t.RSS>>20,
			ratio(t.CPU, f.CPU), t.CPU.Seconds()*100000/float64(max(lines, 1)))
	}
	fmt.Fprintln(w)
	return nil
}

// corpusPatterns returns the package patterns of corpus/modules.txt, std
// excepted (the main tables cover it).
func corpusPatterns() ([]string, error) {
	data, err := os.ReadFile("corpus/modules.txt")
	if err != nil {
		return nil, err
	}
	var pats []string
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		// std, the build list's pins (require) and the validation split,
		// which is run once at the end of a stop, are not scaling input.
		if len(f) < 2 || strings.HasPrefix(f[0], "#") || f[0] == "std" || f[0] == "require" || f[0] == "validation" {
			continue
		}
		pats = append(pats, f[1:]...)
	}
	return pats, nil
}

type pkgInfo struct {
	ImportPath string
	Lines      int
}

func listPackages(dir string, env, patterns []string) ([]pkgInfo, error) {
	cmd := exec.Command("go", append([]string{"list", "-e", "-json=ImportPath,Dir,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles"}, patterns...)...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v", err)
	}
	var pkgs []pkgInfo
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath, Dir                              string
			GoFiles, CgoFiles, TestGoFiles, XTestGoFiles []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		pi := pkgInfo{ImportPath: p.ImportPath}
		for _, list := range [][]string{p.GoFiles, p.CgoFiles, p.TestGoFiles, p.XTestGoFiles} {
			for _, f := range list {
				data, _ := os.ReadFile(filepath.Join(p.Dir, f))
				pi.Lines += bytes.Count(data, []byte("\n"))
			}
		}
		if pi.Lines > 0 {
			pkgs = append(pkgs, pi)
		}
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].ImportPath < pkgs[j].ImportPath })
	return pkgs, nil
}

// spread picks n packages evenly spaced in all.
func spread(all []pkgInfo, n int) []pkgInfo {
	if n >= len(all) {
		return all
	}
	out := make([]pkgInfo, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, all[i*len(all)/n])
	}
	return out
}
