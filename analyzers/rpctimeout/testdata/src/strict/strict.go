package strict

import (
	"context"
	"net/http"
	"time"

	"site"
)

type handler struct {
	site site.SiteServiceClient
}

func (h *handler) get(w http.ResponseWriter, r *http.Request) {
	_, _ = h.site.GetSite(r.Context(), &site.GetSiteRequest{}) // want `GetSite is called with r.Context\(\), which has no deadline`
}

func serve(ctx context.Context, w http.ResponseWriter, r *http.Request, c site.SiteServiceClient) {
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{}) // want `GetSite is called with ctx, which has no deadline`
}

// requestTimeout derives a deadline from the request's context, as strict
// mode asks.
func (h *handler) requestTimeout(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	_, _ = h.site.GetSite(ctx, &site.GetSiteRequest{})
}

// plainCaller is not a handler: its context is its caller's duty even in
// strict mode.
func plainCaller(ctx context.Context, c site.SiteServiceClient) { // want plainCaller:`ctxSink\(0:GetSite\)`
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{})
}

type server struct {
	site.UnimplementedSiteServiceServer
	upstream site.SiteServiceClient
}

func (s *server) GetSite(ctx context.Context, in *site.GetSiteRequest) (*site.Site, error) {
	return s.upstream.GetSite(ctx, in) // want `GetSite is called with ctx, which has no deadline`
}

// GetSiteBounded bounds the incoming context before calling upstream.
func (s *server) GetSiteBounded(ctx context.Context, in *site.GetSiteRequest) (*site.Site, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return s.upstream.GetSite(ctx, in)
}
