package composed

// Reader is composed into ReadWriteCloser: small interfaces done right.
type Reader interface {
	Read(p []byte) (int, error)
}

// Writer is composed too.
type Writer interface {
	Write(p []byte) (int, error)
}

// Closer is composed too.
type Closer interface {
	Close() error
}

type ReadWriteCloser interface {
	Reader
	Writer
	Closer
}

type file struct{}

func (file) Read(p []byte) (int, error)  { return 0, nil }
func (file) Write(p []byte) (int, error) { return len(p), nil }
func (file) Close() error                { return nil }

type pipe struct {
	r Reader
	w Writer
	c Closer
}
