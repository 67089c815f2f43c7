package mocked

// fakeRepo is a test's mock: not a second implementation.
type fakeRepo struct{}

func (fakeRepo) SaveDoc(d Doc) error            { return nil }
func (fakeRepo) LoadDoc(id string) (Doc, error) { return Doc{}, nil }
func (fakeRepo) RemoveDoc(id string) error      { return nil }
