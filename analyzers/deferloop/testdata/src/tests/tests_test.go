package tests

import (
	"os"
	"testing"
)

// A test's defers end with the test: not reported unless -deferloop.tests.
func TestOpenAll(t *testing.T) {
	for _, p := range os.Args {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close() // want `every f stays open until TestOpenAll returns`
	}
}
