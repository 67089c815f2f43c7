// Tooling: a main under cmd/dev, a maintainer's developer tool that tails
// a local instance's events.
package main

import (
	"io"
	"net/http"
	"os"
)

// Tail calls a server with no deadline.
func Tail(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(os.Stdout, resp.Body)
	return err
}

func main() {
	_ = Tail("http://localhost:8384/rest/events")
}
