package grpcapp

import (
	"context"
	"log"
	"time"

	"site"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

func unknownClient(c site.SiteServiceClient) {
	_, _ = c.GetSite(context.Background(), &site.GetSiteRequest{}) // want `GetSite is called with context.Background\(\), which has no deadline: a slow siteservice blocks`
}

func invoke(cc grpc.ClientConnInterface) error {
	return cc.Invoke(context.TODO(), "/site.SiteService/GetSite", nil, nil) // want `Invoke is called with context.TODO\(\), which has no deadline: a slow server blocks`
}

func cancelOnly(c site.SiteServiceClient) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{}) // want `GetSite is called with ctx, which has no deadline`
}

func dialled() {
	conn, err := grpc.NewClient("site:8080", grpc.WithBlock())
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	c := site.NewSiteServiceClient(conn)
	_, _ = c.GetSite(context.Background(), &site.GetSiteRequest{}) // want `GetSite is called with context.Background\(\)`
}

type worker struct {
	ctx  context.Context
	site site.SiteServiceClient
}

func fieldContext(c site.SiteServiceClient) {
	w := &worker{ctx: context.Background(), site: c}
	_, _ = w.site.GetSite(w.ctx, &site.GetSiteRequest{}) // want `GetSite is called with w.ctx, which has no deadline`
}

func main() {
	conn, _ := grpc.Dial("site:8080")
	c := site.NewSiteServiceClient(conn)
	stream, _ := c.WatchSites(context.Background(), &site.GetSiteRequest{}) // want `WatchSites is called with context.Background\(\)`
	_ = stream
}

// interceptor sets a timeout on every call of the connection it is
// installed on.
func interceptor(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return invoker(ctx, method, req, reply, cc, opts...)
}

// withInterceptor dials with an interceptor, which may bound every call.
func withInterceptor() {
	conn, _ := grpc.NewClient("site:8080", grpc.WithUnaryInterceptor(interceptor))
	c := site.NewSiteServiceClient(conn)
	_, _ = c.GetSite(context.Background(), &site.GetSiteRequest{})
}

// reassigned starts from context.Background() but derives a deadline
// before the call.
func reassigned(c site.SiteServiceClient) {
	ctx := context.Background()
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{})
}

// rpcContext is a helper whose context always has a deadline.
func rpcContext() (context.Context, context.CancelFunc) { // want rpcContext:"returnsDeadline"
	return context.WithTimeout(context.Background(), 5*time.Second)
}

// viaHelper gets its context from rpcContext, which sets a deadline.
func viaHelper(c site.SiteServiceClient) {
	ctx, cancel := rpcContext()
	defer cancel()
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{})
}

type timeoutOption struct {
	grpc.EmptyCallOption
	d time.Duration
}

func perCall(d time.Duration) grpc.CallOption { return timeoutOption{d: d} }

// ownOption passes a call option of the program's own, which an
// interceptor may turn into a deadline.
func ownOption(c site.SiteServiceClient) {
	_, _ = c.GetSite(context.Background(), &site.GetSiteRequest{}, perCall(time.Second))
}

// spreadOptions passes options built elsewhere.
func spreadOptions(c site.SiteServiceClient, opts []grpc.CallOption) {
	_, _ = c.GetSite(context.Background(), &site.GetSiteRequest{}, opts...)
}

// callerContext passes the caller's context: its deadline is the caller's
// duty.
func callerContext(ctx context.Context, c site.SiteServiceClient) { // want callerContext:`ctxSink\(0:GetSite\)`
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{})
}

type CallOption struct{}

type lookalike struct{}

func (lookalike) GetSite(ctx context.Context, in *site.GetSiteRequest, opts ...CallOption) {}

// notGRPC calls a method whose options are a local CallOption type, not
// gRPC's: no network call is known here.
func notGRPC() {
	lookalike{}.GetSite(context.Background(), &site.GetSiteRequest{})
}

// serviceConfig dials with a default service configuration, whose method
// configs can set timeouts.
func serviceConfig() {
	conn, _ := grpc.NewClient("site:8080", grpc.WithDefaultServiceConfig(`{"methodConfig":[{"timeout":"1s"}]}`))
	_, _ = site.NewSiteServiceClient(conn).GetSite(context.Background(), &site.GetSiteRequest{})
}

func outgoingMetadata(c site.SiteServiceClient) {
	ctx := metadata.AppendToOutgoingContext(context.Background(), "x-request-id", "1")
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{}) // want `GetSite is called with ctx, which has no deadline`
}

// cancelledByTimer hands the cancel function to a timer, which ends the
// context after a second: a deadline in all but name.
func cancelledByTimer(c site.SiteServiceClient) {
	ctx, cancel := context.WithCancel(context.Background())
	t := time.AfterFunc(time.Second, cancel)
	defer t.Stop()
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{})
}

// cancelledByWatchdog cancels from another goroutine when a watchdog
// fires.
func cancelledByWatchdog(c site.SiteServiceClient, stop <-chan struct{}) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-stop
		cancel()
	}()
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{})
}

// doEmptyCall is a test helper shaped like a stub (context first,
// ...grpc.CallOption last); it bounds the call it makes itself.
func doEmptyCall(ctx context.Context, c site.SiteServiceClient, opts ...grpc.CallOption) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{}, opts...)
}

// A helper function with a stub's shape is not a stub: what it does with
// the context is its own business, so passing Background to it is silent.
func callsHelper(c site.SiteServiceClient) {
	doEmptyCall(context.Background(), c)
}
