// Package ignoredctx holds functions given a context that send with
// another one.
package ignoredctx

import (
	"context"
	"crypto/tls"
	"database/sql"
	"net/http"

	"site"
)

// Manager fetches certificates with the context it was started with.
type Manager struct {
	ctx    context.Context
	client site.SiteServiceClient
	db     *sql.DB
}

func NewManager(ctx context.Context, c site.SiteServiceClient, db *sql.DB) *Manager { // want NewManager:`ctxSink\(0:GetSite\)`
	m := &Manager{ctx: ctx, client: c, db: db}
	m.warm(ctx)
	return m
}

func (m *Manager) warm(ctx context.Context) { // want warm:`ctxSink\(0:GetSite\)`
	_, _ = m.client.GetSite(ctx, &site.GetSiteRequest{})
}

// GetCertificate ignores the handshake's context.
func (m *Manager) GetCertificate(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
	req, err := http.NewRequestWithContext(m.ctx, http.MethodGet, "https://certs/"+hello.ServerName, nil) // want `http\.DefaultClient\.Do is called with m\.ctx, not GetCertificate's hello\.Context\(\): the caller's deadline and cancellation never reach it`
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return &tls.Certificate{}, nil
}

// GetCertificateCtx is the correct sibling: it sends with the handshake's
// context.
func (m *Manager) GetCertificateCtx(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
	req, err := http.NewRequestWithContext(hello.Context(), http.MethodGet, "https://certs/"+hello.ServerName, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return &tls.Certificate{}, nil
}

// Site is given ctx and calls with m.ctx.
func (m *Manager) Site(ctx context.Context, id int64) (*site.Site, error) {
	return m.client.GetSite(m.ctx, &site.GetSiteRequest{SiteId: id}) // want `GetSite is called with m\.ctx, not Site's ctx: the caller's deadline`
}

// Count uses its ctx, to log: it is not ignored.
func (m *Manager) Count(ctx context.Context) (int, error) {
	_ = ctx.Value("trace")
	var n int
	err := m.db.QueryRowContext(m.ctx, "SELECT 1").Scan(&n)
	return n, err
}

// Refresh has no context of its own: the stored one is all it has.
func (m *Manager) Refresh() error {
	_, err := m.client.GetSite(m.ctx, &site.GetSiteRequest{})
	return err
}

// ServeHTTP ignores the request's context for a query.
func (m *Manager) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rows, err := m.db.QueryContext(m.ctx, "SELECT name FROM sites") // want `m\.db\.QueryContext is called with m\.ctx, not ServeHTTP's r\.Context\(\)`
	if err == nil {
		rows.Close()
	}
}
