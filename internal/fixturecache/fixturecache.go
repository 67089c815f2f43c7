// Package fixturecache makes go test's result cache see new fixture files.
//
// analysistest loads a fixture package through go list, in another
// process: the test process itself opens the files it parses, but never
// lists their directories. go test keys a cached result on the files and
// directories the test process opened while its tests ran, so a fixture
// file added to an existing directory left an earlier "ok" cached, even
// with a // want line that nothing reports. Listing every directory of the
// tree from a test makes its entries part of the key. (Listing them in
// TestMain, before the tests run, is not seen: go test's log of opened
// files starts with the tests.)
package fixturecache

import (
	"io/fs"
	"path/filepath"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestData returns analysistest.TestData(), the test's testdata directory,
// after listing every directory below it (see Watch). Call it from a test.
func TestData() string {
	dir := analysistest.TestData()
	Watch(dir)
	return dir
}

// Watch lists every directory below root, so that adding, removing or
// renaming a file there invalidates the running test's cached result.
// Call it from a test. A missing root is no error: there is nothing to
// watch.
func Watch(root string) {
	filepath.WalkDir(root, func(string, fs.DirEntry, error) error { return nil })
}
