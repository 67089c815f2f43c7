// Package usewrapper sends requests through another package's wrappers.
package usewrapper

import (
	"context"
	"net/http"

	"wrapper"
)

func get(ctx context.Context, c *wrapper.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want `http\.NewRequest makes a request without ctx`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func roundTrip(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want `http\.NewRequest makes a request without ctx`
	if err != nil {
		return err
	}
	resp, err := wrapper.Send(http.DefaultTransport, req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// getWithContext hands ctx to a wrapper that attaches it.
func getWithContext(ctx context.Context, c *wrapper.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.DoContext(ctx, req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// logThenKeep only logs and stores the request: no send is seen.
func logThenKeep(ctx context.Context, c *wrapper.Client, url string) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return
	}
	_ = wrapper.Log(req)
	c.Keep(req)
}

// noContext has no context of its own to pass.
func noContext(c *wrapper.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
