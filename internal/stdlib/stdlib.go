// Package stdlib says whether an import path names a standard-library
// package, without touching the file system: analyzers run where GOROOT
// may be absent (Bazel sandboxes, remote execution).
package stdlib

import (
	_ "embed"
	"strings"
)

//go:embed packages.txt
var list string

// Has reports whether path is a standard-library package of the Go
// release trapvet is built for ("go list std", vendored packages aside).
// A module called "myapp" is not the standard library.
func Has(path string) bool {
	if strings.Contains(first(path), ".") {
		return false
	}
	return packages[path]
}

// packages is built once from the embedded list and only read after.
var packages = func() map[string]bool {
	set := make(map[string]bool)
	for _, p := range strings.Fields(list) {
		set[p] = true
	}
	return set
}()

func first(path string) string {
	f, _, _ := strings.Cut(path, "/")
	return f
}
