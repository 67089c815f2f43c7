package nouns

// Creator acts on users, Updater on orders, Deleter on invoices: three
// capabilities, not one service split.
type UserCreator interface {
	CreateUser(name string) error
}

// OrderUpdater acts on another noun.
type OrderUpdater interface {
	UpdateOrder(id string) error
}

// InvoiceDeleter acts on a third.
type InvoiceDeleter interface {
	DeleteInvoice(id string) error
}

type backend struct{}

func (backend) CreateUser(name string) error  { return nil }
func (backend) UpdateOrder(id string) error   { return nil }
func (backend) DeleteInvoice(id string) error { return nil }

type api struct {
	u UserCreator
	o OrderUpdater
	i InvoiceDeleter
}
