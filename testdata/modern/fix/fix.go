// Package fix has findings with and without a suggested fix.
package fix

type file struct{ name string } // imports nothing: go vet -fix analyzes fix alone, not std

func use(*file) {}

// CloseEach gets the fix: the body is self-contained.
func CloseEach(paths []string) {
	for _, p := range paths {
		f, err := open(p)
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
		f, err := open(p)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}

func open(name string) (*file, error) { return &file{name}, nil }

func (f *file) Close() error { return nil }
