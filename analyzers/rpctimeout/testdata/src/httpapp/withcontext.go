package httpapp

import (
	"context"
	"net/http"
)

// Request wraps an *http.Request, as retrying clients do; WithContext
// returns a new wrapper around a copy of the request.
type Request struct {
	*http.Request
	attempts int
}

func (r *Request) WithContext(ctx context.Context) *Request { // want WithContext:"copiesWithContext"
	return &Request{Request: r.Request.WithContext(ctx), attempts: r.attempts}
}

type Client struct{ HTTP *http.Client }

func (c *Client) Exec(ctx context.Context, req *Request) error {
	if ctx != nil {
		req.WithContext(ctx) // want `the result of req.WithContext is dropped: req keeps its old context`
	}
	resp, err := c.HTTP.Do(req.Request)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (c *Client) Clone(ctx context.Context, req *http.Request) error {
	req.Clone(ctx) // want `the result of req.Clone is dropped`
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Correct: the copy is kept.

func (c *Client) ExecKept(ctx context.Context, req *Request) error {
	req = req.WithContext(ctx)
	resp, err := c.HTTP.Do(req.Request)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Builder's WithContext is a fluent setter: it changes the builder and
// returns it, so its result may be dropped.
type Builder struct {
	ctx context.Context
	url string
}

func (b *Builder) WithContext(ctx context.Context) *Builder {
	b.ctx = ctx
	return b
}

func (b *Builder) Send(c *http.Client) error {
	req, err := http.NewRequestWithContext(b.ctx, http.MethodGet, b.url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Fetch(ctx context.Context, c *http.Client, url string) error {
	b := &Builder{url: url}
	b.WithContext(ctx)
	return b.Send(c)
}

// Copy takes no context: dropping it loses nothing this rule knows of.
func (r *Request) Copy() *Request { return &Request{Request: r.Request, attempts: r.attempts} }

func copyDropped(req *Request) { req.Copy() }
