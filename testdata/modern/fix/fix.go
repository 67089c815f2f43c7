// Package fix has findings with and without a suggested fix.
package fix

import "os"

func use(*os.File) {}

// CloseEach gets the fix: the body is self-contained.
func CloseEach(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			panic(err)
		}
		defer f.Close()
		use(f)
	}
}

// WithContinue has no fix: continue would change meaning in a literal.
func WithContinue(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}
