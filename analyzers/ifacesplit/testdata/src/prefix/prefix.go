package prefix

type Project struct{ ID string }

type ProjectCreator interface { // want `interfaces ProjectCreator, ProjectPauser and ProjectCloser each hold one method of projects`
	Create(p Project) error
}

type ProjectPauser interface {
	Pause(id string) error
}

type ProjectCloser interface {
	Close(id string) error
}

type projects struct{}

func (projects) Create(p Project) error { return nil }
func (projects) Pause(id string) error  { return nil }
func (projects) Close(id string) error  { return nil }

func newHandler(c ProjectCreator, p ProjectPauser, cl ProjectCloser) {}
