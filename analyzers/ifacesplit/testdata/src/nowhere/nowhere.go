package nowhere

type Event struct{}

// EventPublisher is implemented in another package: its implementations
// are not seen, so nothing is said.
type EventPublisher interface {
	PublishEvent(e Event) error
}

// EventStorer likewise.
type EventStorer interface {
	StoreEvent(e Event) error
}

// EventLoader likewise.
type EventLoader interface {
	LoadEvent(id string) (Event, error)
}

type Handler struct {
	p EventPublisher
	s EventStorer
	l EventLoader
}
