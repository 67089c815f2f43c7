package runner

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"go/types"
	"hash"
	"io"
	"maps"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/trapvet/trapvet/internal/scope"
)

// This file computes the cache keys: what a package's findings, export
// data and facts are a function of. See Cache for the list, and
// docs/cache.md for what is deliberately left out.

const cacheFormat = "trapvet-runner-cache-4"

// self is the running executable, opened when the process starts, so that
// its identity is that of the code running, not of whatever file is at its
// path when a run starts (a language server left running across an
// upgrade). On Linux /proc/self/exe is the running image even after the
// file at its path is replaced; elsewhere the file opened at start is,
// since an upgrade replaces the path (rename) rather than the file.
var self = openSelf()

func openSelf() *os.File {
	if f, err := os.Open("/proc/self/exe"); err == nil {
		return f
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	return f
}

// exeIdentity returns the SHA-256 of the running executable's content,
// computed once per process ("" if it cannot be read: then nothing is
// cached). Its content, not its build ID: two builds with one build ID
// but other bytes (a patched message) must not share entries.
var exeIdentity = sync.OnceValue(hashSelf)

func hashSelf() string {
	if self == nil {
		return ""
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(self, 0, 1<<62)); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// A buildContext is what the go command builds with, as it reports it
// itself: the effective values after the process environment, the go env
// file ($GOENV, go env -w), GOROOT/go.env, GOFLAGS, the build flags and a
// toolchain switch. ToolTags carry GOEXPERIMENT and the architecture
// level (GOAMD64, GOARM, ...).
type buildContext struct {
	text           string // the go command's report, hashed into every key
	compiler, arch string
}

// contextFormat is go list's template for the build context.
const contextFormat = "goos {{context.GOOS}}\ngoarch {{context.GOARCH}}\ncompiler {{context.Compiler}}\n" +
	"cgo {{context.CgoEnabled}}\ngoroot {{context.GOROOT}}\ninstallsuffix {{context.InstallSuffix}}\n" +
	"buildtags {{join context.BuildTags \",\"}}\ntooltags {{join context.ToolTags \",\"}}\n" +
	"releasetags {{join context.ReleaseTags \",\"}}\n"

// queryContext starts asking the go command for its build context, in
// parallel with the graph query; the function returned waits for it.
func (opts Options) queryContext() func() (*buildContext, error) {
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	args := append([]string{"list", "-e", "-f", contextFormat}, opts.BuildFlags...)
	cmd := exec.CommandContext(ctx, "go", append(args, "--", "unsafe")...)
	cmd.Dir, cmd.Env = opts.Dir, opts.Env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		done <- err
	} else {
		go func() { done <- cmd.Wait() }()
	}
	return sync.OnceValues(func() (*buildContext, error) {
		if err := <-done; err != nil {
			return nil, fmt.Errorf("go list (build context): %v: %s", err, strings.TrimSpace(stderr.String()))
		}
		bc := &buildContext{text: stdout.String()}
		for line := range strings.SplitSeq(bc.text, "\n") {
			name, value, _ := strings.Cut(line, " ")
			switch name {
			case "goarch":
				bc.arch = value
			case "compiler":
				bc.compiler = value
			}
		}
		if bc.arch == "" || bc.compiler == "" {
			return nil, fmt.Errorf("go list (build context): unexpected output %q", bc.text)
		}
		return bc, nil
	})
}

// sizes returns the type sizes the go command's build context implies,
// as go/packages computes them.
func (bc *buildContext) sizes() types.Sizes {
	if s := types.SizesFor(bc.compiler, bc.arch); s != nil {
		return s
	}
	return types.SizesFor("gc", bc.arch)
}

// A keySet is the cache keys of a run's packages, and the hash of each
// file the keys were computed from, so that the analysis can check that
// it read the same bytes.
type keySet struct {
	keys map[string]string // by package ID; "" for one whose files could not be read
	own  map[string]string // by package ID: the key without the imports, for facts ("" likewise)
	sums map[string]string // by file name
	// findings is the hash of every analyzer's name and flags, and of
	// Options.Salt: own covers only the analyzers that run on
	// dependencies (those with facts and what they require), and no
	// Salt, so the engine adds it to a root's key for its findings
	// (findingsKey).
	findings string
}

// fileSum returns the hex SHA-256 of data.
func fileSum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// keys returns the key of each package of the graph under pkgs: its own
// key (everything but its imports, and of the analyzers only those that
// run on dependencies: factAnalyzers; no Options.Salt), and, in keys, the
// key with every analyzer, the salt and its imports' keys, so the content of every file it depends
// on. The engine keys a package's export data and facts on its own key and
// its imports' export data and facts instead (cutoffKey), and a root's
// findings on that with every analyzer and the salt (findingsKey); the
// other drivers use keys.
//
// A package's facts and export data do not depend on the analyzers that
// do not run on dependencies: they export no facts, and an analyzer with
// facts sees only its own flags and the results of what it requires. So
// turning one of the others on or off, or changing its flags
// (-deferloop=false, -fmtlog.scope=all), re-analyzes the roots alone. Nor
// do they depend on the flags that only choose which findings are reported
// (scope.ReportOnly: -scope, -NAME.scope, -NAME.tests), which only the
// Reporter reads: -scope=all re-analyzes the roots alone too. Every other
// flag of an analyzer with facts keys its facts.
func (c *Cache) keys(opts Options, bc *buildContext, pkgs []*packages.Package) *keySet {
	version := exeIdentity()
	base := func(analyzers []*analysis.Analyzer, salt string, forFacts bool) []byte {
		h := sha256.New()
		fmt.Fprintf(h, "%s\nversion %q\n", cacheFormat, version)
		writeAnalyzers(h, analyzers, forFacts)
		fmt.Fprintf(h, "tests %v\nbuildflags %q\nsalt %q\n", opts.Tests, opts.BuildFlags, salt)
		fmt.Fprintf(h, "context\n%s", bc.text)
		writeSizes(h, bc.sizes())
		// The process's own GODEBUG changes how trapvet's go/types works
		// (gotypesalias=0); the go command's environment may differ from it.
		fmt.Fprintf(h, "godebug %q\n", os.Getenv("GODEBUG"))
		for _, v := range []string{"GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOEXPERIMENT", "GOTOOLCHAIN", "GODEBUG"} {
			fmt.Fprintf(h, "env %s=%q\n", v, envValue(opts.Env, v))
		}
		fmt.Fprintf(h, "runtime %s/%s\n", runtime.GOOS, runtime.GOARCH)
		return h.Sum(nil)
	}
	baseSum, factsBaseSum := base(opts.Analyzers, opts.Salt, false), base(factAnalyzers(opts.Analyzers), "", true)
	findings := sha256.New()
	writeAnalyzers(findings, opts.Analyzers, false)
	fmt.Fprintf(findings, "salt %q\n", opts.Salt)

	ks := &keySet{keys: make(map[string]string), own: make(map[string]string), sums: make(map[string]string),
		findings: hex.EncodeToString(findings.Sum(nil))}
	// Every file of the graph is hashed here, and most are read again
	// when analyzed: streamed through one buffer, not read whole, so that
	// the keys allocate next to nothing.
	buf := make([]byte, 64<<10)
	sumOf := func(name string) string {
		if s, ok := ks.sums[name]; ok {
			return s
		}
		s, _ := streamSum(name, buf)
		ks.sums[name] = s
		return s
	}
	var key func(p *packages.Package) string
	key = func(p *packages.Package) string {
		if k, ok := ks.keys[p.ID]; ok {
			return k
		}
		ks.keys[p.ID] = "" // an import cycle (impossible) stays keyless
		if version == "" {
			return ""
		}
		imports := slices.Sorted(maps.Keys(p.Imports))
		var self bytes.Buffer // the package itself, in both keys
		fmt.Fprintf(&self, "id %q\npath %q\nname %q\n", p.ID, p.PkgPath, p.Name)
		fmt.Fprintf(&self, "imports %q\n", imports)
		if m := p.Module; m != nil {
			fmt.Fprintf(&self, "module %q %q %q %v\n", m.Path, m.Version, m.GoVersion, m.Main)
		}
		for _, list := range [][]string{p.CompiledGoFiles, p.GoFiles, p.OtherFiles, p.IgnoredFiles, p.EmbedFiles} {
			fmt.Fprintf(&self, "files %d\n", len(list))
			for _, name := range list {
				s := sumOf(name)
				if s == "" {
					return ""
				}
				fmt.Fprintf(&self, "%q %s\n", name, s)
			}
		}
		own := sha256.New()
		own.Write(factsBaseSum)
		own.Write(self.Bytes())
		ks.own[p.ID] = hex.EncodeToString(own.Sum(nil))
		h := sha256.New()
		h.Write(baseSum)
		h.Write(self.Bytes())
		for _, path := range imports {
			k := key(p.Imports[path])
			if k == "" {
				return ""
			}
			fmt.Fprintf(h, "import %q %s\n", path, k)
		}
		k := hex.EncodeToString(h.Sum(nil))
		ks.keys[p.ID] = k
		return k
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) { key(p) })
	return ks
}

// streamSum returns the hex SHA-256 of the file name's content, read
// through buf; "" if it cannot be read.
func streamSum(name string, buf []byte) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	for {
		n, err := f.Read(buf) // not io.CopyBuffer: *os.File's WriteTo would bring its own buffer
		h.Write(buf[:n])
		if err == io.EOF {
			return hex.EncodeToString(h.Sum(nil)), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// unchanged reports whether every file the keys hashed still has the
// content they hashed.
func (ks *keySet) unchanged() bool {
	for name, sum := range ks.sums {
		data, err := os.ReadFile(name)
		if err != nil || fileSum(data) != sum {
			return false
		}
	}
	return true
}

// writeSizes hashes the sizes and alignments of the basic types and of a
// pointer, as the type checker will compute them.
func writeSizes(h hash.Hash, sizes types.Sizes) {
	for _, t := range []types.Type{types.Typ[types.Int], types.Typ[types.Uintptr], types.Typ[types.Int64],
		types.Typ[types.Float64], types.Typ[types.Complex128], types.Typ[types.String], types.NewPointer(types.Typ[types.Int])} {
		fmt.Fprintf(h, "sizeof %s %d %d\n", t, sizes.Sizeof(t), sizes.Alignof(t))
	}
}

// writeAnalyzers hashes the analyzers' names and flags, and those of the
// analyzers they require, in order; for facts, without the flags that only
// choose which findings are reported (scope.ReportOnly).
func writeAnalyzers(h hash.Hash, analyzers []*analysis.Analyzer, forFacts bool) {
	for _, a := range postorder(analyzers) {
		fmt.Fprintf(h, "analyzer %q\n", a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) {
			if forFacts && scope.ReportOnly(f.Name) {
				return
			}
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
