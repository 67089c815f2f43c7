// Package traps holds one trapvet finding with related information.
package traps

import "os"

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
