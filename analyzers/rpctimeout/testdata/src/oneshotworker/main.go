// Command oneshotworker serves: every request of the program is judged.
package main

import "net/http"

func ready() error {
	resp, err := http.Get("http://localhost:9000/ready") // want `http.Get uses http.DefaultClient, which has no timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func main() {
	_ = ready()
	_ = http.ListenAndServe(":8080", nil)
}
