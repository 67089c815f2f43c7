package scope

import (
	"go/ast"
	"go/build/constraint"
	"go/token"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// A File describes one file as the model needs it: where it lies, in
// which kind of package, and its own marks.
type File struct {
	// Dir is the package's directory relative to its module's root,
	// slash-separated ("" for the root package). Outside a module it is
	// the package path.
	Dir string
	// Main reports a package main.
	Main bool
	// UsesTesting reports that the file uses the testing package's test
	// machinery (testing.T, testing.B, testing.Benchmark, ...); for a main
	// package, that any of its non-test files does.
	UsesTesting bool
	// Name is the file's base name.
	Name string
	// Ignored reports a file built only with the "ignore" tag
	// (//go:build ignore): a program run by hand or by go generate.
	Ignored bool
	// Generator reports a main package that writes generated Go code or
	// formats the Go source it writes (writesGeneratedCode) and starts no
	// server.
	Generator bool
}

// Classify returns the kind of a whole file. The first rule that applies
// decides:
//
//  1. a _test.go file is a test;
//  2. a //go:build ignore file is tooling;
//  3. a path element example, examples, _example or _examples makes an
//     example, and so does a first element sample or samples (_sample,
//     _samples) or demo or demos (_demo, _demos), and a main under a demo
//     or demos element anywhere, or in a directory whose name has the word
//     demo or example among its words (app-demo-p2p);
//  4. a path element bench, benchmark or benchmarks makes a benchmark
//     harness;
//  5. a main under internal/cmd, cmd/dev, tools, hack or scripts, or a
//     first element dev or devtools (a maintainer's developer tools), or one that
//     writes generated Go code or formats the Go it writes and starts no
//     server, is tooling; under
//     test, tests or testdata, a reproduction; under perf or loadtest, or
//     a directory whose name has the word bench, benchmark, loadtest or
//     loadgen, or a word compounded with bench (litefs-bench,
//     redis_benchmark, bulkbench; not workbench), or one using the testing
//     package, a benchmark harness (a load generator measuring a server
//     is a benchmark whether or not it uses the testing package); any
//     other main under an internal element (internal/wait-for), a program
//     only the module's own maintainers build, is tooling;
//  6. a package of a code generator is tooling: under a path element
//     generator, generators or codegen, or one whose words (split at -, _
//     and .) have codegen or generator, or gen after the first word
//     (qmp-gen, deepcopy-gen, protoc-gen-go; not gen-go, thrift's output
//     directory of generated code, nor gen alone, which often holds
//     generated code). A developer runs a generator and watches it, as
//     the maintainers' mains above;
//  7. a non-test file using the testing package's machinery, a file named
//     testing.go, testutil.go or testhelpers.go, a path element naming test
//     infrastructure (starting with "test": testutil, testing, testenv;
//     ending with "test": httptest, iotest; e2e, integration, stress,
//     soak, interop, conformance, coverage) is test support;
//  8. everything else is production.
//
// Only the module-relative directory counts: a module named tools or
// examples is no tooling or example. Path elements are compared in lower
// case.
func Classify(f File) Kind {
	if strings.HasSuffix(f.Name, "_test.go") {
		return Test
	}
	if f.Ignored {
		return Tooling
	}
	els := elements(f.Dir)
	switch {
	case anyIn(els, exampleDirs) || len(els) > 0 && contains(sampleDirs, els[0]):
		return Example
	case len(els) > 0 && contains(demoDirs, els[0]) || f.Main && (anyIn(els, demoDirs) || anyMatch(els, namesDemo)):
		return Example
	case anyIn(els, benchmarkDirs):
		return Benchmark
	}
	if f.Main {
		switch {
		case anyIn(els, toolingDirs) || hasPair(els, "internal", "cmd") || hasPair(els, "cmd", "dev") || len(els) > 0 && contains(devDirs, els[0]) || f.Generator:
			return Tooling
		case anyIn(els, reproductionDirs):
			return Reproduction
		case f.UsesTesting || anyIn(els, perfDirs) || anyMatch(els, namesBenchmark):
			return Benchmark
		case contains(els, "internal"):
			return Tooling // a program only the module's own maintainers build
		}
	}
	if anyMatch(els, namesGenerator) {
		return Tooling
	}
	if f.UsesTesting || isTestSupportFile(f.Name) || anyMatch(els, isTestSupportDir) {
		return TestSupport
	}
	return Production
}

var (
	exampleDirs = []string{"example", "examples", "_example", "_examples"}
	// sampleDirs are examples at the module's root only: deeper, a
	// samples package may hold audio samples or a sampler's.
	sampleDirs = []string{"sample", "samples", "_sample", "_samples"}
	// demoDirs are examples at the module's root, and for mains anywhere:
	// deeper, a demo library package may seed a running service's demo
	// tenant (internal/demo).
	demoDirs      = []string{"demo", "demos", "_demo", "_demos"}
	benchmarkDirs = []string{"bench", "benchmark", "benchmarks"}
	toolingDirs   = []string{"tools", "hack", "scripts"}
	// devDirs hold developer tools as a first path element (and under
	// cmd/dev): mains only, since a library named dev may be device code.
	devDirs = []string{"dev", "devtools"}
	// perfDirs hold load generators and performance-measuring programs:
	// mains only, since a production package named perf (performance
	// counters, a profiler's reader) is no harness.
	perfDirs         = []string{"perf", "loadtest"}
	reproductionDirs = []string{"test", "tests", "testdata"}
	// harnessDirs are test infrastructure whose names do not say "test":
	// end-to-end and integration suites, stress and soak harnesses,
	// interoperability and conformance clients, and coverage runtimes
	// (linked into test binaries).
	harnessDirs = []string{"e2e", "integration", "stress", "soak", "interop", "conformance", "coverage"}
	// superlatives end in "test" without being about tests.
	superlatives = []string{"latest", "fastest", "shortest", "greatest", "smartest", "strictest", "contest", "attest", "protest"}
)

// isTestSupportDir reports a path element naming test infrastructure.
func isTestSupportDir(el string) bool {
	if strings.HasPrefix(el, "test") || contains(harnessDirs, el) {
		return true
	}
	return (strings.HasSuffix(el, "test") || strings.HasSuffix(el, "tests")) && !contains(superlatives, el)
}

// isTestSupportFile reports a file named for test helpers: testing.go,
// testutil.go, testutils_linux.go, testhelpers.go, test_helpers.go.
func isTestSupportFile(name string) bool {
	base := strings.TrimSuffix(name, ".go")
	for _, p := range []string{"testing", "testutil", "testhelper", "test_util", "test_helper"} {
		if strings.HasPrefix(base, p) {
			return true
		}
	}
	return false
}

func elements(dir string) []string {
	if dir == "" || dir == "." {
		return nil
	}
	// Case does not change what a directory is for: TestIssues holds
	// test helpers as testissues would, Examples examples.
	return strings.Split(strings.ToLower(dir), "/")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func anyIn(els, set []string) bool {
	return anyMatch(els, func(el string) bool { return contains(set, el) })
}

func anyMatch(els []string, match func(string) bool) bool {
	for _, el := range els {
		if match(el) {
			return true
		}
	}
	return false
}

// namesBenchmark reports whether a path element has, among its words
// (split at -, _ and .), bench, benchmark, loadtest or loadgen, or a word
// compounded with bench or benchmark (bulkbench, kvbench, benchtool,
// benchmarker): litefs-bench, redis_benchmark. Words where bench is no
// benchmark (workbench, a bench of tools) are not.
func namesBenchmark(el string) bool {
	for _, w := range words(el) {
		switch {
		case w == "loadtest" || w == "loadgen":
			return true
		case contains(benchWords, w):
			continue
		case strings.HasPrefix(w, "bench") || strings.HasSuffix(w, "bench") || strings.HasSuffix(w, "benchmark") || strings.HasSuffix(w, "benchmarks"):
			return true
		}
	}
	return false
}

// namesGenerator reports whether a path element names a code generator's
// package, a library included, among its words (split at -, _ and .):
// codegen, generator or generators anywhere (jet's generator/mysql, run
// by its jet command or a user's generation program; oapi-codegen,
// openapi-generator), or gen after the first word (qmp-gen,
// deepcopy-gen, protoc-gen-go). gen as the first word names the
// generated code itself (thrift's gen-go), a production package.
func namesGenerator(el string) bool {
	for i, w := range words(el) {
		if w == "codegen" || w == "generator" || w == "generators" || w == "gen" && i > 0 {
			return true
		}
	}
	return false
}

// words splits a path element into its words, at -, _ and .
// (litefs-bench, redis_benchmark, protoc-gen-go).
func words(el string) []string {
	return strings.FieldsFunc(el, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
}

// benchWords are English words holding bench that name no benchmark.
var benchWords = []string{"workbench", "workbenches", "bencher", "benchwarmer", "testbench"}

// namesDemo reports whether a path element has, among its words (split at
// -, _ and .), demo or example: dendrite-demo-pinecone, grpc_example; not
// democracy.
func namesDemo(el string) bool {
	for _, w := range words(el) {
		switch w {
		case "demo", "demos", "example", "examples":
			return true
		}
	}
	return false
}

func hasPair(els []string, a, b string) bool {
	for i := 0; i+1 < len(els); i++ {
		if els[i] == a && els[i+1] == b {
			return true
		}
	}
	return false
}

// A Model tells the kind of code at each position of one analysis pass.
type Model struct {
	fset  *token.FileSet
	files map[*token.File]fileKind
	// support holds, per production file, the functions that take a
	// stand-in for testing.TB or that only test support uses
	// (supportFuncs), and the methods of types only tests make
	// (testOnlyMethods), sorted by position.
	support map[*token.File][]*ast.FuncDecl
	// bench holds, per _test.go file, the functions only benchmarks use
	// (benchmarkFuncs), sorted by position.
	bench map[*token.File][]*ast.FuncDecl
}

type fileKind struct {
	kind Kind
	file *ast.File
}

// New builds the model of pass's files.
func New(pass *analysis.Pass) *Model {
	m := &Model{fset: pass.Fset, files: make(map[*token.File]fileKind, len(pass.Files))}
	dir := ModuleDir(pass)
	main := pass.Pkg.Name() == "main"
	// A program's files are one harness: a main whose benchmark lives in
	// another file drives it. A library's files are judged one by one: a
	// package that holds its test suite beside its code (an SDK's
	// testsuite.go) is still production in its other files.
	uses := usesTesting(pass.Fset, pass.Files)
	anyUses := len(uses) > 0
	generator := main && writesGeneratedCode(pass.TypesInfo, pass.Fset, pass.Files)
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		k := Classify(File{
			Dir:         dir,
			Main:        main,
			UsesTesting: main && anyUses || uses[f],
			Name:        path.Base(strings.ReplaceAll(tf.Name(), "\\", "/")),
			Ignored:     buildIgnored(f),
			Generator:   generator,
		})
		m.files[tf] = fileKind{k, f}
	}
	if !main {
		m.support = supportFuncs(pass.TypesInfo, pass.Fset, m.files)
	}
	for tf, fds := range testOnlyMethods(pass.TypesInfo, pass.Fset, m.files, pass.IgnoredFiles) {
		if m.support == nil {
			m.support = make(map[*token.File][]*ast.FuncDecl)
		}
		fds = append(m.support[tf], fds...)
		sort.Slice(fds, func(i, j int) bool { return fds[i].Pos() < fds[j].Pos() })
		m.support[tf] = fds
	}
	m.bench = benchmarkFuncs(pass.TypesInfo, pass.Fset, m.files)
	return m
}

// KindAt returns the kind of the code at pos: its file's kind, except that
// an Example function of a test is an example, a Benchmark function of a
// test and the functions of test files only benchmarks use are a
// benchmark, and a function of a production file that takes a stand-in
// for testing.TB or that only test support uses, or a method of a type
// that only tests make, is test support. A position outside the pass's
// files is production.
func (m *Model) KindAt(pos token.Pos) Kind {
	tf := m.fset.File(pos)
	fk, ok := m.files[tf]
	if !ok {
		return Production
	}
	if fk.kind == Test {
		switch name := funcNameAt(fk.file, pos); {
		case isExampleName(name):
			return Example
		case isBenchmarkName(name) || declAt(m.bench[tf], pos) != nil:
			return Benchmark
		}
	}
	if fk.kind == Production && declAt(m.support[tf], pos) != nil {
		return TestSupport
	}
	return fk.kind
}

// funcNameAt returns the name of the package-level function (not a
// method) whose declaration in f holds pos, or "".
func funcNameAt(f *ast.File, pos token.Pos) string {
	if fd, ok := declAt(f.Decls, pos).(*ast.FuncDecl); ok && fd.Recv == nil {
		return fd.Name.Name
	}
	return ""
}

// isExampleName reports a name go test gives examples: Example,
// ExampleF, Example_suffix.
func isExampleName(name string) bool { return hasTestPrefix(name, "Example") }

// isBenchmarkName reports a name go test gives benchmarks: Benchmark,
// BenchmarkGet, Benchmark_get.
func isBenchmarkName(name string) bool { return hasTestPrefix(name, "Benchmark") }

// hasTestPrefix reports whether name is prefix followed by nothing or by
// a character that is not a lower-case letter, as go test matches
// Test, Benchmark and Example functions.
func hasTestPrefix(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || !unicode.IsLower(r)
}

// ModuleDir returns the package's directory relative to its module's
// root, slash-separated, from the import path and pass.Module: never the
// module's own name. An external test package (p_test) lies with p.
// Outside a module it is the package path.
func ModuleDir(pass *analysis.Pass) string {
	p := strings.TrimSuffix(pass.Pkg.Path(), "_test")
	if m := pass.Module; m != nil && m.Path != "" {
		if p == m.Path {
			return ""
		}
		if rest, ok := strings.CutPrefix(p, m.Path+"/"); ok {
			return rest
		}
	}
	return p
}

// testingMachinery are the testing package's names that only tests,
// benchmarks and their helpers use (testing.Testing and testing.Short,
// which production code may ask, are not among them).
var testingMachinery = []string{"T", "TB", "B", "F", "M", "PB", "Benchmark", "BenchmarkResult", "InternalTest", "InternalBenchmark", "MainStart", "AllocsPerRun"}

// usesTesting returns the non-test files that refer to the testing
// package's test machinery.
func usesTesting(fset *token.FileSet, files []*ast.File) map[*ast.File]bool {
	uses := make(map[*ast.File]bool)
	for _, f := range files {
		if strings.HasSuffix(fset.File(f.FileStart).Name(), "_test.go") {
			continue
		}
		name := importName(f, "testing")
		if name == "" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == name && contains(testingMachinery, sel.Sel.Name) {
					uses[f] = true
				}
			}
			return !uses[f]
		})
	}
	return uses
}

// importName returns the name under which f imports path, or "".
func importName(f *ast.File, importPath string) string {
	for _, imp := range f.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil && p == importPath {
			if imp.Name != nil {
				if imp.Name.Name == "_" || imp.Name.Name == "." {
					return ""
				}
				return imp.Name.Name
			}
			return path.Base(importPath)
		}
	}
	return ""
}

// buildIgnored reports whether f's //go:build line excludes it unless the
// "ignore" tag is set (//go:build ignore, //go:build ignore && linux).
func buildIgnored(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			expr, err := constraint.Parse(c.Text)
			if err != nil {
				return false
			}
			excluded := !expr.Eval(func(tag string) bool { return tag != "ignore" })
			return excluded && mentionsTag(expr, "ignore")
		}
	}
	return false
}

// mentionsTag reports whether the build expression names tag.
func mentionsTag(x constraint.Expr, tag string) bool {
	switch x := x.(type) {
	case *constraint.TagExpr:
		return x.Tag == tag
	case *constraint.NotExpr:
		return mentionsTag(x.X, tag)
	case *constraint.AndExpr:
		return mentionsTag(x.X, tag) || mentionsTag(x.Y, tag)
	case *constraint.OrExpr:
		return mentionsTag(x.X, tag) || mentionsTag(x.Y, tag)
	}
	return false
}
