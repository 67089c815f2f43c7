package twoimpls

type Order struct{ ID string }

// OrderCreator has two implementations in the package: a real seam.
type OrderCreator interface {
	CreateOrder(o Order) error
}

// OrderUpdater likewise.
type OrderUpdater interface {
	UpdateOrder(o Order) error
}

// OrderDeleter likewise.
type OrderDeleter interface {
	DeleteOrder(id string) error
}

type sqlOrders struct{}

func (sqlOrders) CreateOrder(o Order) error   { return nil }
func (sqlOrders) UpdateOrder(o Order) error   { return nil }
func (sqlOrders) DeleteOrder(id string) error { return nil }

type cachedOrders struct{ next sqlOrders }

func (c cachedOrders) CreateOrder(o Order) error { return c.next.CreateOrder(o) }

type OrderHandler struct {
	c OrderCreator
	u OrderUpdater
	d OrderDeleter
}
