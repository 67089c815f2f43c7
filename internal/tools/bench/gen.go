package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// This file generates the modules of the growth table: n packages of
// realistic size and import depth, from a fixed seed, under a temporary
// directory (never committed).
//
// The packages are in layers, each importing up to four packages of the
// layers below and a few of the standard library, so that the longest
// import chain grows with the logarithm of n (about 8 layers for 100
// packages, 14 for 5,000, as in x/tools and Kubernetes). A package has one
// to four files of about 120 lines (with a test file in one package out
// of three): 300 lines on average, the median package size of the corpus
// modules. The code is ordinary: a type with a mutex and a map, methods
// that lock and defer the unlock, loops that call the imports, goroutines
// with a context, so that every analyzer has work.

// genModule writes a module of n packages into dir, which it creates if
// needed, and returns its number of lines.
func genModule(dir string, n int) (int, error) {
	rng := rand.New(rand.NewPCG(uint64(n), 37))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/gen\n\ngo 1.24\n"), 0o644); err != nil {
		return 0, err
	}
	layers := 1
	for size := 4; size < n; size *= 2 {
		layers++
	}
	lines := 0
	for i := 0; i < n; i++ {
		layer := i * layers / n
		var imports []int
		if layer > 0 {
			for k := rng.IntN(4) + 1; k > 0; k-- {
				// a package of the layers below: most often the one just below
				first := (layer - 1) * n / layers
				if rng.IntN(3) == 0 {
					first = 0
				}
				j := first + rng.IntN(layer*n/layers-first)
				if !containsInt(imports, j) {
					imports = append(imports, j)
				}
			}
		}
		pkgDir := filepath.Join(dir, genPath(i))
		if err := os.MkdirAll(pkgDir, 0o755); err != nil {
			return 0, err
		}
		files := rng.IntN(4) + 1
		for f := 0; f < files; f++ {
			src := genFile(i, f, imports)
			lines += strings.Count(src, "\n")
			if err := os.WriteFile(filepath.Join(pkgDir, fmt.Sprintf("f%d.go", f)), []byte(src), 0o644); err != nil {
				return 0, err
			}
		}
		if i%3 == 0 {
			src := genTest(i)
			lines += strings.Count(src, "\n")
			if err := os.WriteFile(filepath.Join(pkgDir, "p_test.go"), []byte(src), 0o644); err != nil {
				return 0, err
			}
		}
	}
	return lines, nil
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// genPath is package i's directory: grouped by hundreds, as a repository
// groups packages by area.
func genPath(i int) string { return fmt.Sprintf("area%02d/p%04d", i/100, i) }

// genFile returns file f of package i, which imports the packages imports.
func genFile(i, f int, imports []int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package p%04d\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"fmt\"\n\t\"sort\"\n\t\"strings\"\n\t\"sync\"\n\t\"time\"\n", i)
	for _, j := range imports {
		fmt.Fprintf(&b, "\n\tp%04d \"example.com/gen/%s\"", j, genPath(j))
	}
	b.WriteString("\n)\n\n")
	t := fmt.Sprintf("T%d", f)
	fmt.Fprintf(&b, `// %[1]s is a registry of counters, safe for concurrent use.
type %[1]s struct {
	mu      sync.Mutex
	counts  map[string]int
	updated time.Time
	names   []string
}

// New%[1]s returns an empty %[1]s.
func New%[1]s() *%[1]s { return &%[1]s{counts: make(map[string]int)} }

// Add adds n to the counter name.
func (t *%[1]s) Add(name string, n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.counts[name]; !ok {
		t.names = append(t.names, name)
	}
	t.counts[name] += n
	t.updated = time.Now()
}

// Get returns the counter name.
func (t *%[1]s) Get(name string) (int, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n, ok := t.counts[name]
	return n, ok
}

// Names returns the counters' names, sorted.
func (t *%[1]s) Names() []string {
	t.mu.Lock()
	names := append([]string(nil), t.names...)
	t.mu.Unlock()
	sort.Strings(names)
	return names
}

// Total returns the sum of the counters whose name has the prefix.
func (t *%[1]s) Total(prefix string) int {
	total := 0
	for _, name := range t.Names() {
		if strings.HasPrefix(name, prefix) {
			n, _ := t.Get(name)
			total += n
		}
	}
	return total
}

var errEmpty%[1]s = errors.New("empty input")

// Run%[1]s processes the items in parallel, until ctx is done.
func Run%[1]s(ctx context.Context, items []string) (string, error) {
	if len(items) == 0 {
		return "", errEmpty%[1]s
	}
	t := New%[1]s()
	var wg sync.WaitGroup
	results := make(chan string, len(items))
	for i, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-ctx.Done():
				return
			case results <- fmt.Sprintf("%%d:%%s", i, item):
				t.Add(item, i)
			}
		}()
	}
	wg.Wait()
	close(results)
	var parts []string
	for r := range results {
		parts = append(parts, r)
	}
	sort.Strings(parts)
`, t)
	for _, j := range imports {
		fmt.Fprintf(&b, "\tif s, err := p%04d.RunT0(ctx, parts); err == nil {\n\t\tparts = append(parts, s)\n\t}\n", j)
	}
	fmt.Fprintf(&b, `	return strings.Join(parts, ","), nil
}

// Describe%[1]s formats the counters of t.
func Describe%[1]s(t *%[1]s) string {
	var b strings.Builder
	for _, name := range t.Names() {
		n, _ := t.Get(name)
		fmt.Fprintf(&b, "%%s=%%d\n", name, n)
	}
	return b.String()
}
`, t)
	return b.String()
}

// genTest returns the test file of package i.
func genTest(i int) string {
	return fmt.Sprintf(`package p%04d

import (
	"context"
	"testing"
)

func TestRun(t *testing.T) {
	s, err := RunT0(context.Background(), []string{"a", "b"})
	if err != nil || s == "" {
		t.Fatalf("RunT0: %%q, %%v", s, err)
	}
}

func TestAdd(t *testing.T) {
	c := NewT0()
	c.Add("x", 2)
	if n, ok := c.Get("x"); !ok || n != 2 {
		t.Errorf("Get: %%d, %%v", n, ok)
	}
}
`, i)
}
