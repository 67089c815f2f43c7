package driver

import (
	"bytes"
	"encoding/json"
	"go/token"
	"testing"

	"github.com/aymanbagabas/go-udiff"

	"github.com/trapvet/trapvet/internal/runner"
)

// TestJSONEndOfPoint checks that a finding without an end is printed with
// its start as end, as go vet -json prints it, not "-".
func TestJSONEndOfPoint(t *testing.T) {
	pos := token.Position{Filename: "/m/a.go", Offset: 10, Line: 2, Column: 3}
	f := &finding{Analyzer: "x", PkgPath: "m", Posn: pos, Message: "m",
		Related: []runner.Related{{Posn: pos, Message: "r"}}}
	var out bytes.Buffer
	(&run{suite: &Suite{Name: "test"}}).printJSON(&out, []*finding{f})
	var tree map[string]map[string][]jsonDiagnostic
	if err := json.Unmarshal(out.Bytes(), &tree); err != nil {
		t.Fatal(err)
	}
	d := tree["m"]["x"][0]
	if d.End != "/m/a.go:2:3" || d.Related[0].End != "/m/a.go:2:3" {
		t.Errorf("end = %q, related end = %q, want the start", d.End, d.Related[0].End)
	}
}

func TestApplyEdits(t *testing.T) {
	clean := []byte("package p\n\nfunc f() {\n\tx := 1\n\t_ = x\n}\n")
	res, err := ApplyEdits(clean, []udiff.Edit{{Start: 28, End: 29, New: "2 +   3"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "package p\n\nfunc f() {\n\tx := 2 + 3\n\t_ = x\n}\n"; string(res) != want {
		t.Errorf("gofmt-clean source: got %q, want %q (formatted again)", res, want)
	}
	messy := []byte("package p\nfunc f()  {}\n")
	res, err = ApplyEdits(messy, []udiff.Edit{{Start: 10, End: 10, New: "var  v int\n"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "package p\nvar  v int\nfunc f()  {}\n"; string(res) != want {
		t.Errorf("unformatted source: got %q, want %q (left as it was)", res, want)
	}
	if _, err := ApplyEdits(messy, []udiff.Edit{{Start: 1, End: 5}, {Start: 3, End: 8}}); err == nil {
		t.Error("overlapping edits accepted")
	}
	if _, err := ApplyEdits(messy, []udiff.Edit{{Start: 1, End: 500}}); err == nil {
		t.Error("edit past the end accepted")
	}
}
