// Package reach holds the contexts and clients that rpctimeout follows
// across functions and fields of a package.
package reach

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc/metadata"

	"site"
)

// Derived contexts keep their root's lack of deadline.

func groupFromBackground(c site.SiteServiceClient) error {
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error {
		_, err := c.GetSite(ctx, &site.GetSiteRequest{}) // want `GetSite is called with ctx, which has no deadline`
		return err
	})
	return g.Wait()
}

// groupFromCaller derives the group's context from the caller's, whose
// deadline is the caller's duty.
func groupFromCaller(parent context.Context, c site.SiteServiceClient) error { // want groupFromCaller:`ctxSink\(0:GetSite\)`
	g, ctx := errgroup.WithContext(parent)
	g.Go(func() error {
		_, err := c.GetSite(ctx, &site.GetSiteRequest{})
		return err
	})
	return g.Wait()
}

func newOutgoing(c site.SiteServiceClient) {
	ctx := metadata.NewOutgoingContext(context.Background(), metadata.Pairs("k", "v"))
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{}) // want `GetSite is called with ctx, which has no deadline`
}

// outgoingWithTimeout bounds the metadata context before the call.
func outgoingWithTimeout(c site.SiteServiceClient) {
	ctx := metadata.AppendToOutgoingContext(context.Background(), "k", "v")
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, _ = c.GetSite(ctx, &site.GetSiteRequest{})
}

func detached(ctx context.Context, c site.SiteServiceClient) {
	go func() {
		bg := context.WithoutCancel(ctx)
		_, _ = c.GetSite(bg, &site.GetSiteRequest{}) // want `GetSite is called with bg, which has no deadline`
	}()
}

// detachedWithTimeout gives the detached goroutine its own deadline.
func detachedWithTimeout(ctx context.Context, c site.SiteServiceClient) {
	go func() {
		bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_, _ = c.GetSite(bg, &site.GetSiteRequest{})
	}()
}

// withoutCancelInPlace keeps the values for a call that the caller waits
// for; whether the caller's deadline should apply is its choice.
func withoutCancelInPlace(ctx context.Context, c site.SiteServiceClient) {
	_, _ = c.GetSite(context.WithoutCancel(ctx), &site.GetSiteRequest{})
}

// A context kept in a field at setup.

type watcher struct {
	baseCtx context.Context
	stop    context.CancelFunc
	client  site.SiteServiceClient
}

func newWatcher(c site.SiteServiceClient) *watcher {
	w := &watcher{client: c}
	w.baseCtx, w.stop = context.WithCancel(context.Background())
	return w
}

func (w *watcher) poll() {
	_, _ = w.client.GetSite(w.baseCtx, &site.GetSiteRequest{}) // want `GetSite is called with w.baseCtx, which has no deadline`
}

func (w *watcher) close() { w.stop() }

type session struct {
	ctx    context.Context
	client site.SiteServiceClient
}

// newSession keeps the caller's context: its deadline is the caller's.
func newSession(ctx context.Context, c site.SiteServiceClient) *session {
	return &session{ctx: ctx, client: c}
}

// fetch uses the context its caller gave newSession.
func (s *session) fetch() {
	_, _ = s.client.GetSite(s.ctx, &site.GetSiteRequest{})
}

type mixed struct {
	ctx    context.Context
	client site.SiteServiceClient
}

func newMixed(c site.SiteServiceClient) *mixed {
	return &mixed{ctx: context.Background(), client: c}
}

// withCtx replaces the field with a context from the caller: the field
// holds either, and rpctimeout does not guess which.
func (m *mixed) withCtx(ctx context.Context) *mixed {
	m.ctx = ctx
	return m
}

// fetch uses a field that a caller may have set.
func (m *mixed) fetch() {
	_, _ = m.client.GetSite(m.ctx, &site.GetSiteRequest{})
}

// Exported holds a context that other packages may set.
type Exported struct {
	Ctx    context.Context
	Client site.SiteServiceClient
}

// NewExported sets Ctx, but any importer may replace it.
func NewExported(c site.SiteServiceClient) *Exported {
	return &Exported{Ctx: context.Background(), Client: c}
}

// Fetch uses the exported field.
func (e *Exported) Fetch() {
	_, _ = e.Client.GetSite(e.Ctx, &site.GetSiteRequest{})
}

type timer struct {
	ctx    context.Context
	cancel context.CancelFunc
	client site.SiteServiceClient
}

// newTimer hands the cancel to a timer, which ends the context in time
// as a deadline would.
func newTimer(c site.SiteServiceClient) *timer {
	t := &timer{client: c}
	t.ctx, t.cancel = context.WithCancel(context.Background())
	time.AfterFunc(time.Minute, t.cancel)
	return t
}

// fetch runs under the timer's cancellation.
func (t *timer) fetch() {
	_, _ = t.client.GetSite(t.ctx, &site.GetSiteRequest{})
}

// Clients built or copied without a timeout.

func redirectClient(url string) {
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url) // want `c.Get sends a request through a client with no timeout`
	if err == nil {
		resp.Body.Close()
	}
}

func copiedDefault(url string) {
	c := *http.DefaultClient
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Head(url) // want `c.Head sends a request through a client with no timeout`
	if err == nil {
		resp.Body.Close()
	}
}

// copiedDefaultWithTimeout copies the default client and sets a timeout.
func copiedDefaultWithTimeout(url string) {
	c := *http.DefaultClient
	c.Timeout = 5 * time.Second
	resp, err := c.Head(url)
	if err == nil {
		resp.Body.Close()
	}
}

type hooks struct {
	hc *http.Client
}

func newHooks() *hooks {
	return &hooks{hc: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}}
}

func (h *hooks) fire(url string) {
	resp, err := h.hc.Get(url) // want `h.hc.Get sends a request through a client with no timeout`
	if err == nil {
		resp.Body.Close()
	}
}

type timedHooks struct {
	hc *http.Client
}

// newTimedHooks sets a timeout on the only client the field ever holds.
func newTimedHooks() *timedHooks {
	return &timedHooks{hc: &http.Client{Timeout: 10 * time.Second}}
}

// fire goes through the timed client.
func (h *timedHooks) fire(url string) {
	resp, err := h.hc.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// http.NewRequest where a context is in scope.

func forward(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want `http.NewRequest makes a request without ctx, so the caller's deadline and cancellation never reach it`
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// forwardWithContext passes the caller's context.
func forwardWithContext(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// forwardThroughAPI hands the request to a client of the program's own
// together with ctx: that client attaches it (req.WithContext(ctx)).
func forwardThroughAPI(ctx context.Context, api apiClient, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	return api.Do(ctx, req)
}

type apiClient interface {
	Do(ctx context.Context, req *http.Request) error
}

// forwardWithContextLater attaches ctx before sending.
func forwardWithContextLater(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// newRequestReturned returns the request: its caller may attach a
// context.
func newRequestReturned(ctx context.Context, url string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, url, nil)
}

// newRequestNoCtx has no context to pass; the client it uses is unknown.
func newRequestNoCtx(c *http.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// newRequestInGoroutine builds the request in a detached goroutine, which
// need not share the caller's context.
func newRequestInGoroutine(ctx context.Context, c *http.Client, url string) {
	go func() {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			return
		}
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
}

// (*sql.DB).Ping and PingContext.

func ping(db *sql.DB) error {
	return db.Ping() // want `db.Ping has no context, so a slow database blocks this goroutine forever; use PingContext with a deadline`
}

func pingBackground(db *sql.DB) error {
	return db.PingContext(context.Background()) // want `db.PingContext is called with context.Background\(\), which has no deadline`
}

// pingTimeout bounds the ping.
func pingTimeout(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

// pingCaller pings with the caller's context.
func pingCaller(ctx context.Context, db *sql.DB) error { // want pingCaller:`ctxSink\(0:db\.PingContext\)`
	return db.PingContext(ctx)
}

type pinger struct{}

// Ping is not database/sql's.
func (pinger) Ping() error { return nil }

// notSQLPing calls another type's Ping.
func notSQLPing(p pinger) error {
	return p.Ping()
}

type zeroClient struct {
	hc http.Client
}

func (z *zeroClient) fetch(url string) {
	resp, err := z.hc.Get(url) // want `z.hc.Get sends a request through a client with no timeout: a slow server blocks this goroutine forever`
	if err == nil {
		resp.Body.Close()
	}
}

type timedZero struct {
	hc http.Client
}

// newTimedZero sets a timeout on the field's client in place.
func newTimedZero() *timedZero {
	t := &timedZero{}
	t.hc.Timeout = 10 * time.Second
	return t
}

// fetch goes through the client newTimedZero gave a timeout.
func (t *timedZero) fetch(url string) {
	resp, err := t.hc.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// ExportedClient holds a client that importers may configure.
type ExportedClient struct {
	HC http.Client
}

// Fetch uses a client whose Timeout another package may set.
func (e *ExportedClient) Fetch(url string) {
	resp, err := e.HC.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}
