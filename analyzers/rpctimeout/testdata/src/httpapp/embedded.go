package httpapp

import (
	"bytes"
	"net/http"
	"time"
)

// Transport embeds the client it sends through, as an error reporter's
// transport does: t.Do is t.Client.Do.
type Transport struct {
	*http.Client
}

func newTransport() *Transport {
	return &Transport{Client: &http.Client{Transport: &http.Transport{}}}
}

func (t *Transport) Send(url string, body []byte) error {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body)) // want `this request has no context, and t.Client, which sends it, has no timeout`
	if err != nil {
		return err
	}
	resp, err := t.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Correct: the embedded client has a timeout.
type BoundedTransport struct {
	*http.Client
}

func newBoundedTransport() *BoundedTransport {
	return &BoundedTransport{Client: &http.Client{Timeout: 30 * time.Second}}
}

func (t *BoundedTransport) Send(url string, body []byte) error {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := t.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var _, _ = newTransport, newBoundedTransport
