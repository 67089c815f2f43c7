// Package auth uses the client library's response type: Data is known to
// hold decoded JSON through a fact on the field.
package auth

import (
	"fmt"

	"client/api"
)

func Login(c *api.Client) (string, error) {
	secret, err := c.Read("auth/login")
	if err != nil {
		return "", err
	}
	token := secret.Data["client_token"].(string) // want `secret.Data \(api.Secret.Data, decoded from JSON into map\[string\]interface\{\}\) is read as client_token string, lease float64, and a missing or differently typed client_token panics \(unchecked assertion\): decode it into a struct with those fields`
	if lease, ok := secret.Data["lease"].(float64); ok {
		fmt.Println(lease)
	}
	return token, nil
}

// show prints the payload of a response: passed through, never asserted.
func show(s *api.Secret) {
	for k, v := range s.Data {
		fmt.Println(k, v)
	}
}

// mount reads the Data of a request it builds: the client's own map.
func mount(req *api.WriteRequest) string {
	return req.Data["mount"].(string)
}
