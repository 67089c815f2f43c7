// Package xcontext detaches a context from its cancellation, as x/tools'
// internal/xcontext did before context.WithoutCancel (Go 1.21).
package xcontext

import (
	"context"
	"time"
)

// Detach returns a context that keeps ctx's values but never ends.
func Detach(ctx context.Context) context.Context { return detachedContext{ctx} } // want Detach:"detaches its context"

type detachedContext struct{ parent context.Context }

func (v detachedContext) Deadline() (time.Time, bool) { return time.Time{}, false }

func (v detachedContext) Done() <-chan struct{} { return nil }

func (v detachedContext) Err() error { return nil }

func (v detachedContext) Value(key any) any { return v.parent.Value(key) }
