package mocked

type Doc struct{ ID string }

type DocSaver interface { // want `interfaces DocSaver, DocLoader and DocRemover each hold one method of \*Repo`
	SaveDoc(d Doc) error
}

type DocLoader interface {
	LoadDoc(id string) (Doc, error)
}

type DocRemover interface {
	RemoveDoc(id string) error
}

type Repo struct{}

func (*Repo) SaveDoc(d Doc) error            { return nil }
func (*Repo) LoadDoc(id string) (Doc, error) { return Doc{}, nil }
func (*Repo) RemoveDoc(id string) error      { return nil }

func NewService(s DocSaver, l DocLoader, r DocRemover) {}
