package odd

import (
	"context"
	"iter"

	"site"
)

func generic[T site.SiteServiceClient](c T) {
	_, _ = c.GetSite(context.Background(), &site.GetSiteRequest{}) // want `GetSite is called with context.Background\(\)`
}

// methodValue calls through a function value, whose target the analysis
// does not resolve: nothing is known, nothing is reported.
func methodValue(c site.SiteServiceClient) {
	get := c.GetSite
	_, _ = get(context.Background(), &site.GetSiteRequest{})
}

// rangeFunc passes each yielded context on; their origin is the
// iterator's.
func rangeFunc(c site.SiteServiceClient, ctxs iter.Seq[context.Context]) {
	for ctx := range ctxs {
		_, _ = c.GetSite(ctx, &site.GetSiteRequest{})
	}
	for i := range 3 {
		_ = i
	}
}
