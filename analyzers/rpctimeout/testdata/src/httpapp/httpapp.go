package httpapp

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"time"
)

func get(url string) {
	resp, err := http.Get(url) // want `http.Get uses http.DefaultClient, which has no timeout: a slow server blocks this goroutine forever`
	if err == nil {
		resp.Body.Close()
	}
}

func defaultDo(url string) {
	req, _ := http.NewRequest(http.MethodGet, url, nil) // want `this request has no context, and http.DefaultClient, which sends it, has no timeout: a slow server`
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

func literalClient(url string) {
	c := &http.Client{}
	resp, err := c.Get(url) // want `c.Get sends a request through a client with no timeout: a slow server blocks this goroutine forever`
	if err == nil {
		resp.Body.Close()
	}
}

func transportWithoutTimeout(url string) {
	c := http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil) // want `context.Background\(\) has no deadline, and c, which sends the request, has no timeout`
	resp, err := c.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

var client = &http.Client{}

func packageClient(url string, body io.Reader) {
	resp, err := client.Post(url, "application/json", body) // want `client.Post sends a request through a client with no timeout`
	if err == nil {
		resp.Body.Close()
	}
}

type notifier struct {
	hc *http.Client
}

func newNotifier() *notifier {
	n := &notifier{}
	n.hc = &http.Client{}
	return n
}

func (n *notifier) notify(url string) {
	ctx := context.WithValue(context.Background(), ctxKey{}, "notify")
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader("{}")) // want `ctx has no deadline, and n.hc, which sends the request, has no timeout`
	resp, err := n.hc.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

type ctxKey struct{}

// clientTimeout sends through a client whose Timeout bounds the whole
// exchange.
func clientTimeout(url string) {
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// headerTimeout sends through a transport that bounds the wait for the
// response headers.
func headerTimeout(url string) {
	c := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 5 * time.Second}}
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	resp, err := c.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// deadlineRequest sends through http.DefaultClient a request whose
// context has a deadline.
func deadlineRequest(url string) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// withContextLater makes the request with http.NewRequest but gives it a
// context with a deadline before sending it.
func withContextLater(url string) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req = req.WithContext(ctx)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// unknownClient sends through a client made elsewhere, which may well
// have a Timeout.
func unknownClient(c *http.Client, url string) {
	resp, err := c.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// customTransport sends through a RoundTripper of the program's own,
// which may bound the exchange.
func customTransport(rt http.RoundTripper, url string) {
	c := &http.Client{Transport: rt}
	resp, err := c.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// buildRequest only builds the request; its caller decides the context
// and the client.
func buildRequest(url string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// timeoutSetLater sets the client's Timeout after building it.
func timeoutSetLater(url string) {
	c := &http.Client{}
	c.Timeout = 5 * time.Second
	resp, err := c.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// callerRequest sends the caller's request, whose context is the caller's
// duty.
func callerRequest(ctx context.Context, url string) { // want callerRequest:`ctxSink\(0:http\.DefaultClient\.Do\)`
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

type poller struct {
	hc *http.Client
}

func newPoller() *poller {
	p := &poller{hc: &http.Client{}}
	p.hc.Timeout = 10 * time.Second
	return p
}

// timeoutSetOnField sends through a client whose Timeout the constructor
// sets after building it.
func (p *poller) timeoutSetOnField(url string) {
	resp, err := p.hc.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// upload sets the request's length: no field but Cancel can end a
// request, so the request is still sent with no context and no timeout.
func upload(url string, body *bytes.Buffer) {
	req, _ := http.NewRequest(http.MethodPut, url, body) // want `this request has no context, and http.DefaultClient, which sends it, has no timeout`
	req.ContentLength = int64(body.Len())
	req.Header.Set("Content-Type", "application/x-tar")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// uploadCancel gives the request a Cancel channel, which ends it.
func uploadCancel(url string, body *bytes.Buffer, done chan struct{}) {
	req, _ := http.NewRequest(http.MethodPut, url, body)
	req.Cancel = done
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// uploadReplaced replaces the whole request with one that carries a
// context: whatever it was made with no longer counts.
func uploadReplaced(ctx context.Context, url string, body *bytes.Buffer) {
	req, _ := http.NewRequest(http.MethodPut, url, body)
	*req = *req.WithContext(ctx)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}
