package helpers

import (
	"context"
	"time"
)

// WithDefaultTimeout bounds a context by the service's default timeout.
func WithDefaultTimeout(parent context.Context) (context.Context, context.CancelFunc) { // want WithDefaultTimeout:"returnsDeadline"
	return context.WithTimeout(parent, 3*time.Second)
}

// Short uses named results.
func Short() (ctx context.Context, cancel context.CancelFunc) { // want Short:"returnsDeadline"
	ctx, cancel = context.WithTimeout(context.Background(), 500*time.Millisecond)
	return
}

type Config struct{ Timeout time.Duration }

// Context wraps another helper.
func (c *Config) Context() (context.Context, context.CancelFunc) { // want Context:"returnsDeadline"
	ctx, cancel := WithDefaultTimeout(context.Background())
	return ctx, cancel
}

// Detach returns a context without the parent's deadline: no fact.
func Detach(ctx context.Context) context.Context {
	return context.WithoutCancel(ctx)
}

// Maybe returns a deadline only on one path: no fact.
func Maybe(bounded bool) context.Context {
	if bounded {
		ctx, _ := context.WithTimeout(context.Background(), time.Second)
		return ctx
	}
	return context.Background()
}
