package driver

import (
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	new := "a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n"
	want := `--- x
+++ y
@@ -1,6 +1,6 @@
 a
 b
-c
+C
 d
 e
 f
@@ -11,3 +11,4 @@
 k
 l
 m
+n
`
	if got := unifiedDiff("x", "y", old, new); got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
	if got := unifiedDiff("x", "y", old, old); got != "" {
		t.Errorf("diff of equal texts = %q", got)
	}
}

// TestDiffLines checks on many pairs that the edit script turns a into b.
func TestDiffLines(t *testing.T) {
	texts := []string{"", "a\n", "a\nb\n", "b\na\n", "a\nb\nc\na\nb\nb\na\n", "c\nb\na\nb\na\nc\n", "x\ny\nz\n", "a\nx\nb\ny\nc\n", "a"}
	for _, a := range texts {
		for _, b := range texts {
			var gotA, gotB strings.Builder
			for _, op := range diffLines(splitLinesOrNone(a), splitLinesOrNone(b)) {
				if op.kind != '+' {
					gotA.WriteString(op.text)
				}
				if op.kind != '-' {
					gotB.WriteString(op.text)
				}
			}
			if gotA.String() != a || gotB.String() != b {
				t.Errorf("diffLines(%q, %q) rebuilds %q, %q", a, b, gotA.String(), gotB.String())
			}
		}
	}
}

func splitLinesOrNone(s string) []string {
	if s == "" {
		return nil
	}
	return splitLines(s)
}
