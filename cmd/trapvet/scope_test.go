package main_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/trapvet/trapvet/analyzers"
	"github.com/trapvet/trapvet/internal/scope"
)

// TestScopeLayout runs trapvet on the layout fixture, where every kind of
// code holds the same traps, at -scope=all and by default: the default
// run must report exactly the findings of -scope=all whose analyzer's row
// (internal/scope) lists the kind its file declares in its first comment,
// an Example function counting as an example and a Benchmark function (or
// a helper named benchmark...) as a benchmark; a finding on a line marked
// "// analyzer.rule" is judged by that rule's row.
//
// go vet's analyzers, which report every kind of code, are left out of the
// comparison rather than turned off: with the default analyzer set, the
// runs at the default scope and at -scope=all find the standard library's
// facts in the cache where TestParityModules left them for the same set
// and flags, instead of computing them again for -vet=false.
func TestScopeLayout(t *testing.T) {
	dir, _ := filepath.Abs(fixture("layout"))
	kinds, funcKinds, rules := layoutKinds(t, dir)
	vet := make(map[string]bool) // go vet's, which report every kind
	for _, a := range analyzers.Vet() {
		vet[a.Name] = true
	}
	for _, a := range analyzers.VetScoped() {
		delete(vet, a.Name) // trapvet runs them beyond go vet, scoped
	}
	findings := func(args ...string) map[string]bool {
		r := trapvet(t, dir, append([]string{"-format=json", "-exit-zero"}, args...)...)
		noCrash(t, r)
		if r.code != 0 {
			t.Fatalf("trapvet %v: exit %d\n%s", args, r.code, r.stderr)
		}
		var tree map[string]map[string][]struct{ Posn, Message string }
		if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
			t.Fatalf("trapvet %v: %v\n%s", args, err, r.stdout)
		}
		out := make(map[string]bool)
		for _, byAnalyzer := range tree {
			for analyzer, diags := range byAnalyzer {
				if vet[analyzer] {
					continue
				}
				for _, d := range diags {
					out[analyzer+" "+d.Posn] = true
				}
			}
		}
		return out
	}
	all := findings("-scope=all", "./...", "./_examples/client")
	def := findings("./...", "./_examples/client")
	seen := make(map[scope.Kind]map[string]bool) // kind -> analyzers found there
	for f := range all {
		analyzer, posn, _ := strings.Cut(f, " ")
		file, line := splitPosn(t, dir, posn)
		kind, ok := kinds[file]
		if !ok {
			t.Fatalf("finding in %s, which declares no kind", file)
		}
		if funcKinds[file] != nil {
			if k, ok := funcKinds[file](line); ok {
				kind = k
			}
		}
		if seen[kind] == nil {
			seen[kind] = make(map[string]bool)
		}
		seen[kind][analyzer] = true
		set, _ := scope.RuleDefault(analyzer, rules[file][analyzer+"@"+strconv.Itoa(line)])
		if want := set.Has(kind); def[f] != want {
			t.Errorf("%s (%v): reported by default %v, want %v", f, kind, def[f], want)
		}
	}
	for f := range def {
		if !all[f] {
			t.Errorf("%s: reported by default, not with -scope=all", f)
		}
	}
	for file, marks := range rules {
		for mark, rule := range marks {
			analyzer, line, _ := strings.Cut(mark, "@")
			found := false
			for f := range all {
				a, posn, _ := strings.Cut(f, " ")
				ff, l := splitPosn(t, dir, posn)
				found = found || a == analyzer && ff == file && strconv.Itoa(l) == line
			}
			if !found {
				t.Errorf("%s:%s is marked %s.%s, and -scope=all reports no %s finding there", file, line, analyzer, rule, analyzer)
			}
		}
	}
	for _, k := range []scope.Kind{scope.Production, scope.Example} {
		if !seen[k]["sqlrowserr"] {
			t.Errorf("no sqlrowserr finding in code of kind %v with -scope=all", k)
		}
	}
	for _, k := range scope.Kinds() {
		if len(seen[k]) == 0 {
			t.Errorf("no finding in code of kind %v with -scope=all", k)
		}
	}
	// The per-analyzer flag and the old spelling.
	one := findings("-vet=false", "-fmtlog.scope=all", "-rpctimeout.tests", "./...")
	if !one["rpctimeout "+filepath.Join(dir, "server", "server_test.go")+":26:15"] {
		t.Errorf("-rpctimeout.tests: no rpctimeout finding in server/server_test.go:26:15")
	}
	for f := range one {
		analyzer, posn, _ := strings.Cut(f, " ")
		file, line := splitPosn(t, dir, posn)
		set, _ := scope.RuleDefault(analyzer, rules[file][analyzer+"@"+strconv.Itoa(line)])
		switch analyzer {
		case "fmtlog":
			set = scope.All
		case "rpctimeout":
			set |= scope.Of(scope.Test)
		}
		if !set.Has(kinds[file]) {
			t.Errorf("%s: reported with -fmtlog.scope=all -rpctimeout.tests, in %v code", f, kinds[file])
		}
	}
}

// layoutKinds reads the kind each fixture file declares ("// Test
// support: ..."), for test files the kind of the lines of Example and
// Benchmark functions (and helpers named benchmark...), and the rule of
// each line marked "// analyzer.rule", by file and "analyzer@line".
func layoutKinds(t *testing.T, dir string) (map[string]scope.Kind, map[string]func(int) (scope.Kind, bool), map[string]map[string]string) {
	kinds := make(map[string]scope.Kind)
	funcKinds := make(map[string]func(int) (scope.Kind, bool))
	rules := make(map[string]map[string]string)
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		for _, g := range f.Comments {
			for _, c := range g.List {
				analyzer, rule, ok := strings.Cut(strings.TrimPrefix(c.Text, "// "), ".")
				if ok && !strings.ContainsAny(analyzer+rule, " ,:") && len(scope.Rules(analyzer)) > 0 {
					if rules[rel] == nil {
						rules[rel] = make(map[string]string)
					}
					rules[rel][analyzer+"@"+strconv.Itoa(fset.Position(c.Pos()).Line)] = rule
				}
			}
		}
		for _, g := range f.Comments {
			if strings.HasPrefix(g.List[0].Text, "//go:") {
				continue
			}
			text := strings.TrimPrefix(g.List[0].Text, "// ")
			label, _, _ := strings.Cut(text, ":")
			set, err := scope.ParseSet(strings.ReplaceAll(strings.ToLower(label), " ", ""))
			if err != nil {
				t.Fatalf("%s: first comment names no kind: %v", rel, err)
			}
			for _, k := range scope.Kinds() {
				if set == scope.Of(k) {
					kinds[rel] = k
				}
			}
			break
		}
		type funcRange struct {
			from, to int
			kind     scope.Kind
		}
		var ranges []funcRange
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			r := funcRange{fset.Position(fd.Pos()).Line, fset.Position(fd.End()).Line, scope.Example}
			switch {
			case strings.HasPrefix(fd.Name.Name, "Example"):
			case strings.HasPrefix(strings.ToLower(fd.Name.Name), "benchmark"):
				r.kind = scope.Benchmark
			default:
				continue
			}
			ranges = append(ranges, r)
		}
		if len(ranges) > 0 {
			funcKinds[rel] = func(line int) (scope.Kind, bool) {
				for _, r := range ranges {
					if r.from <= line && line <= r.to {
						return r.kind, true
					}
				}
				return 0, false
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return kinds, funcKinds, rules
}

// splitPosn turns an absolute "file:line:col" into the module-relative
// file and the line.
func splitPosn(t *testing.T, dir, posn string) (string, int) {
	rest, _, _ := strings.Cut(strings.TrimPrefix(posn, dir+string(filepath.Separator)), ":")
	var line int
	parts := strings.Split(posn, ":")
	if len(parts) >= 3 {
		for _, c := range parts[len(parts)-2] {
			line = line*10 + int(c-'0')
		}
	}
	return filepath.ToSlash(rest), line
}
