// Package directives exercises suppression across analyzers, go vet's
// included, and the directives that do nothing.
package directives

import (
	"fmt"
	"os"
)

// VetIgnored silences go vet's printf with trapvet's directive: not reported.
func VetIgnored(name string) {
	//trapvet:ignore printf the count is printed as a string on purpose
	fmt.Printf("%d\n", name)
}

// VetNolint silences go vet's printf with golangci-lint's form: not reported.
func VetNolint(name string) {
	fmt.Printf("%d\n", name) //nolint:printf // kept for the old log parser
}

// VetReported is not silenced: a directive for another analyzer does not
// cover printf.
func VetReported(name string) {
	//trapvet:ignore deferloop wrong analyzer for this line
	fmt.Printf("%d\n", name)
}

// Misspelled names no analyzer: the directive is reported, and so is the
// finding it meant to silence.
func Misspelled(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		//trapvet:ignore deferlop the caller passes at most three paths
		defer f.Close()
	}
}

// Unused suppresses nothing: the code below it has no finding.
func Unused(path string) {
	//trapvet:ignore deferloop closed on return, one file only
	f, _ := os.Open(path)
	defer f.Close()
}

// VetNoReason gives no reason: the directive suppresses nothing and is
// reported, for go vet's analyzers as for trapvet's.
func VetNoReason(name string) {
	fmt.Printf("%d\n", name) //trapvet:ignore printf
}

// OwnNoReason is the same for one of trapvet's analyzers, in both modes.
func OwnNoReason(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() //trapvet:ignore deferloop
	}
}
