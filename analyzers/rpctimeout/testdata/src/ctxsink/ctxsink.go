// Package ctxsink holds functions whose context parameter is the only
// deadline of the network calls they make.
package ctxsink

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"site"
)

// Lookup's ctx alone bounds GetSite.
func Lookup(ctx context.Context, c site.SiteServiceClient, id int64) (*site.Site, error) { // want Lookup:`ctxSink\(0:GetSite\)`
	return c.GetSite(ctx, &site.GetSiteRequest{SiteId: id})
}

// Count's ctx alone bounds the query.
func Count(ctx context.Context, db *sql.DB) (int, error) { // want Count:`ctxSink\(0:db\.QueryRowContext\)`
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM sites").Scan(&n)
	return n, err
}

// Fetch's ctx alone bounds a request sent by a client without timeout.
func Fetch(ctx context.Context, url string) error { // want Fetch:`ctxSink\(0:http\.DefaultClient\.Do\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// LookupBounded adds its own deadline: not a sink.
func LookupBounded(ctx context.Context, c site.SiteServiceClient, id int64) (*site.Site, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return c.GetSite(ctx, &site.GetSiteRequest{SiteId: id})
}

var timed = &http.Client{Timeout: 10 * time.Second}

// FetchTimed sends through a client with a timeout: not a sink.
func FetchTimed(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := timed.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Log only reads values from its context.
func Log(ctx context.Context, msg string) { _ = ctx.Value(msg) }

// refresh is called in this package with context.Background().
func refresh(ctx context.Context, c site.SiteServiceClient) error { // want refresh:`ctxSink\(0:GetSite\)`
	_, err := c.GetSite(ctx, &site.GetSiteRequest{})
	return err
}

func Start(c site.SiteServiceClient) error {
	return refresh(context.Background(), c) // want `refresh passes context\.Background\(\), which has no deadline, on to GetSite: a slow server blocks this goroutine forever`
}

func StartBounded(c site.SiteServiceClient) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return refresh(ctx, c)
}

type traceKey struct{}

// Outer hands its context to refresh, which alone bounds GetSite: a sink
// two calls deep.
func Outer(ctx context.Context, c site.SiteServiceClient) error { // want Outer:`ctxSink\(0:GetSite\)`
	return refresh(ctx, c)
}

// outermost adds a value, not a deadline: a sink three calls deep.
func outermost(ctx context.Context, c site.SiteServiceClient) error { // want outermost:`ctxSink\(0:GetSite\)`
	traced := context.WithValue(ctx, traceKey{}, "refresh")
	return Outer(traced, c)
}

func StartDeep(c site.SiteServiceClient) error {
	return outermost(context.Background(), c) // want `outermost passes context\.Background\(\), which has no deadline, on to GetSite`
}

// boundedOuter adds a deadline before handing its context on: not a sink.
func boundedOuter(ctx context.Context, c site.SiteServiceClient) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return refresh(ctx, c)
}

func StartBoundedOuter(c site.SiteServiceClient) error {
	return boundedOuter(context.Background(), c)
}

// detached hands on a context of its own, not its parameter: not a sink.
func detached(ctx context.Context, c site.SiteServiceClient) error {
	_ = ctx
	bg, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return Outer(bg, c)
}

func StartDetached(c site.SiteServiceClient) error {
	return detached(context.Background(), c)
}
