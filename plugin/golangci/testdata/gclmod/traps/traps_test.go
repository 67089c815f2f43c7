package traps

import (
	"os"
	"testing"
)

// A defer in a loop in a test: reported only with the deferloop setting
// tests: true, which .golangci.yml sets.
func TestOpen(t *testing.T) {
	for _, p := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}[:len(os.Args)] {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}
