package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRehash rewords the messages of a run and checks that -rehash gives
// each review line the new hash where exactly one finding of its analyzer
// stands at its position, and leaves every other byte alone.
func TestRehash(t *testing.T) {
	const before = `# header
m@v1 a.go:10:2 deferloop F 0000aaaa bug kind=production reworded
m@v1 a.go:20:2 deferloop G 0000bbbb intended kind=test  two spaces kept
m@v1 a.go:30:2 deferloop H 0000cccc bug kind=production two findings here now
m@v1 a.go:40:2 deferloop K 0000dddd bug kind=production gone
m@v1 a.go:50:2 deferloop L 0000eeee bug kind=production another analyzer there
m@v1 a.go:60:2 deferloop M 0000ffff bug kind=production unchanged
`
	file := filepath.Join(t.TempDir(), "review.txt")
	if err := os.WriteFile(file, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	entries, err := parseReview(strings.NewReader(before))
	if err != nil {
		t.Fatal(err)
	}
	f := func(line int, analyzer, fn, hash string) finding {
		return finding{Module: "m@v2", File: "a.go", Line: line, Col: 2, Analyzer: analyzer, Func: fn, Hash: hash}
	}
	findings := []finding{
		f(10, "deferloop", "F", "1111aaaa"),
		f(20, "deferloop", "G", "1111bbbb"),
		f(30, "deferloop", "H", "1111cccc"),
		f(30, "deferloop", "H", "2222cccc"),
		f(50, "lostunlock", "L", "1111eeee"),
		f(60, "deferloop", "M", "0000ffff"),
	}
	all := map[string]bool{"deferloop": true, "lostunlock": true}
	d := compare(findings, entries, map[string]bool{"m": true}, all)
	if err := rewriteHashes(file, rehashes(d)); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer("F 0000aaaa", "F 1111aaaa", "G 0000bbbb", "G 1111bbbb").Replace(before)
	if string(got) != want {
		t.Errorf("after -rehash:\n%s\nwant:\n%s", got, want)
	}
	// Run again: nothing left to do.
	entries, err = parseReview(strings.NewReader(string(got)))
	if err != nil {
		t.Fatal(err)
	}
	if h := rehashes(compare(findings, entries, map[string]bool{"m": true}, all)); len(h) != 0 {
		t.Errorf("second -rehash rewrites %v", h)
	}
}
