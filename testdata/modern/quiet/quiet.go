// Package quiet has one finding, suppressed with a reason: a clean run,
// which SARIF still lists as a suppressed result.
package quiet

import "os"

// Accepted defers in a loop; its callers pass two paths at most.
func Accepted(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		//trapvet:ignore deferloop two files at most, closed on return
		defer f.Close()
	}
}
