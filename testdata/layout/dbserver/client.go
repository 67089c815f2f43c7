// Production: the package's client, beside its test harness.
package dbserver

import "net/http"

// Ping is the package's production API.
func Ping(url string) error {
	return ping(url)
}

// ping is called by Ping, production code, and by the harness too:
// production.
func ping(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
