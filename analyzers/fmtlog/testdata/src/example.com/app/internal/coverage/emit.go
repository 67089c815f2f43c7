// Package coverage is a coverage instrumentation runtime, linked into test
// binaries: its reports at exit belong to the test run.
package coverage

import (
	"fmt"
	"os"
)

// A coverage runtime reports a failed emit to the test run's stderr.
func Emit(dir string, err error) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: coverage data emit to %s failed: %v\n", dir, err)
	}
}
