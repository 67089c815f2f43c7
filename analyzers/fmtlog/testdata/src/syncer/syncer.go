// Package syncer is a library whose _test.go files import slog,
// declare a logger and start a server: none of it is the library's, so
// its findings are the same in the package and in its test variant.
package syncer

import (
	"fmt"
	"os"
)

// Sync has no logger at hand: the slog of the package's tests does not
// give it one, in either variant.
func Sync(n int) {
	fmt.Fprintf(os.Stderr, "synced %d items\n", n)
}

// PrintSummary prints from a function whose job is output: not reported,
// in either variant.
func PrintSummary(n int) {
	fmt.Printf("%d items\n", n)
}
