package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
)

// describeG reports each function named G with its first parameter's
// type as the type checker prints it and that type's size: findings that
// depend on the type sizes and on how go/types represents aliases.
var describeG = &analysis.Analyzer{
	Name: "describeg",
	Doc:  "describeg: describe functions named G, for testing",
	Run:  runDescribeG,
}

// describeGFacts is describeG in the engine's path: it requires an
// analyzer with facts.
var describeGFacts = &analysis.Analyzer{
	Name:     "describegfacts",
	Doc:      "describegfacts: describe functions named G, with facts, for testing",
	Run:      runDescribeG,
	Requires: []*analysis.Analyzer{badcall},
}

func runDescribeG(pass *analysis.Pass) (any, error) {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != "G" || len(fd.Type.Params.List) == 0 {
				continue
			}
			t := pass.TypesInfo.TypeOf(fd.Type.Params.List[0].Type)
			pass.Reportf(fd.Name.Pos(), "G(%s) size %d", types.TypeString(t, nil), pass.TypesSizes.Sizeof(t))
		}
	}
	return nil, nil
}

// describeVariants are the two paths of Run: without facts (go/packages
// and the checker) and with them (the engine).
var describeVariants = []*analysis.Analyzer{describeG, describeGFacts}

// differential runs opts with its cache and without, and fails unless
// both find the same.
func differential(t *testing.T, opts Options) []string {
	t.Helper()
	res, err := Run(opts, "./...")
	if err != nil {
		t.Fatal(err)
	}
	uncached := opts
	uncached.Cache, uncached.afterKeys = nil, nil
	ref, err := Run(uncached, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rendered(res), rendered(ref); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(res.Errors, ref.Errors) {
		t.Errorf("with the cache: %q %v\nwithout: %q %v", got, res.Errors, want, ref.Errors)
	}
	return messages(res)
}

// rendered is every finding in full: positions with their columns, the
// related positions and the fixes, as a driver prints them.
func rendered(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		s := fmt.Sprintf("%s-%s %s: %s", f.Posn, f.End, f.Analyzer, f.Message)
		for _, r := range f.Related {
			s += fmt.Sprintf("\n\t%s-%s %s", r.Posn, r.End, r.Message)
		}
		for _, fix := range f.Fixes {
			s += fmt.Sprintf("\n\tfix %s %v", fix.Message, fix.Edits)
		}
		out = append(out, s)
	}
	return out
}

func describeModule(t *testing.T, use string) string {
	dir := t.TempDir()
	writeModule(t, dir, map[string]string{
		"go.mod":     "module example.com/m\n\ngo 1.22\n",
		"lib/lib.go": "package lib\n\n// Old is BAD.\nfunc Old() {}\n",
		"use/use.go": use,
	})
	return dir
}

// TestEditDuringRun checks that a file saved while a run is under way
// does not leave the findings of its new content under the key of its
// old one: once the edit is undone, the cache gives what a run without
// it gives.
func TestEditDuringRun(t *testing.T) {
	const before = "package use\n\nimport \"example.com/m/lib\"\n\nfunc G(x int) { lib.Old() }\n"
	const during = "package use\n\nimport \"example.com/m/lib\"\n\nfunc G(x string) { lib.Old() }\n"
	for _, a := range describeVariants {
		t.Run(a.Name, func(t *testing.T) {
			dir := describeModule(t, before)
			opts, _ := badcallOptions(t, dir)
			opts.Analyzers = []*analysis.Analyzer{a}
			file := filepath.Join(dir, "use", "use.go")
			edit := opts
			edit.afterKeys = func() { writeModule(t, dir, map[string]string{"use/use.go": during}) }
			if _, err := Run(edit, "./..."); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(before), 0o644); err != nil {
				t.Fatal(err)
			}
			got := differential(t, opts)
			if len(got) == 0 || !strings.Contains(got[0], "G(int)") {
				t.Errorf("findings %q, want G(int)", got)
			}
		})
	}
}

// TestEditSums checks that findings say which content their fixes were
// computed for, from the cache as from an analysis.
func TestEditSums(t *testing.T) {
	src := "package use\n\nfunc G() {}\n"
	dir := describeModule(t, src)
	opts, _ := badcallOptions(t, dir)
	opts.Analyzers = []*analysis.Analyzer{fixG}
	want := fileSum([]byte(src))
	for range 2 { // analyzed, then cached
		res, err := Run(opts, "./...")
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 1 || len(res.Findings[0].Fixes) != 1 || res.Findings[0].Fixes[0].Edits[0].Sum != want {
			t.Fatalf("findings %+v, want one fix for content %s", res.Findings, want)
		}
	}
}

// fixG offers to rename functions named G; it has facts, so that it runs
// in the engine.
var fixG = &analysis.Analyzer{
	Name:      "fixg",
	Doc:       "fixg: rename functions named G, for testing",
	FactTypes: []analysis.Fact{new(isBad)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "G" {
					pass.Report(analysis.Diagnostic{Pos: fd.Name.Pos(), Message: "func G", SuggestedFixes: []analysis.SuggestedFix{{
						Message:   "Rename G to H",
						TextEdits: []analysis.TextEdit{{Pos: fd.Name.Pos(), End: fd.Name.End(), NewText: []byte("H")}},
					}}})
				}
			}
		}
		return nil, nil
	},
}

// TestRunningExecutable checks that the cache's idea of trapvet's version
// is the code running, not the file at its path: a language server left
// running across an upgrade must not store the old code's findings under
// the new build's identity.
func TestRunningExecutable(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Skip(err)
	}
	sum := sha256.Sum256(data)
	want := hex.EncodeToString(sum[:])
	// Keep the running file under another name, and install a new build
	// (other bytes, same size) at its path, as go install does.
	keep := exe + ".running"
	if err := os.Link(exe, keep); err != nil {
		t.Skip(err)
	}
	defer os.Rename(keep, exe)
	next := exe + ".next"
	if err := os.WriteFile(next, bytes.Repeat([]byte{'x'}, len(data)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, exe); err != nil {
		t.Fatal(err)
	}
	if got := hashSelf(); got != want {
		t.Errorf("after the upgrade, the running executable hashes to %s, want %s (the code running)", got, want)
	}
	if got := exeIdentity(); got != want {
		t.Errorf("exeIdentity = %s, want %s", got, want)
	}
}

// TestGoEnvFile checks that a GOARCH set in the go env file (go env -w),
// not in the environment, is another key: the type sizes change.
func TestGoEnvFile(t *testing.T) {
	for _, a := range describeVariants {
		t.Run(a.Name, func(t *testing.T) {
			dir := describeModule(t, "package use\n\nfunc G(x int) {}\n")
			opts, _ := badcallOptions(t, dir)
			opts.Analyzers = []*analysis.Analyzer{a}
			goenv := filepath.Join(t.TempDir(), "goenv")
			writeModule(t, filepath.Dir(goenv), map[string]string{"goenv": ""})
			opts.Env = append(opts.Env, "GOENV="+goenv)
			if got := differential(t, opts); len(got) != 1 || !strings.Contains(got[0], "size 8") {
				t.Fatalf("findings %q, want size 8", got)
			}
			writeModule(t, filepath.Dir(goenv), map[string]string{"goenv": "GOARCH=386\n"})
			if got := differential(t, opts); len(got) != 1 || !strings.Contains(got[0], "size 4") {
				t.Errorf("findings %q, want size 4", got)
			}
		})
	}
}

// TestGODEBUG checks that the process's GODEBUG, which changes how
// trapvet's type checker represents aliases, is in the key.
func TestGODEBUG(t *testing.T) {
	for _, a := range describeVariants {
		t.Run(a.Name, func(t *testing.T) {
			dir := describeModule(t, "package use\n\ntype Name = string\n\nfunc G(x Name) {}\n")
			opts, _ := badcallOptions(t, dir)
			opts.Analyzers = []*analysis.Analyzer{a}
			if got := differential(t, opts); len(got) != 1 || !strings.Contains(got[0], "use.Name") {
				t.Fatalf("findings %q, want the alias", got)
			}
			t.Setenv("GODEBUG", "gotypesalias=0")
			if got := differential(t, opts); len(got) != 1 || !strings.Contains(got[0], "G(string)") {
				t.Errorf("findings %q, want no alias", got)
			}
		})
	}
}

// TestDamagedEntries checks that an entry changed in a way that still
// decodes is rejected: a findings entry whose message changed, and a facts
// entry whose fact names an object the export data does not have (the
// entry rewritten with a valid checksum, as a bug would write it).
func TestDamagedEntries(t *testing.T) {
	dir := describeModule(t, "package use\n\nimport \"example.com/m/lib\"\n\nfunc F() { lib.Old() }\n")
	opts, cache := badcallOptions(t, dir)
	want := []string{"use.go: call to bad Old"}
	checkRun := func() {
		t.Helper()
		if got := differential(t, opts); !reflect.DeepEqual(got, want) {
			t.Errorf("findings %q, want %q", got, want)
		}
	}
	checkRun()

	// One byte of the findings entry: "bad" becomes "bud".
	rewrite(t, cache.Dir(), ".json", func(data []byte) []byte {
		return bytes.Replace(data, []byte("call to bad"), []byte("call to bud"), 1)
	})
	checkRun()

	// A fact about Old becomes a fact about Olx, sealed again; use's
	// findings are removed, so that use is analyzed against lib's entry.
	rewrite(t, cache.Dir(), ".json", func(data []byte) []byte {
		if bytes.Contains(data, []byte("use.go")) {
			return nil
		}
		return data
	})
	rewrite(t, cache.Dir(), "-facts.gob", func(data []byte) []byte {
		key := string(data[len(factsMagic) : len(factsMagic)+64])
		fe, ok := decodeFacts(data, key, nil)
		if !ok {
			t.Fatal("a facts entry fails its checksum")
		}
		for i := range fe.Facts {
			if fe.Facts[i].Object == "Old" {
				fe.Facts[i].Object = "Olx"
			}
		}
		data, err := fe.marshal()
		if err != nil {
			t.Fatal(err)
		}
		return data
	})
	checkRun()
}

// rewrite changes every cache file whose name ends in suffix (nil:
// removes it), and fails the test if none changed.
func rewrite(t *testing.T, dir, suffix string, change func([]byte) []byte) {
	t.Helper()
	changed := 0
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, suffix) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch out := change(bytes.Clone(data)); {
		case out == nil:
			changed++
			return os.Remove(path)
		case !bytes.Equal(out, data):
			changed++
			return os.WriteFile(path, out, 0o600)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if changed == 0 {
		t.Fatalf("no %s entry changed", suffix)
	}
}

// TestCacheDirectory checks that the cache directory is created private,
// that one others may write to, or another user owns, is refused, and
// that a symbolic link planted in it is replaced, not followed.
func TestCacheDirectory(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "new")
	if _, err := OpenCache(dir); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("new cache directory: %v, %v; want mode 0700", info.Mode(), err)
	}

	shared := filepath.Join(root, "shared")
	if err := os.Mkdir(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o777); err != nil { // whatever the umask
		t.Fatal(err)
	}
	if _, err := OpenCache(shared); !IsUnsafeDir(err) {
		t.Errorf("OpenCache of a directory writable by all: %v, want a refusal", err)
	}

	if os.Geteuid() == 0 {
		other := filepath.Join(root, "other")
		if err := os.Mkdir(other, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(other, 65534, 65534); err != nil {
			t.Fatal(err)
		}
		if _, err := OpenCache(other); !IsUnsafeDir(err) {
			t.Errorf("OpenCache of another user's directory: %v, want a refusal", err)
		}
	}

	// A symbolic link at the trim marker's name (left by an earlier
	// owner, or by a directory swapped in): the victim file must stay.
	victim := filepath.Join(root, "victim.txt")
	writeModule(t, root, map[string]string{"victim.txt": "victim's data\n"})
	planted := filepath.Join(root, "planted")
	if err := os.Mkdir(planted, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(planted, "trim.txt")); err != nil {
		t.Skip(err)
	}
	if _, err := OpenCache(planted); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(victim); err != nil || string(data) != "victim's data\n" {
		t.Errorf("the file a planted link points to is now %q, %v", data, err)
	}
}

// TestCachedRunTouchesDependencies checks that a run whose roots all come
// from the cache marks their dependencies' types and facts used, so that
// trimming does not remove what the next edit needs.
func TestCachedRunTouchesDependencies(t *testing.T) {
	dir := describeModule(t, "package use\n\nimport \"example.com/m/lib\"\n\nfunc F() { lib.Old() }\n")
	opts, cache := badcallOptions(t, dir)
	want := []string{"use.go: call to bad Old"}
	run := func(wantAnalyzed int) {
		t.Helper()
		res, err := Run(opts, "./...")
		if err != nil {
			t.Fatal(err)
		}
		if got := messages(res); !reflect.DeepEqual(got, want) || res.Analyzed != wantAnalyzed {
			t.Errorf("findings %q, %d analyzed; want %q, %d", got, res.Analyzed, want, wantAnalyzed)
		}
	}
	run(2)
	old := time.Now().Add(-4 * 24 * time.Hour)
	err := filepath.WalkDir(cache.Dir(), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(path, old, old)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	run(0)
	facts := 0
	err = filepath.WalkDir(cache.Dir(), func(path string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, "-facts.gob") {
			return err
		}
		facts++
		info, err := d.Info()
		if err == nil && info.ModTime().Before(time.Now().Add(-time.Hour)) {
			t.Errorf("%s not marked used: %v", filepath.Base(path), info.ModTime())
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if facts == 0 {
		t.Fatal("no facts entries")
	}
}

// TestTrim checks what trim removes: entries and temporary files unused
// for five days, in the directory and in the subdirectories an earlier
// version kept them in (removed once empty), and nothing else.
func TestTrim(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	if err := os.MkdirAll(filepath.Join(dir, "ab"), 0o700); err != nil {
		t.Fatal(err)
	}
	key := strings.Repeat("ab", 32)
	old := time.Now().Add(-6 * 24 * time.Hour)
	files := map[string]bool{ // name: removed
		key + ".json":                     true,
		key + "-facts.gob":                true,
		".tmp-123":                        true,
		"exe-0123":                        true,
		"ab/" + key + "-facts.gob":        true,
		"notes.txt":                       false,
		key[:63] + ".json":                false,
		strings.Repeat("x", 64) + ".json": false,
	}
	for name := range files {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(file, old, old); err != nil {
			t.Fatal(err)
		}
	}
	recent := filepath.Join(dir, strings.Repeat("cd", 32)+".json")
	if err := os.WriteFile(recent, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenCache(dir); err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); os.IsNotExist(err) != removed {
			t.Errorf("%s: removed %v, want %v", name, os.IsNotExist(err), removed)
		}
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("an entry used recently was removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "ab")); !os.IsNotExist(err) {
		t.Errorf("the emptied subdirectory of an earlier version is still there")
	}
}
