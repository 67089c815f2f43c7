// Package traps holds one finding of each kind the golangci-lint test
// checks, and one that a nolint comment silences.
package traps

import (
	"fmt"
	"os"
)

// OpenAll keeps every file open until it returns.
func OpenAll(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
	}
	return nil
}

// Notify starts goroutines that all read the same, changing variable.
func Notify(names []string) {
	var name string
	for i := 0; i < len(names); i++ {
		name = names[i]
		go func() {
			fmt.Fprintln(os.Stderr, name)
		}()
	}
}

// NotifyAccepted has the same trap, accepted with golangci-lint's comment.
func NotifyAccepted(names []string) {
	var name string
	for i := 0; i < len(names); i++ {
		name = names[i]
		go func() { //nolint:loopcapture // names has one element here
			fmt.Fprintln(os.Stderr, name)
		}()
	}
}
