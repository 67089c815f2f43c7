// Package useprobe is production code calling a sink of a test-support
// package: the sink is found whatever kind of code it is in.
package useprobe

import (
	"context"
	"time"

	"probe"
)

func health() error {
	return probe.Fetch(context.Background(), "http://example.com/health") // want `Fetch passes context\.Background\(\), which has no deadline, on to http\.DefaultClient\.Do`
}

// healthBounded gives the sink a deadline: correct.
func healthBounded() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return probe.Fetch(ctx, "http://example.com/health")
}
