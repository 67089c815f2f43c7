package handler

import (
	"context"
	"net/http"
	"time"

	"xcontext"
)

func wait(ctx context.Context) { <-ctx.Done() }

// detached keeps the request's values (the embedded Context) but ends
// only when its own done channel closes.
type detached struct {
	context.Context
	done <-chan struct{}
}

func (d detached) Deadline() (time.Time, bool) { return time.Time{}, false }

func (d detached) Done() <-chan struct{} { return d.done }

func (d detached) Err() error {
	select {
	case <-d.done:
		return context.Canceled
	default:
		return nil
	}
}

// detach is a hand-written context.WithoutCancel with a stop channel of
// its own.
func detach(ctx context.Context, stop <-chan struct{}) context.Context { // want detach:"detaches its context"
	return detached{ctx, stop}
}

// The goroutine's context is detached from the request: the request's
// cancellation never reaches its Done.
func UploadDetachedByHand(w http.ResponseWriter, r *http.Request) {
	go func() {
		stop := make(chan struct{})
		defer close(stop)
		wait(detach(r.Context(), stop))
	}()
}

// A context variable assigned from a detaching call is not the request's.
func UploadDetachedVar(w http.ResponseWriter, r *http.Request) {
	ctx := xcontext.Detach(r.Context())
	go func() {
		wait(ctx)
	}()
}

// A detaching function of another package, known through its fact, whose
// type holds the context in a named field rather than embedding it.
func UploadDetachedElsewhere(w http.ResponseWriter, r *http.Request) {
	go func() {
		wait(xcontext.Detach(r.Context()))
	}()
}

// withUser only adds a value: Done is the request's own.
type withUser struct {
	context.Context
	user string
}

func withValue(ctx context.Context, user string) context.Context { return withUser{ctx, user} }

func UploadWithValue(w http.ResponseWriter, r *http.Request) {
	go func() {
		wait(withValue(r.Context(), "u")) // want `the goroutine started in UploadWithValue uses the request context r\.Context\(\)`
	}()
}

// forwarded declares its own Done, but that returns the request's.
type forwarded struct{ context.Context }

func (f forwarded) Done() <-chan struct{} { return f.Context.Done() }

func forward(ctx context.Context) context.Context { return forwarded{ctx} }

func UploadForwarded(w http.ResponseWriter, r *http.Request) {
	go func() {
		wait(forward(r.Context())) // want `the goroutine started in UploadForwarded uses the request context r\.Context\(\)`
	}()
}

// relayed's Done asks another method of its type, which is not read: the
// request's Done is behind it.
type relayed struct{ context.Context }

func (l relayed) Done() <-chan struct{} { return l.parentDone() }

func (l relayed) parentDone() <-chan struct{} { return l.Context.Done() }

func relay(ctx context.Context) context.Context { return relayed{ctx} }

func UploadRelayed(w http.ResponseWriter, r *http.Request) {
	go func() {
		wait(relay(r.Context())) // want `the goroutine started in UploadRelayed uses the request context r\.Context\(\)`
	}()
}
