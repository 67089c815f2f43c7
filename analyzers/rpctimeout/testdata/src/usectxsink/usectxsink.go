// Package usectxsink calls another package's sinks.
package usectxsink

import (
	"context"
	"database/sql"
	"time"

	"ctxsink"
	"site"
)

type key struct{}

func show(c site.SiteServiceClient) {
	_, _ = ctxsink.Lookup(context.Background(), c, 1) // want `Lookup passes context\.Background\(\), which has no deadline, on to GetSite`
}

func count(db *sql.DB) {
	ctx := context.WithValue(context.TODO(), key{}, "count")
	_, _ = ctxsink.Count(ctx, db) // want `Count passes ctx, which has no deadline, on to db\.QueryRowContext`
}

func fetch() {
	_ = ctxsink.Fetch(context.Background(), "http://example.com") // want `Fetch passes context\.Background\(\), which has no deadline, on to http\.DefaultClient\.Do`
}

// The correct siblings.

func showBounded(c site.SiteServiceClient) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, _ = ctxsink.Lookup(ctx, c, 1)
}

// showCaller hands its own context on: the caller's deadline is its
// caller's duty, and showCaller becomes a sink in turn.
func showCaller(ctx context.Context, c site.SiteServiceClient) { // want showCaller:`ctxSink\(0:GetSite\)`
	_, _ = ctxsink.Lookup(ctx, c, 1)
}

func bounded(c site.SiteServiceClient) {
	_, _ = ctxsink.LookupBounded(context.Background(), c, 1)
	_ = ctxsink.FetchTimed(context.Background(), "http://example.com")
	ctxsink.Log(context.Background(), "hi")
}

// runAll hands one context to every case: one decision, reported once,
// at the first call (the others are related positions).
func runAll(c site.SiteServiceClient, db *sql.DB) {
	ctx := context.Background()
	_, _ = ctxsink.Lookup(ctx, c, 1) // want `Lookup passes ctx, which has no deadline, on to GetSite`
	_, _ = ctxsink.Count(ctx, db)
	_ = ctxsink.Fetch(ctx, "http://example.com")
}

// Outer is two calls deep in ctxsink: its fact carries the chain.
func showDeep(c site.SiteServiceClient) error {
	return ctxsink.Outer(context.Background(), c) // want `Outer passes context\.Background\(\), which has no deadline, on to GetSite`
}
