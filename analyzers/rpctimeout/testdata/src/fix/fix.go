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
	req, _ := http.NewRequest(http.MethodGet, url, nil) // want `http.NewRequest makes a request without a context`
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

func noContextInScope(c site.SiteServiceClient) {
	_, _ = c.GetSite(context.TODO(), &site.GetSiteRequest{}) // want `GetSite is called with context.TODO\(\)`
}
