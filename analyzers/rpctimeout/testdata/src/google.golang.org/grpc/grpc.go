// Package grpc is a stub of google.golang.org/grpc with the real
// signatures rpctimeout relies on.
package grpc

import "context"

type CallOption interface {
	before() error
}

type EmptyCallOption struct{}

func (EmptyCallOption) before() error { return nil }

func WaitForReady(waitForReady bool) CallOption { return EmptyCallOption{} }

type StreamDesc struct {
	StreamName    string
	ServerStreams bool
	ClientStreams bool
}

type ClientStream interface {
	Context() context.Context
	CloseSend() error
	SendMsg(m any) error
	RecvMsg(m any) error
}

type ClientConnInterface interface {
	Invoke(ctx context.Context, method string, args any, reply any, opts ...CallOption) error
	NewStream(ctx context.Context, desc *StreamDesc, method string, opts ...CallOption) (ClientStream, error)
}

type ClientConn struct{}

func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error {
	return nil
}

func (cc *ClientConn) NewStream(ctx context.Context, desc *StreamDesc, method string, opts ...CallOption) (ClientStream, error) {
	return nil, nil
}

func (cc *ClientConn) Close() error { return nil }

type DialOption interface {
	apply()
}

type funcDialOption struct{}

func (funcDialOption) apply() {}

func NewClient(target string, opts ...DialOption) (conn *ClientConn, err error) { return nil, nil }

func Dial(target string, opts ...DialOption) (*ClientConn, error) { return nil, nil }

func DialContext(ctx context.Context, target string, opts ...DialOption) (conn *ClientConn, err error) {
	return nil, nil
}

type UnaryInvoker func(ctx context.Context, method string, req, reply any, cc *ClientConn, opts ...CallOption) error

type UnaryClientInterceptor func(ctx context.Context, method string, req, reply any, cc *ClientConn, invoker UnaryInvoker, opts ...CallOption) error

func WithUnaryInterceptor(f UnaryClientInterceptor) DialOption { return funcDialOption{} }

func WithChainUnaryInterceptor(interceptors ...UnaryClientInterceptor) DialOption {
	return funcDialOption{}
}

func WithBlock() DialOption { return funcDialOption{} }

func WithDefaultServiceConfig(s string) DialOption { return funcDialOption{} }
