package a

import (
	"context"
	"os"
)

type span struct{}

func (span) End() {}

type tracer struct{}

func (tracer) Start(ctx context.Context, name string) (context.Context, span) { return ctx, span{} }

func fetch(keys []string) {}

// traceBatch opens one span per waiting caller, only to hold it over the
// fetch after the loop: the span is used by nothing but its deferred End,
// and ending it per iteration would time nothing.
func traceBatch(tr tracer, ctxs []context.Context, keys []string) {
	for _, ctx := range ctxs {
		_, sp := tr.Start(ctx, "fetch")
		defer sp.End()
	}
	fetch(keys)
}

// traceItems uses the span's context for the item's work: every item's span
// stays open until the function returns, timing the wrong thing.
func traceItems(tr tracer, ctxs []context.Context) {
	for _, ctx := range ctxs {
		ctx, sp := tr.Start(ctx, "item")
		defer sp.End() // want `defer sp.End\(\) in loop`
		_ = ctx
	}
}

// openCount reads each file after the defer: each stays open until return.
func openCount(paths []string) (n int) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return n
		}
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until openCount returns`
		n += countLines(f)
	}
	return n
}

func countLines(f *os.File) int { return 0 }

// holdFiles opens each file only to hold it: a descriptor per path, held
// until return, stays reported.
func holdFiles(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() // want `defer f.Close\(\) in loop: every f stays open until holdFiles returns`
	}
	fetch(paths)
}

// holdUntilDone acquires in a loop whose count is read at run time: not
// data at hand.
func holdUntilDone(tr tracer, ctx context.Context, n int) {
	for i := range n {
		_ = i
		_, sp := tr.Start(ctx, "round")
		defer sp.End() // want `defer sp.End\(\) in loop`
	}
}
