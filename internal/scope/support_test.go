package scope

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestSupportFuncs checks the functions of production files that count
// as test support: those only a test-support file reaches, through
// functions no other code refers to.
func TestSupportFuncs(t *testing.T) {
	srcs := map[string]string{
		"harness.go": `package db
import "testing"
func Start(t testing.TB) { waitReady(); shared(); _ = cycleA }
`,
		"ready.go": `package db
func waitReady() { probe() }
func probe() { probe() }
func shared() {}
func Ping() { shared() }
func cycleA() { cycleB() }
func cycleB() { cycleA() }
func loopA() { loopB() }
func loopB() { loopA() }
func dead() {}
func onlyTests() {}
var hook = viaVar
func viaVar() {}
`,
		"db_test.go": `package db
import "testing"
func TestDB(t *testing.T) { onlyTests(); Start(t) }
`,
	}
	fset := token.NewFileSet()
	var files []*ast.File
	byName := make(map[string]*ast.File)
	for _, name := range []string{"harness.go", "ready.go", "db_test.go"} {
		f, err := parser.ParseFile(fset, name, srcs[name], 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		byName[name] = f
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object), Uses: make(map[*ast.Ident]types.Object)}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("example.com/db", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	m := New(&analysis.Pass{Fset: fset, Files: files, Pkg: pkg, TypesInfo: info})
	want := map[string]Kind{
		"Start": TestSupport, "waitReady": TestSupport, "probe": TestSupport,
		"cycleA": TestSupport, "cycleB": TestSupport,
		"shared": Production, "Ping": Production, "loopA": Production, "loopB": Production,
		"dead": Production, "onlyTests": Production, "viaVar": Production,
	}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name == "TestDB" {
				continue
			}
			if got := m.KindAt(fd.Body.Lbrace); got != want[fd.Name.Name] {
				t.Errorf("%s: %v, want %v", fd.Name.Name, got, want[fd.Name.Name])
			}
		}
	}
}

// TestBenchmarkFuncs checks the kinds in a _test.go file: Benchmark
// functions, and the functions only benchmarks reach, are benchmarks;
// everything else stays a test.
func TestBenchmarkFuncs(t *testing.T) {
	src := `package db
import "testing"
func BenchmarkGet(b *testing.B) { getN(b, 1); b.Run("x", func(b *testing.B) { viaRun() }) }
func Benchmark(b *testing.B) {}
func Benchmarks() { shared() }
func TestGet(t *testing.T) { shared() }
func BenchmarkShared(b *testing.B) { shared() }
func getN(b *testing.B, n int) { deeper() }
func deeper() { deeper() }
func viaRun() {}
func shared() {}
func dead() {}
var hook = viaVar
func viaVar() {}
func BenchmarkHook(b *testing.B) { viaVar() }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "db_test.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object), Uses: make(map[*ast.Ident]types.Object)}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("example.com/db", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	m := New(&analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info})
	want := map[string]Kind{
		"BenchmarkGet": Benchmark, "Benchmark": Benchmark, "BenchmarkShared": Benchmark, "BenchmarkHook": Benchmark,
		"getN": Benchmark, "deeper": Benchmark, "viaRun": Benchmark,
		"Benchmarks": Test, "TestGet": Test, "shared": Test, "dead": Test, "viaVar": Test,
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			if got := m.KindAt(fd.Body.Lbrace); got != want[fd.Name.Name] {
				t.Errorf("%s: %v, want %v", fd.Name.Name, got, want[fd.Name.Name])
			}
		}
	}
}

// TestTestOnlyMethods checks the methods of unexported types that only
// tests make: test support, while a type production code may make, in any
// way, or never refers to (dead code), keeps its methods production.
func TestTestOnlyMethods(t *testing.T) {
	srcs := map[string]string{
		"clock.go": `package db
import "unsafe"
type fake struct{}
func (f *fake) Tick() {}
func (f fake) Now() {}
func isFake(c any) bool { _, ok := c.(*fake); return ok }
func use(f *fake) { f.Tick() }
type lit struct{}
func (lit) M() {}
func newLit() *lit { return &lit{} }
type alloc struct{}
func (*alloc) M() {}
var a = new(alloc)
type held struct{}
func (*held) M() {}
type holder struct{ h held }
type conv struct{}
func (*conv) M() {}
func fromPtr(p unsafe.Pointer) *conv { return (*conv)(p) }
type elem struct{}
func (*elem) M() {}
func elems(n int) []elem { return make([]elem, n) }
type Exported struct{}
func (*Exported) M() {}
type dead struct{}
func (*dead) M() {}
func (d *dead) self() *dead { return d }
`,
		"clock_test.go": `package db
func newFake() *fake { return &fake{} }
`,
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range []string{"clock.go", "clock_test.go"} {
		f, err := parser.ParseFile(fset, name, srcs[name], 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object), Uses: make(map[*ast.Ident]types.Object)}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("example.com/db", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Kind{
		"fake.Tick": TestSupport, "fake.Now": TestSupport,
		"lit.M": Production, "alloc.M": Production, "held.M": Production,
		"conv.M": Production, "elem.M": Production, "Exported.M": Production,
		"dead.M": Production, "dead.self": Production,
	}
	for _, ignored := range [][]string{nil, {"clock_windows.go"}} {
		m := New(&analysis.Pass{Fset: fset, Files: files, Pkg: pkg, TypesInfo: info, IgnoredFiles: ignored})
		for _, d := range files[0].Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil {
				continue
			}
			recv := types.TypeString(info.Defs[fd.Name].(*types.Func).Signature().Recv().Type(), func(*types.Package) string { return "" })
			name := strings.TrimPrefix(recv, "*") + "." + fd.Name.Name
			w := want[name]
			if ignored != nil {
				w = Production // a file the build leaves out may make it
			}
			if got := m.KindAt(fd.Body.Lbrace); got != w {
				t.Errorf("ignored %v: %s: %v, want %v", ignored, name, got, w)
			}
		}
	}
}

// TestGenerators checks which main packages count as code generators:
// those holding a generated file's header, unless they start a server.
func TestGenerators(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{`package main
import "os"
const header = "// Code generated by genfoo; DO NOT EDIT.\n\npackage foo\n"
func main() { os.WriteFile("zfoo.go", []byte(header), 0o644) }`, true},
		{`package main
import "fmt"
func main() { fmt.Printf("// Code generated by %s. DO NOT EDIT.\n", "x") }`, true},
		{"package main\nimport \"os\"\nfunc main() { os.WriteFile(\"list.go\", []byte(`// generated by \"lib/devices/generate\"\n\npackage devices`), 0o644) }", true},
		{`package main
import ("net/http"; "fmt")
func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "// Code generated by api. DO NOT EDIT.") })
	http.ListenAndServe(":8080", nil)
}`, false},
		{`package main
import "fmt"
func main() { fmt.Println("generated by the release pipeline") }`, false},
		{"package main\nimport (\"os\"; \"text/template\")\nconst tmpl = `// {{.Header}}\n\npackage consts\n\nconst V = 1\n`\nfunc main() { template.Must(template.New(\"c\").Parse(tmpl)).Execute(os.Stdout, nil) }", true},
		{"package main\nimport \"fmt\"\nconst conf = `# Generated by agent. DO NOT EDIT\nserver {}\n`\nfunc main() { fmt.Print(conf) }", false},
		{"package main\nimport \"fmt\"\nconst doc = `Usage:\n  package main is required\n`\nfunc main() { fmt.Print(doc) }", false},
		{"package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"// This file is generated by \\\"./lib/proto/generate\\\"\") }", true},
		// The header lives in a template file; the program formats what it writes.
		{`package main
import ("os"; "os/exec"; "text/template")
func main() {
	t := template.Must(template.ParseFiles(os.Args[1]))
	f, _ := os.Create("out.go")
	t.Execute(f, nil)
	f.Close()
	exec.Command("gofmt", "-w", "out.go").Run()
}`, true},
		{`package main
import ("bytes"; "go/format"; "os")
func main() {
	var b bytes.Buffer
	b.WriteString("package x\n")
	src, _ := format.Source(b.Bytes())
	os.WriteFile("x.go", src, 0o644)
}`, true},
		{`package main
import ("context"; "os/exec")
func main() { exec.CommandContext(context.Background(), "git", "status").Run() }`, false},
		{`package main
import ("net/http"; "os/exec")
func main() {
	http.HandleFunc("/fmt", func(w http.ResponseWriter, r *http.Request) { exec.Command("gofmt").Run() })
	http.ListenAndServe(":8080", nil)
}`, false},
	} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "main.go", tc.src, 0)
		if err != nil {
			t.Fatal(err)
		}
		info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object), Uses: make(map[*ast.Ident]types.Object)}
		if _, err := (&types.Config{Importer: importer.Default()}).Check("example.com/gen", fset, []*ast.File{f}, info); err != nil {
			t.Fatal(err)
		}
		if got := writesGeneratedCode(info, fset, []*ast.File{f}); got != tc.want {
			t.Errorf("writesGeneratedCode(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}

// TestTBStandIn checks which interface types stand in for testing.TB:
// those whose methods are all testing.TB's, with identical signatures,
// Helper and a failing method among them, whatever the type is named.
func TestTBStandIn(t *testing.T) {
	src := `package db
import ("context"; "io")
type TB interface {
	Cleanup(func())
	Failed() bool
	Fatalf(format string, args ...any)
	Helper()
	Logf(format string, args ...any)
}
type reporter interface { Errorf(format string, args ...any); Fatalf(format string, args ...any) }
type Embeds interface { reporter; Helper() }
type Spelled interface { Helper(); Fatal(args ...interface{}) }
type Whole interface {
	ArtifactDir() string; Attr(k, v string); Chdir(dir string); Cleanup(func()); Context() context.Context
	Error(...any); Errorf(string, ...any); Fail(); FailNow(); Failed() bool; Fatal(...any); Fatalf(string, ...any)
	Helper(); Log(...any); Logf(string, ...any); Name() string; Output() io.Writer; Setenv(k, v string)
	Skip(...any); SkipNow(); Skipf(string, ...any); Skipped() bool; TempDir() string
}
type Alias = TB
type Generic[X any] interface { Helper(); FailNow() }

type HelperOnly interface { Helper() }
type Logger interface { Logf(format string, args ...any); Printf(format string, args ...any) }
type LogHelper interface { Helper(); Logf(format string, args ...any) }
type Extra interface { Helper(); Fatalf(format string, args ...any); Close() error }
type OtherFatal interface { Helper(); Fatal(msg string) }
type FatalfResult interface { Helper(); Fatalf(format string, args ...any) error }
type FatalfSlice interface { Helper(); Fatalf(format string, args []any) }
type Private interface { Helper(); Fail(); private() }
type ownContext context.Context
type OtherContext interface { Helper(); Fail(); Context() ownContext }
type OtherOutput interface { Helper(); Fail(); Output() io.Reader }
type Empty interface{}
type Concrete struct{}
func (Concrete) Helper() {}
func (Concrete) Fail() {}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "db.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("example.com/db", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	standIns := []string{"TB", "Embeds", "Spelled", "Whole", "Alias"}
	for _, name := range pkg.Scope().Names() {
		typ := pkg.Scope().Lookup(name).Type()
		if name == "Generic" {
			typ, err = types.Instantiate(nil, typ, []types.Type{types.Typ[types.Int]}, true)
			if err != nil {
				t.Fatal(err)
			}
			name = "Generic[int]"
		}
		want := contains(standIns, name) || name == "Generic[int]"
		if got := isTBStandIn(typ); got != want {
			t.Errorf("isTBStandIn(%s) = %v, want %v", name, got, want)
		}
		if ptr := types.NewPointer(typ); isTBStandIn(ptr) {
			t.Errorf("isTBStandIn(*%s) = true, want false", name)
		}
	}
}

// TestStandInFuncs checks the functions of a library for tests that
// declares its own TB (pgtestdb): those that take it, and the unexported
// functions only they use, are test support; the package's types, its
// loggers' users and what production code shares stay production.
func TestStandInFuncs(t *testing.T) {
	srcs := map[string]string{
		"pgdb.go": `package pgdb
type TB interface {
	Cleanup(func())
	Failed() bool
	Fatalf(format string, args ...any)
	Helper()
	Logf(format string, args ...any)
}
type Config struct{}
func (c Config) Connect() error { return nil }
func (c Config) Setup(t TB) { t.Helper() }
func New(t TB, c Config) { create(t, c) }
func create(t TB, c Config) { ensureUser(); shared(); t.Cleanup(func() { drop() }) }
func ensureUser() { probe() }
func probe() {}
func drop() {}
func shared() {}
func generic[T TB](t T) {}
func literal() { _ = func(t TB) {} }
func many(ts ...TB) {}
`,
		"serve.go": `package pgdb
type Logger interface { Logf(format string, args ...any); Printf(format string, args ...any) }
type helper interface { Helper() }
type closer interface { Helper(); Fatalf(format string, args ...any); Close() error }
func Serve(l Logger) { l.Logf("serving"); shared() }
func mark(h helper) { h.Helper() }
func finish(c closer) { c.Close() }
`,
		"pgdb_test.go": `package pgdb
import "testing"
func TestNew(t *testing.T) { New(t, Config{}); generic(t); many(t); mark(t) }
`,
	}
	want := map[string]Kind{
		"Setup": TestSupport, "New": TestSupport, "create": TestSupport,
		"ensureUser": TestSupport, "probe": TestSupport, "drop": TestSupport,
		"Connect": Production, "shared": Production, "generic": Production,
		"literal": Production, "many": Production,
		"Serve": Production, "mark": Production, "finish": Production,
	}
	for _, pkgName := range []string{"pgdb", "main"} {
		fset := token.NewFileSet()
		var files []*ast.File
		for _, name := range []string{"pgdb.go", "serve.go", "pgdb_test.go"} {
			src := strings.Replace(srcs[name], "package pgdb", "package "+pkgName, 1)
			f, err := parser.ParseFile(fset, name, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object), Uses: make(map[*ast.Ident]types.Object)}
		pkg, err := (&types.Config{Importer: importer.Default(), Error: func(error) {}}).Check("example.com/pgdb", fset, files, info)
		if err != nil && pkgName != "main" { // a main without func main
			t.Fatal(err)
		}
		m := New(&analysis.Pass{Fset: fset, Files: files, Pkg: pkg, TypesInfo: info, Module: &analysis.Module{Path: "example.com/pgdb"}})
		for _, f := range files[:2] {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				w := want[fd.Name.Name]
				if pkgName == "main" {
					w = Production // a program's functions are judged with the program
				}
				if got := m.KindAt(fd.Body.Lbrace); got != w {
					t.Errorf("package %s: %s: %v, want %v", pkgName, fd.Name.Name, got, w)
				}
			}
		}
	}
}
