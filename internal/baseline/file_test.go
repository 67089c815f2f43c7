package baseline

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestWriteRead(t *testing.T) {
	entries := []Entry{
		{"f2", "l2", "lostunlock", "b/y.go", "func G", "mu locked\tand\nnot unlocked"},
		{"f1", "l1", "loopcapture", "a/x.go", "func F", "captures v"},
		{"f1", "l1", "loopcapture", "a/x.go", "func F", "captures v"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, entries); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !strings.HasPrefix(text, Header+":") {
		t.Errorf("no header:\n%s", text)
	}
	body := text[strings.LastIndex(text, "message\n")+len("message\n"):]
	want := "f1\tl1\tloopcapture\ta/x.go\tfunc F\tcaptures v\n" +
		"f1\tl1\tloopcapture\ta/x.go\tfunc F\tcaptures v\n" +
		"f2\tl2\tlostunlock\tb/y.go\tfunc G\tmu locked and not unlocked\n"
	if body != want {
		t.Errorf("body:\n%s\nwant (sorted, one line each):\n%s", body, want)
	}
	got, err := Read(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != entries[1] || got[2].Message != "mu locked and not unlocked" {
		t.Errorf("read back %+v", got)
	}
	// Writing what was read gives the same bytes.
	var again bytes.Buffer
	Write(&again, got)
	if again.String() != text {
		t.Errorf("not stable:\n%s\nthen\n%s", text, again.String())
	}

	for _, bad := range []string{"", "fingerprint\n", "# trapvet baseline v0: old\n", Header + "\nf1\tl1\tx\n"} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%q): no error", bad)
		}
	}
}

func TestMatch(t *testing.T) {
	e := func(fp, line, file string) Entry {
		return Entry{Fingerprint: fp, LineKey: line, Analyzer: "a", File: file}
	}
	base := []Entry{
		e("F1", "L1", "p/x.go"),
		e("F1", "L1", "p/x.go"), // two identical findings
		e("F2", "L2", "p/x.go"),
		e("F3", "L3", "p/x.go"),
		e("F4", "L4", "q/z.go"),
	}
	current := []Entry{
		e("F1", "L1", "p/x.go"),
		e("F1", "L1", "p/x.go"),
		e("F1", "L1", "p/x.go"),       // a third one: new
		e("F2", "L2", "p/renamed.go"), // its file renamed in its package
		e("F9", "L3", "p/x.go"),       // a neighbour edited
		e("F4", "L4", "r/z.go"),       // moved to another package: new
	}
	held, matched := Match(base, current)
	if want := []bool{true, true, false, true, true, false}; !slices.Equal(held, want) {
		t.Errorf("held = %v, want %v", held, want)
	}
	if want := []bool{true, true, true, true, false}; !slices.Equal(matched, want) {
		t.Errorf("matched = %v, want %v", matched, want)
	}

	// A finding in the same file is preferred to one elsewhere in the
	// package: the copy in the new file is the new one.
	held, _ = Match([]Entry{e("F1", "L1", "p/x.go")}, []Entry{e("F1", "L1", "p/a.go"), e("F1", "L1", "p/x.go")})
	if !slices.Equal(held, []bool{false, true}) {
		t.Errorf("same file first: held = %v", held)
	}

	if occ := Occurrences(current); !slices.Equal(occ, []int{1, 2, 3, 1, 1, 1}) {
		t.Errorf("Occurrences = %v", occ)
	}
}
