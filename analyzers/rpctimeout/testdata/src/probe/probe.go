// Package probe is test support (its non-test file takes a testing.TB):
// rpctimeout reports none of its calls by default, but the functions whose
// context alone bounds a network call are sinks all the same, and a
// production caller that passes them a context without a deadline is
// reported.
package probe

import (
	"context"
	"net/http"
	"testing"
)

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

// Must fails the test on err.
func Must(t testing.TB, err error) {
	if err != nil {
		t.Fatal(err)
	}
}

// Ping is test support calling the sink with a context that has no
// deadline: not reported by default, as test support is not.
func Ping(t testing.TB) {
	Must(t, Fetch(context.Background(), "http://localhost:8474/ping"))
}
