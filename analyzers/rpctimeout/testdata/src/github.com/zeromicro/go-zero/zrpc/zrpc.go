// Package zrpc is a stub of go-zero's zrpc with the real signatures
// rpctimeout relies on.
package zrpc

import (
	"time"

	"github.com/zeromicro/go-zero/zrpc/internal"
	"google.golang.org/grpc"
)

var (
	WithTimeout                = internal.WithTimeout
	WithUnaryClientInterceptor = internal.WithUnaryClientInterceptor
)

type (
	ClientMiddlewaresConf = internal.ClientMiddlewaresConf
	Client                = internal.Client
	ClientOption          = internal.ClientOption

	RpcClient struct {
		client Client
	}

	RpcClientConf struct {
		Endpoints     []string      `json:",optional"`
		Target        string        `json:",optional"`
		App           string        `json:",optional"`
		Token         string        `json:",optional"`
		NonBlock      bool          `json:",default=true"`
		Timeout       int64         `json:",default=2000"`
		KeepaliveTime time.Duration `json:",optional"`
		Middlewares   ClientMiddlewaresConf
		BalancerName  string `json:",default=p2c_ewma"`
	}
)

func MustNewClient(c RpcClientConf, options ...ClientOption) Client {
	cli, _ := NewClient(c, options...)
	return cli
}

func NewClient(c RpcClientConf, options ...ClientOption) (Client, error) { return &RpcClient{}, nil }

func NewClientWithTarget(target string, opts ...ClientOption) (Client, error) {
	return &RpcClient{}, nil
}

func (rc *RpcClient) Conn() *grpc.ClientConn { return nil }

func NewDirectClientConf(endpoints []string, app, token string) RpcClientConf {
	return RpcClientConf{Endpoints: endpoints, App: app, Token: token}
}

func NewEtcdClientConf(hosts []string, key, app, token string) RpcClientConf {
	return RpcClientConf{App: app, Token: token}
}

type TimeoutCallOption struct {
	grpc.EmptyCallOption
	timeout time.Duration
}

func WithCallTimeout(timeout time.Duration) grpc.CallOption {
	return TimeoutCallOption{timeout: timeout}
}
