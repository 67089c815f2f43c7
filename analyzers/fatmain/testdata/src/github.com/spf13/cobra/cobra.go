package cobra

type Command struct{ Use string }

func (*Command) Execute() error { return nil }
