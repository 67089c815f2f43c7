package nats

type Conn struct{}

func Connect(url string) (*Conn, error) { return &Conn{}, nil }
