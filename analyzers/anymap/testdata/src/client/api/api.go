// Package api is a client library whose response type carries the
// endpoint's payload in a Data map (the shape of Vault's api.Secret).
package api

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

type Secret struct {
	RequestID string                 `json:"request_id"`
	Data      map[string]interface{} `json:"data"` // want Data:"decoded from JSON"
	Warnings  []string               `json:"warnings"`
}

// WriteRequest is what the client sends: it builds Data itself and never
// decodes into it.
type WriteRequest struct {
	Path string
	Data map[string]interface{}
}

func ParseSecret(r io.Reader) (*Secret, error) {
	var secret Secret
	if err := json.NewDecoder(r).Decode(&secret); err != nil {
		return nil, err
	}
	return &secret, nil
}

type Client struct{ body string }

func (c *Client) Read(path string) (*Secret, error) {
	return ParseSecret(strings.NewReader(c.body))
}

func (c *Client) Unwrap(token string) (*Secret, error) {
	secret, err := c.Read("sys/wrapping/unwrap")
	if err != nil {
		return nil, err
	}
	wrapped := secret.Data["response"].(string) // want `secret.Data \(Secret.Data, decoded from JSON into map\[string\]interface\{\}\) is read as response string, and a missing or differently typed response panics \(unchecked assertion\): decode it into a struct with those fields`
	return ParseSecret(strings.NewReader(wrapped))
}

// Payload returns the data of a secret only after checking that it is
// there: the Data map is passed on, not read by key.
func (s *Secret) Payload() (map[string]interface{}, error) {
	if s == nil || s.Data == nil {
		return nil, fmt.Errorf("no data")
	}
	return s.Data, nil
}

// mountOf reads the request the client builds itself: no JSON decoded.
func mountOf(req *WriteRequest) string {
	return req.Data["mount"].(string)
}
