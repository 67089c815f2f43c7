package lsp

import (
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/trapvet/trapvet/internal/driver"
)

func TestUTF16Len(t *testing.T) {
	for _, tc := range []struct {
		line string
		n    int
		want int
	}{
		{"abc", 2, 2},
		{"é", 2, 1},              // 2 bytes, 1 unit
		{"😀x", 4, 2},             // 4 bytes, a surrogate pair
		{"😀x", 5, 3},             //
		{"ab", 10, 2},            // past the end: the whole line
		{"\xffa", 1, 1},          // invalid byte: one unit
		{"\t/* 😀é */ d", 14, 11}, // 14 bytes before d
	} {
		if got := utf16Len(tc.line, tc.n); got != tc.want {
			t.Errorf("utf16Len(%q, %d) = %d, want %d", tc.line, tc.n, got, tc.want)
		}
	}
}

func TestSettingsArgs(t *testing.T) {
	got, err := settingsArgs(map[string]any{"vet": true, "lostunlock": false, "rpctimeout.timeout": "5s", "c": float64(3), "x": nil})
	want := []string{"-c=3", "-lostunlock=false", "-rpctimeout.timeout=5s", "-vet=true"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("settingsArgs = %q, %v; want %q", got, err, want)
	}
	got, err = settingsArgs(map[string]any{"trapvet": map[string]any{"-vet": false}, "gopls": map[string]any{}})
	if err != nil || !slices.Equal(got, []string{"-vet=false"}) {
		t.Errorf("nested settings = %q, %v", got, err)
	}
	for _, bad := range []any{"-vet", []any{"-vet"}, map[string]any{"vet": []any{1}}, map[string]any{"trapvet": 1}} {
		if _, err := settingsArgs(bad); err == nil {
			t.Errorf("settingsArgs(%v): no error", bad)
		}
	}
	if got, err := settingsArgs(nil); err != nil || got != nil {
		t.Errorf("settingsArgs(nil) = %q, %v", got, err)
	}
}

func TestURIPath(t *testing.T) {
	p, ok := uriPath("file:///tmp/a%20b/x.go")
	if !ok || p != filepath.FromSlash("/tmp/a b/x.go") {
		t.Errorf("uriPath = %q, %v", p, ok)
	}
	for _, bad := range []protocol.DocumentURI{"untitled:Untitled-1", "https://x/y.go", "%zz", ""} {
		if _, ok := uriPath(bad); ok {
			t.Errorf("uriPath(%q) accepted", bad)
		}
	}
	if p, _ := uriPath(fileURI("/tmp/é x/y.go")); p != filepath.FromSlash("/tmp/é x/y.go") {
		t.Errorf("round trip: %q", p)
	}
}

func TestOverlaps(t *testing.T) {
	r := func(l1, c1, l2, c2 uint32) protocol.Range {
		return protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
	}
	diag := r(3, 4, 3, 10)
	for _, tc := range []struct {
		r    protocol.Range
		want bool
	}{
		{r(3, 4, 3, 4), true},   // cursor at the start
		{r(3, 10, 3, 10), true}, // at the end
		{r(3, 0, 3, 3), false},
		{r(0, 0, 9, 0), true},
		{r(4, 0, 4, 1), false},
	} {
		if got := overlaps(diag, tc.r); got != tc.want {
			t.Errorf("overlaps(%v) = %v", tc.r, got)
		}
	}
}

// TestFixEdits: a fix's edits become one edit of the changed span, the
// result formatted like the file was; edits that do not fit are dropped.
func TestFixEdits(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a.go")
	src := "package a\n\nfunc f() {\n\tx := \"é\"\n\t_ = x\n}\n"
	os.WriteFile(file, []byte(src), 0o666)
	at := func(off int) token.Position { return token.Position{Filename: file, Offset: off, Line: 1, Column: 1} }
	body := len("package a\n\nfunc f() {")
	end := len(src) - len("}\n")
	got := make(sources).fixEdits([]driver.Edit{
		{Start: at(body), End: at(body), NewText: "\nfunc() {"},
		{Start: at(end), End: at(end), NewText: "}()\n"},
	})
	edits := got[fileURI(file)]
	if len(edits) != 1 {
		t.Fatalf("edits = %+v", got)
	}
	e := edits[0]
	lines := strings.SplitAfter(src, "\n")
	off := func(p protocol.Position) int { // ASCII up to the edit: bytes are units
		n := 0
		for _, l := range lines[:p.Line] {
			n += len(l)
		}
		return n + int(p.Character)
	}
	res := src[:off(e.Range.Start)] + e.NewText + src[off(e.Range.End):]
	if want := "package a\n\nfunc f() {\n\tfunc() {\n\t\tx := \"é\"\n\t\t_ = x\n\t}()\n}\n"; res != want {
		t.Errorf("fixed = %q, want %q", res, want)
	}
	if e.Range.Start.Line != 3 {
		t.Errorf("edit starts on line %d, want 3 (the span is minimal)", e.Range.Start.Line)
	}
	if got := make(sources).fixEdits([]driver.Edit{{Start: at(len(src) + 5), End: at(len(src) + 5), NewText: "x"}}); got != nil {
		t.Errorf("edit past the end: %+v", got)
	}
}

func TestWithDefaults(t *testing.T) {
	for _, tc := range []struct{ args, want string }{
		{"", "-vet=false"},
		{"-lostunlock=false", "-vet=false -lostunlock=false"},
		{"-vet", ""},
		{"-vet=true -printf=false", "-printf=false"},
		{"--vet=false -x", "--vet=false -x"},
		{"-vet -vet=false", "-vet -vet=false"},
		{"-vet=false -vet=1", ""},
		{"-vet=maybe", "-vet=maybe"},
		{"-vetx", "-vet=false -vetx"},
	} {
		got := strings.Join(withDefaults(strings.Fields(tc.args), "vet"), " ")
		if got != tc.want {
			t.Errorf("withDefaults(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}
