// Package usestreams opens streams through another package's helper,
// known by its fact.
package usestreams

import (
	"context"

	"google.golang.org/grpc"

	"streams"
)

func forever(cc *grpc.ClientConn) {
	_ = streams.Open(context.Background(), cc) // want `Open passes context.Background\(\), which has no deadline, on to NewStream`
}

func cancelled(cc *grpc.ClientConn) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = streams.Open(ctx, cc)
}
