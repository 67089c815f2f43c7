package driver

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/runner"
	"github.com/trapvet/trapvet/internal/scope"
)

// isVetProtocol reports whether args are a go vet -vettool invocation, or
// one of the protocol's questions (-V=full, -flags), which unitchecker
// answers exactly as go vet expects. go vet passes the flags it forwards
// as it was given them, so a value may be a separate argument
// ("-tags integration"): an argument that is not a flag is accepted before
// the .cfg file when it follows a flag that takes a value.
func (s *Suite) isVetProtocol(args []string) bool {
	for _, arg := range args {
		name, value, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if strings.HasPrefix(arg, "-") && (name == "V" && value == "full" || name == "flags") {
			return true
		}
	}
	n := len(args)
	if n == 0 || !strings.HasSuffix(args[n-1], ".cfg") {
		return false
	}
	valueFlags := s.valueFlags()
	for i := 0; i < n-1; i++ {
		arg := args[i]
		if !strings.HasPrefix(arg, "-") || arg == "-" || arg == "--" {
			return false
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !hasValue && valueFlags[name] && i+1 < n-1 {
			i++ // the flag's value
		}
	}
	return true
}

// isVersionQuestion reports whether args ask only for the version, as
// "-V" (or -V=true) alone; -V=full is go vet's question, for unitchecker.
func isVersionQuestion(args []string) bool {
	if len(args) != 1 {
		return false
	}
	name, value, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
	return strings.HasPrefix(args[0], "-") && name == "V" && (!hasValue || value == "true")
}

// valueFlags returns the names of the flags that take a value (all but
// the boolean ones) in either mode: the driver's, unitchecker's and the
// analyzers' own.
func (s *Suite) valueFlags() map[string]bool {
	valueFlags := map[string]bool{"c": true, "tags": true, "scope": true, "o": true, "format": true, "cpuprofile": true, "memprofile": true,
		"printfuncs": true, "unusedfuncs": true, "unusedstringmethods": true}
	for _, a := range s.Analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				valueFlags[a.Name+"."+f.Name] = true
			}
		})
	}
	return valueFlags
}

// runVet hands over to unitchecker.Main with the selected analyzers. The
// flags of the analyzers left out, and the group flag, are registered on
// the command line too, so that -flags lists every flag go vet may forward
// and each is accepted. As standalone, an analyzer's panic becomes an
// error naming it instead of a crash. It does not return.
func (s *Suite) runVet(args []string) {
	if vetVersion(args, os.Stdout) {
		os.Exit(0)
	}
	sel := s.prescan(args)
	chosen := s.Select(sel)
	if n := len(args); n > 0 && strings.HasSuffix(args[n-1], ".cfg") {
		chosen = withoutGOROOTUnsafeptr(chosen, sel.named, args[n-1])
	}
	inSet := make(map[string]bool)
	for _, a := range chosen {
		inSet[a.Name] = true
	}
	for _, a := range s.Analyzers {
		if inSet[a.Name] {
			continue
		}
		flag.Var(new(triState), a.Name, fmt.Sprintf("enable %q analysis", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			flag.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if s.GroupFlag != "" {
		flag.Var(new(triState), s.GroupFlag, s.groupUsage())
	}
	if s.OptInFlag != "" {
		flag.Var(new(triState), s.OptInFlag, s.optInUsage())
	}
	flag.Var(&scopeFlag{analyzers: s.Analyzers}, scope.FlagName, scopeUsage)
	os.Args = append([]string{os.Args[0]}, args...)
	var unit vetUnit
	if n := len(args); n > 0 && strings.HasSuffix(args[n-1], ".cfg") {
		unit = readVetUnit(args[n-1])
		vetGC(unit)
	}
	// The directives' check is one of the analyzers unitchecker is given,
	// so it takes -ignores=false itself.
	analyzers := isolate(nil, chosen, report.NewTable(), false, s.names(), true)
	if unit.VetxOnly {
		checkerForFacts(analyzers)
	}
	vetNewOnly(args, analyzers) // TRAPVET_BASELINE, TRAPVET_NEW_FROM_PATCH
	unitchecker.Main(analyzers...)
}

// checkerForFacts narrows the requirements of the directives' check
// among analyzers to those that produce or use facts, for a unit analyzed
// only for its facts (VetxOnly: a dependency of the packages vetted).
// There unitchecker runs only the analyzers that produce or use facts,
// with what they require, since nothing is reported; the check, which
// requires every analyzer to run after them, made it run them all, those
// without facts included (buildtag and directive parse every file the
// build ignores). Its reports are not used there, and what it still
// requires is every analyzer whose facts the unit's importers may read,
// so the facts are the same, whichever analyzers the flags select.
func checkerForFacts(analyzers []*analysis.Analyzer) {
	for i, a := range analyzers {
		if a.Name != report.CheckerName {
			continue
		}
		c := *a
		c.Requires = slices.DeleteFunc(slices.Clone(a.Requires), func(r *analysis.Analyzer) bool { return !runner.NeedFacts(r) })
		analyzers[i] = &c
	}
}

// ignoresUsage is the usage of -ignores, the flag of the check of the
// suppression directives (report.Usage.Checker), which every run adds.
const ignoresUsage = "report //trapvet:ignore directives that give no reason, name no analyzer or suppress nothing (-ignores=false leaves the check out)"

// inverted is a boolean flag that sets *off to its negation.
type inverted struct{ off *bool }

func (v inverted) String() string {
	if v.off == nil {
		return "true"
	}
	return strconv.FormatBool(!*v.off)
}

func (v inverted) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*v.off = !b
	return nil
}

func (v inverted) IsBoolFlag() bool { return true }

// vetGC sets the garbage collector of a go vet unit process, unless the
// user set GOGC or GOMEMLIMIT: the heap may grow to five times its live
// data between collections (GOGC=400), under a soft limit of 100 MiB, or
// 40 bytes per byte of the unit's Go source for a larger package.
//
// go vet starts one short process per package, whose heap grows from
// nothing to the package's syntax, types and facts; at the default
// GOGC=100 the collector runs many times on the way and takes a sixth of
// the CPU. GOGC=400 alone bought that CPU with memory: the largest unit
// of golang.org/x/tools (runtime, whose facts its importers need) peaked
// at 188 MB against go vet's 87 MB. The limit makes the collector work
// harder in the few units that reach it and leaves the others alone:
// runtime peaks at 119 MB. The limit grows with the source (runtime's
// live heap is about 36 bytes per byte of source) so that a package
// whose live heap is above 100 MiB is collected about as often as at
// GOGC=100, not continuously. Measurements: docs/performance.md.
func vetGC(unit vetUnit) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(max(vetMemoryBudget, vetHeapPerSourceByte*unit.sourceSize()))
}

const (
	vetMemoryBudget      = 100 << 20
	vetHeapPerSourceByte = 40
)

// vetUnit is what the driver reads of a go vet configuration file, before
// unitchecker reads it all.
type vetUnit struct {
	GoFiles  []string
	VetxOnly bool // analyzed only for its facts, its findings unused
}

// readVetUnit reads the go vet configuration file (the zero vetUnit if it
// cannot be read: unitchecker reports the error).
func readVetUnit(cfgFile string) vetUnit {
	var unit vetUnit
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return vetUnit{}
	}
	if json.Unmarshal(data, &unit) != nil {
		return vetUnit{}
	}
	return unit
}

// sourceSize returns the size of the unit's Go files.
func (unit vetUnit) sourceSize() int64 {
	var n int64
	for _, f := range unit.GoFiles {
		if info, err := os.Stat(f); err == nil {
			n += info.Size()
		}
	}
	return n
}

func (s *Suite) groupUsage() string {
	return fmt.Sprintf("enable %s (-%s=false runs the others alone)", s.GroupDoc, s.GroupFlag)
}

func (s *Suite) optInUsage() string {
	return fmt.Sprintf("also run %s, which are off by default", s.OptInDoc)
}

// prescan reads the enable flags from args the way the flag package will
// parse them, before the analyzers are chosen: flags end at the first
// non-flag argument or "--", and a non-boolean flag given without "="
// takes the next argument as its value.
func (s *Suite) prescan(args []string) selection {
	sel := selection{named: make(map[string]bool)}
	names := make(map[string]bool)
	valueFlags := s.valueFlags()
	for _, a := range s.Analyzers {
		names[a.Name] = true
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || !strings.HasPrefix(arg, "-") || arg == "-" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if !names[name] && name != s.GroupFlag && (name != s.OptInFlag || s.OptInFlag == "") {
			if valueFlags[name] && !hasValue {
				i++
			}
			continue
		}
		on := true
		if hasValue {
			b, err := strconv.ParseBool(value)
			if err != nil {
				continue // the flag package reports it
			}
			on = b
		}
		switch {
		case name == s.GroupFlag:
			sel.group = &on
		case name == s.OptInFlag:
			sel.optIn = on
		default:
			sel.named[name] = on
		}
	}
	return sel
}
