// Package upload is at Go 1.20, before context.WithoutCancel: the finding
// comes without a fix.
package upload

import (
	"context"
	"net/http"
)

func process(ctx context.Context) error { return ctx.Err() }

func Upload(w http.ResponseWriter, r *http.Request) {
	go func() {
		_ = process(r.Context()) // want `uses the request context r\.Context\(\), which is cancelled when Upload returns`
	}()
}

// UploadDetached has no context.WithoutCancel before Go 1.21, so it
// detaches by hand with a fresh context.
func UploadDetached(w http.ResponseWriter, r *http.Request) {
	go func() {
		_ = process(context.Background())
	}()
}
