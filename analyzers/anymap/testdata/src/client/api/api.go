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
	wrapped := secret.Data["response"].(string) // want `secret\.Data \(Secret\.Data, decoded from JSON\): unchecked read of response as string panics if missing or differently typed`
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

// Self decodes the agent's sectioned document and returns it as it is.
func (c *Client) Self() (map[string]map[string]interface{}, error) { // want Self:"returns decoded JSON at 0"
	var out map[string]map[string]interface{}
	if err := json.NewDecoder(strings.NewReader(c.body)).Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

// Members returns decoded JSON through a helper of this package.
func (c *Client) Members() ([]interface{}, error) { // want Members:"returns decoded JSON at 0"
	var out []interface{}
	err := json.Unmarshal([]byte(c.body), &out)
	return out, err
}

// nodeName reads the document in the package itself.
func (c *Client) nodeName() string {
	info, err := c.Self()
	if err != nil {
		return ""
	}
	return info["Config"]["NodeName"].(string) // want `info decoded into map\[string\]map\[string\]interface\{\}: unchecked read of Config\.NodeName as string panics if missing or differently typed`
}

// Defaults returns a map it fills itself after decoding: not decoded JSON
// as it is.
func (c *Client) Defaults() (map[string]interface{}, error) {
	var out map[string]interface{}
	if err := json.Unmarshal([]byte(c.body), &out); err != nil {
		out = map[string]interface{}{"port": 8500}
	}
	return out, nil
}
