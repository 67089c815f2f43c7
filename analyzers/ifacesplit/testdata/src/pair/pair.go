package pair

type Key string

// KeyGetter is one of two: a pair is not a split service.
type KeyGetter interface {
	GetKey(k Key) ([]byte, error)
}

// KeyPutter is the other.
type KeyPutter interface {
	PutKey(k Key, v []byte) error
}

type kv struct{}

func (kv) GetKey(k Key) ([]byte, error) { return nil, nil }
func (kv) PutKey(k Key, v []byte) error { return nil }

type cache struct {
	g KeyGetter
	p KeyPutter
}
