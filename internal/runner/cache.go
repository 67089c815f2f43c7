package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// A Cache keeps what a run learnt of each package it analyzed in a
// directory: its findings (a root package's; JSON) and, for analyzers with
// facts, its export data and facts (gob: what its importers need to be
// analyzed without its source), one file of each per package and key. The
// key of a package is a hash of
//
//   - the running executable's content (trapvet's version, and the
//     analyzers' code with it), and the cache format;
//   - the analyzers' names and every flag of theirs with its value, the
//     caller's Options (tests, build flags, Salt) and the environment the
//     go command builds with (GOOS, GOARCH, CGO_ENABLED, GOFLAGS,
//     GOEXPERIMENT, GOTOOLCHAIN);
//   - the package's ID, path, name, module and go line, and the name and
//     content of each of its files (compiled Go files, other and ignored
//     files, embedded files);
//   - the keys of the packages it imports, and so, transitively, the
//     content of every file of every dependency.
//
// A dependency's key stands for its export data and facts, which are
// functions of its files and the analyzers: stricter than go vet's key
// (an edit that leaves a dependency's export data unchanged still
// re-analyzes its importers), never stale. Packages with load, type or
// analysis errors, or whose dependencies have them, are not stored.
//
// An entry that cannot be read or decoded, whose recorded key differs or
// whose export data fails its checksum counts as missing: the package is
// analyzed again and the entry written again. Entries unused for five days
// are removed, at most once a day.
type Cache struct {
	dir string

	once    sync.Once
	version string // the executable's hash, or "" if unknown
}

// DefaultDir is where OpenCache("") keeps the cache: trapvet under the
// user's cache directory (os.UserCacheDir: $XDG_CACHE_HOME or ~/.cache on
// Linux, ~/Library/Caches on macOS, %LocalAppData% on Windows), or
// $TRAPVET_CACHE when set.
func DefaultDir() (string, error) {
	if dir := os.Getenv("TRAPVET_CACHE"); dir != "" {
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "trapvet"), nil
}

// OpenCache returns the cache in dir, or in DefaultDir if dir is "". It
// creates the directory if needed.
func OpenCache(dir string) (*Cache, error) {
	if dir == "" {
		var err error
		if dir, err = DefaultDir(); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	c := &Cache{dir: dir}
	c.trim()
	return c, nil
}

// Dir returns the cache's directory.
func (c *Cache) Dir() string { return c.dir }

const cacheFormat = "trapvet-runner-cache-2"

// exeVersion hashes the running executable, once. The hash is kept in
// the cache directory too, under the executable's path, size and
// modification time, so that a run does not read its whole executable.
func (c *Cache) exeVersion() string {
	c.once.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		info, err := os.Stat(exe)
		if err != nil {
			return
		}
		id := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d", exe, info.Size(), info.ModTime().UnixNano()))
		memo := filepath.Join(c.dir, "exe-"+hex.EncodeToString(id[:8]))
		if data, err := os.ReadFile(memo); err == nil && len(data) == 64 {
			c.version = string(data)
			return
		}
		defer func() {
			if c.version != "" {
				os.WriteFile(memo, []byte(c.version), 0o644)
			}
		}()
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return
		}
		c.version = hex.EncodeToString(h.Sum(nil))
	})
	return c.version
}

// keys returns the key of each package of the graph under pkgs, by ID;
// "" for one whose files could not be read (never stored or found).
func (c *Cache) keys(opts Options, pkgs []*packages.Package) map[string]string {
	version := c.exeVersion()
	base := sha256.New()
	fmt.Fprintf(base, "%s\nversion %q\n", cacheFormat, version)
	writeAnalyzers(base, opts.Analyzers)
	fmt.Fprintf(base, "tests %v\nbuildflags %q\nsalt %q\n", opts.Tests, opts.BuildFlags, opts.Salt)
	for _, v := range []string{"GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOEXPERIMENT", "GOTOOLCHAIN"} {
		fmt.Fprintf(base, "env %s=%q\n", v, envValue(opts.Env, v))
	}
	fmt.Fprintf(base, "runtime %s/%s\n", runtime.GOOS, runtime.GOARCH)
	baseSum := base.Sum(nil)

	fileSums := make(map[string]string)
	fileSum := func(name string) string {
		if s, ok := fileSums[name]; ok {
			return s
		}
		s := ""
		if f, err := os.Open(name); err == nil {
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				s = hex.EncodeToString(h.Sum(nil))
			}
			f.Close()
		}
		fileSums[name] = s
		return s
	}
	keys := make(map[string]string)
	var key func(p *packages.Package) string
	key = func(p *packages.Package) string {
		if k, ok := keys[p.ID]; ok {
			return k
		}
		keys[p.ID] = "" // an import cycle (impossible) stays keyless
		if version == "" {
			return ""
		}
		h := sha256.New()
		h.Write(baseSum)
		fmt.Fprintf(h, "id %q\npath %q\nname %q\n", p.ID, p.PkgPath, p.Name)
		if m := p.Module; m != nil {
			fmt.Fprintf(h, "module %q %q %q %v\n", m.Path, m.Version, m.GoVersion, m.Main)
		}
		for _, list := range [][]string{p.CompiledGoFiles, p.GoFiles, p.OtherFiles, p.IgnoredFiles, p.EmbedFiles} {
			fmt.Fprintf(h, "files %d\n", len(list))
			for _, name := range list {
				s := fileSum(name)
				if s == "" {
					return ""
				}
				fmt.Fprintf(h, "%q %s\n", name, s)
			}
		}
		for _, path := range sortedImports(p) {
			k := key(p.Imports[path])
			if k == "" {
				return ""
			}
			fmt.Fprintf(h, "import %q %s\n", path, k)
		}
		k := hex.EncodeToString(h.Sum(nil))
		keys[p.ID] = k
		return k
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) { key(p) })
	return keys
}

// writeAnalyzers hashes the analyzers' names and flags, and those of the
// analyzers they require, in order.
func writeAnalyzers(h hash.Hash, analyzers []*analysis.Analyzer) {
	for _, a := range postorder(analyzers) {
		fmt.Fprintf(h, "analyzer %q\n", a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(h, "flag %q=%q\n", f.Name, f.Value.String())
		})
	}
}

func envValue(env []string, name string) string {
	if env == nil {
		return os.Getenv(name)
	}
	v := ""
	for _, kv := range env {
		if len(kv) > len(name) && kv[:len(name)] == name && kv[len(name)] == '=' {
			v = kv[len(name)+1:] // the last one wins, as in os/exec
		}
	}
	return v
}

// An entry is the content of one cache file.
type entry struct {
	Key      string     `json:"key"`
	Findings []*Finding `json:"findings"`
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

// get returns the findings stored under key.
func (c *Cache) get(key string) ([]*Finding, bool) {
	if key == "" {
		return nil, false
	}
	file := c.path(key)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	var e entry
	if err := json.Unmarshal(data, &e); err != nil || e.Key != key {
		return nil, false // corrupt: analyzed again and rewritten
	}
	touch(file)
	return e.Findings, true
}

// put stores findings under key. A failure to write only costs the next
// run the analysis.
func (c *Cache) put(key string, findings []*Finding) {
	if key == "" {
		return
	}
	if findings == nil {
		findings = []*Finding{}
	}
	data, err := json.Marshal(entry{Key: key, Findings: findings})
	if err != nil {
		return
	}
	c.write(c.path(key), data)
}

func (c *Cache) factsPath(key string) string {
	return filepath.Join(c.dir, key[:2], key+"-facts.gob")
}

// getFacts returns the types and facts stored under key.
func (c *Cache) getFacts(key string) (*factsEntry, bool) {
	if key == "" {
		return nil, false
	}
	file := c.factsPath(key)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	fe, ok := decodeFacts(data, key)
	if !ok {
		return nil, false // corrupt: analyzed again and rewritten
	}
	touch(file)
	return fe, true
}

// decodeFacts decodes a facts entry, checking its key and its export
// data's checksum; a panic of the decoder (gob's, on garbage) is a
// corrupt entry too.
func decodeFacts(data []byte, key string) (fe *factsEntry, ok bool) {
	defer func() {
		if recover() != nil {
			fe, ok = nil, false
		}
	}()
	fe = new(factsEntry)
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(fe); err != nil || fe.Key != key || fe.Sum != crc32.Checksum(fe.Export, crcTable) {
		return nil, false
	}
	for _, f := range fe.Facts {
		if f.Fact == nil {
			return nil, false
		}
	}
	return fe, true
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// putFacts stores a facts entry under its key.
func (c *Cache) putFacts(fe *factsEntry) {
	if fe.Key == "" {
		return
	}
	fe.Sum = crc32.Checksum(fe.Export, crcTable)
	data, err := fe.marshal()
	if err != nil {
		return
	}
	c.write(c.factsPath(fe.Key), data)
}

// touch marks a cache file used, for trim (at most once an hour).
func touch(file string) {
	if info, err := os.Stat(file); err == nil && time.Since(info.ModTime()) > time.Hour {
		now := time.Now()
		os.Chtimes(file, now, now)
	}
}

// write writes a cache file atomically. A failure to write only costs the
// next run the analysis.
func (c *Cache) write(file string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), file) != nil {
		os.Remove(tmp.Name())
	}
}

// trim removes the entries unused for five days, at most once a day.
func (c *Cache) trim() {
	marker := filepath.Join(c.dir, "trim.txt")
	if info, err := os.Stat(marker); err == nil && time.Since(info.ModTime()) < 24*time.Hour {
		return
	}
	if err := os.WriteFile(marker, []byte("trapvet trims this cache daily\n"), 0o644); err != nil {
		return
	}
	cutoff := time.Now().Add(-5 * 24 * time.Hour)
	subdirs, _ := os.ReadDir(c.dir)
	for _, sd := range subdirs {
		if info, err := sd.Info(); err == nil && !sd.IsDir() && strings.HasPrefix(sd.Name(), "exe-") && info.ModTime().Before(cutoff) {
			os.Remove(filepath.Join(c.dir, sd.Name()))
		}
		if !sd.IsDir() || len(sd.Name()) != 2 {
			continue
		}
		dir := filepath.Join(c.dir, sd.Name())
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			if info, err := f.Info(); err == nil && info.ModTime().Before(cutoff) {
				os.Remove(filepath.Join(dir, f.Name()))
			}
		}
	}
}
