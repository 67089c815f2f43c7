// Example: a main under a demos directory at the module's root.
package main

import "net/http"

// Fetch calls a server with no deadline.
func Fetch(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func main() { _ = Fetch("https://example.com/") }
