package redis

type Options struct{ Addr string }
type Client struct{}

func NewClient(*Options) *Client { return &Client{} }
