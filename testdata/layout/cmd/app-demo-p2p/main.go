// Example: a main whose directory's name has the word demo
// (app-demo-p2p): a demonstration program.
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

func main() {
	_ = Fetch("http://localhost:8080/")
}
