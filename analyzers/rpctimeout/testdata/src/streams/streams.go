// Package streams opens gRPC streams: a stream lives until its context
// ends, so a context that can be cancelled bounds it as well as a
// deadline, and one that can never end does not.
package streams

import (
	"context"

	"google.golang.org/grpc"

	"site"
)

// watchForever opens a stream nothing can end.
func watchForever(c site.SiteServiceClient) {
	stream, _ := c.WatchSites(context.Background(), &site.GetSiteRequest{}) // want `WatchSites is called with context.Background\(\)`
	_ = stream
}

// watchValue derives a context without a way to end it.
func watchValue(c site.SiteServiceClient) {
	ctx := context.WithValue(context.Background(), key{}, "v")
	stream, _ := c.WatchSites(ctx, &site.GetSiteRequest{}) // want `WatchSites is called with ctx, which has no deadline`
	_ = stream
}

type key struct{}

// watchUntilReturn cancels the stream when the function returns: the
// stream lives as long as the loop that reads it.
func watchUntilReturn(c site.SiteServiceClient, quit <-chan struct{}) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stream, _ := c.WatchSites(ctx, &site.GetSiteRequest{})
	_ = stream
	<-quit
}

// A client keeps a cancellable context for the life of its streams.
type client struct {
	done   context.Context
	cancel context.CancelFunc
	site   site.SiteServiceClient
}

func newClient(c site.SiteServiceClient) *client {
	cl := &client{site: c}
	cl.done, cl.cancel = context.WithCancel(context.Background())
	return cl
}

func (cl *client) Close() { cl.cancel() }

// watch streams until Close cancels done.
func (cl *client) watch() {
	stream, _ := cl.site.WatchSites(cl.done, &site.GetSiteRequest{})
	_ = stream
}

// get makes a unary call with the same context: cancellation ends no
// hung call in time, so it is reported.
func (cl *client) get() {
	_, _ = cl.site.GetSite(cl.done, &site.GetSiteRequest{}) // want `GetSite is called with cl.done, which has no deadline`
}

// openStream hands its context alone to a stream.
func openStream(ctx context.Context, cc *grpc.ClientConn) grpc.ClientStream { // want openStream:"ctxSink\\(0:NewStream stream\\)"
	s, _ := cc.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, "/site.SiteService/WatchSites")
	return s
}

// helperForever passes a context nothing can end to the stream helper.
func helperForever(cc *grpc.ClientConn) {
	_ = openStream(context.Background(), cc) // want `openStream passes context.Background\(\), which has no deadline, on to NewStream`
}

// helperCancelled passes a cancellable one: the stream can end.
func helperCancelled(cc *grpc.ClientConn) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = openStream(ctx, cc)
}

// Open is openStream for other packages: its fact carries the stream.
func Open(ctx context.Context, cc *grpc.ClientConn) grpc.ClientStream { // want Open:"ctxSink\\(0:NewStream stream\\)"
	return openStream(ctx, cc)
}

// A connection owns its stream: Close closes cc, which ends the stream.
type connection struct {
	cc     *grpc.ClientConn
	stream grpc.ClientStream
}

func newConnection(cc *grpc.ClientConn, stream grpc.ClientStream) *connection {
	return &connection{cc: cc, stream: stream}
}

func (k *connection) Close() error { return k.cc.Close() }

// dialWatch hands the stream to its connection's owner with the
// connection: it lives as long as the connection, which its Close ends.
func dialWatch(cc *grpc.ClientConn) *connection {
	stream, _ := site.NewSiteServiceClient(cc).WatchSites(context.Background(), &site.GetSiteRequest{})
	return newConnection(cc, stream)
}

// dialWatchLit builds the owner in place.
func dialWatchLit(cc *grpc.ClientConn) *connection {
	stream, _ := site.NewSiteServiceClient(cc).WatchSites(context.Background(), &site.GetSiteRequest{})
	return &connection{cc: cc, stream: stream}
}

// rewatch replaces the stream of a connection that holds its ClientConn.
func (k *connection) rewatch() {
	k.stream, _ = site.NewSiteServiceClient(k.cc).WatchSites(context.Background(), &site.GetSiteRequest{})
}

// rewatchLocal stores the stream through a local first.
func (k *connection) rewatchLocal() {
	s, _ := site.NewSiteServiceClient(k.cc).WatchSites(context.Background(), &site.GetSiteRequest{})
	k.stream = s
}

// A watch keeps only the stream: nothing it holds can end it.
type watch struct{ stream grpc.ClientStream }

func recvAll(s grpc.ClientStream) {}

// keepAlone stores the stream where no connection is kept beside it.
func keepAlone(c site.SiteServiceClient) *watch {
	stream, _ := c.WatchSites(context.Background(), &site.GetSiteRequest{}) // want `WatchSites is called with context.Background\(\)`
	return &watch{stream: stream}
}

// recvForever hands the stream to a loop without its connection.
func recvForever(cc *grpc.ClientConn) {
	stream, _ := site.NewSiteServiceClient(cc).WatchSites(context.Background(), &site.GetSiteRequest{}) // want `WatchSites is called with context.Background\(\)`
	go recvAll(stream)
}

// A batchStream is one of a batchClient's streams.
type batchStream struct{ grpc.ClientStream }

// recreate opens the stream on the connection it is given; every caller
// gives it the connection of the client that holds the stream, whose
// Close ends it.
func (s *batchStream) recreate(conn *grpc.ClientConn) error {
	cs, err := site.NewSiteServiceClient(conn).WatchSites(context.TODO(), &site.GetSiteRequest{})
	if err != nil {
		return err
	}
	s.ClientStream = cs
	return nil
}

type batchClient struct {
	conn      *grpc.ClientConn
	stream    *batchStream
	forwarded map[string]*batchStream
}

func (b *batchClient) init() error {
	s := &batchStream{}
	if err := s.recreate(b.conn); err != nil {
		return err
	}
	b.stream = s
	return nil
}

func (b *batchClient) forward(host string) error {
	return b.forwarded[host].recreate(b.conn)
}

// A watcher keeps its stream, but nothing holds it with the connection.
type watcher struct{ cs grpc.ClientStream }

func (w *watcher) start(conn *grpc.ClientConn) {
	cs, _ := site.NewSiteServiceClient(conn).WatchSites(context.Background(), &site.GetSiteRequest{}) // want `WatchSites is called with context.Background\(\)`
	w.cs = cs
}

func watchSites(cc *grpc.ClientConn) *watcher {
	w := &watcher{}
	w.start(cc)
	return w
}
