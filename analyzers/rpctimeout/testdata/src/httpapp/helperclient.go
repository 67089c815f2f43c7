package httpapp

import (
	"crypto/tls"
	"encoding/json"
	"net/http"
	"time"
)

// newTLSClient builds a client without a timeout around a clone of the
// default transport; its callers' requests can wait forever.
func newTLSClient(cfg *tls.Config) (*http.Client, error) {
	if cfg == nil {
		return nil, errNoConfig
	}
	trans := http.DefaultTransport.(*http.Transport).Clone()
	trans.TLSClientConfig = cfg
	return &http.Client{Transport: trans}, nil
}

type configError struct{}

func (configError) Error() string { return "no TLS config" }

var errNoConfig error = configError{}

func refund(cfg *tls.Config, url string) error {
	client, err := newTLSClient(cfg)
	if err != nil {
		return err
	}
	resp, err := client.Get(url) // want `client.Get sends a request through a client with no timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A helper whose client has a timeout: not reported.
func newTimedClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Second}
}

func fetchTimed(url string) error {
	resp, err := newTimedClient().Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A clone whose ResponseHeaderTimeout is set bounds the wait for the
// response's headers: not reported.
func newHeaderBoundClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = 5 * time.Second
	return &http.Client{Transport: t}
}

func fetchHeaderBound(url string) error {
	resp, err := newHeaderBoundClient().Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A helper that returns a client the caller configured: unknown, not
// reported.
func withTransport(rt http.RoundTripper) *http.Client {
	return &http.Client{Transport: rt}
}

func fetchWith(rt http.RoundTripper, url string) error {
	resp, err := withTransport(rt).Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// An API client whose unexported constructor is only ever given
// http.DefaultClient: its field holds a client without a timeout.
type apiClient struct {
	base string
	hc   *http.Client
}

func newAPIClient(base string, hc *http.Client) *apiClient {
	return &apiClient{base: base, hc: hc}
}

func NewAPIClient(base string) *apiClient {
	return newAPIClient(base, http.DefaultClient)
}

func (a *apiClient) machineInfo() error {
	resp, err := a.hc.Get(a.base + "/machine") // want `a.hc.Get sends a request through a client with no timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The same constructor given the caller's client on one call: unknown,
// not reported.
type cfgClient struct{ hc *http.Client }

func newCfgClient(hc *http.Client) *cfgClient { return &cfgClient{hc: hc} }

func NewCfgClient(hc *http.Client) *cfgClient { return newCfgClient(hc) }

func DefaultCfgClient() *cfgClient { return newCfgClient(http.DefaultClient) }

func (c *cfgClient) status(url string) error {
	resp, err := c.hc.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type event struct{ Kind string }

// An event stream: the response is decoded item by item, each handed on,
// until the server ends it. Meant to stay open: not reported.
func (a *apiClient) events(out chan<- *event) error {
	req, err := http.NewRequest("GET", a.base+"/events?stream=true", nil)
	if err != nil {
		return err
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	for {
		e := &event{}
		if err := dec.Decode(e); err != nil {
			return err
		}
		out <- e
	}
}

// One document decoded from the response: reported.
func (a *apiClient) info(v any) error {
	req, err := http.NewRequest("GET", a.base+"/info", nil) // want `this request has no context, and a.hc, which sends it, has no timeout`
	if err != nil {
		return err
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}
