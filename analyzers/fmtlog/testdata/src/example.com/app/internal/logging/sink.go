// Package logging is the program's logging package.
package logging

import (
	"fmt"
	"os"
)

// A logging package's sink reports its own failure on stderr: it cannot
// log through itself.
func (s *Sink) Write(p []byte) (int, error) {
	if _, err := s.f.Write(p); err != nil {
		fmt.Fprintf(os.Stderr, "logging: write failed: %v\n", err)
	}
	return len(p), nil
}

type Sink struct{ f *os.File }
