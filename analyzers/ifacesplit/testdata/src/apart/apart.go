package apart

type Item struct{ ID string }

// ItemCreator is consumed alone, by its own handler: one consumer, one
// method, which is interface segregation working as meant.
type ItemCreator interface {
	CreateItem(i Item) error
}

// ItemUpdater is consumed alone.
type ItemUpdater interface {
	UpdateItem(i Item) error
}

// ItemDeleter is consumed alone.
type ItemDeleter interface {
	DeleteItem(id string) error
}

type store struct{}

func (*store) CreateItem(i Item) error    { return nil }
func (*store) UpdateItem(i Item) error    { return nil }
func (*store) DeleteItem(id string) error { return nil }

type createHandler struct{ c ItemCreator }
type updateHandler struct{ u ItemUpdater }
type deleteHandler struct{ d ItemDeleter }
