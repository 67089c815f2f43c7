package driver

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/trapvet/trapvet/internal/runner"
)

// vetFix answers "go vet -vettool=trapvet -fix" for one package unit as
// standalone -fix does: apply the first fix of each finding (skipping one
// that overlaps a fix already taken) and print the findings left unfixed.
// unitchecker's -fix drops those silently.
//
// trapvet runs itself on the unit with -json instead of -fix (unitchecker
// ends the process, so in a child), then plans the fixes from the JSON as
// the standalone driver does. The fixed files go to the config's
// FixArchive, which go vet applies once the build is done (or, from a go
// command without archives, straight to the files). The unfixed findings
// are printed to the config's Stdout, which go vet shows and caches with
// the result, one "file:line:col: message (analyzer)" line each. The
// process exits 0 even then: go vet applies the fixes only of a tool that
// succeeded. It returns the exit code, or ok=false when the unit is not one
// it handles (facts only, -diff), which unitchecker then answers.
func (s *Suite) vetFix(args []string, stderr io.Writer) (code int, ok bool) {
	var flags []string
	fix, diff := false, false
	for _, arg := range args[:len(args)-1] {
		switch name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "="); name {
		case "fix":
			fix = true
			continue
		case "diff":
			diff = true
		case "json":
			continue
		}
		flags = append(flags, arg)
	}
	cfgFile := args[len(args)-1]
	if !fix || diff {
		return 0, false
	}
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return 0, false
	}
	var cfg map[string]any
	// The config is written back for the child with every field go vet
	// put in it, those of later Go versions included: a struct would drop
	// the fields it does not know.
	if err := json.Unmarshal(data, &cfg); err != nil || cfg["VetxOnly"] == true {
		return 0, false
	}
	fixArchive, _ := cfg["FixArchive"].(string)
	stdoutFile, _ := cfg["Stdout"].(string)

	tmp, err := os.MkdirTemp("", "trapvet-fix")
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot make a temporary directory for -fix: %v\n", s.Name, err)
		return ExitError, true
	}
	defer os.RemoveAll(tmp)
	jsonOut := filepath.Join(tmp, "vet.json")
	cfg["Stdout"] = jsonOut
	cfg["FixArchive"] = ""
	data, err = json.Marshal(cfg)
	if err == nil {
		err = os.WriteFile(filepath.Join(tmp, "vet.cfg"), data, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot write the unit config for -fix: %v\n", s.Name, err)
		return ExitError, true
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot find its own executable for -fix: %v\n", s.Name, err)
		return ExitError, true
	}
	cmd := exec.Command(self, append(append(flags, "-json"), filepath.Join(tmp, "vet.cfg"))...)
	cmd.Stdout, cmd.Stderr = os.Stdout, stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), true // the child said why
		}
		fmt.Fprintf(stderr, "%s: cannot run the analysis for -fix: %v\n", s.Name, err)
		return ExitError, true
	}
	out, err := os.ReadFile(jsonOut)
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot read the analysis output for -fix: %v\n", s.Name, err)
		return ExitError, true
	}
	findings, failed, err := findingsFromJSON(out)
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot decode the analysis output for -fix: %v\n", s.Name, err)
		return ExitError, true
	}
	for _, msg := range failed {
		fmt.Fprintf(stderr, "%s: %s\n", s.Name, msg)
	}

	// As standalone, the fixes of a FixOnRequest analyzer (fmtlog's
	// reroute output) are applied only when it is named (-fix -fmtlog).
	toPlan, held := s.holdFixes(findings, s.prescan(flags).named)
	plan, err := planFixes(toPlan)
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot plan the fixes: %v\n", s.Name, err)
		return ExitError, true
	}
	var zw *zip.Writer
	var zf *os.File
	if fixArchive != "" {
		if zf, err = os.Create(fixArchive); err != nil {
			fmt.Fprintf(stderr, "%s: cannot create the archive of fixes: %v\n", s.Name, err)
			return ExitError, true
		}
		zw = zip.NewWriter(zf)
		zw.SetComment(fmt.Sprint(cfg["ID"]))
	}
	code = ExitClean
	failedFiles := make(map[string]bool)
	for _, file := range plan.files() {
		src, err := os.ReadFile(file)
		var res []byte
		if err == nil {
			res, err = plan.apply(file, src)
		}
		if err == nil && zw != nil {
			var w io.Writer
			if w, err = zw.Create(file); err == nil {
				_, err = w.Write(res)
			}
		} else if err == nil {
			err = writeFixed(file, src, res)
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: cannot fix %s: %v\n", s.Name, file, pathErr(err))
			failedFiles[file] = true
			code = ExitError
		}
	}
	fixed := make(map[*finding]bool)
	for _, f := range plan.fixed {
		fixed[f] = !slices.ContainsFunc(f.Fixes[0].Edits, func(e runner.Edit) bool { return failedFiles[e.File] })
	}
	if zw != nil {
		if err := errors.Join(zw.Close(), zf.Close()); err != nil {
			fmt.Fprintf(stderr, "%s: cannot write the archive of fixes: %v\n", s.Name, err)
			code = ExitError
		}
	}

	var text bytes.Buffer
	for _, f := range plan.conflicts {
		fmt.Fprintf(&text, "%s: fix skipped, it overlaps another fix: %s (%s)\n", f.Posn, f.Message, f.Analyzer)
	}
	for _, f := range findings {
		if !fixed[f] && !slices.Contains(plan.conflicts, f) {
			fmt.Fprintf(&text, "%s: %s (%s)\n", f.Posn, f.Message, f.Analyzer)
		}
	}
	var w io.Writer = os.Stdout
	if stdoutFile != "" {
		sf, err := os.Create(stdoutFile)
		if err != nil {
			fmt.Fprintf(stderr, "%s: cannot write the findings left unfixed: %v\n", s.Name, err)
			return ExitError, true
		}
		defer sf.Close()
		w = sf
	}
	s.noteHeld(&text, held)
	if _, err := w.Write(text.Bytes()); err != nil {
		fmt.Fprintf(stderr, "%s: cannot write the findings left unfixed: %v\n", s.Name, err)
		return ExitError, true
	}
	if len(failed) > 0 {
		code = ExitError
	}
	return code, true
}

// findingsFromJSON decodes unitchecker's -json output (package →
// analyzer → diagnostics or error) into findings whose suggested fixes
// planFixes can take, and the analyzers' errors.
func findingsFromJSON(data []byte) (findings []*finding, failed []string, err error) {
	var tree map[string]map[string]json.RawMessage
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, nil
	}
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, nil, err
	}
	sizes := make(map[string]int)
	sizeOf := func(name string) (int, error) {
		if n, ok := sizes[name]; ok {
			return n, nil
		}
		info, err := os.Stat(name)
		if err != nil {
			return 0, err
		}
		sizes[name] = int(info.Size())
		return sizes[name], nil
	}
	for _, pkg := range slices.Sorted(maps.Keys(tree)) {
		for _, analyzer := range slices.Sorted(maps.Keys(tree[pkg])) {
			raw := tree[pkg][analyzer]
			if len(raw) > 0 && raw[0] == '{' {
				var e struct {
					Err string `json:"error"`
				}
				if err := json.Unmarshal(raw, &e); err != nil {
					return nil, nil, err
				}
				failed = append(failed, fmt.Sprintf("%s on %s: %s", analyzer, pkg, oneLine(e.Err)))
				continue
			}
			var diags []jsonDiagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				return nil, nil, err
			}
			for _, d := range diags {
				f := &finding{Analyzer: analyzer, PkgPath: pkg, Message: d.Message, Posn: parsePosn(d.Posn)}
				for _, fix := range d.SuggestedFixes {
					rf := runner.Fix{Message: fix.Message}
					for _, e := range fix.Edits {
						size, err := sizeOf(e.Filename)
						if err != nil {
							return nil, nil, err
						}
						if e.Start < 0 || e.End < e.Start || e.End > size {
							return nil, nil, fmt.Errorf("%s: fix edit out of range", e.Filename)
						}
						rf.Edits = append(rf.Edits, runner.Edit{File: e.Filename, Start: e.Start, End: e.End, New: e.New})
					}
					f.Fixes = append(f.Fixes, rf)
				}
				findings = append(findings, f)
			}
		}
	}
	return findings, failed, nil
}

// parsePosn parses "file:line:col" (or "file:line") as JSON output gives it.
func parsePosn(s string) token.Position {
	cutNumber := func(s string) (string, int) {
		i := strings.LastIndexByte(s, ':')
		if i < 0 {
			return s, 0
		}
		n, err := strconv.Atoi(s[i+1:])
		if err != nil || n <= 0 {
			return s, 0
		}
		return s[:i], n
	}
	rest, last := cutNumber(s)
	file, line := cutNumber(rest)
	switch {
	case last > 0 && line > 0:
		return token.Position{Filename: file, Line: line, Column: last}
	case last > 0:
		return token.Position{Filename: rest, Line: last}
	}
	return token.Position{Filename: s}
}
