package handler

import (
	"context"
	"log/slog"
	"net/http"
)

type loggerKey struct{}

// loggerFrom reads the request's logger from its context: a value read,
// which the request's cancellation does not disturb.
func loggerFrom(ctx context.Context) *slog.Logger { // want loggerFrom:"reads context values"
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// requestID passes the context on to loggerFrom only.
func requestID(ctx context.Context) string { // want requestID:"reads context values"
	loggerFrom(ctx).Debug("id")
	id, _ := ctx.Value("id").(string)
	return id
}

func notify(url string) error { return nil }

// Ack acknowledges a callback in the background; the goroutine reads
// only the request's logger from its context.
func Ack(w http.ResponseWriter, r *http.Request) {
	cb := r.Header.Get("Callback")
	go func() {
		if err := notify(cb); err != nil {
			loggerFrom(r.Context()).Error("ack failed", "id", requestID(r.Context()))
		}
	}()
	w.WriteHeader(http.StatusOK)
}

// fetchWith uses the context for work: its deadline bounds the call.
func fetchWith(ctx context.Context, url string) error { // want fetchWith:"works with ctx"
	loggerFrom(ctx).Info("fetch", "url", url)
	return process(ctx, nil)
}

// AckFetch's goroutine hands the request context to work.
func AckFetch(w http.ResponseWriter, r *http.Request) {
	go func() {
		_ = fetchWith(r.Context(), "x") // want `the goroutine started in AckFetch uses the request context r\.Context\(\), which is cancelled when AckFetch returns`
	}()
	w.WriteHeader(http.StatusOK)
}
