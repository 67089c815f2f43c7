package baseline

import (
	"fmt"
	"go/format"
	"strings"
	"testing"
)

const original = `package p

import "sync"

type T struct{ mu sync.Mutex }

func (t *T) Lock() {
	t.mu.Lock()
	for _, v := range []int{1, 2} {
		go func() { println(v) }()
	}
}

var (
	a = 1
	b = func() int {
		return 2
	}()
)

func other() {}
`

// keyAt returns the key of a finding on the first line of src that
// contains marker.
func keyAt(t *testing.T, name, src, marker string) Key {
	t.Helper()
	line := 0
	for i, l := range strings.Split(src, "\n") {
		if strings.Contains(l, marker) {
			line = i + 1
			break
		}
	}
	if line == 0 {
		t.Fatalf("no line with %q in:\n%s", marker, src)
	}
	s := &Sources{ReadFile: func(string) ([]byte, error) { return []byte(src), nil }}
	return s.Key("loopcapture", name, line, "message")
}

func TestDeclarations(t *testing.T) {
	for marker, want := range map[string]string{
		"go func()":   "func T.Lock",
		"return 2":    "var b",
		"a = 1":       "var a",
		"type T":      "type T",
		"func other":  "func other",
		"import":      "import",
		"package p":   "",
		"t.mu.Lock()": "func T.Lock",
	} {
		if got := keyAt(t, "p.go", original, marker).Decl; got != want {
			t.Errorf("declaration at %q = %q, want %q", marker, got, want)
		}
	}
	generic := "package p\n\nfunc (s *Set[K, V]) Add(k K) {\n\tprintln(k)\n}\n\nfunc F[T any](x struct{ a T }) interface{ M() } {\n\treturn nil\n}\n"
	if got := keyAt(t, "p.go", generic, "println").Decl; got != "func Set.Add" {
		t.Errorf("generic method: %q", got)
	}
	if got := keyAt(t, "p.go", generic, "return nil").Decl; got != "func F" {
		t.Errorf("braces in a signature: %q", got)
	}
}

// TestKeysSurviveEdits checks the edits a fingerprint must survive, and
// those it must not.
func TestKeysSurviveEdits(t *testing.T) {
	const marker = "go func()"
	before := keyAt(t, "p.go", original, marker)
	formatted, err := format.Source([]byte(strings.NewReplacer(
		"\t", "    ", // spaces for tabs
		"t.mu.Lock()", "t.mu.Lock( )",
		"range []int{1, 2}", "range []int{1,2}",
		"go func() { println(v) }()", "go func() {println(v)}();  // started",
	).Replace(original)))
	if err != nil {
		t.Fatal(err)
	}
	deformed := strings.NewReplacer(
		"\t", "  ",
		"[]int{1, 2}", "[]int{ 1,2 }",
		"\n\nfunc (t", "\n\n\n\n// Lock locks.\nfunc (t",
	).Replace(original)
	for _, tc := range []struct {
		name, src   string
		fingerprint bool // the fingerprint stays; else the line key only
	}{
		{"lines inserted above", strings.Replace(original, "import \"sync\"\n", "import \"sync\"\n\nvar x, y = 1, 2\n\nfunc helper() {}\n", 1), true},
		{"function moved within the file", movedDown(t), true},
		{"receiver renamed", strings.ReplaceAll(original, "(t *T)", "(tt *T)"), true},
		{"blank lines and comments around", strings.Replace(original, "\tt.mu.Lock()\n", "\tt.mu.Lock()\n\n\t// Start them.\n\n", 1), true},
		{"spacing and indentation changed", deformed, true},
		{"gofmt of a reformatted file", strings.ReplaceAll(string(formatted), " // started", ""), true},
		{"a neighbour edited", strings.Replace(original, "[]int{1, 2}", "[]int{1, 2, 3}", 1), false},
	} {
		after := keyAt(t, "p.go", tc.src, marker)
		if after.LineKey != before.LineKey || after.Decl != before.Decl {
			t.Errorf("%s: line key %s %q, want %s %q\n%s", tc.name, after.LineKey, after.Decl, before.LineKey, before.Decl, tc.src)
		}
		if (after.Fingerprint == before.Fingerprint) != tc.fingerprint {
			t.Errorf("%s: fingerprint same = %v, want %v", tc.name, after.Fingerprint == before.Fingerprint, tc.fingerprint)
		}
	}
	for name, src := range map[string]string{
		"the line itself changed": strings.Replace(original, "println(v)", "print(v)", 1),
		"the function renamed":    strings.Replace(original, ") Lock()", ") LockAll()", 1),
	} {
		if after := keyAt(t, "p.go", src, marker); after.LineKey == before.LineKey || after.Fingerprint == before.Fingerprint {
			t.Errorf("%s: keys unchanged", name)
		}
	}
	s := &Sources{ReadFile: func(string) ([]byte, error) { return []byte(original), nil }}
	if s.Key("loopcapture", "p.go", 10, "m") == s.Key("deferloop", "p.go", 10, "m") {
		t.Errorf("the analyzer is not in the key")
	}
}

// movedDown moves the Lock method below other().
func movedDown(t *testing.T) string {
	start := strings.Index(original, "func (t *T) Lock()")
	end := strings.Index(original, "var (")
	if start < 0 || end < start {
		t.Fatal("original changed")
	}
	return original[:start] + original[end:] + "\n" + original[start:end]
}

func TestUnreadableFile(t *testing.T) {
	s := &Sources{ReadFile: func(name string) ([]byte, error) { return nil, fmt.Errorf("no %s", name) }}
	a, b := s.Key("x", "gone.go", 3, "one"), s.Key("x", "gone.go", 3, "two")
	if a.Fingerprint == b.Fingerprint {
		t.Errorf("findings without a line are not told apart by their message")
	}
}

func TestNonGoFile(t *testing.T) {
	src := "TEXT ·f(SB),$0\n\tMOVQ  x+0(FP), AX\n\tRET\n"
	s := &Sources{ReadFile: func(string) ([]byte, error) { return []byte(src), nil }}
	s2 := &Sources{ReadFile: func(string) ([]byte, error) { return []byte(strings.ReplaceAll(src, "  ", " ")), nil }}
	if s.Key("asmdecl", "f.s", 2, "m") != s2.Key("asmdecl", "f.s", 2, "m") {
		t.Errorf("spacing changes an assembly line's key")
	}
}
