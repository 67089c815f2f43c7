// Package fixture is the language server's end-to-end fixture: one
// deferloop finding with a fix, behind a comment with characters outside
// the Basic Multilingual Plane, so that byte and UTF-16 columns differ.
package fixture

import "os"

func use(string, *os.File) {}

func closeEach(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			panic(err)
		}
		/* 😀é */ defer f.Close()
		use("", f)
	}
}
