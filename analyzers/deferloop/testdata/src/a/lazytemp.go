package a

import (
	"os"
	"path/filepath"
)

// The temporary directory is made once, on the first entry that needs
// it: the branch that defers its removal runs once per call.
func unpackLinks(names []string) error {
	var tmpdir string
	var err error
	for _, n := range names {
		if filepath.Ext(n) != ".lnk" {
			continue
		}
		if tmpdir == "" {
			if tmpdir, err = os.MkdirTemp("", "links"); err != nil {
				return err
			}
			defer os.RemoveAll(tmpdir)
		}
		if err := os.WriteFile(filepath.Join(tmpdir, n), nil, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// The guard tests the directory, but the branch makes a new one under
// another name each time: every iteration defers a removal.
func unpackEach(names []string) error {
	var tmpdir string
	for _, n := range names {
		if tmpdir == "" {
			dir, err := os.MkdirTemp("", n)
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir) // want `defer os.RemoveAll\(dir\) in loop`
		}
	}
	return nil
}
