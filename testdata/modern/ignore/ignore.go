// Package ignore exercises the suppression directives.
package ignore

import (
	"os"
	"sync"
)

// Ignored carries a reason: not reported.
func Ignored(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		//trapvet:ignore deferloop the caller passes at most three paths
		defer f.Close()
	}
}

// NoLint uses golangci-lint's form: not reported.
func NoLint(mu *sync.Mutex) {
	for range 3 {
		mu.Lock()
		defer mu.Unlock() //nolint:deferloop // released on return, three at most
	}
}

// NoReason gives no reason: the directive suppresses nothing, reported.
func NoReason(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() //trapvet:ignore deferloop
	}
}
