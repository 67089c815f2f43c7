// Benchmark: a main whose directory's name has the word bench (app-bench):
// a load generator.
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
	for i := 0; i < 100; i++ {
		_ = Fetch("http://localhost:8080/")
	}
}
