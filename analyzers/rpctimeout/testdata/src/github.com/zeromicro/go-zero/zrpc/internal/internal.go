// Package internal is a stub of go-zero's zrpc/internal.
package internal

import (
	"time"

	"google.golang.org/grpc"
)

type (
	Client interface {
		Conn() *grpc.ClientConn
	}

	ClientOptions struct {
		NonBlock    bool
		Timeout     time.Duration
		Secure      bool
		DialOptions []grpc.DialOption
	}

	ClientOption func(options *ClientOptions)

	ClientMiddlewaresConf struct {
		Trace      bool `json:",default=true"`
		Duration   bool `json:",default=true"`
		Prometheus bool `json:",default=true"`
		Breaker    bool `json:",default=true"`
		Timeout    bool `json:",default=true"`
	}
)

func WithTimeout(timeout time.Duration) ClientOption {
	return func(options *ClientOptions) { options.Timeout = timeout }
}

func WithUnaryClientInterceptor(interceptor grpc.UnaryClientInterceptor) ClientOption {
	return func(options *ClientOptions) {}
}
