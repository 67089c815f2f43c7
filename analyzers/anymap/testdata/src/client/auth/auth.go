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
	token := secret.Data["client_token"].(string) // want `secret\.Data \(api\.Secret\.Data, decoded from JSON\): unchecked read of client_token as string panics if missing or differently typed`
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

// datacenter reads the agent's document through the client's result,
// across packages.
func datacenter(c *api.Client) string {
	info, err := c.Self()
	if err != nil {
		return ""
	}
	return info["Config"]["Datacenter"].(string) // want `info decoded into map\[string\]map\[string\]interface\{\}: unchecked read of Config\.Datacenter as string panics if missing or differently typed`
}

// firstMember checks every assertion, to the types JSON produces: an
// unexpected member is skipped, nothing panics. Not reported.
func firstMember(c *api.Client) string {
	members, _ := c.Members()
	for _, m := range members {
		if mm, ok := m.(map[string]interface{}); ok {
			name, _ := mm["Name"].(string)
			return name
		}
	}
	return ""
}

// dump passes the document on untouched.
func dump(c *api.Client) {
	info, _ := c.Self()
	fmt.Println(info)
}

// port reads a map the client filled itself: no fact, not reported.
func port(c *api.Client) float64 {
	d, _ := c.Defaults()
	p, _ := d["port"].(float64)
	return p
}
