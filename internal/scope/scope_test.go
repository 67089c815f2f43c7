package scope

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		file File
		want Kind
	}{
		{File{Dir: "server", Name: "server.go"}, Production},
		{File{Dir: "", Name: "doc.go"}, Production},
		{File{Dir: "cmd/server", Main: true, Name: "main.go"}, Production},
		{File{Dir: "tools/lib", Name: "lib.go"}, Production}, // tooling is mains only
		{File{Dir: "api/latest", Name: "api.go"}, Production},
		{File{Dir: "internal/cmdutil", Name: "x.go"}, Production},
		{File{Dir: "server", Name: "server_test.go"}, Test},
		{File{Dir: "examples/demo", Main: true, Name: "server_test.go"}, Test},
		{File{Dir: "server", Name: "testing.go"}, TestSupport},
		{File{Dir: "server", Name: "testutil_linux.go"}, TestSupport},
		{File{Dir: "server", Name: "helpers.go", UsesTesting: true}, TestSupport},
		{File{Dir: "internal/testutil", Name: "x.go"}, TestSupport},
		{File{Dir: "TestIssues", Name: "global_vars.go"}, TestSupport}, // case does not matter
		{File{Dir: "Examples/chat", Name: "main.go", Main: true}, Example},
		{File{Dir: "Latest", Name: "x.go"}, Production},
		{File{Dir: "samples", Name: "runner.go"}, Example},
		{File{Dir: "samples/queues", Name: "main.go", Main: true}, Example},
		{File{Dir: "audio/samples", Name: "pcm.go"}, Production}, // only at the module's root
		{File{Dir: "sampler", Name: "x.go"}, Production},
		{File{Dir: "demos/presentation", Name: "main.go", Main: true}, Example},
		{File{Dir: "demo", Name: "seed.go"}, Example},
		{File{Dir: "cmd/tool/demos/spin", Name: "main.go", Main: true}, Example},
		{File{Dir: "internal/demo", Name: "seed.go"}, Production}, // a library deeper down
		{File{Dir: "demolition", Name: "x.go"}, Production},
		{File{Dir: "net/http/httptest", Name: "server.go"}, TestSupport},
		{File{Dir: "e2e/suite", Name: "x.go"}, TestSupport},
		{File{Dir: "tests/fixtures", Name: "x.go"}, TestSupport}, // not a main: a test's helper
		{File{Dir: "examples/demo", Main: true, Name: "main.go"}, Example},
		{File{Dir: "_examples/client", Name: "client.go"}, Example},
		{File{Dir: "example", Name: "x.go", UsesTesting: true}, Example},
		{File{Dir: "bench/client", Main: true, Name: "main.go"}, Benchmark},
		{File{Dir: "internal/benchmarks", Name: "x.go"}, Benchmark},
		{File{Dir: "cmd/loadgen", Main: true, Name: "main.go", UsesTesting: true}, Benchmark},
		{File{Dir: "perf", Main: true, Name: "perf-producer.go"}, Benchmark},
		{File{Dir: "cmd/loadtest", Main: true, Name: "main.go"}, Benchmark},
		{File{Dir: "internal/perf", Name: "counters.go"}, Production}, // a perf harness is a main
		{File{Dir: "cmd/litefs-bench", Main: true, Name: "main.go"}, Benchmark},
		{File{Dir: "cmd/redis_benchmark", Main: true, Name: "main.go"}, Benchmark},
		{File{Dir: "cmd/workbench", Main: true, Name: "main.go"}, Production}, // a word of its own
		{File{Dir: "cmd/bulkbench", Main: true, Name: "main.go"}, Benchmark},
		{File{Dir: "cmd/benchtool", Main: true, Name: "main.go"}, Benchmark},
		{File{Dir: "tools/kv_microbenchmark", Main: true, Name: "main.go"}, Tooling}, // tools decide first
		{File{Dir: "cmd/go-bench-db", Main: true, Name: "main.go"}, Benchmark},
		{File{Dir: "pkg/dbbench", Name: "x.go"}, Production}, // mains only
		{File{Dir: "cmd/benchmarkd", Main: true, Name: "main.go"}, Benchmark},
		{File{Dir: "pkg/bench-utils", Name: "x.go"}, Production}, // a library production imports
		{File{Dir: "lib/devices/generate", Main: true, Name: "main.go", Generator: true}, Tooling},
		{File{Dir: "lib/devices/generate", Name: "main.go", Generator: true}, Production}, // mains only
		{File{Dir: "internal/cmd/release", Main: true, Name: "main.go"}, Tooling},
		{File{Dir: "cmd/dev/stevents", Main: true, Name: "main.go"}, Tooling},
		{File{Dir: "dev/tail", Main: true, Name: "main.go"}, Tooling},
		{File{Dir: "devtools/lint", Main: true, Name: "main.go"}, Tooling},
		{File{Dir: "pkg/dev/usb", Name: "usb.go"}, Production},            // device code, not a tool
		{File{Dir: "cmd/dev", Name: "dev.go"}, Production},                // mains only
		{File{Dir: "internal/dev", Main: true, Name: "main.go"}, Tooling}, // a main under internal
		{File{Dir: "internal/wait-for", Main: true, Name: "main.go"}, Tooling},
		{File{Dir: "internal/wait-for", Name: "wait.go"}, Production}, // mains only
		{File{Dir: "cmd/dendrite-demo-pinecone", Main: true, Name: "main.go"}, Example},
		{File{Dir: "cmd/grpc_example", Main: true, Name: "main.go"}, Example},
		{File{Dir: "cmd/democracy", Main: true, Name: "main.go"}, Production}, // a word of its own
		{File{Dir: "pkg/app-demo-data", Name: "seed.go"}, Production},         // mains only
		{File{Dir: "tools/gen", Main: true, Name: "main.go"}, Tooling},
		{File{Dir: "hack", Main: true, Name: "main.go"}, Tooling},
		{File{Dir: "scripts/x", Main: true, Name: "main.go"}, Tooling},
		{File{Dir: "server", Main: true, Name: "gen.go", Ignored: true}, Tooling},
		{File{Dir: "generator/mysql", Name: "mysql_generator.go"}, Tooling}, // a generator's library
		{File{Dir: "internal/qmp-gen", Name: "types.go"}, Tooling},
		{File{Dir: "cmd/protoc-gen-go", Main: true, Name: "main.go"}, Tooling},
		{File{Dir: "pkg/codegen", Name: "gen.go"}, Tooling},
		{File{Dir: "internal/generators/api", Name: "api.go"}, Tooling},
		{File{Dir: "tools/oapi-codegen/pkg", Name: "x.go"}, Tooling},
		{File{Dir: "gen-go/api", Name: "api.go"}, Production},      // thrift's generated code
		{File{Dir: "gen/proto/v1", Name: "api.pb.go"}, Production}, // generated code
		{File{Dir: "pkg/idgen", Name: "idgen.go"}, Production},     // an ID generator serves
		{File{Dir: "pkg/generated/clientset", Name: "x.go"}, Production},
		{File{Dir: "tests/issue42", Main: true, Name: "main.go"}, Reproduction},
		{File{Dir: "test", Main: true, Name: "main.go"}, Reproduction},
		{File{Dir: "internal/testdata/prog", Main: true, Name: "main.go"}, Reproduction},
	} {
		if got := Classify(tc.file); got != tc.want {
			t.Errorf("Classify(%+v) = %v, want %v", tc.file, got, tc.want)
		}
	}
}

func TestSets(t *testing.T) {
	s, err := ParseSet("production, test")
	if err != nil || s != Of(Production, Test) || s.String() != "production,test" {
		t.Errorf("ParseSet = %v (%q), %v", s, s, err)
	}
	if s, err := ParseSet("all"); err != nil || s != All || s.String() != "all" {
		t.Errorf("ParseSet(all) = %v, %v", s, err)
	}
	if _, err := ParseSet("prod"); err == nil {
		t.Error("ParseSet(prod): no error")
	}
	for _, k := range Kinds() {
		if got, err := ParseSet(k.String()); err != nil || got != Of(k) {
			t.Errorf("ParseSet(%q) = %v, %v", k, got, err)
		}
	}
}

func TestChoice(t *testing.T) {
	var c Choice
	c.analyzer = "loopcapture"
	if got := c.Get().(Set); got != Of(Production, Test, TestSupport) || c.String() != "default" {
		t.Errorf("default = %v (%s)", got, &c)
	}
	if err := c.Set("all"); err != nil || c.Get().(Set) != All || c.String() != "all" {
		t.Errorf("all = %v (%s), %v", c.Get(), &c, err)
	}
	if err := c.Set("nonsense"); err == nil {
		t.Error("Set(nonsense): no error")
	}
	if err := c.Set("default"); err != nil || c.String() != "default" {
		t.Errorf("back to default: %s, %v", &c, err)
	}
	if s, explicit := Default("no-such-analyzer"); explicit || s != Fallback || s != Of(Production) {
		t.Errorf("Default(no row) = %v, %v", s, explicit)
	}
}

func TestReported(t *testing.T) {
	a := &analysis.Analyzer{Name: "rpctimeout"}
	if got := Reported(a); got != Of(Production) {
		t.Errorf("without flags: %v", got)
	}
	tests := a.Flags.Bool("tests", false, "")
	Declare(a)
	*tests = true
	if got := Reported(a); got != Of(Production, Test) {
		t.Errorf("with -tests: %v", got)
	}
	a.Flags.Set(FlagName, "example")
	if got := Reported(a); got != Of(Example, Test) {
		t.Errorf("with -scope=example -tests: %v", got)
	}
}

// TestReportedRule: a rule with a row of its own reports its row's kinds,
// another rule its analyzer's; the analyzer's scope flag, once set to
// anything but default, covers every rule.
func TestReportedRule(t *testing.T) {
	a := &analysis.Analyzer{Name: "goroutineleak"}
	Declare(a)
	if got := ReportedRule(a, RuleEndless); got != Of(Production, Test, TestSupport) {
		t.Errorf("endless by default: %v", got)
	}
	if got := ReportedRule(a, "sender"); got != Of(Production) {
		t.Errorf("a rule without a row: %v, want the analyzer's", got)
	}
	a.Flags.Set(FlagName, "production")
	if got := ReportedRule(a, RuleEndless); got != Of(Production) {
		t.Errorf("endless with -scope=production: %v", got)
	}
	a.Flags.Set(FlagName, "default")
	if got := ReportedRule(a, RuleEndless); got != Of(Production, Test, TestSupport) {
		t.Errorf("endless with -scope=default: %v", got)
	}
	for _, r := range Rows() {
		if r.Rule == "" {
			continue
		}
		if own, _ := Default(r.Analyzer); own == r.Kinds {
			t.Errorf("row %s: the same kinds as its analyzer's row; drop it", r.Name())
		}
	}
}

func TestBuildIgnored(t *testing.T) {
	for src, want := range map[string]bool{
		"//go:build ignore\n\npackage main\n":             true,
		"//go:build !windows && ignore\n\npackage main\n": true,
		"//go:build !ignore\n\npackage main\n":            false,
		"//go:build linux\n\npackage main\n":              false,
		"// +build ignore\n\npackage main\n":              false, // no //go:build line: go fix adds one
		"package main\n\n//go:build ignore\n":             false,
	} {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if got := buildIgnored(f); got != want {
			t.Errorf("buildIgnored(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestLayout classifies every file of the layout fixture, a module with
// every kind side by side (testdata/layout at the repository's root). Each
// file's first comment names its kind; the module's own name
// (example.com/examples/tools) names two kinds, and counts for none.
func TestLayout(t *testing.T) {
	dir, _ := filepath.Abs("../../testdata/layout")
	cfg := &packages.Config{
		Mode:  packages.LoadSyntax | packages.NeedModule,
		Dir:   dir,
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, "./...", "./_examples/client")
	if err != nil {
		t.Fatal(err)
	}
	ignored, err := packages.Load(cfg, "./gen.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	declared := make(map[Kind]bool)
	for _, p := range append(pkgs, ignored...) {
		if len(p.Errors) > 0 {
			t.Fatalf("%s: %v", p.ID, p.Errors)
		}
		if strings.HasSuffix(p.ID, ".test") {
			continue // the generated test main
		}
		pass := &analysis.Pass{Fset: p.Fset, Files: p.Syntax, Pkg: p.Types, TypesInfo: p.TypesInfo}
		if p.Module != nil {
			pass.Module = &analysis.Module{Path: p.Module.Path}
		}
		m := New(pass)
		for _, f := range p.Syntax {
			name, _ := filepath.Rel(dir, p.Fset.File(f.FileStart).Name())
			want := declaredKind(t, name, f)
			declared[want] = true
			// The kind holds in every function of the file (a production
			// file's functions that only test support uses are test support:
			// dbserver/ready.go), and at its package clause when it has none.
			funcs := 0
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				funcs++
				want := want
				switch {
				case strings.HasPrefix(fd.Name.Name, "Example"):
					want = Example
				case strings.HasPrefix(strings.ToLower(fd.Name.Name), "benchmark"):
					want = Benchmark // a Benchmark function, and its helper
				}
				if got := m.KindAt(fd.Body.Lbrace); got != want {
					t.Errorf("%s (package %s): %s is of kind %v, want %v", name, p.ID, fd.Name.Name, got, want)
				}
			}
			if got := m.KindAt(f.Package); funcs == 0 && got != want {
				t.Errorf("%s (package %s): kind %v, want %v", name, p.ID, got, want)
			}
			seen[name] = true
		}
	}
	for _, k := range Kinds() {
		if !declared[k] {
			t.Errorf("the layout fixture has no file of kind %v", k)
		}
	}
}

// declaredKind reads the kind a fixture file declares in its first
// comment: "// Test support: ...".
func declaredKind(t *testing.T, name string, f *ast.File) Kind {
	t.Helper()
	for _, g := range f.Comments {
		for _, c := range g.List {
			text, ok := strings.CutPrefix(c.Text, "// ")
			if !ok || strings.HasPrefix(text, "go:build") {
				continue
			}
			label, _, _ := strings.Cut(text, ":")
			k, err := ParseSet(strings.ReplaceAll(strings.ToLower(label), " ", ""))
			if err != nil {
				t.Fatalf("%s: first comment %q names no kind", name, c.Text)
			}
			for _, kind := range Kinds() {
				if k == Of(kind) {
					return kind
				}
			}
		}
	}
	t.Fatalf("%s: no comment naming its kind", name)
	return 0
}

// TestUsesTestingPerFile checks that a library's file is judged by its own
// use of the testing package: an SDK that keeps its test suite beside its
// code (testsuite.go) is still production in its other files.
func TestUsesTestingPerFile(t *testing.T) {
	fset := token.NewFileSet()
	parse := func(name, src string) *ast.File {
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	suite := parse("testsuite.go", "package sdk\n\nimport \"testing\"\n\nfunc Run(t *testing.T) {}\n")
	poller := parse("poller.go", "package sdk\n\nfunc Poll() {}\n")
	short := parse("short.go", "package sdk\n\nimport \"testing\"\n\nvar quick = testing.Short\n")
	uses := usesTesting(fset, []*ast.File{suite, poller, short})
	if !uses[suite] || uses[poller] || uses[short] {
		t.Errorf("usesTesting: testsuite.go %v, poller.go %v, short.go %v; want true, false, false", uses[suite], uses[poller], uses[short])
	}
}
