// Test support: functions that only the harness in harness.go uses.
package dbserver

import "net/http"

// waitReady is called only by Start, the harness.
func waitReady(url string) error {
	return probe(url)
}

// probe is called only by waitReady.
func probe(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
