// Package greeterpb is the shape protoc-gen-go-grpc generates for a service.
package greeterpb

import "context"

type HelloRequest struct{ Name string }

type HelloReply struct{ Message string }

type GreeterServer interface {
	SayHello(context.Context, *HelloRequest) (*HelloReply, error)
	mustEmbedUnimplementedGreeterServer()
}

type UnimplementedGreeterServer struct{}

func (UnimplementedGreeterServer) SayHello(context.Context, *HelloRequest) (*HelloReply, error) {
	return nil, nil
}
func (UnimplementedGreeterServer) mustEmbedUnimplementedGreeterServer() {}
