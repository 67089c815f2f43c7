package fix

import (
	"context"
	"net/http"

	"site"
)

func background(ctx context.Context, c site.SiteServiceClient) {
	_, _ = c.GetSite(context.Background(), &site.GetSiteRequest{}) // want `GetSite is called with context.Background\(\)`
}

func newRequest(ctx context.Context, url string) {
	req, _ := http.NewRequest(http.MethodGet, url, nil) // want `http.NewRequest makes a request without ctx, so the caller.s deadline and cancellation never reach it`
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

func noContextInScope(c site.SiteServiceClient) {
	_, _ = c.GetSite(context.TODO(), &site.GetSiteRequest{}) // want `GetSite is called with context.TODO\(\)`
}

// newRequestBoundedClient sends through a client with a timeout, but the
// request still drops ctx: cancelling ctx does not stop it.
func newRequestBoundedClient(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want `http.NewRequest makes a request without ctx`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// droppedWithContext means to bound the request with ctx, but
// WithContext returns a copy: the request sent is the one without it.
func droppedWithContext(ctx context.Context, c *http.Client, req *http.Request) error {
	req.WithContext(ctx) // want `the result of req.WithContext is dropped: req keeps its old context, so the deadline and cancellation given here never reach it`
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
