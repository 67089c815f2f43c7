package a

import (
	"os"
	"testing"
)

// Subtests: each defer belongs to its subtest's literal.
func TestCases(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			f, _ := os.Open(name)
			defer f.Close()
		})
	}
}
