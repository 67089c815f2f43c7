// Package loops is cgo code with traps: trapvet reports on this file,
// not on cgo's generated output.
package loops

/*
#include <stdlib.h>
static int twice(int x) { return 2 * x; }
*/
import "C"

import (
	"fmt"
	"os"
)

// Twice calls C.
func Twice(x int) int { return int(C.twice(C.int(x))) }

// OpenAll opens every path and defers each close to the end.
func OpenAll(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		fmt.Printf("%d\n", f.Name())
	}
}

// Quiet has a suppressed finding.
func Quiet(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		//trapvet:ignore deferloop the paths are few and the files small
		defer f.Close()
	}
}
