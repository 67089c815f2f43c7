// Package wrapper holds API clients that send requests for their callers.
package wrapper

import (
	"context"
	"net/http"
	"time"
)

type Client struct {
	hc    *http.Client
	token string
}

func New() *Client { return &Client{hc: &http.Client{Timeout: time.Minute}} }

// Do sends the request as it is, after adding a header.
func (c *Client) Do(req *http.Request) (*http.Response, error) { // want Do:`sendsRequest\(0\)`
	req.Header.Set("Authorization", c.token)
	return c.hc.Do(req)
}

// do goes through Do: a wrapper of a wrapper.
func (c *Client) do(req *http.Request) error { // want do:`sendsRequest\(0\)`
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Send hands the request to a round tripper.
func Send(rt http.RoundTripper, req *http.Request) (*http.Response, error) { // want Send:`sendsRequest\(1\)`
	return rt.RoundTrip(req)
}

// DoContext attaches the caller's context: not a plain sender.
func (c *Client) DoContext(ctx context.Context, req *http.Request) (*http.Response, error) {
	return c.hc.Do(req.WithContext(ctx))
}

// Log only reads the request.
func Log(req *http.Request) string { return req.Method + " " + req.URL.String() }

// Keep stores the request: what happens to it later is unknown.
func (c *Client) Keep(req *http.Request) { pending = append(pending, req) }

var pending []*http.Request

// Fetch makes the request without ctx and sends it through do.
func (c *Client) Fetch(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want `http\.NewRequest makes a request without ctx, so the caller's deadline and cancellation never reach it`
	if err != nil {
		return err
	}
	return c.do(req)
}

// FetchWithContext is the correct sibling.
func (c *Client) FetchWithContext(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	return c.do(req)
}

// traced sends the request as it is; the trace of a failed request comes
// after the send and cannot change what was sent.
func (c *Client) traced(req *http.Request) (*http.Response, error) { // want traced:`sendsRequest\(0\)`
	resp, err := c.hc.Do(req)
	if err != nil {
		dump(req)
		return nil, err
	}
	return resp, nil
}

func dump(req *http.Request) { println(req.Method, req.URL.String()) }

// Upload makes the request without ctx and sends it through traced.
func (c *Client) Upload(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodPost, url, nil) // want `http\.NewRequest makes a request without ctx`
	if err != nil {
		return err
	}
	resp, err := c.traced(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// prepared hands the request to a function before sending it, which may
// give it a context: not a plain sender.
func (c *Client) prepared(req *http.Request) (*http.Response, error) {
	prepare(req)
	return c.hc.Do(req)
}

func prepare(req *http.Request) { *req = *req.WithContext(context.Background()) }

// retried hands the request to a function inside the retry loop, before
// the next send: not a plain sender.
func (c *Client) retried(req *http.Request) (*http.Response, error) {
	for i := 0; ; i++ {
		resp, err := c.hc.Do(req)
		if err == nil || i == 3 {
			return resp, err
		}
		prepare(req)
	}
}
